/**
 * Databases the programs must refuse, as real processes: `journal` and
 * `npm start` (src/index.ts) each say so in one line, exit non-zero, leave
 * the file byte-for-byte as it was (no -wal or -shm beside it), and the bot
 * contacts no one. tests/database.test.ts covers openDatabase itself.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, openDatabase } from '../../src/store/database.js';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord/index.js';
import { runEntry, runJournal, type RunResult } from '../helpers/run.js';
import { tempDir } from '../helpers/store.js';

const t = tempDir('journal-baddb-');
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake.close();
  t.cleanup();
});

interface BadFile {
  name: string;
  make(path: string): void;
  says: RegExp;
}

const BAD_FILES: BadFile[] = [
  {
    name: 'a file that is not SQLite',
    make: (path) => writeFileSync(path, '这不是数据库,而是一篇笔记。\n'.repeat(50)),
    says: /is not a SQLite database; refusing to open it \(the file was not changed\)/u,
  },
  {
    name: 'a database from a newer journal-bot',
    make: (path) => {
      openDatabase(path).close();
      const db = new Database(path);
      db.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
      db.pragma('journal_mode = DELETE');
      db.close();
    },
    says: new RegExp(
      `written by a newer journal-bot \\(schema ${SCHEMA_VERSION + 3}, this one knows ${SCHEMA_VERSION}\\)`,
      'u',
    ),
  },
  {
    name: 'a read-only database file',
    make: (path) => {
      const db = openDatabase(path);
      db.pragma('journal_mode = DELETE');
      db.close();
      chmodSync(path, 0o444);
    },
    says: /is not writable; fix its permissions or point JOURNAL_DB elsewhere \(the file was not changed\)/u,
  },
  {
    name: 'a SQLite file whose pages are garbled',
    make: (path) => {
      const db = openDatabase(path);
      db.prepare(
        `INSERT INTO essays (body, written_on, source, content_hash, created_at, updated_at) VALUES (?, '2020-01-01', 'x', 'h', 't', 't')`,
      ).run('文'.repeat(20_000));
      db.pragma('journal_mode = DELETE');
      db.close();
      const bytes = readFileSync(path);
      // Keep the 100-byte header, garble the schema page and beyond.
      for (let i = 100; i < bytes.length; i += 7) bytes[i] = (bytes[i]! * 31 + 17) & 0xff;
      writeFileSync(path, bytes);
    },
    says: /is damaged \(SQLite: .+\); stop the bot and put your latest backup \(journal backup\) in its place$/u,
  },
  {
    name: 'a folder where the database file should be',
    make: (path) => mkdirSync(path),
    says: /is a folder, not a database file/u,
  },
];

/** The file's bytes (or a marker for a folder), and whether SQLite left companions beside it. */
function snapshot(path: string): { bytes: string; wal: boolean; shm: boolean } {
  const bytes = statSync(path).isDirectory() ? '(folder)' : readFileSync(path).toString('base64');
  return { bytes, wal: existsSync(`${path}-wal`), shm: existsSync(`${path}-shm`) };
}

function oneLine(r: RunResult, says: RegExp): void {
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(says);
  expect(r.stdout).toBe('');
}

describe.each(BAD_FILES)('$name', ({ name, make, says }) => {
  const path = join(t.dir, `${name.replaceAll(' ', '-')}.db`);
  let before: ReturnType<typeof snapshot>;
  beforeAll(() => {
    make(path);
    before = snapshot(path);
  });

  it('journal refuses it in one line, exit 1, and leaves it untouched', async () => {
    const r = await runJournal(['import', 'data/essays', '--db', path]);
    expect(r.code).toBe(1);
    oneLine(r, says);
    expect(snapshot(path)).toEqual(before);
  });

  it('npm start refuses it in one line, exit 1, leaves it untouched and contacts no one', async () => {
    const requests = fake.requests.length;
    const r = await runEntry('src/index.ts', [], {
      env: {
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_CDN_URL: fake.cdnUrl,
        DISCORD_GUILD_ID: fake.guildId,
        JOURNAL_DB: path,
        JOURNAL_DIR: 'data/essays',
        LOG_LEVEL: 'info',
      },
    });
    expect(r.code).toBe(1);
    oneLine(r, says);
    expect(snapshot(path)).toEqual(before);
    expect(fake.requests.length).toBe(requests);
    expect(r.stderr).not.toContain(fake.token);
  });
});
