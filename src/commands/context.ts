/** Small questions every handler asks of its context. */
import { localDate } from '../journal/dates.js';
import { UserFacingError } from '../errors.js';
import type { Visibility } from '../store/essays.js';
import type { HandlerContext } from './types.js';

/** Authors see hidden essays, in replies only they see; everyone else never does. */
export function visibility(ctx: HandlerContext): Visibility {
  return { includeHidden: ctx.caller.isAuthor };
}

/**
 * For replies the whole channel sees (public messages, and in-place updates
 * of them by whoever presses a button): never hidden essays, whoever asks,
 * since an author's public list would show them to everyone. Authors reach
 * hidden essays privately: autocomplete, /essay show (then ephemeral), the
 * open button.
 */
export const CHANNEL_VISIBILITY: Visibility = Object.freeze({ includeHidden: false });

/** The IANA zone "today" is computed in: the server's configured zone, else the author's. */
export function zoneOf(ctx: HandlerContext): string {
  return (ctx.guildId ? ctx.store.guilds.get(ctx.guildId)?.timeZone : undefined) ?? ctx.timeZone;
}

/** Today's calendar date in this server's zone. */
export function todayOf(ctx: HandlerContext): string {
  return localDate(ctx.clock.now(), zoneOf(ctx));
}

/** A whole number option (page, id) from a custom id segment, or a polite refusal. */
export function intArg(text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || !/^-?\d{1,15}$/u.test(text) || !Number.isSafeInteger(n)) {
    throw new UserFacingError('stale or forged button', 'error.stale');
  }
  return n;
}
