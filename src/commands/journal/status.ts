/** `/journal status`: where and when the anniversary posts go, the next one, the last one and the last failure. */
import { t } from '../../i18n/index.js';
import type { Field } from '../../messages/builders.js';
import { subcommand } from '../define.js';
import type { Subcommand } from '../types.js';
import { nextPostText, requireSettings } from './scheduleText.js';
import { isPaused } from '../../schedule/due.js';
import { todayOf } from '../context.js';
import {
  emptyDayName,
  failureText,
  formatLocalTime,
  languageName,
  messageLink,
  mutedPeriodsText,
  pauseText,
  renderScheduleStatus,
} from '../../messages/schedule.js';

export const status: Subcommand = {
  data: subcommand('journal.status'),
  access: 'manager',
  execute(ctx) {
    const settings = requireSettings(ctx);
    const { locale } = ctx;
    const last = ctx.store.posts.lastSent(settings.guildId);
    const failure = settings.lastFailure;
    const field = (key: Parameters<typeof t>[1], value: string): Field => ({
      name: t(locale, key),
      value,
    });
    const fields = [
      field('schedule.status.channel', `<#${settings.channelId}>`),
      field('schedule.status.time', `${settings.time} · ${settings.timeZone}`),
      field('schedule.status.next', nextPostText(ctx, settings)),
      field(
        'schedule.status.last',
        last?.messageId
          ? `${last.date} · ${messageLink(settings.guildId, last.channelId, last.messageId)}`
          : t(locale, 'schedule.status.never'),
      ),
      field(
        'schedule.status.failure',
        failure
          ? `${formatLocalTime(new Date(failure.at), settings.timeZone, locale)}: ${failureText(locale, failure.reason, settings.channelId, failure.detail)}`
          : t(locale, 'schedule.status.noFailure'),
      ),
      field('schedule.status.language', languageName(locale, settings.language)),
      field('schedule.status.emptyDay', emptyDayName(locale, settings.emptyDay)),
      // How many readers get their anniversaries by DM: the journal's, so for its authors only.
      ...(ctx.caller.isAuthor
        ? [
            field(
              'schedule.status.subscribers',
              t(locale, 'schedule.status.subscriberCount', {
                n: ctx.store.subscriptions.countActive(),
              }),
            ),
          ]
        : []),
      field('schedule.status.muted', mutedPeriodsText(locale, ctx.store.mutes.list())),
    ];
    if (settings.pausedUntil && isPaused(settings, todayOf(ctx)))
      fields.splice(3, 0, field('schedule.status.paused', pauseText(locale, settings.pausedUntil)));
    return {
      kind: 'message',
      ephemeral: true,
      payload: renderScheduleStatus(t(locale, 'schedule.status.title'), fields),
    };
  },
};
