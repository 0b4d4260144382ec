/**
 * `/journal post-now`: today's anniversary post, now. It counts as today's
 * post, so the schedule does not post again. Sending is a front-end service;
 * where there is none (the offline console) the post is shown as a preview.
 */
import { localDate } from '../../journal/dates.js';
import { t } from '../../i18n/index.js';
import { composeAnniversaryPost } from '../../schedule/post.js';
import { message, notice } from '../../discord/render.js';
import { subcommand } from '../define.js';
import type { Reply, Subcommand } from '../types.js';
import { outcomeText, requireSettings } from './scheduleText.js';

export const postNow: Subcommand = {
  data: subcommand('journal', 'post-now'),
  access: 'manager',
  // Sending may wait on Discord's retries: longer than the 3 s an answer may take.
  defer: 'ephemeral',
  async execute(ctx): Promise<Reply> {
    const settings = requireSettings(ctx);
    const send = ctx.services.postAnniversary;
    if (send) return notice(outcomeText(ctx, settings, await send(settings.guildId)));

    const date = localDate(ctx.clock.now(), settings.timeZone);
    const preview = composeAnniversaryPost(ctx.store, { date, language: settings.language, emptyDay: settings.emptyDay, random: ctx.random });
    if (!preview) return notice(t(ctx.locale, 'schedule.dryRunEmpty', { date }));
    return {
      kind: 'message',
      ephemeral: true,
      payload: message({ ...preview, content: t(ctx.locale, 'schedule.dryRun', { channel: settings.channelId }) }),
    };
  },
};
