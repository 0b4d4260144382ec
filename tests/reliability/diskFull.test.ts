/**
 * A disk that fills up mid-write (SQLITE_FULL, simulated with a tiny
 * `max_page_count` on the live connection): one clear sentence, and the
 * journal exactly as it was before the write began.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { UserFacingError } from '../../src/errors.js';
import { errorText } from '../../src/commands/errorText.js';
import { importPaths } from '../../src/import/importFiles.js';
import { silentLogger } from '../../src/logger.js';
import { storageFailure } from '../../src/store/storageError.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runComponent } from '../../src/commands/index.js';
import { tempDir } from '../helpers/store.js';
import { handlerContext, outcome } from '../helpers/handlers.js';
import { runJournal } from '../helpers/run.js';
import { writeCorpus } from './corpus.js';

const clock = fixedClock('2026-11-29T07:30:00Z');
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function fileStore(): { store: Store; dir: string } {
  const t = tempDir('journal-full-');
  const store = openStore(join(t.dir, 'journal.db'), clock);
  cleanups.push(() => {
    if (store.db.open) store.close();
    t.cleanup();
  });
  return { store, dir: t.dir };
}

/** Lets the database grow by only `pages` more pages, as if the disk were nearly full. */
function fillDiskAfter(store: Store, pages: number): void {
  const used = store.db.pragma('page_count', { simple: true }) as number;
  store.db.pragma(`max_page_count = ${used + pages}`);
}

/**
 * Leaves room for the essay row of `body` and nothing more, so the write
 * fails in a later statement (an index or the quotes), not the first one;
 * returns how many essay rows were written while the limit held.
 */
function fillDiskAfterEssayRow(store: Store, body: string): () => number {
  const used = store.db.pragma('page_count', { simple: true }) as number;
  // Measured inside a transaction that is rolled back: how many pages the row alone takes.
  store.db.exec('SAVEPOINT measure');
  store.db
    .prepare(
      `INSERT INTO essays (title, body, written_on, source, content_hash, created_at, updated_at) VALUES ('m', ?, '2021-01-01', 'm', 'm', 'm', 'm')`,
    )
    .run(body);
  const rowPages = (store.db.pragma('page_count', { simple: true }) as number) - used;
  store.db.exec('ROLLBACK TO measure; RELEASE measure');
  store.db.pragma(`max_page_count = ${used + rowPages}`);
  let written = 0;
  store.db.function('essay_row_written', () => {
    written++;
    return 0;
  });
  store.db.exec(
    `CREATE TEMP TRIGGER IF NOT EXISTS essay_row_seen AFTER INSERT ON main.essays BEGIN SELECT essay_row_written(); END`,
  );
  return () => written;
}

function counts(store: Store) {
  const n = (sql: string) => store.db.prepare(sql).pluck().get() as number;
  return {
    essays: n('SELECT count(*) FROM essays'),
    sources: n('SELECT count(*) FROM essay_sources'),
    quotes: n('SELECT count(*) FROM quote_spans'),
    searchHits: store.search.search('热爱', { includeHidden: true, limit: 100, offset: 0 }).total,
  };
}

const bigBody = (seed: string) =>
  `${seed}。${'热爱是一种能力,也是一种不断给自己设立目标的动力。我们在路上。'.repeat(400)}`;

/** Text of many different characters in sentences: a search index as large as a real essay's. */
const variedBody = (chars: number) =>
  Array.from({ length: chars }, (_, i) =>
    i % 20 === 19 ? '。' : String.fromCodePoint(0x4e00 + ((i * 7919) % 20000)),
  ).join('');

describe('the disk fills up during a write', () => {
  it('an essay insert fails with SQLITE_FULL and leaves no partial essay, index row or quote behind', () => {
    const { store } = fileStore();
    store.essays.insert(
      { title: '之前', body: '热爱之前的一篇。', date: '2020-01-01', place: null, tags: [] },
      'discord',
    );
    const before = counts(store);
    const essayRows = fillDiskAfterEssayRow(store, bigBody('大'));
    let thrown: unknown;
    try {
      store.essays.insert(
        { title: '大的一篇', body: bigBody('大'), date: '2021-01-01', place: null, tags: ['满'] },
        'discord',
      );
    } catch (err) {
      thrown = err;
    }
    expect((thrown as { code?: string }).code).toBe('SQLITE_FULL');
    // The essay row itself was written: the disk ran out in a later statement of the same write.
    expect(essayRows()).toBe(1);
    expect(counts(store)).toEqual(before);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Room again: the same write now succeeds, and nothing from the failed attempt lingers.
    store.db.pragma('max_page_count = 1073741823');
    store.essays.insert(
      { title: '大的一篇', body: bigBody('大'), date: '2021-01-01', place: null, tags: ['满'] },
      'discord',
    );
    expect(counts(store).essays).toBe(before.essays + 1);
  });

  it('is turned into one clear sentence, in both languages, for every front end', () => {
    const { store } = fileStore();
    fillDiskAfter(store, 1);
    let thrown: unknown;
    try {
      store.essays.insert(
        { title: null, body: bigBody('满'), date: '2021-01-01', place: null, tags: [] },
        'discord',
      );
    } catch (err) {
      thrown = err;
    }
    const failure = storageFailure(thrown);
    expect(failure).toBeInstanceOf(UserFacingError);
    expect(failure!.message).toMatch(/disk is full/u);
    expect(failure!.message).not.toContain('\n');
    const logged: unknown[] = [];
    const logger = {
      ...silentLogger,
      error: (o: unknown) => logged.push(o),
      warn: () => {},
    } as unknown as typeof silentLogger;
    expect(errorText(thrown, 'en-US', logger, 'test')).toMatch(/disk .*full/iu);
    expect(errorText(thrown, 'zh-CN', logger, 'test')).toMatch(/磁盘/u);
    // The operator still hears about it.
    expect(logged).toHaveLength(2);
  });

  it('an import of many files that runs out of room imports none of them, and a rerun with room imports all', () => {
    const { store, dir } = fileStore();
    const files = join(dir, 'files');
    writeCorpus(files, 200, 1500);
    fillDiskAfter(store, 60);
    expect(() => importPaths(store, [files])).toThrow(
      expect.objectContaining({ code: 'SQLITE_FULL' }),
    );
    expect(counts(store)).toMatchObject({ essays: 0, sources: 0, quotes: 0 });
    store.db.pragma('max_page_count = 1073741823');
    const results = importPaths(store, [files]);
    expect(results.filter((r) => r.status === 'added')).toHaveLength(200);
    expect(counts(store).essays).toBe(200);
  });

  it('a Discord form submit (/essay add) that hits a full disk answers with the sentence and saves nothing', async () => {
    const { store } = fileStore();
    const body = `热爱。${variedBody(3800)}`;
    const essayRows = fillDiskAfterEssayRow(store, body);
    const ctx = handlerContext(store);
    const form = {
      title: '满了',
      body,
      when: '2026-11-29',
    };
    const seen = await outcome(() => runComponent(ctx, 'write:add:2026-11-29', form));
    expect(seen.error).toMatch(/disk .*full/iu);
    expect(essayRows()).toBe(1);
    expect(counts(store)).toMatchObject({ essays: 0, quotes: 0, searchHits: 0 });
  });
});

describe('the journal file itself', () => {
  it('journal import while another program holds the write lock: one line, exit 1, nothing imported', async () => {
    const { store, dir } = fileStore();
    const files = join(dir, 'files');
    writeCorpus(files, 3);
    store.db.exec('BEGIN IMMEDIATE');
    try {
      const r = await runJournal(['import', files, '--db', join(dir, 'journal.db')]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([
        'journal import: another program is writing to the journal right now: nothing was saved; try again in a moment',
      ]);
    } finally {
      store.db.exec('ROLLBACK');
    }
    expect(counts(store).essays).toBe(0);
  });

  it('a write to a database whose file became read-only is one clear sentence', () => {
    const { store } = fileStore();
    store.db.pragma('query_only = 1');
    let thrown: unknown;
    try {
      store.essays.insert(
        { title: null, body: '只读', date: '2021-01-01', place: null, tags: [] },
        'discord',
      );
    } catch (err) {
      thrown = err;
    }
    expect(storageFailure(thrown)?.message).toMatch(/read-only|cannot be written/u);
  });
});
