/**
 * Anniversaries by DM: who asked for their own "on this day" in a DM, at
 * which local time, in which language. Ending a subscription keeps its row
 * (inactive, with why and when), so the days already claimed in `dm_posts`
 * stay claimed and a quick unsubscribe and subscribe never sends a day twice.
 */
import type { Locale } from '../i18n/index.js';
import { atomic, type Db } from './database.js';

/** Why a subscription ended: the user asked, or Discord will not deliver to them (DMs closed, 50007/50278). */
export type EndedReason = 'unsubscribed' | 'recipient_closed';

export interface DmSubscription {
  userId: string;
  /** `HH:MM`, local. */
  time: string;
  timeZone: string;
  /** The language of the subscriber's Discord when they subscribed: the DM's language. */
  language: Locale;
  /** First local date a DM may go out. */
  startsOn: string;
  active: boolean;
  endedReason: EndedReason | null;
  /** Discord's wording when the bot ended it, for operators. */
  endedDetail: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What `/essay subscribe` decides. */
export type SubscriptionInput = Pick<
  DmSubscription,
  'userId' | 'time' | 'timeZone' | 'language' | 'startsOn'
>;

interface SubscriptionRow {
  user_id: string;
  post_time: string;
  time_zone: string;
  language: Locale;
  starts_on: string;
  active: number;
  ended_reason: EndedReason | null;
  ended_detail: string | null;
  ended_at: string | null;
  created_at: string;
  updated_at: string;
}

function toSubscription(row: SubscriptionRow): DmSubscription {
  return {
    userId: row.user_id,
    time: row.post_time,
    timeZone: row.time_zone,
    language: row.language,
    startsOn: row.starts_on,
    active: row.active === 1,
    endedReason: row.ended_reason,
    endedDetail: row.ended_detail,
    endedAt: row.ended_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const COLUMNS = `user_id, post_time, time_zone, language, starts_on, active, ended_reason, ended_detail,
  ended_at, created_at, updated_at`;

/** Prepares the subscription statements once; `now` stamps every change. */
export function createSubscriptionStore(db: Db, now: () => Date) {
  const s = {
    get: db.prepare<[string], SubscriptionRow>(
      `SELECT ${COLUMNS} FROM dm_subscriptions WHERE user_id = ?`,
    ),
    active: db.prepare<[], SubscriptionRow>(
      `SELECT ${COLUMNS} FROM dm_subscriptions WHERE active = 1 ORDER BY user_id`,
    ),
    countActive: db.prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM dm_subscriptions WHERE active = 1`,
    ),
    save: db.prepare<
      [{ user: string; time: string; zone: string; language: string; startsOn: string; at: string }]
    >(
      `INSERT INTO dm_subscriptions (user_id, post_time, time_zone, language, starts_on, created_at, updated_at)
       VALUES (@user, @time, @zone, @language, @startsOn, @at, @at)
       ON CONFLICT (user_id) DO UPDATE SET post_time = excluded.post_time, time_zone = excluded.time_zone,
         language = excluded.language, starts_on = excluded.starts_on, active = 1, ended_reason = NULL,
         ended_detail = NULL, ended_at = NULL, updated_at = excluded.updated_at`,
    ),
    end: db.prepare<[{ reason: EndedReason; detail: string | null; at: string; user: string }]>(
      `UPDATE dm_subscriptions SET active = 0, ended_reason = @reason, ended_detail = @detail, ended_at = @at,
         updated_at = @at
       WHERE user_id = @user AND active = 1`,
    ),
  };

  const tx = atomic(db);
  function get(userId: string): DmSubscription | null {
    const row = s.get.get(userId);
    return row ? toSubscription(row) : null;
  }

  return {
    get,

    /** Subscriptions that receive DMs, in a stable order. */
    listActive(): DmSubscription[] {
      return s.active.all().map(toSubscription);
    },

    countActive(): number {
      return s.countActive.get()?.n ?? 0;
    },

    /** Creates a subscription, or changes and reactivates an existing one. */
    subscribe: tx((input: SubscriptionInput): DmSubscription => {
      s.save.run({
        user: input.userId,
        time: input.time,
        zone: input.timeZone,
        language: input.language,
        startsOn: input.startsOn,
        at: now().toISOString(),
      });
      return get(input.userId)!;
    }),

    /** Ends an active subscription with its reason; false when there was none to end. */
    end: tx((userId: string, reason: EndedReason, detail: string | null = null): boolean => {
      const at = now().toISOString();
      return s.end.run({ reason, detail, at, user: userId }).changes > 0;
    }),
  };
}
