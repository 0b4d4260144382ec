/**
 * The figures `/journal stats` shows (src/messages/stats.ts draws them). They
 * read the whole journal, so they run on a worker thread
 * (src/worker/readJobs.ts) when the bot asks; the CLI calls them directly.
 */
import { dateParts } from '../../journal/dates.js';
import { computeStats, type JournalStats } from '../../journal/stats.js';
import type { HandlerContext } from '../types.js';

/**
 * The journal's statistics for `year`. By default this year in the server's
 * zone, or the latest year with essays when this one has none yet (an empty
 * heatmap in January tells nobody anything).
 */
export function statsFor(
  ctx: Pick<HandlerContext, 'store'> & { today: string; includeHidden: boolean },
  year?: number,
): JournalStats {
  const essays = ctx.store.essays.forStats({ includeHidden: ctx.includeHidden });
  const thisYear = dateParts(ctx.today).year;
  const latest = essays.filter((e) => e.date <= ctx.today).at(-1);
  const fallback =
    latest && dateParts(latest.date).year < thisYear ? dateParts(latest.date).year : thisYear;
  return computeStats(essays, { today: ctx.today, year: year ?? fallback });
}
