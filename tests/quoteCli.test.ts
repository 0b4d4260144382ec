/**
 * `journal quote` as a user runs it, on a temporary copy of the shipped
 * journal. The done-when check of the quotes issue: 20 calls, 20 different
 * whole sentences, each attributed. The first and last calls are real
 * processes; the ones between run the same command in-process (a process
 * costs seconds here), each opening the database afresh as a process would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import type { CliContext } from '../src/cli/command.js';
import { quoteCommand } from '../src/cli/quoteCommand.js';
import { importPaths } from '../src/import/importFiles.js';
import { parseEssayText } from '../src/journal/essayFile.js';
import { extractQuotes } from '../src/journal/quotes.js';
import { openStore, type Store } from '../src/store/index.js';
import { runJournal } from './helpers/run.js';
import { tempDir } from './helpers/store.js';

const SEED = 'data/essays/000_ef05097fed792a6c.txt';
const t = tempDir('journal-quote-cli-');
afterAll(() => t.cleanup());

interface QuoteJson {
  text: string;
  essay: { id: number; title: string | null; date: string; place: string | null; tags: string[] };
  attribution: string;
  kind: string;
}

/** `journal quote --json --db PATH` without a new process: stdout of one run. */
async function quoteInProcess(dbPath: string): Promise<string> {
  const out: string[] = [];
  let store: Store | undefined;
  const ctx: CliContext = {
    config: parseConfig({ JOURNAL_DIR: 'data/essays' }),
    clock: systemClock,
    io: { out: (text) => out.push(text), err: (text) => out.push(`stderr: ${text}`), isTTY: false },
    json: true,
    dbPath,
    store: () => (store ??= openStore(dbPath, systemClock)),
  };
  try {
    expect(await quoteCommand.run(ctx, { values: { json: true }, positionals: [] })).toBe(0);
  } finally {
    store?.close();
  }
  return out.join('\n');
}

describe('journal quote', () => {
  it('gives 20 different whole sentences of the shipped journal in 20 calls, each with its essay', async () => {
    const db = join(t.dir, 'journal.db');
    const importer = openStore(db, systemClock);
    importPaths(importer, ['data/essays']);
    importer.close();
    const body = parseEssayText(readFileSync(SEED, 'utf8')).body;
    const sentences = new Set(extractQuotes(body).map((q) => q.text));

    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      // The no-repeat window lives in the database, so it holds across processes.
      let stdout: string;
      if (i === 0 || i === 19) {
        const r = await runJournal(['quote', '--json', '--db', db], {
          env: { JOURNAL_DIR: 'data/essays' },
        });
        expect(r.code, r.stderr).toBe(0);
        stdout = r.stdout;
      } else {
        stdout = await quoteInProcess(db);
      }
      const quote = JSON.parse(stdout) as QuoteJson;
      expect(sentences.has(quote.text), quote.text).toBe(true);
      expect(body).toContain(quote.text);
      expect(quote.essay).toMatchObject({
        id: 1,
        date: '2025-11-01',
        place: '横跨太平洋飞往北京的波音777上',
        tags: [],
      });
      expect(quote.attribution).toMatch(/ · 2025-11-01 · 横跨太平洋飞往北京的波音777上$/u);
      expect(quote.kind).toBe('extracted');
      seen.push(quote.text);
    }
    expect(new Set(seen).size).toBe(20);
  }, 60_000);

  it('prints the sentence and its attribution as text, and says so when there are no quotes', async () => {
    const db = join(t.dir, 'text.db');
    const empty = await runJournal(['quote'], {
      env: { JOURNAL_DB: db, JOURNAL_DIR: join(t.dir, 'no-such-folder') },
    });
    expect(empty.code).toBe(1);
    expect(empty.stdout).toBe('');
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
    expect(empty.stderr).toMatch(/no quotes yet/u);

    // The journal folder (JOURNAL_DIR, by default the shipped data/essays) is synced first.
    const r = await runJournal(['quote'], { env: { JOURNAL_DB: db, JOURNAL_DIR: 'data/essays' } });
    expect(r.code, r.stderr).toBe(0);
    const [text, source] = r.stdout.trimEnd().split('\n');
    expect(readFileSync(SEED, 'utf8')).toContain(text);
    expect(source).toMatch(/^ {4}— .+ · 2025-11-01 · 横跨太平洋飞往北京的波音777上$/u);
  }, 30_000);
});
