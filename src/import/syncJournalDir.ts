/**
 * Bringing the journal folder into the database at startup, shared by the
 * bot and the offline console so both answer from the same essays.
 */
import { existsSync } from 'node:fs';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { importPaths, summarizeImport, type ImportResult } from './importFiles.js';

/** Imports new and changed files of `dir`; refusals are logged, never fatal. A missing folder is not an error. */
export function syncJournalDir(store: Store, dir: string, logger: Logger): ImportResult[] {
  if (!existsSync(dir)) {
    logger.info({ dir }, 'journal folder does not exist; nothing to sync');
    return [];
  }
  const results = importPaths(store, [dir], { trustMtime: true });
  logSyncResults(results, logger);
  logger.info({ dir, ...summarizeImport(results) }, 'journal folder synced');
  return results;
}

/** One log line per file that changed something, was refused, or settled a Discord-vs-file conflict. */
export function logSyncResults(results: readonly ImportResult[], logger: Logger): void {
  for (const r of results) {
    if (r.status === 'refused')
      logger.warn({ path: r.path, reason: r.reason }, 'essay file refused');
    else if (r.status !== 'unchanged' || r.conflict)
      logger.info(
        {
          path: r.path,
          status: r.status,
          essayId: r.essayId,
          conflict: r.conflict,
          reason: r.reason,
        },
        'essay file synced',
      );
  }
}
