/**
 * `/journal pause days:` (managers): hold this server's anniversary posts
 * for N days, today included; 0 resumes. Each held day is recorded as
 * paused when it comes due (src/schedule/anniversary.ts), so nothing posts
 * it later. `/journal setup` also resumes.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserFacingError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { addDays } from '../../journal/dates.js';
import { truncate } from '../../journal/display.js';
import { notice } from '../../messages/builders.js';
import { option, subcommand } from '../define.js';
import { todayOf } from '../context.js';
import type { Subcommand } from '../types.js';
import { nextPostText, requireSettings } from './scheduleText.js';

/** The longest pause: a year. Longer is what /journal disable is for. */
export const MAX_PAUSE_DAYS = 365;

/** A whole number of days from 0 to {@link MAX_PAUSE_DAYS}, or one sentence. */
export function readPauseDays(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const days = Number(text.trim());
  if (!/^\s*\d{1,3}\s*$/u.test(text) || days > MAX_PAUSE_DAYS)
    throw new UserFacingError(
      `"${text}" is not a number of days from 0 to ${MAX_PAUSE_DAYS}`,
      'schedule.pause.badDays',
      { input: truncate(text.trim(), 40), max: MAX_PAUSE_DAYS },
    );
  return days;
}

export const pause: Subcommand = {
  data: subcommand('journal.pause', [
    option('journal.pause.days', {
      type: ApplicationCommandOptionType.Integer,
      required: true,
      min_value: 0,
      max_value: MAX_PAUSE_DAYS,
    }),
  ]),
  access: 'manager',
  execute(ctx, options) {
    const settings = requireSettings(ctx);
    const days = readPauseDays(options.days);
    // Days are the server's calendar days: "2" holds today's post and tomorrow's.
    const until = days === 0 ? null : addDays(todayOf(ctx), days);
    ctx.store.guilds.pause(settings.guildId, until);
    const { locale } = ctx;
    if (until) return notice(t(locale, 'schedule.pause.done', { date: until }));
    const resumed = ctx.store.guilds.get(settings.guildId)!;
    return notice(t(locale, 'schedule.pause.resumed', { next: nextPostText(ctx, resumed) }));
  },
};
