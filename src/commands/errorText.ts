/**
 * What a front end shows when a handler fails. Shared by the front ends so a
 * user sees the same sentence in Discord and in the console.
 */
import { randomBytes } from 'node:crypto';
import { UserFacingError } from '../errors.js';
import { t, type Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { storageFailure } from '../store/storageError.js';

/**
 * A UserFacingError's text in the reader's language; a storage failure (full
 * disk, read-only file, locked database) as its own sentence, logged for the
 * operator; anything else is a bug, logged with a short id and shown as a
 * generic sentence quoting that id.
 */
export function errorText(err: unknown, locale: Locale, logger: Logger, where: string): string {
  if (err instanceof UserFacingError) {
    return err.key ? t(locale, err.key, err.params) : err.message;
  }
  const storage = storageFailure(err);
  if (storage) {
    logger.error({ where, err }, storage.message);
    return storage.key ? t(locale, storage.key) : storage.message;
  }
  const id = randomBytes(3).toString('hex');
  logger.error({ errorId: id, where, err }, 'interaction failed');
  return t(locale, 'error.generic', { id });
}
