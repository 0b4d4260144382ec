/**
 * Running read jobs on a worker thread (better-sqlite3's docs/threads.md
 * pattern): the bot's event loop only sends the request and receives the
 * result, so a minute-long export never delays another interaction.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { receivedError, restoreBuffers, type JobRequest, type JobResponse } from './protocol.js';
import type { ReadJobArgs, ReadJobName, ReadJobResult } from './readJobs.js';

export interface ReadJobRunner {
  run<K extends ReadJobName>(name: K, args: ReadJobArgs<K>): Promise<ReadJobResult<K>>;
  /** Stops the worker; jobs under way are rejected. */
  close(): Promise<void>;
}

/**
 * The worker's entry: the compiled file next to this one, or, when the bot
 * runs from its TypeScript sources, a small file that loads tsx first.
 */
function workerEntry(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./readWorkerFromSource.js', import.meta.url)
    : new URL('./readWorker.js', import.meta.url);
}

/** How long an idle worker is kept before it is stopped (the next job starts another). */
export const READ_WORKER_IDLE_MS = 60_000;

/** The worker's young generation (scavenged space), in MB; the bot's own is set by `npm start`. */
const WORKER_YOUNG_GENERATION_MB = 4;

/**
 * One worker for the database at `dbPath`, started at the first job and
 * started again after a crash. Jobs run one after another in it.
 */
export function createReadJobRunner(
  dbPath: string,
  logger: Logger,
  options: { idleMs?: number } = {},
): ReadJobRunner {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  let idleTimer: NodeJS.Timeout | undefined;

  // An export's heap (tens of MB) is given back once the worker has been idle a while.
  const stopWhenIdle = () => {
    clearTimeout(idleTimer);
    if (pending.size > 0) return;
    const w = worker;
    idleTimer = setTimeout(() => {
      if (worker !== w || pending.size > 0) return;
      worker = null;
      void w?.terminate();
    }, options.idleMs ?? READ_WORKER_IDLE_MS).unref();
  };

  const failAll = (err: Error) => {
    for (const job of pending.values()) job.reject(err);
    pending.clear();
  };

  const start = (): Worker => {
    const w = new Worker(workerEntry(), {
      workerData: { dbPath },
      // V8 sizes a worker's young generation like a whole process's: after stats and a few quote
      // searches at 20,000 essays the worker held 140 MB of RSS, with 4 MB 114 MB, at the same speed.
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    // An idle worker must not keep the process alive; jobs in flight hold it through their promises.
    w.unref();
    w.on('message', (response: JobResponse) => {
      const job = pending.get(response.id);
      if (!job) return;
      pending.delete(response.id);
      stopWhenIdle();
      if (response.ok) job.resolve(restoreBuffers(response.value));
      else job.reject(receivedError(response.error));
    });
    w.on('error', (err) => {
      logger.error({ err }, 'read worker failed');
      if (worker === w) worker = null;
      failAll(err);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (pending.size > 0) failAll(new Error(`the read worker exited with code ${code}`));
    });
    return w;
  };

  return {
    run(name, args) {
      clearTimeout(idleTimer);
      worker ??= start();
      const id = nextId++;
      const request: JobRequest = { id, name, args };
      const target = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.postMessage(request);
      });
    },
    async close() {
      clearTimeout(idleTimer);
      const w = worker;
      worker = null;
      failAll(new Error('the read worker was stopped'));
      await w?.terminate();
    },
  };
}
