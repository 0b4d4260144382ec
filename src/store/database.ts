/**
 * Opening the journal database: pragmas, refusal of files we must not touch,
 * and migrations applied atomically together with `user_version`.
 */
import Database from 'better-sqlite3';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { UserFacingError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Reads the 100-byte header without opening the file as a database, so a refusal leaves it untouched. */
function readHeader(path: string): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return n === 0 ? null : buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Wraps a store write so it runs in one transaction of its own; called
 * inside another transaction it becomes a savepoint (better-sqlite3), so
 * callers that batch several writes keep one outer transaction. Every
 * public write of every store module goes through this: no caller has to
 * remember to wrap, and a statement that fails halfway undoes the whole
 * write.
 */
export function atomic(db: Db) {
  return <A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) => {
    const run = db.transaction(fn);
    return (...args: A) => run(...args);
  };
}

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

function checkExistingFile(path: string): void {
  if (statSync(path).isDirectory())
    throw new UserFacingError(`${path} is a folder, not a database file`);
  const header = readHeader(path);
  if (header === null) return; // an empty file is a new database
  if (header.length < 100 || header.toString('latin1', 0, 16) !== SQLITE_HEADER) {
    throw new UserFacingError(
      `${path} is not a SQLite database; refusing to open it (the file was not changed)`,
    );
  }
  // user_version lives at offset 60 of the header, big-endian.
  const version = header.readUInt32BE(60);
  if (version > SCHEMA_VERSION) {
    throw new UserFacingError(
      `${path} was written by a newer journal-bot (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade journal-bot to open it (the file was not changed)`,
    );
  }
  // Mode bits too: root passes access() checks, but a file marked read-only means "do not write".
  let writable = (statSync(path).mode & 0o222) !== 0;
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) {
    throw new UserFacingError(
      `${path} is not writable; fix its permissions or point JOURNAL_DB elsewhere (the file was not changed)`,
    );
  }
}

/**
 * Opens (creating with its folder if missing) and migrates the journal
 * database. Throws UserFacingError, leaving the file untouched, for a file
 * that is not SQLite, a newer schema, or a read-only file.
 */
export function openDatabase(path: string): Db {
  const inMemory = path === ':memory:';
  if (!inMemory) {
    if (existsSync(path)) checkExistingFile(path);
    else mkdirSync(dirname(path), { recursive: true });
  }
  const db = new Database(path);
  try {
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Short: the bot and the CLI may share the file; a writer never holds it long.
    db.pragma('busy_timeout = 2000');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * A second, read-only connection to a journal the bot has open (a worker
 * thread's): WAL lets it read beside the writer. It never migrates, so it
 * refuses a file whose schema is not this code's.
 */
export function openReadOnlyDatabase(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION)
      throw new Error(`${path} has schema ${version}, this journal-bot reads ${SCHEMA_VERSION}`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Applies every pending migration and the new user_version in one transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new UserFacingError(
      `database schema ${current} is newer than this journal-bot (${SCHEMA_VERSION})`,
    );
  }
  if (current === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (const migration of MIGRATIONS.slice(current)) {
      db.exec(migration.sql);
      migration.after?.(db);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
