/**
 * The anniversary scheduler: a node-cron tick every minute (and one at
 * startup, the catch-up) asks the pure plan in due.ts which servers are
 * due, and posts for them. Exactly once per server and local day:
 *
 * 1. claim the day in the store (a transaction) before sending;
 * 2. send with a nonce derived from (server, date) and `enforce_nonce`, so a
 *    repeat of a send Discord already completed (a retry inside discord.js,
 *    or ours after a crash) returns the existing message instead of a new one;
 * 3. record the message id.
 *
 * Passing failures (5xx, 429, network) are retried with backoff until the
 * local day ends; missing permission or access is recorded and not retried
 * that day; a deleted channel switches the server's posts off with the reason.
 */
import { createHash } from 'node:crypto';
import { schedule as cronSchedule, type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { localDate } from '../journal/dates.js';
import type { Store } from '../store/index.js';
import type { GuildSettings } from '../store/guilds.js';
import type { FailureReason, PostOutcome } from './types.js';
import type { PostRecord } from '../store/posts.js';
import type { MessagePayload } from '../messages/payload.js';
import { isPaused, planPost, type LastRecord } from './due.js';
import { composeAnniversaryPost } from './post.js';

export type { PostOutcome } from './types.js';

/** A failed send, already classified by the front end that attempted it. */
export class PostError extends Error {
  override readonly name = 'PostError';
  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
  }

  /** Only a passing failure is worth another attempt today. */
  get retryable(): boolean {
    return this.reason === 'unavailable';
  }
}

/** Sends a message to a channel (discord.js in production). Throws PostError. */
export interface ChannelPoster {
  /** Returns the id of the message Discord created (or had already created for this nonce). */
  send(channelId: string, payload: MessagePayload, nonce: string): Promise<string>;
}

/** How long a claim holds against another sender before it counts as crashed. */
export const CLAIM_LEASE_MS = 2 * 60_000;
/** Longest wait between attempts after passing failures. */
const MAX_BACKOFF_MS = 15 * 60_000;
/** How long shutdown waits for a send in flight before disconnecting. */
const STOP_GRACE_MS = 10_000;

/** 1, 2, 4, 8 minutes… capped at 15, after the n-th failed attempt. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Discord's nonce for a server's day (≤ 25 characters, as Discord requires); the same on every attempt. */
export function postNonce(guildId: string, date: string): string {
  return createHash('sha256')
    .update(`anniversary:${guildId}:${date}`)
    .digest('base64url')
    .slice(0, 25);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The newest record as the due plan reads it: unfinished days carry their retry time. */
function lastRecordOf(record: PostRecord | null): LastRecord | null {
  if (!record) return null;
  const unfinished = record.status === 'sending' || record.status === 'retrying';
  return { date: record.date, retryAt: unfinished ? record.retryAt : null };
}

/** The plan for a server right now: due for a date, or when its next post is. */
export function planFor(store: Store, settings: GuildSettings, now: Date) {
  return planPost(settings, lastRecordOf(store.posts.latest(settings.guildId)), now);
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

export interface AnniversarySchedulerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  poster: ChannelPoster;
  /** Uniform in [0, 1), for quotes on empty days. */
  random?: () => number;
}

export interface AnniversaryScheduler {
  /** Ticks every minute from now on, and posts whatever is due already (the startup catch-up); resolves when that catch-up is done. */
  start(): Promise<void>;
  /** Posts every server that is due at this moment and says how each went. Never throws. */
  runDue(): Promise<PostOutcome[]>;
  /** A manager's `/journal post-now`: today's post now, whatever the time; counts as today's. */
  postNow(guildId: string): Promise<PostOutcome>;
  /** Stops ticking and waits (briefly) for sends in flight. */
  stop(): Promise<void>;
}

export function createAnniversaryScheduler(deps: AnniversarySchedulerDeps): AnniversaryScheduler {
  const { store, clock, logger, poster } = deps;
  const random = deps.random ?? Math.random;
  const inFlight = new Map<string, Promise<PostOutcome>>();
  let task: ScheduledTask | null = null;
  let stopped = false;

  /** What the record of a day that could not be claimed means for the caller. */
  function unclaimed(settings: GuildSettings, date: string): PostOutcome {
    const record = store.posts.get(settings.guildId, date);
    switch (record?.status) {
      case 'sent':
        return { kind: 'already', date, channelId: record.channelId, messageId: record.messageId };
      case 'skipped':
        return { kind: 'skipped', date };
      case 'paused':
        return { kind: 'paused', date, until: settings.pausedUntil ?? date };
      case 'failed':
      case 'retrying': {
        const failure = settings.lastFailure;
        return {
          kind: 'failed',
          date,
          reason: failure?.reason ?? 'rejected',
          detail: record.error ?? '',
          retryAt: record.retryAt,
        };
      }
      default:
        return { kind: 'busy', date };
    }
  }

  async function attempt(
    settings: GuildSettings,
    date: string,
    force: boolean,
  ): Promise<PostOutcome> {
    const { guildId, channelId } = settings;
    if (isPaused(settings, date) && settings.pausedUntil) {
      // The schedule records the day, so neither a later tick nor a restart posts it; post-now only says so.
      if (!force)
        store.posts.markPaused({ guildId, date, channelId, nonce: postNonce(guildId, date) });
      logger.info({ guildId, date, until: settings.pausedUntil }, 'anniversary posts are paused');
      return { kind: 'paused', date, until: settings.pausedUntil };
    }
    const claim = store.posts.claim({
      guildId,
      date,
      channelId,
      nonce: postNonce(guildId, date),
      leaseMs: CLAIM_LEASE_MS,
      force,
    });
    if (!claim) return unclaimed(settings, date);
    const log = logger.child({ guildId, date, channelId, attempt: claim.attempts });

    let payload: MessagePayload | null;
    try {
      payload = composeAnniversaryPost(store, {
        date,
        language: settings.language,
        emptyDay: settings.emptyDay,
        random,
        scope: channelId,
      });
    } catch (err) {
      // A bug, not Discord: retrying would only repeat it.
      store.posts.markFailed(guildId, date, errorMessage(err));
      log.error({ err }, 'could not compose the anniversary post');
      return { kind: 'failed', date, reason: 'rejected', detail: errorMessage(err), retryAt: null };
    }
    if (!payload) {
      store.posts.markSkipped(guildId, date);
      log.info('nothing written on this day; empty days are skipped');
      return { kind: 'skipped', date };
    }
    try {
      const messageId = await poster.send(channelId, payload, claim.nonce);
      store.posts.markSent(guildId, date, messageId);
      log.info({ messageId }, 'anniversary post sent');
      return { kind: 'posted', date, channelId, messageId };
    } catch (err) {
      // Anything the front end did not classify (a dropped connection, a timeout) is worth another try.
      const failure =
        err instanceof PostError ? err : new PostError('unavailable', errorMessage(err));
      store.guilds.recordFailure(guildId, failure.reason, failure.message);
      if (failure.retryable) {
        const retryAt = new Date(clock.now().getTime() + retryDelayMs(claim.attempts));
        store.posts.markRetry(guildId, date, retryAt, failure.message);
        log.warn({ err, retryAt }, 'anniversary post failed; will retry');
        return { kind: 'failed', date, reason: failure.reason, detail: failure.message, retryAt };
      }
      store.posts.markFailed(guildId, date, failure.message);
      if (failure.reason === 'unknown_channel') store.guilds.disable(guildId, 'unknown_channel');
      log.warn(
        { reason: failure.reason, detail: failure.message },
        'anniversary post cannot be delivered; not retrying today',
      );
      return {
        kind: 'failed',
        date,
        reason: failure.reason,
        detail: failure.message,
        retryAt: null,
      };
    }
  }

  /** One send per server at a time in this process, whoever asks. */
  function post(settings: GuildSettings, date: string, force: boolean): Promise<PostOutcome> {
    if (inFlight.has(settings.guildId)) return Promise.resolve({ kind: 'busy', date });
    const running = attempt(settings, date, force).finally(() => inFlight.delete(settings.guildId));
    inFlight.set(settings.guildId, running);
    return running;
  }

  async function runDue(): Promise<PostOutcome[]> {
    if (stopped) return [];
    try {
      const now = clock.now();
      const due = store.guilds.listEnabled().flatMap((settings) => {
        const plan = planFor(store, settings, now);
        return plan.due ? [{ settings, date: plan.date }] : [];
      });
      // Servers post side by side: one slow or rate-limited channel does not hold up the others.
      const settled = await Promise.allSettled(
        due.map(({ settings, date }) => post(settings, date, false)),
      );
      return settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    } catch (err) {
      logger.error({ err }, 'anniversary check failed');
      return [];
    }
  }

  return {
    start() {
      if (stopped || task) return Promise.resolve();
      // Every minute, in UTC: whole-minute offsets make every zone's minute a UTC minute.
      // A late or dropped tick costs nothing: the next one finds the same post still due.
      task = cronSchedule('* * * * *', runDue, {
        name: 'anniversary-posts',
        noOverlap: true,
        timezone: 'UTC',
        logger: cronLogger(logger),
      });
      logger.info({ servers: store.guilds.listEnabled().length }, 'anniversary scheduler started');
      // The catch-up: whatever came due while the bot was down (today's only).
      return runDue().then((outcomes) => {
        const count = (kind: PostOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
        logger.info(
          {
            posted: count('posted'),
            skipped: count('skipped'),
            paused: count('paused'),
            failed: count('failed'),
          },
          'anniversary catch-up done',
        );
      });
    },

    runDue,

    async postNow(guildId) {
      const settings = store.guilds.get(guildId);
      if (!settings) return { kind: 'notConfigured' };
      return post(settings, localDate(clock.now(), settings.timeZone), true);
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      await task?.destroy();
      task = null;
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)));
        await Promise.race([Promise.allSettled(inFlight.values()), grace]);
        clearTimeout(timer);
      }
    },
  };
}
