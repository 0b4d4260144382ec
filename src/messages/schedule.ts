/** What /journal setup, status, post-now and disable say about a server's anniversary posts. */
import { t, type Locale } from '../i18n/index.js';
import {
  container,
  discordTimestamp,
  fieldsText,
  heading,
  message,
  textDisplay,
  type Field,
} from './builders.js';
import type { MessagePayload } from './payload.js';
import type { EmptyDayMode, FailureReason, PostOutcome } from '../schedule/types.js';
import type { MutedPeriod } from '../journal/mutedPeriods.js';

/** "Sunday, November 1, 2026, 09:00 GMT+8" in the reader's language, on the server's clock. */
export function formatLocalTime(at: Date, zone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(at);
}

/** Local time, then the same instant as a Discord timestamp every reader sees in their own zone. */
export function whenText(at: Date, zone: string, locale: Locale): string {
  return `${formatLocalTime(at, zone, locale)} · ${discordTimestamp(at, 'F')} (${discordTimestamp(at, 'R')})`;
}

/** Why a post could not go out, in words a manager can act on. */
export function failureText(
  locale: Locale,
  reason: FailureReason,
  channelId: string,
  detail: string | null,
): string {
  return t(locale, `schedule.failure.${reason}`, {
    channel: channelId,
    detail: detail ?? '—',
  });
}

export function languageName(locale: Locale, language: Locale): string {
  return t(locale, `schedule.language.${language}`);
}

export function emptyDayName(locale: Locale, mode: EmptyDayMode): string {
  return t(locale, `schedule.emptyDay.${mode}`);
}

/** A link that opens a message in Discord. */
export function messageLink(guildId: string, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}

/** One sentence about what `/journal post-now` did. */
export function outcomeText(
  locale: Locale,
  settings: { guildId: string; channelId: string },
  outcome: PostOutcome,
): string {
  switch (outcome.kind) {
    case 'posted':
      return t(locale, 'schedule.posted', {
        channel: outcome.channelId,
        link: messageLink(settings.guildId, outcome.channelId, outcome.messageId),
      });
    case 'already':
      return outcome.messageId
        ? t(locale, 'schedule.already', {
            link: messageLink(settings.guildId, outcome.channelId, outcome.messageId),
          })
        : t(locale, 'schedule.busy');
    case 'busy':
      return t(locale, 'schedule.busy');
    case 'skipped':
      return t(locale, 'schedule.skipped', { date: outcome.date });
    case 'paused':
      return t(locale, 'schedule.paused', { until: outcome.until });
    case 'failed': {
      const reason = failureText(locale, outcome.reason, settings.channelId, outcome.detail);
      return outcome.retryAt
        ? t(locale, 'schedule.failedRetrying', {
            reason,
            at: discordTimestamp(outcome.retryAt, 'R'),
          })
        : t(locale, 'schedule.failed', { reason });
    }
    case 'notConfigured':
      return t(locale, 'schedule.notConfigured');
  }
}

/** One muted period as a line: `#3 · 2024-03-01 – 2024-06-30 · note`. */
export function mutedPeriodLine(period: MutedPeriod): string {
  const range = `#${period.id} · ${period.from} – ${period.to}`;
  return period.note ? `${range} · ${period.note}` : range;
}

/** Every muted period, one a line (for /journal status); "none" when there are none. */
export function mutedPeriodsText(locale: Locale, periods: readonly MutedPeriod[]): string {
  return periods.length === 0 ? t(locale, 'mute.none') : periods.map(mutedPeriodLine).join('\n');
}

/** While a server's posts are paused: until when, as a status line (the date is the server's local date). */
export function pauseText(locale: Locale, pausedUntil: string): string {
  return t(locale, 'schedule.pausedUntil', { date: pausedUntil });
}

/** `/journal status` as a card: its title and one field per fact (channel, time, next post, …). */
export function renderScheduleStatus(title: string, fields: readonly Field[]): MessagePayload {
  return message({
    components: [container([heading(title), textDisplay(fieldsText(fields, 600))])],
  });
}
