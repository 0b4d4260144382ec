/**
 * `journal import` of 5,000 files, killed mid-run: SIGTERM and SIGKILL land
 * while the import's one transaction is being written (the WAL is growing).
 * The database then holds all of the run or none of it, passes SQLite's
 * integrity check, and a rerun finishes the job without duplicates.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../fakeDiscord/index.js';
import { runJournal } from '../helpers/run.js';
import { tempDir } from '../helpers/store.js';
import { writeCorpus } from '../reliability/corpus.js';

const FILES = 5000;
const t = tempDir('journal-import-kill-');
const corpus = join(t.dir, 'corpus');

beforeAll(() => {
  writeCorpus(corpus, FILES, 1500);
});
afterAll(() => t.cleanup());

/** `journal import` as one node process (no tsx launcher in between), so the signal reaches the importer itself. */
function startImport(db: string): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'import', corpus, '--db', db],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

function inspect(db: string) {
  const conn = new Database(db, { readonly: true });
  try {
    return {
      integrity: conn.pragma('integrity_check', { simple: true }) as string,
      essays: conn.prepare('SELECT count(*) FROM essays').pluck().get() as number,
      sources: conn.prepare('SELECT count(*) FROM essay_sources').pluck().get() as number,
      distinctTexts: conn
        .prepare('SELECT count(DISTINCT content_hash) FROM essays')
        .pluck()
        .get() as number,
    };
  } finally {
    conn.close();
  }
}

describe.each(['SIGTERM', 'SIGKILL'] as const)('%s during an import of 5,000 files', (signal) => {
  it('leaves all of it or none of it, a sound database, and a rerun that finishes it without duplicates', async () => {
    const db = join(t.dir, `${signal}.db`);
    const run = startImport(db);
    // Mid-transaction: the files are read, and the pages of the one write transaction are spilling into the WAL.
    await waitFor(
      () => existsSync(`${db}-wal`) && statSync(`${db}-wal`).size > 2 * 1024 * 1024,
      240_000,
      `the import never got to writing:\n${run.output()}`,
    );
    run.child.kill(signal);
    const exit = await run.exited;
    expect(exit.signal, run.output()).toBe(signal);
    expect(run.output()).not.toMatch(/5000 files:/u);

    const after = inspect(db);
    console.log(
      `${signal} mid-import: database ${after.integrity}, holding ${after.essays} of ${FILES} essays`,
    );
    expect(after.integrity).toBe('ok');
    expect([0, FILES]).toContain(after.essays);
    expect(after.sources).toBe(after.essays);

    const rerun = await runJournal(['import', corpus, '--db', db], { timeoutMs: 240_000 });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(
      new RegExp(
        `${FILES} read: ${FILES - after.essays} added, 0 updated, ${after.essays} unchanged, 0 duplicate, 0 skipped, 0 refused`,
        'u',
      ),
    );
    expect(inspect(db)).toEqual({
      integrity: 'ok',
      essays: FILES,
      sources: FILES,
      distinctTexts: FILES,
    });
  });
});
