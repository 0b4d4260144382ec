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
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { localDate } from '../journal/dates.js';
import type { Store } from '../store/index.js';
import type { GuildSettings } from '../store/guilds.js';
import type { PostOutcome } from './types.js';
import type { PostRecord } from '../store/posts.js';
import { isPaused, planPost, type LastRecord } from './due.js';
import { deliverDay, type ChannelPoster } from './deliver.js';
import { composeAnniversaryPost } from './post.js';
import { createTicker } from './ticker.js';

export type { PostOutcome } from './types.js';
// The sending vocabulary lives in deliver.ts (shared with the DMs); front ends and tests import it from here.
export { PostError, retryDelayMs, type ChannelPoster } from './deliver.js';

/** How long a claim holds against another sender before it counts as crashed. */
export const CLAIM_LEASE_MS = 2 * 60_000;

/**
 * Discord's nonce for a server's day, or (`dm`) a subscriber's (≤ 25
 * characters, as Discord requires); the same on every attempt.
 */
export function postNonce(
  ownerId: string,
  date: string,
  kind: 'anniversary' | 'dm' = 'anniversary',
): string {
  return createHash('sha256').update(`${kind}:${ownerId}:${date}`).digest('base64url').slice(0, 25);
}

/** The newest record as the due plan reads it: unfinished days carry their retry time. */
export function lastRecordOf(record: PostRecord | null): LastRecord | null {
  if (!record) return null;
  const unfinished = record.status === 'sending' || record.status === 'retrying';
  return { date: record.date, retryAt: unfinished ? record.retryAt : null };
}

/** The plan for a server right now: due for a date, or when its next post is. */
export function planFor(store: Store, settings: GuildSettings, now: Date) {
  return planPost(settings, lastRecordOf(store.posts.latest(settings.guildId)), now);
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
  const ticker = createTicker('anniversary-posts', logger);

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

    const delivery = await deliverDay({
      ledger: store.posts,
      claim,
      compose: () =>
        composeAnniversaryPost(store, {
          date,
          language: settings.language,
          emptyDay: settings.emptyDay,
          random,
          scope: channelId,
        }),
      poster,
      clock,
      log,
      what: 'anniversary post',
      transaction: (fn) => store.transaction(fn),
      onFailure(failure, retryAt) {
        store.guilds.recordFailure(guildId, failure.reason, failure.message);
        if (!retryAt && failure.reason === 'unknown_channel')
          store.guilds.disable(guildId, 'unknown_channel');
      },
    });
    switch (delivery.kind) {
      case 'sent':
        return { kind: 'posted', date, channelId, messageId: delivery.messageId };
      case 'skipped':
        return { kind: 'skipped', date };
      case 'failed': {
        const { reason, message } = delivery.failure;
        return { kind: 'failed', date, reason, detail: message, retryAt: delivery.retryAt };
      }
    }
  }

  /** One send per server at a time in this process, whoever asks. */
  function post(settings: GuildSettings, date: string, force: boolean): Promise<PostOutcome> {
    return ticker.once(settings.guildId, () => attempt(settings, date, force), {
      kind: 'busy',
      date,
    });
  }

  async function runDue(): Promise<PostOutcome[]> {
    if (ticker.stopped) return [];
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
      if (!ticker.start(runDue)) return Promise.resolve();
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

    stop: () => ticker.stop(),
  };
}
