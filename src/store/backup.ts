/**
 * A consistent copy of the live database, taken with SQLite's online backup
 * (better-sqlite3 `db.backup()`). The pages are copied in one step under a
 * read snapshot: in WAL mode the bot keeps writing meanwhile, and the copy is
 * one moment's journal. (Small steps would restart whenever another process
 * writes, and never finish while something writes constantly.)
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserFacingError } from '../errors.js';
import type { Db } from './database.js';

/** Pages per backup step: all of them (SQLite's own maximum for a step count). */
const ALL_PAGES = 0x7fffffff;

export interface BackupResult {
  path: string;
  bytes: number;
  essays: number;
  /** `ok`, or the first problem `PRAGMA integrity_check` found in the copy. */
  integrity: string;
}

/**
 * Copies `db` to `path` (which must not exist: a backup never overwrites),
 * then makes the copy a single file (no -wal) and checks its integrity.
 */
export async function backupDatabase(db: Db, path: string): Promise<BackupResult> {
  if (existsSync(path))
    throw new UserFacingError(
      `${path} already exists; a backup never overwrites a file, choose a new name`,
    );
  if (resolve(path) === resolve(db.name))
    throw new UserFacingError('the backup must go to a different file than the database');
  mkdirSync(dirname(path), { recursive: true });
  await db.backup(path, { progress: () => ALL_PAGES });
  const copy = new Database(path, { fileMustExist: true });
  try {
    // The copy inherits WAL mode; a backup should be one self-contained file.
    copy.pragma('journal_mode = DELETE');
    const integrity = (copy.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
    const { n } = copy.prepare<[], { n: number }>('SELECT count(*) AS n FROM essays').get()!;
    return { path, bytes: statSync(path).size, essays: n, integrity };
  } finally {
    copy.close();
  }
}
