/**
 * What every daily sender here shares: a node-cron tick each minute that
 * asks the pure due plan what to send, one send per owner at a time, and a
 * bounded wait for sends in flight at shutdown. The server posts and the
 * anniversary DMs each run one.
 */
import { createRequire } from 'node:module';
import type * as NodeCron from 'node-cron';
import type { Logger as CronLogger, ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';

const require = createRequire(import.meta.url);

/** node-cron, loaded when the first ticker starts (after ready): the bot's startup does not need it. */
function cronSchedule(...args: Parameters<typeof NodeCron.schedule>): ScheduledTask {
  return (require('node-cron') as typeof NodeCron).schedule(...args);
}

/** node-cron's messages in our structured log instead of colored console lines; a missed tick is harmless here, so debug. */
function cronLogger(logger: Logger): CronLogger {
  const cron = logger.child({ component: 'node-cron' });
  return {
    info: (msg) => cron.debug(msg),
    warn: (msg) => cron.debug(msg),
    error: (msg, err) =>
      cron.error({ err: err ?? msg }, typeof msg === 'string' ? msg : msg.message),
    debug: (msg) => cron.debug(typeof msg === 'string' ? msg : msg.message),
  };
}

/** How long shutdown waits for a send in flight before disconnecting. */
export const STOP_GRACE_MS = 10_000;

/** A daily sender's running state: the minute tick, its sends in flight, and whether it was stopped. */
export interface Ticker {
  readonly stopped: boolean;
  /**
   * Ticks `tick` at the start of every minute, in UTC: whole-minute offsets
   * make every zone's minute a UTC minute. A late or dropped tick costs
   * nothing: the next one finds the same work still due. False when it was
   * started or stopped already.
   */
  start(tick: () => Promise<unknown>): boolean;
  /** Runs `send` unless one for `key` is in flight in this process, else answers `busy`. */
  once<T>(key: string, send: () => Promise<T>, busy: T): Promise<T>;
  /** Stops ticking and waits, at most STOP_GRACE_MS, for sends in flight. */
  stop(): Promise<void>;
}

export function createTicker(name: string, logger: Logger): Ticker {
  const inFlight = new Map<string, Promise<unknown>>();
  let task: ScheduledTask | null = null;
  let stopped = false;
  return {
    get stopped() {
      return stopped;
    },
    start(tick) {
      if (stopped || task) return false;
      task = cronSchedule('* * * * *', tick, {
        name,
        noOverlap: true,
        timezone: 'UTC',
        logger: cronLogger(logger),
      });
      return true;
    },
    once(key, send, busy) {
      if (inFlight.has(key)) return Promise.resolve(busy);
      const running = send().finally(() => inFlight.delete(key));
      inFlight.set(key, running);
      return running;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await task?.destroy();
      task = null;
      if (inFlight.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)));
      await Promise.race([Promise.allSettled(inFlight.values()), grace]);
      clearTimeout(timer);
    },
  };
}
