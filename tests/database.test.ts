import Database from 'better-sqlite3';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, openDatabase } from '../src/store/database.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { tempDir } from './helpers/store.js';

let cleanup = () => {};
afterEach(() => cleanup());
const dir = () => {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
};

describe('database', () => {
  it('creates the file and its folder, in WAL mode, at the newest schema', () => {
    const path = join(dir(), 'nested', 'journal.db');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const strict = db
      .prepare(`SELECT strict FROM pragma_table_list WHERE name = 'essays'`)
      .get() as { strict: number };
    expect(strict.strict).toBe(1);
    db.close();
  });

  it('upgrades a database from the first schema, keeping its essays', () => {
    const path = join(dir(), 'old.db');
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!.sql);
    old.pragma('user_version = 1');
    old
      .prepare(
        `INSERT INTO essays (body, written_on, source, content_hash, created_at, updated_at) VALUES ('旧文', '2020-01-01', 'x', 'h', 't', 't')`,
      )
      .run();
    old.close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT body FROM essays').pluck().all()).toEqual(['旧文']);
    db.close();
  });

  it("keeps every server's post records through migration 11, which rebuilds their table to allow 'paused'", () => {
    const path = join(dir(), 'v10.db');
    const old = new Database(path);
    for (const m of MIGRATIONS.slice(0, 10)) old.exec(m.sql);
    old.pragma('user_version = 10');
    old.exec(`
      INSERT INTO guild_settings (guild_id, channel_id, post_time, time_zone, language, starts_on, updated_at)
        VALUES ('g', 'c', '09:00', 'UTC', 'en-US', '2026-01-01', 't');
      INSERT INTO anniversary_posts (guild_id, local_date, status, channel_id, nonce, message_id, claimed_at, finished_at)
        VALUES ('g', '2026-11-01', 'sent', 'c', 'n', 'm1', 't', 't');
    `);
    const before = old.prepare('SELECT * FROM anniversary_posts').all();
    old.close();
    const db = openDatabase(path);
    expect(db.prepare('SELECT * FROM anniversary_posts').all()).toEqual(before);
    db.prepare(
      `INSERT INTO anniversary_posts (guild_id, local_date, status, channel_id, nonce, claimed_at) VALUES ('g', '2026-11-02', 'paused', 'c', 'n2', 't')`,
    ).run();
    // The foreign key survived the rebuild: a server's records go with it.
    db.prepare(`DELETE FROM guild_settings WHERE guild_id = 'g'`).run();
    expect(db.prepare('SELECT count(*) FROM anniversary_posts').pluck().get()).toBe(0);
    db.close();
  });

  it('rolls a failing migration back together with user_version', () => {
    const db = new Database(':memory:');
    expect(() =>
      db.transaction(() => {
        db.exec('CREATE TABLE t (x INTEGER) STRICT;');
        db.pragma('user_version = 7');
        db.exec('THIS IS NOT SQL');
      })(),
    ).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 't'`).pluck().get()).toBe(0);
  });

  it('refuses a database from a newer version without touching it', () => {
    const path = join(dir(), 'newer.db');
    const newer = new Database(path);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(/newer journal-bot/u);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite without touching it', () => {
    const path = join(dir(), 'notes.db');
    writeFileSync(path, '这不是数据库\n'.repeat(20));
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(/is not a SQLite database/u);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a read-only database file without touching it', () => {
    const path = join(dir(), 'ro.db');
    openDatabase(path).close();
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(/not writable/u);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
