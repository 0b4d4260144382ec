/**
 * `/journal post-now`: today's anniversary post, now. It counts as today's
 * post, so the schedule does not post again. Sending is a front-end service;
 * where there is none (the offline console) the post is shown as a preview.
 */
import { localDate } from '../../journal/dates.js';
import { t } from '../../i18n/index.js';
import { composeAnniversaryPost } from '../../schedule/post.js';
import { quoteScope } from '../quote/random.js';
import { notice, withNote } from '../../messages/builders.js';
import { subcommand } from '../define.js';
import { zoneOf } from '../context.js';
import type { Reply, Subcommand } from '../types.js';
import { requireSettings } from './scheduleText.js';
import { outcomeText } from '../../messages/schedule.js';

export const postNow: Subcommand = {
  data: subcommand('journal.post-now'),
  access: 'manager',
  // Sending may wait on Discord's retries: longer than the 3 s an answer may take.
  defer: 'ephemeral',
  async execute(ctx): Promise<Reply> {
    const send = ctx.services.postAnniversary;
    // The offline console has no server: preview the post a default setup would send.
    const settings = ctx.guildId === null && !send ? null : requireSettings(ctx);
    if (send && settings)
      return notice(outcomeText(ctx.locale, settings, await send(settings.guildId)));

    const date = localDate(ctx.clock.now(), settings?.timeZone ?? zoneOf(ctx));
    const preview = composeAnniversaryPost(ctx.store, {
      date,
      language: settings?.language ?? ctx.locale,
      emptyDay: settings?.emptyDay ?? 'skip',
      random: ctx.random,
      scope: settings?.channelId ?? quoteScope(ctx),
    });
    if (!preview) return notice(t(ctx.locale, 'schedule.dryRunEmpty', { date }));
    const intro = settings
      ? t(ctx.locale, 'schedule.dryRun', { channel: settings.channelId })
      : t(ctx.locale, 'schedule.dryRunNoServer');
    return { kind: 'message', ephemeral: true, payload: withNote(intro, preview) };
  },
};
