/**
 * Watching the journal folder while the bot runs: a new or changed essay
 * file is imported within seconds. The folder is an inbox, not a mirror: a
 * file deleted from it leaves its essay alone (deleting is /essay delete).
 */
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { isEssayFile, type ImportResult } from './importFiles.js';
import { importInBatches, planJournalSync, type BatchedImport } from './syncJournalDir.js';

/** Editors save in bursts (temp file, rename, chmod): one import after the burst settles. */
export const WATCH_DEBOUNCE_MS = 400;

export interface FolderWatch {
  /** Stops watching; a pending import is dropped (the next startup sync catches it). */
  close(): void;
}

export interface WatchOptions {
  store: Store;
  dir: string;
  logger: Logger;
  debounceMs?: number;
  /** Called after each import run (tests wait on it). */
  onImport?(results: ImportResult[]): void;
}

/** Paths worth importing among those that changed: existing essay files, or folders (walked). */
function importable(path: string): boolean {
  if (!existsSync(path)) return false; // deleted or renamed away: the essay stays
  try {
    return statSync(path).isDirectory()
      ? !basename(path).startsWith('.')
      : isEssayFile(basename(path));
  } catch {
    return false;
  }
}

/**
 * Starts watching `dir` (recursively). Returns null when the folder does not
 * exist, as the startup sync treats it.
 */
export function watchFolder(options: WatchOptions): FolderWatch | null {
  const { store, dir, logger } = options;
  if (!existsSync(dir)) return null;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  let running: BatchedImport | null = null;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, options.debounceMs ?? WATCH_DEBOUNCE_MS);
  };

  // One import at a time, in batches: a thousand files copied in at once must not stop the bot answering.
  function run(): void {
    timer = undefined;
    if (closed || running) return; // a run under way schedules the next one when it ends
    const paths = [...pending].filter(importable);
    pending.clear();
    if (paths.length === 0) return;
    let files: string[];
    try {
      // A folder (moved in, or a change the platform could not name) costs a stat per file, not a read.
      files = paths.flatMap((path) =>
        statSync(path).isDirectory() ? (planJournalSync(store, path)?.changed ?? []) : [path],
      );
    } catch (err) {
      logger.error({ err, paths }, 'listing changed essay files failed');
      return;
    }
    const batched = importInBatches(store, files, { logger });
    running = batched;
    void batched.done
      .then(
        (results) => options.onImport?.(results),
        // A locked database or a vanished file must not stop the watcher; the next change retries.
        (err: unknown) => logger.error({ err, paths }, 'importing changed essay files failed'),
      )
      .finally(() => {
        running = null;
        if (pending.size > 0 && !closed) schedule();
      });
  }

  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true }, (_event, filename) => {
      // No name means "something changed here": look at the whole folder (unchanged files cost a stat).
      pending.add(filename ? join(dir, filename.toString()) : dir);
      schedule();
    });
  } catch (err) {
    logger.warn(
      { err, dir },
      'cannot watch the journal folder; changes are picked up at the next start',
    );
    return null;
  }
  watcher.on('error', (err) =>
    logger.warn(
      { err, dir },
      'journal folder watch failed; changes are picked up at the next start',
    ),
  );
  logger.info({ dir }, 'watching the journal folder');

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      running?.stop();
      watcher.close();
    },
  };
}
