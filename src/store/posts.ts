/**
 * One row per server and local date: the anniversary post's claim and its
 * outcome. A day is claimed in a transaction before anything is sent, so
 * two ticks, a restart or `/journal post-now` can never post it twice.
 * Anniversaries by DM keep the same ledger in a table of their own, keyed
 * by the subscriber instead of the server (`DM_POSTS`).
 */
import { atomic, type Db } from './database.js';

/**
 * - `sending`: claimed, a send is in flight; `retryAt` is the lease after which a crashed sender's claim may be taken over.
 * - `retrying`: the last send failed for a passing reason; tried again at `retryAt`.
 * - `sent`: delivered, `messageId` recorded.
 * - `failed`: cannot be delivered today (permissions, deleted channel); not retried unless a manager asks.
 * - `skipped`: nothing to post that day (and empty days are set to skip).
 * - `paused`: the server's posts were paused that day; never posted later, unless a manager asks.
 */
export type PostStatus = 'sending' | 'retrying' | 'sent' | 'failed' | 'skipped' | 'paused';

export interface PostRecord {
  /** The server; in the DM ledger, the subscriber's user id. */
  guildId: string;
  /** The server's local date the post is for, `YYYY-MM-DD`. */
  date: string;
  status: PostStatus;
  channelId: string;
  /** Sent with every attempt so Discord drops a repeat of a message it already created. */
  nonce: string;
  messageId: string | null;
  attempts: number;
  /** While `sending` or `retrying`: when another attempt may start. */
  retryAt: Date | null;
  error: string | null;
  claimedAt: string;
  finishedAt: string | null;
}

interface PostRow {
  owner_id: string;
  local_date: string;
  status: PostStatus;
  channel_id: string;
  nonce: string;
  message_id: string | null;
  attempts: number;
  retry_at: string | null;
  error: string | null;
  claimed_at: string;
  finished_at: string | null;
}

function toRecord(row: PostRow): PostRecord {
  return {
    guildId: row.owner_id,
    date: row.local_date,
    status: row.status,
    channelId: row.channel_id,
    nonce: row.nonce,
    messageId: row.message_id,
    attempts: row.attempts,
    retryAt: row.retry_at ? new Date(row.retry_at) : null,
    error: row.error,
    claimedAt: row.claimed_at,
    finishedAt: row.finished_at,
  };
}

export interface ClaimRequest {
  guildId: string;
  date: string;
  channelId: string;
  nonce: string;
  /** How long the claim holds against another sender (a crashed process's claim is taken over after it). */
  leaseMs: number;
  /** A manager's `/journal post-now`: also retries a failed, skipped or waiting day at once. */
  force?: boolean;
}

/** A claim's bound values: whose day, where it goes, until when it holds, when it was made. */
interface ClaimParams {
  guild: string;
  date: string;
  channel: string;
  lease: string;
  at: string;
}

/** Which table a ledger lives in, and the column naming whose days it records. */
export interface Ledger {
  table: string;
  key: string;
}

/** The servers' anniversary posts. */
export const SERVER_POSTS: Ledger = { table: 'anniversary_posts', key: 'guild_id' };
/** Anniversaries by DM, one row per subscriber and local date. */
export const DM_POSTS: Ledger = { table: 'dm_posts', key: 'user_id' };

/** Prepares the post statements once; `now` decides leases, retries and stamps. */
export function createPostStore(db: Db, now: () => Date, ledger: Ledger = SERVER_POSTS) {
  const { table, key } = ledger;
  const COLUMNS = `${key} AS owner_id, local_date, status, channel_id, nonce, message_id, attempts, retry_at, error, claimed_at, finished_at`;
  const s = {
    get: db.prepare<[string, string], PostRow>(
      `SELECT ${COLUMNS} FROM ${table} WHERE ${key} = ? AND local_date = ?`,
    ),
    latest: db.prepare<[string], PostRow>(
      `SELECT ${COLUMNS} FROM ${table} WHERE ${key} = ? ORDER BY local_date DESC LIMIT 1`,
    ),
    lastSent: db.prepare<[string], PostRow>(
      `SELECT ${COLUMNS} FROM ${table} WHERE ${key} = ? AND status = 'sent' ORDER BY local_date DESC LIMIT 1`,
    ),
    insert: db.prepare<[ClaimParams & { nonce: string }]>(
      `INSERT INTO ${table} (${key}, local_date, status, channel_id, nonce, attempts, retry_at, claimed_at)
       VALUES (@guild, @date, 'sending', @channel, @nonce, 1, @lease, @at)`,
    ),
    retake: db.prepare<[ClaimParams]>(
      `UPDATE ${table} SET status = 'sending', channel_id = @channel, attempts = attempts + 1, retry_at = @lease,
         claimed_at = @at, finished_at = NULL
       WHERE ${key} = @guild AND local_date = @date`,
    ),
    // A paused day: recorded outright, or instead of a retry still waiting (a send in flight keeps its lease).
    paused: db.prepare<
      [{ guild: string; date: string; channel: string; nonce: string; at: string }]
    >(
      `INSERT INTO anniversary_posts (guild_id, local_date, status, channel_id, nonce, attempts, claimed_at, finished_at)
       VALUES (@guild, @date, 'paused', @channel, @nonce, 0, @at, @at)
       ON CONFLICT (guild_id, local_date) DO UPDATE SET status = 'paused', retry_at = NULL, finished_at = excluded.finished_at
       WHERE status = 'retrying' OR (status = 'sending' AND retry_at <= excluded.claimed_at)`,
    ),
    finish: db.prepare<
      [
        {
          status: PostStatus;
          messageId: string | null;
          retryAt: string | null;
          error: string | null;
          at: string | null;
          guild: string;
          date: string;
        },
      ]
    >(
      `UPDATE ${table} SET status = @status, message_id = coalesce(@messageId, message_id), retry_at = @retryAt,
         error = @error, finished_at = @at
       WHERE ${key} = @guild AND local_date = @date`,
    ),
  };

  function mayRetake(row: PostRow, at: Date, force: boolean): boolean {
    switch (row.status) {
      case 'sent':
        return false;
      case 'sending':
        return row.retry_at !== null && new Date(row.retry_at) <= at;
      case 'retrying':
        return force || (row.retry_at !== null && new Date(row.retry_at) <= at);
      case 'failed':
      case 'skipped':
      case 'paused':
        return force;
    }
  }

  const tx = atomic(db);
  const claim = tx((req: ClaimRequest): PostRecord | null => {
    const at = now();
    const lease = new Date(at.getTime() + req.leaseMs).toISOString();
    const row = s.get.get(req.guildId, req.date);
    const params: ClaimParams = {
      guild: req.guildId,
      date: req.date,
      channel: req.channelId,
      lease,
      at: at.toISOString(),
    };
    if (!row) s.insert.run({ ...params, nonce: req.nonce });
    else if (mayRetake(row, at, req.force === true)) s.retake.run(params);
    else return null;
    return toRecord(s.get.get(req.guildId, req.date)!);
  });

  const finish = tx(
    (
      guildId: string,
      date: string,
      fields: { status: PostStatus; messageId?: string; retryAt?: Date; error?: string },
    ): void => {
      const done = fields.status !== 'retrying';
      s.finish.run({
        status: fields.status,
        messageId: fields.messageId ?? null,
        retryAt: fields.retryAt?.toISOString() ?? null,
        error: fields.error ?? null,
        at: done ? now().toISOString() : null,
        guild: guildId,
        date,
      });
    },
  );

  return {
    /**
     * Claims a server's day for sending, atomically. Returns the claim, or
     * null when the day is already sent, being sent, or (unless forced)
     * failed, skipped or waiting to retry.
     */
    claim,

    get(guildId: string, date: string): PostRecord | null {
      const row = s.get.get(guildId, date);
      return row ? toRecord(row) : null;
    },

    /** The newest day recorded for a server, whatever its outcome. */
    latest(guildId: string): PostRecord | null {
      const row = s.latest.get(guildId);
      return row ? toRecord(row) : null;
    },

    /** The newest post that reached Discord. */
    lastSent(guildId: string): PostRecord | null {
      const row = s.lastSent.get(guildId);
      return row ? toRecord(row) : null;
    },

    /** Records a server's day as paused (nothing sent, and nothing will be for it). */
    markPaused: tx((req: Pick<ClaimRequest, 'guildId' | 'date' | 'channelId' | 'nonce'>): void => {
      s.paused.run({
        guild: req.guildId,
        date: req.date,
        channel: req.channelId,
        nonce: req.nonce,
        at: now().toISOString(),
      });
    }),

    markSent: (guildId: string, date: string, messageId: string) =>
      finish(guildId, date, { status: 'sent', messageId }),
    markSkipped: (guildId: string, date: string) => finish(guildId, date, { status: 'skipped' }),
    markFailed: (guildId: string, date: string, error: string) =>
      finish(guildId, date, { status: 'failed', error }),
    markRetry: (guildId: string, date: string, retryAt: Date, error: string) =>
      finish(guildId, date, { status: 'retrying', retryAt, error }),
  };
}

/** A ledger's statements: the servers' posts or the DMs. */
export type PostStore = ReturnType<typeof createPostStore>;
