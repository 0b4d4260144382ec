/** What the schedule commands ask of a server: that it is one, that it is set up, and when it posts next. */
import { UserFacingError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { planFor } from '../../schedule/anniversary.js';
import { isPaused, postInstant } from '../../schedule/due.js';
import type { GuildSettings } from '../../store/guilds.js';
import { failureText, whenText } from '../../messages/schedule.js';
import type { HandlerContext } from '../types.js';

/** The server a schedule command is about; schedules are per server, so DMs are refused. */
export function requireGuild(ctx: HandlerContext): string {
  if (!ctx.guildId)
    throw new UserFacingError('anniversary posts are set up in a server', 'schedule.guildOnly');
  return ctx.guildId;
}

/** The server's settings, or a pointer to /journal setup. */
export function requireSettings(ctx: HandlerContext): GuildSettings {
  const settings = ctx.store.guilds.get(requireGuild(ctx));
  if (!settings)
    throw new UserFacingError(
      'anniversary posts are not set up in this server',
      'schedule.notConfigured',
    );
  return settings;
}

/** The next post, as a line: a time, "now", or off. */
export function nextPostText(ctx: HandlerContext, settings: GuildSettings): string {
  const { locale } = ctx;
  if (!settings.enabled) {
    return settings.disabledReason
      ? t(locale, 'schedule.offBecause', {
          reason: failureText(locale, settings.disabledReason, settings.channelId, null),
        })
      : t(locale, 'schedule.off');
  }
  const plan = planFor(ctx.store, settings, ctx.clock.now());
  // A paused day comes due only to be recorded as paused: the next post is the day the pause ends.
  if (plan.due && isPaused(settings, plan.date) && settings.pausedUntil)
    return whenText(
      postInstant(settings.pausedUntil, settings.time, settings.timeZone),
      settings.timeZone,
      locale,
    );
  if (plan.due) return t(locale, 'schedule.nextNow');
  return plan.next ? whenText(plan.next, settings.timeZone, locale) : t(locale, 'schedule.off');
}
