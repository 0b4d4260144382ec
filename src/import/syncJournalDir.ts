/**
 * Bringing the journal folder into the database, shared by the bot and the
 * offline console so both answer from the same essays.
 *
 * A restart must not cost a read of every file: the folder is walked and
 * each file's modification time compared with the one recorded when it was
 * last read (like make and rsync), so an unchanged folder of 20,000 essays
 * costs 20,000 `stat`s and index lookups, no reads and no hashes. What did
 * change is imported in batches small enough that the bot keeps answering
 * while a large folder comes in.
 */
import { existsSync, statSync } from 'node:fs';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import {
  collectEssayFiles,
  importPaths,
  summarizeImport,
  type ImportResult,
} from './importFiles.js';

/** The files of a folder that need reading, found without reading any. */
export interface SyncPlan {
  dir: string;
  /** New files and files whose modification time changed since they were last read. */
  changed: string[];
  /** Files skipped because their modification time is the recorded one. */
  unchanged: number;
}

/** Walks `dir` and compares modification times with the store; null when the folder does not exist. */
export function planJournalSync(store: Store, dir: string): SyncPlan | null {
  if (!existsSync(dir)) return null;
  const changed: string[] = [];
  let unchanged = 0;
  // One read of every recorded time rather than a query per file (20,000 at restart).
  const recorded = store.essays.sourceMtimes();
  for (const path of collectEssayFiles([dir]).files) {
    let mtimeMs: number;
    try {
      mtimeMs = Math.trunc(statSync(path).mtimeMs);
    } catch {
      changed.push(path); // vanished since the walk: importPaths reports it
      continue;
    }
    if (recorded.get(path) === mtimeMs) unchanged++;
    else changed.push(path);
  }
  return { dir, changed, unchanged };
}

/** Imports new and changed files of `dir` in one go; refusals are logged, never fatal. A missing folder is not an error. */
export function syncJournalDir(store: Store, dir: string, logger: Logger): ImportResult[] {
  const plan = planJournalSync(store, dir);
  if (!plan) {
    logger.info({ dir }, 'journal folder does not exist; nothing to sync');
    return [];
  }
  const results =
    plan.changed.length > 0 ? importPaths(store, plan.changed, { trustMtime: true }) : [];
  logSyncResults(results, logger);
  logSynced(plan, results, logger);
  return results;
}

function logSynced(plan: SyncPlan, results: readonly ImportResult[], logger: Logger): void {
  const totals = summarizeImport(results);
  logger.info(
    { dir: plan.dir, ...totals, unchanged: totals.unchanged + plan.unchanged },
    'journal folder synced',
  );
}

/** How long one batch may hold the event loop; the batch size adapts to it. */
export const SYNC_BATCH_BUDGET_MS = 10;

export interface BatchedImport {
  /** Resolves with every file's result once all batches ran (or the import was stopped). */
  done: Promise<ImportResult[]>;
  /** Stops after the batch under way; what is left is picked up by the next sync. */
  stop(): void;
}

/**
 * Imports `files` a batch at a time, yielding to the event loop between
 * batches. Each batch is its own transaction, so a stop or a crash keeps
 * the batches already done. The batch grows or shrinks so that one takes
 * about `budgetMs`, whatever the machine and the essays.
 */
export function importInBatches(
  store: Store,
  files: readonly string[],
  options: { logger: Logger; budgetMs?: number },
): BatchedImport {
  const budget = options.budgetMs ?? SYNC_BATCH_BUDGET_MS;
  let stopped = false;
  const run = async (): Promise<ImportResult[]> => {
    const results: ImportResult[] = [];
    let size = 4;
    for (let at = 0; at < files.length && !stopped;) {
      const batch = files.slice(at, at + size);
      at += batch.length;
      const started = performance.now();
      const done = importPaths(store, batch, { trustMtime: true });
      const ms = performance.now() - started;
      logSyncResults(done, options.logger);
      results.push(...done);
      size = Math.max(1, Math.min(256, Math.round((size * budget) / Math.max(ms, 0.1))));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  };
  return {
    done: run(),
    stop() {
      stopped = true;
    },
  };
}

/** At most this many changed files are imported before the bot says it is ready. */
export const SYNC_BEFORE_READY_LIMIT = 100;

export interface StartupSync {
  /** Imports what is left after ready, in batches; resolves when the folder is in. */
  finish(): Promise<void>;
  /** Stops a background import (shutdown). */
  stop(): void;
}

/**
 * The bot's startup sync. A few changed files (an edited essay, a new one)
 * are imported at once, so the bot is ready with them; a folder full of new
 * files (the first start on a journal) is left for {@link StartupSync.finish}
 * to import after ready, without holding up interactions.
 */
export function startJournalSync(store: Store, dir: string, logger: Logger): StartupSync {
  const plan = planJournalSync(store, dir);
  if (!plan) {
    logger.info({ dir }, 'journal folder does not exist; nothing to sync');
    return { finish: () => Promise.resolve(), stop: () => {} };
  }
  if (plan.changed.length <= SYNC_BEFORE_READY_LIMIT) {
    const results =
      plan.changed.length > 0 ? importPaths(store, plan.changed, { trustMtime: true }) : [];
    logSyncResults(results, logger);
    logSynced(plan, results, logger);
    return { finish: () => Promise.resolve(), stop: () => {} };
  }
  logger.info(
    { dir, changed: plan.changed.length, unchanged: plan.unchanged },
    'journal folder: importing changed files after ready',
  );
  let batched: BatchedImport | null = null;
  let stopped = false;
  return {
    async finish() {
      if (stopped) return;
      batched = importInBatches(store, plan.changed, { logger });
      logSynced(plan, await batched.done, logger);
    },
    stop() {
      stopped = true;
      batched?.stop();
    },
  };
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
