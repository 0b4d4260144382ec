/**
 * What every scheduler here shares: a node-cron tick each minute that asks
 * the pure due plan what to send, and a bounded wait for sends in flight at
 * shutdown. The server posts and the anniversary DMs each run one.
 */
import { schedule as cronSchedule, type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';

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

/**
 * Runs `tick` at the start of every minute, in UTC: whole-minute offsets make
 * every zone's minute a UTC minute. A late or dropped tick costs nothing: the
 * next one finds the same work still due.
 */
export function everyMinute(
  name: string,
  tick: () => Promise<unknown>,
  logger: Logger,
): ScheduledTask {
  return cronSchedule('* * * * *', tick, {
    name,
    noOverlap: true,
    timezone: 'UTC',
    logger: cronLogger(logger),
  });
}

/** Waits for `running` to settle, but no longer than `graceMs`. */
export async function settleWithin(
  running: Iterable<Promise<unknown>>,
  graceMs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise((resolve) => (timer = setTimeout(resolve, graceMs)));
  await Promise.race([Promise.allSettled(running), grace]);
  clearTimeout(timer);
}
