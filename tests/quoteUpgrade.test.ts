/**
 * Upgrading a journal written by the first release (schema 7: quotes stored
 * as text with a second search index) to quote spans: nothing is lost.
 *
 * tests/fixtures/release1.sql is the database the release at commit 9069e27
 * built (essays from data/essays and four more: one with emoji before its
 * second sentence, one hidden, one in the trash; three curated quotes, one
 * saved from a message, one tied to the hidden essay; a no-repeat history in
 * two scopes; a server's settings), dumped as SQL so that no database file is
 * committed. Each test builds a fresh file from it.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.js';
import { extractQuotes } from '../src/journal/quotes.js';
import { SCHEMA_VERSION } from '../src/store/database.js';
import { openStore, type Store } from '../src/store/index.js';
import { tempDir } from './helpers/store.js';

const FIXTURE = readFileSync('tests/fixtures/release1.sql', 'utf8');
const clock = fixedClock('2026-12-02T08:00:00Z');

let cleanup = () => {};
afterEach(() => {
  cleanup();
  cleanup = () => {};
});

type Row = Record<string, unknown>;

/** What the old release stored, read without this code touching the file. */
function readRelease(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all() as Row[];
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      essays: all('SELECT * FROM essays ORDER BY id'),
      sources: all('SELECT * FROM essay_sources ORDER BY path'),
      trash: all('SELECT * FROM trash ORDER BY essay_id'),
      curated: all('SELECT * FROM curated_quotes ORDER BY id'),
      history: all('SELECT * FROM quote_history ORDER BY scope, seq'),
      guilds: all('SELECT * FROM guild_settings ORDER BY guild_id'),
      posts: all('SELECT * FROM anniversary_posts ORDER BY guild_id, local_date'),
      oldQuotes: all('SELECT essay_id, start_offset, text, quote_key FROM essay_quotes'),
    };
  } finally {
    db.close();
  }
}

function upgraded(): { store: Store; before: ReturnType<typeof readRelease> } {
  const t = tempDir('journal-upgrade-');
  const path = join(t.dir, 'journal.db');
  const build = new Database(path);
  // A dump writes the FTS5 tables' rows into sqlite_schema, which defensive mode forbids.
  build.unsafeMode(true);
  build.exec(FIXTURE);
  build.close();
  const before = readRelease(path);
  const store = openStore(path, clock);
  cleanup = () => {
    store.close();
    t.cleanup();
  };
  return { store, before };
}

const rows = (store: Store, sql: string) => store.db.prepare(sql).all() as Row[];

describe('opening a first-release journal', () => {
  it('is the schema this code expects, with the old quote tables gone', () => {
    const { store, before } = upgraded();
    expect(before.version).toBe(7);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = rows(store, `SELECT name FROM sqlite_schema WHERE type = 'table'`).map(
      (r) => r.name,
    );
    expect(tables).toContain('quote_spans');
    expect(tables).not.toContain('essay_quotes');
    expect(tables.filter((n) => String(n).startsWith('essay_quote_search'))).toEqual([]);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps every essay, file link, trashed essay and server setting as it was', () => {
    const { store, before } = upgraded();
    // Content warnings came later: every first-release essay has none.
    expect(rows(store, 'SELECT * FROM essays ORDER BY id')).toEqual(
      before.essays.map((e) => ({ ...e, warning: null })),
    );
    expect(rows(store, 'SELECT * FROM essay_sources ORDER BY path')).toEqual(before.sources);
    expect(rows(store, 'SELECT * FROM trash ORDER BY essay_id')).toEqual(before.trash);
    // Migration 11 adds the pause (none yet) and rebuilds the post table with the same rows.
    expect(rows(store, 'SELECT * FROM guild_settings ORDER BY guild_id')).toEqual(
      before.guilds.map((g) => ({ ...(g as object), paused_until: null })),
    );
    expect(rows(store, 'SELECT * FROM anniversary_posts ORDER BY guild_id, local_date')).toEqual(
      before.posts,
    );
    expect(before.essays).toHaveLength(4);
  });

  it('keeps every curated quote, link and saver; their message time is unknown', () => {
    const { store, before } = upgraded();
    expect(before.curated).toHaveLength(3);
    expect(rows(store, 'SELECT * FROM curated_quotes ORDER BY id')).toEqual(
      before.curated.map((q) => ({ ...q, message_sent_at: null })),
    );
    const fromMessage = store.quotes.curated.byMessage('500000000000000001')!;
    expect(fromMessage.message).toMatchObject({ authorId: '400000000000000001', sentAt: null });
  });

  it('offers the same sentences as before, as spans whose text is read from the essay', () => {
    const { store, before } = upgraded();
    const visible = store.essays.all();
    const texts = visible.flatMap((e) => store.quotes.forEssay(e.id).map((q) => q.text));
    expect(texts.sort()).toEqual(before.oldQuotes.map((q) => q.text as string).sort());
    for (const essay of visible)
      expect(store.quotes.forEssay(essay.id).map((q) => q.text)).toEqual(
        extractQuotes(essay.body).map((q) => q.text),
      );
    const hidden = store.essays.all({ includeHidden: true }).find((e) => e.hidden)!;
    expect(store.quotes.forEssay(hidden.id)).toEqual([]);
    expect(store.quotes.poolSize()).toBe(before.oldQuotes.length + 2);
    expect(store.quotes.search('玉兰').quotes.map((q) => q.text)).toEqual([
      '春天终于来了,楼下的玉兰一夜之间全开了。',
    ]);
  });

  it('keeps the no-repeat history, renaming keys that counted UTF-16 units to count characters', () => {
    const { store, before } = upgraded();
    const emoji = store.essays.all().find((e) => e.title === '表情')!;
    const [first, second] = store.quotes.forEssay(emoji.id);
    const oldSecond = before.oldQuotes.find(
      (q) => q.essay_id === emoji.id && q.start_offset !== 0,
    )!;
    // Two emoji before the second sentence: two UTF-16 units more than characters.
    expect(oldSecond.quote_key).toBe(`${emoji.id}:${second!.start + 2}`);
    const rename = (key: unknown) => (key === oldSecond.quote_key ? second!.key : key);
    expect(rows(store, 'SELECT * FROM quote_history ORDER BY scope, seq')).toEqual(
      before.history.map((h) => ({ ...h, quote_key: rename(h.quote_key) })),
    );
    expect(store.quotes.recentlyShown('200000000000000001', 'extracted')).toEqual(
      expect.arrayContaining([first!.key, second!.key]),
    );
  });
});
