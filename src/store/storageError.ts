/**
 * SQLite failures that are the machine's, not a bug's: a full disk, a file
 * that became read-only, another program holding the write lock. Front ends
 * show them as one sentence instead of a generic "something went wrong";
 * the failed write was rolled back by its transaction, so the sentence can
 * promise the journal is as it was.
 */
import { UserFacingError } from '../errors.js';

/** better-sqlite3's `SqliteError#code` (extended codes such as `SQLITE_IOERR_WRITE` included). */
function sqliteCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/**
 * The sentence for a failure SQLite reported, or null for any other error. `dbPath`
 * names the file where the operator will read it (command line, startup).
 */
export function storageFailure(err: unknown, dbPath?: string): UserFacingError | null {
  const code = sqliteCode(err);
  if (code === null) return null;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    const what = dbPath ?? 'the journal database';
    return new UserFacingError(
      `${what} is damaged (SQLite: ${(err as Error).message}); stop the bot and put your latest backup (journal backup) in its place`,
      'error.damaged',
    );
  }
  if (code === 'SQLITE_FULL') {
    return new UserFacingError(
      'the disk is full: nothing was saved and the journal is unchanged; free some space and try again',
      'error.diskFull',
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new UserFacingError(
      "the journal database is read-only (cannot be written): nothing was saved; check the file's permissions",
      'error.readOnly',
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new UserFacingError(
      'another program is writing to the journal right now: nothing was saved; try again in a moment',
      'error.busy',
    );
  }
  // Any other SQLite failure (a constraint, an I/O error, a trigger) came out of a store write
  // that rolled back as a whole, or out of a read: either way the journal is as it was.
  return new UserFacingError(
    `the journal database failed (SQLite ${code}: ${(err as Error).message}): nothing was saved and the journal is unchanged`,
    'error.storage',
  );
}
