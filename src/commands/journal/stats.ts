import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { readYear } from '../essay/list.js';
import { option, subcommand } from '../define.js';
import { CHANNEL_VISIBILITY, todayOf } from '../context.js';
import { runReadJob } from '../../worker/runReadJob.js';
import type { Subcommand } from '../types.js';

export const stats: Subcommand = {
  data: subcommand('journal.stats', [
    option('journal.stats.year', {
      type: ApplicationCommandOptionType.Integer,
      required: false,
      min_value: 1,
      max_value: 9999,
    }),
  ]),
  access: 'everyone',
  // Reading every essay and drawing a PNG can take longer than Discord's 3 s on a big journal.
  defer: 'public',
  async execute(ctx, options) {
    // The reply is public (deferred before this runs), so hidden essays' tags, places and titles stay out of it.
    const payload = await runReadJob(ctx, 'stats', {
      today: todayOf(ctx),
      year: readYear(options.year),
      includeHidden: CHANNEL_VISIBILITY.includeHidden === true,
      locale: ctx.locale,
    });
    return { kind: 'message', payload };
  },
};
