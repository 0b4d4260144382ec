/**
 * Anniversaries by DM: each subscriber's own "on this day", sent to them at
 * their local time. The same due plan (due.ts), ledger (store/posts.ts,
 * table dm_posts) and delivery (deliver.ts) as server posts, so exactly once
 * per subscriber and local day across restarts, and caught up at startup
 * when the time passed while the bot was down (today's only).
 *
 * What a subscriber gets is what the server post renders, in their
 * language, with the essays they may see: hidden ones only when they are an
 * author (JOURNAL_AUTHOR_IDS). A day with nothing written sends nothing.
 * Discord refusing the recipient for good (50007, 50278) ends the
 * subscription with the reason; outages are retried until the day ends.
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import type { DmSubscription } from '../store/subscriptions.js';
import { CLAIM_LEASE_MS, lastRecordOf, postNonce } from './anniversary.js';
import { deliverDay, type ChannelPoster, type Delivery } from './deliver.js';
import { planPost, type Plan } from './due.js';
import { composeAnniversaryPost } from './post.js';
import { createTicker } from './ticker.js';

/** The plan for a subscriber right now: due for a date, or when their next DM is. */
export function planDm(store: Store, sub: DmSubscription, now: Date): Plan {
  return planPost(
    { time: sub.time, timeZone: sub.timeZone, enabled: sub.active, startsOn: sub.startsOn },
    lastRecordOf(store.dmPosts.latest(sub.userId)),
    now,
  );
}

/** What one due subscriber's day came to; `busy` when another sender holds the day. */
export type DmOutcome = { userId: string; date: string } & (Delivery | { kind: 'busy' });

export interface DmSchedulerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Opens the recipient's DM and posts there; `channelId` is their user id. */
  poster: ChannelPoster;
  /** JOURNAL_AUTHOR_IDS: the subscribers who also get their hidden essays. */
  authorIds: readonly string[] | undefined;
}

export interface DmScheduler {
  /** Ticks every minute from now on, and sends whatever is due already (the startup catch-up); resolves when that catch-up is done. */
  start(): Promise<void>;
  /** Sends every subscriber who is due at this moment. Never throws. */
  runDue(): Promise<DmOutcome[]>;
  /** Stops ticking and waits (briefly) for sends in flight. */
  stop(): Promise<void>;
}

export function createDmScheduler(deps: DmSchedulerDeps): DmScheduler {
  const { store, clock, logger, poster } = deps;
  const authors = new Set(deps.authorIds ?? []);
  const ticker = createTicker('anniversary-dms', logger);

  async function attempt(sub: DmSubscription, date: string): Promise<DmOutcome> {
    const { userId } = sub;
    const claim = store.dmPosts.claim({
      guildId: userId,
      date,
      channelId: userId,
      nonce: postNonce(userId, date, 'dm'),
      leaseMs: CLAIM_LEASE_MS,
    });
    if (!claim) return { userId, date, kind: 'busy' };
    const delivery = await deliverDay({
      ledger: store.dmPosts,
      claim,
      compose: () =>
        composeAnniversaryPost(store, {
          date,
          language: sub.language,
          // A DM every morning should be worth opening: nothing written, nothing sent.
          emptyDay: 'skip',
          random: Math.random,
          scope: `dm:${userId}`,
          // Only the subscriber reads their DM, so an author's hidden essays may be in it.
          includeHidden: authors.has(userId),
        }),
      poster,
      clock,
      log: logger.child({ dmUserId: userId, date, attempt: claim.attempts }),
      what: 'anniversary DM',
      transaction: (fn) => store.transaction(fn),
      onFailure(failure) {
        // Final for this user: asking again every day would only be refused again.
        if (failure.reason === 'recipient_closed')
          store.subscriptions.end(userId, 'recipient_closed', failure.message);
      },
    });
    if (delivery.kind === 'failed' && delivery.failure.reason === 'recipient_closed')
      logger.warn(
        { dmUserId: userId, detail: delivery.failure.message },
        'subscriber takes no DMs from the bot; subscription ended',
      );
    return { userId, date, ...delivery };
  }

  async function runDue(): Promise<DmOutcome[]> {
    if (ticker.stopped) return [];
    try {
      const now = clock.now();
      // Side by side, one send per subscriber: a slow or rate-limited recipient holds up nobody else.
      const sends = store.subscriptions.listActive().flatMap((sub) => {
        const plan = planDm(store, sub, now);
        if (!plan.due) return [];
        const busy: DmOutcome = { userId: sub.userId, date: plan.date, kind: 'busy' };
        return [ticker.once(sub.userId, () => attempt(sub, plan.date), busy)];
      });
      const settled = await Promise.allSettled(sends);
      return settled.flatMap((r) => {
        if (r.status === 'fulfilled') return [r.value];
        // The day stays claimed until its lease runs out, then is tried again.
        logger.error({ err: r.reason as unknown }, 'anniversary DM could not be recorded');
        return [];
      });
    } catch (err) {
      logger.error({ err }, 'anniversary DM check failed');
      return [];
    }
  }

  return {
    start() {
      if (!ticker.start(runDue)) return Promise.resolve();
      logger.info(
        { subscribers: store.subscriptions.countActive() },
        'anniversary DM scheduler started',
      );
      return runDue().then((outcomes) => {
        const count = (kind: DmOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
        logger.info(
          { sent: count('sent'), skipped: count('skipped'), failed: count('failed') },
          'anniversary DM catch-up done',
        );
      });
    },

    runDue,

    stop: () => ticker.stop(),
  };
}
