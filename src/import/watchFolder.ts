/**
 * Watching the journal folder while the bot runs: a new or changed essay
 * file is imported within seconds. The folder is an inbox, not a mirror: a
 * file deleted from it leaves its essay alone (deleting is /essay delete).
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
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

  let watcher: TreeWatch;
  try {
    watcher = watchTree(
      dir,
      (path) => {
        pending.add(path);
        schedule();
      },
      (err) =>
        logger.warn(
          { err, dir },
          'journal folder watch failed; changes are picked up at the next start',
        ),
    );
  } catch (err) {
    logger.warn(
      { err, dir },
      'cannot watch the journal folder; changes are picked up at the next start',
    );
    return null;
  }
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

interface TreeWatch {
  close(): void;
}

/**
 * Watches `dir` and every folder under it, calling `onChange` with the path
 * that changed (or a folder, when the platform cannot name the file).
 *
 * On Linux, Node 20's `recursive: true` is emulated in JavaScript with one
 * watcher and one `Stats` per file: at 20,000 essays that is 20,000 inotify
 * watches (more than many systems allow) and about 30 MB of heap. A folder's
 * own inotify watch already reports every file created, changed or renamed
 * in it, so one watcher per folder is enough; folders that appear later are
 * watched when they do. Elsewhere the recursive watch is native and cheap.
 */
function watchTree(
  dir: string,
  onChange: (path: string) => void,
  onError: (err: Error) => void,
): TreeWatch {
  if (process.platform !== 'linux') {
    const watcher = watch(dir, { recursive: true }, (_event, filename) =>
      onChange(filename ? join(dir, filename.toString()) : dir),
    );
    watcher.on('error', onError);
    return { close: () => watcher.close() };
  }
  const watchers = new Map<string, FSWatcher>();
  const add = (folder: string) => {
    if (watchers.has(folder)) return;
    const watcher = watch(folder, (event, filename) => {
      if (!filename) return onChange(folder);
      const path = join(folder, filename.toString());
      // A folder created or moved in: watch it and everything under it, and import what it holds.
      if (event === 'rename' && isWatchableFolder(path)) addTree(path);
      onChange(path);
    });
    watcher.on('error', (err) => {
      watchers.delete(folder);
      watcher.close();
      // A watched subfolder that was deleted is not a failure of the watch.
      if (existsSync(folder)) onError(err);
    });
    watchers.set(folder, watcher);
  };
  const addTree = (folder: string) => {
    add(folder);
    for (const entry of readdirSync(folder, { withFileTypes: true }))
      if (entry.isDirectory() && !entry.name.startsWith('.')) addTree(join(folder, entry.name));
  };
  try {
    addTree(dir);
  } catch (err) {
    for (const watcher of watchers.values()) watcher.close();
    throw err;
  }
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function isWatchableFolder(path: string): boolean {
  try {
    return !basename(path).startsWith('.') && statSync(path).isDirectory();
  } catch {
    return false; // gone again, or a file
  }
}
