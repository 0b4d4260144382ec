/**
 * The scheduler's vocabulary, with no imports: what a server's empty days
 * post, why a post failed, and what an attempt came to. The store keeps
 * these values, the scheduler produces them and the presentation layer
 * (src/messages/) words them, so they live apart from all three.
 */

/** What a day without anniversaries posts: nothing, the nearest days' essays, or a quote. */
export const EMPTY_DAY_MODES = ['skip', 'nearest', 'quote'] as const;
export type EmptyDayMode = (typeof EMPTY_DAY_MODES)[number];

/** Why a post could not go out, as stored and shown in `/journal status`. */
export const FAILURE_REASONS = [
  'missing_permissions',
  'missing_access',
  'unknown_channel',
  'unavailable',
  'rejected',
  // A DM's recipient takes no messages from the bot (DMs closed, no shared server): final for them.
  'recipient_closed',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** What one attempt to post a server's day came to. */
export type PostOutcome =
  | { kind: 'posted'; date: string; channelId: string; messageId: string }
  /** The day was already posted (by the schedule or an earlier post-now). */
  | { kind: 'already'; date: string; channelId: string; messageId: string | null }
  /** Another send for this day is in flight. */
  | { kind: 'busy'; date: string }
  /** Nothing to post, and empty days are set to skip. Counts as the day's post. */
  | { kind: 'skipped'; date: string }
  /** Posts are paused (`/journal pause`) until local date `until`; a scheduled day is recorded as paused. */
  | { kind: 'paused'; date: string; until: string }
  | { kind: 'failed'; date: string; reason: FailureReason; detail: string; retryAt: Date | null }
  | { kind: 'notConfigured' };
