/**
 * `journal import` of other tools' journals and `journal export --format
 * dayone`, as a user runs them: real processes, a real database file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/command.js';
import { createProgress, progressLine } from '../src/cli/progress.js';
import { dayOneZip, jrnlExport, writeObsidianVault } from './helpers/journalExports.js';
import { runJournal } from './helpers/run.js';
import { tempDir } from './helpers/store.js';

const t = tempDir('journal-import-cli-');
afterAll(() => t.cleanup());
const db = join(t.dir, 'journal.db');
const env = { JOURNAL_DB: db, JOURNAL_TIMEZONE: 'Asia/Shanghai', JOURNAL_DIR: join(t.dir, 'none') };
const sha = (path: string) =>
  existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;

describe('journal import of other journals', () => {
  it('prints in a dry run exactly what the import then prints, and writes nothing', async () => {
    const vault = writeObsidianVault(join(t.dir, 'vault'));
    const zip = join(t.dir, 'Export.zip');
    writeFileSync(zip, await dayOneZip());
    const jrnl = join(t.dir, 'jrnl.json');
    writeFileSync(jrnl, JSON.stringify(jrnlExport()));

    // Against a journal that does not exist yet, a dry run does not create it.
    const dry = await runJournal(['import', '--dry-run', vault, zip, jrnl], { env });
    expect(existsSync(db)).toBe(false);
    expect(dry.stderr).toMatch(/dry run: nothing was written/u);

    const real = await runJournal(['import', vault, zip, jrnl], { env });
    expect(real.stdout).toBe(dry.stdout);
    expect(real.stderr).toBe(dry.stderr.replace('dry run: nothing was written\n', ''));
    expect(real.code).toBe(1); // the vault's impossible 2023-02-29
    expect(dry.code).toBe(1);
    expect(real.stdout).toMatch(
      /^17 read: 12 added, 0 updated, 0 unchanged, 0 duplicate, 4 skipped, 1 refused; 3 photos not imported$/mu,
    );
    expect(real.stderr).toMatch(
      /^refused: .*2023-02-29\.md — impossible date 2023-02-29 in the file name$/mu,
    );
    expect(real.stdout).not.toMatch(/\r|\u001b\[/u); // piped: no progress bar

    const before = sha(db);
    const again = await runJournal(['import', '--dry-run', '--json', vault, zip, jrnl], { env });
    expect(sha(db)).toBe(before);
    const doc = JSON.parse(again.stdout);
    expect(doc).toMatchObject({ dryRun: true, photosNotImported: 3 });
    expect(doc.totals).toMatchObject({ added: 0, unchanged: 12, skipped: 4, refused: 1 });
    expect(doc.results).toHaveLength(17);
    expect(doc.results[0]).toEqual(
      expect.objectContaining({ path: expect.any(String), status: expect.any(String) }),
    );
  });

  it('exports the journal for Day One, and importing that export back changes nothing', async () => {
    const out = join(t.dir, 'leaving', 'dayone.zip');
    const exported = await runJournal(['export', '--format', 'dayone', '--out', out], { env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^exported 12 essays \(0 hidden\) to .*dayone\.zip$/mu);
    const back = await runJournal(['import', '--json', out], { env });
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout).totals).toMatchObject({ added: 0, updated: 0, unchanged: 12 });
    const twice = await runJournal(['export', '--format', 'dayone', '--out', out], { env });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already exists/u);
  });

  it('refuses an unknown --from with one line', async () => {
    const r = await runJournal(['import', '--from', 'evernote', t.dir], { env });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'journal import: --from must be one of obsidian, logseq, dayone, jrnl, files, got "evernote"',
    );
  });
});

describe('the progress counter', () => {
  function io(status?: (text: string) => void): CliIO {
    return { out: () => {}, err: () => {}, isTTY: true, ...(status ? { status } : {}) };
  }

  it('counts on a terminal past 200 items, redrawing at most once a percent, and clears itself', () => {
    const lines: string[] = [];
    const progress = createProgress(
      io((l) => lines.push(l)),
      false,
    )!;
    for (let i = 1; i <= 1000; i++) progress.update('importing', i, 1000);
    progress.done();
    expect(lines.length).toBe(101);
    expect(lines[0]).toBe(progressLine('importing', 10, 1000));
    expect(lines.at(-2)).toBe('importing [########################] 1000/1000');
    expect(lines.at(-1)).toBe('');
  });

  it('stays silent for small imports, with --json, and when stderr is not a terminal', () => {
    const lines: string[] = [];
    const small = createProgress(
      io((l) => lines.push(l)),
      false,
    )!;
    for (let i = 1; i <= 200; i++) small.update('reading', i, 200);
    small.done();
    expect(lines).toEqual([]);
    expect(
      createProgress(
        io((l) => lines.push(l)),
        true,
      ),
    ).toBeUndefined();
    expect(createProgress(io(), false)).toBeUndefined();
  });
});
