/**
 * Delivering one claimed day: compose, send, record the outcome. The server
 * posts (anniversary.ts) and the anniversary DMs (dm.ts) share it; they
 * differ only in whose day it is and in what a failure means for its owner.
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { MessagePayload } from '../messages/payload.js';
import type { PostRecord, PostStore } from '../store/posts.js';
import type { FailureReason } from './types.js';

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

/** Longest wait between attempts after passing failures. */
const MAX_BACKOFF_MS = 15 * 60_000;

/** 1, 2, 4, 8 minutes… capped at 15, after the n-th failed attempt. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, attempts - 1));
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What became of a claimed day. */
export type Delivery =
  | { kind: 'sent'; messageId: string }
  /** Nothing to send that day; recorded as the day's outcome. */
  | { kind: 'skipped' }
  /** `retryAt` is set when the failure was passing and the day is tried again then. */
  | { kind: 'failed'; failure: PostError; retryAt: Date | null };

export interface ClaimedDay {
  /** The ledger the day was claimed in, and the claim: owner, date, target, nonce, attempts. */
  ledger: PostStore;
  claim: PostRecord;
  /** The message, or null when there is nothing to send. */
  compose(): MessagePayload | null;
  poster: ChannelPoster;
  clock: Clock;
  log: Logger;
  /** What is sent, for the log: "anniversary post". */
  what: string;
  /** Runs `fn` in one transaction (the store's). */
  transaction(fn: () => void): void;
  /** What a failed send means for the owner beyond the day's record; written in the same transaction. */
  onFailure?(failure: PostError, retryAt: Date | null): void;
}

/** Composes, sends and records a claimed day. Never throws for a failed send. */
export async function deliverDay(day: ClaimedDay): Promise<Delivery> {
  const { ledger, claim, log, what } = day;
  const { guildId: owner, date } = claim;
  let payload: MessagePayload | null;
  try {
    payload = day.compose();
  } catch (err) {
    // A bug, not Discord: retrying would only repeat it.
    ledger.markFailed(owner, date, errorMessage(err));
    log.error({ err }, `could not compose the ${what}`);
    return { kind: 'failed', failure: new PostError('rejected', errorMessage(err)), retryAt: null };
  }
  if (!payload) {
    ledger.markSkipped(owner, date);
    log.info(`nothing written on this day; no ${what}`);
    return { kind: 'skipped' };
  }
  try {
    const messageId = await day.poster.send(claim.channelId, payload, claim.nonce);
    ledger.markSent(owner, date, messageId);
    log.info({ messageId }, `${what} sent`);
    return { kind: 'sent', messageId };
  } catch (err) {
    // Anything the front end did not classify (a dropped connection, a timeout) is worth another try.
    const failure =
      err instanceof PostError ? err : new PostError('unavailable', errorMessage(err));
    const retryAt = failure.retryable
      ? new Date(day.clock.now().getTime() + retryDelayMs(claim.attempts))
      : null;
    day.transaction(() => {
      day.onFailure?.(failure, retryAt);
      if (retryAt) ledger.markRetry(owner, date, retryAt, failure.message);
      else ledger.markFailed(owner, date, failure.message);
    });
    if (retryAt) log.warn({ err, retryAt }, `${what} failed; will retry`);
    else
      log.warn(
        { reason: failure.reason, detail: failure.message },
        `${what} cannot be delivered; not retrying today`,
      );
    return { kind: 'failed', failure, retryAt };
  }
}
