import { ApplicationCommandOptionType, type APIEmbedField } from 'discord-api-types/v10';
import { dateParts } from '../../journal/dates.js';
import { computeStats, type JournalStats } from '../../journal/stats.js';
import { renderStatsPng } from '../../journal/statsImage.js';
import { t, type Locale } from '../../i18n/index.js';
import { ACCENT, LIMITS, message } from '../../discord/render.js';
import { truncate } from '../../journal/display.js';
import { readYear } from '../essay/list.js';
import { option, subcommand } from '../define.js';
import { CHANNEL_VISIBILITY, todayOf } from '../context.js';
import type { HandlerContext, MessagePayload, Subcommand } from '../types.js';

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

const number = (locale: Locale, n: number) => n.toLocaleString(locale);

function streakText(
  locale: Locale,
  streak: JournalStats['streaks']['longestDays'],
  unit: 'days' | 'weeks',
): string {
  if (!streak) return '—';
  return t(locale, unit === 'days' ? 'stats.streakDays' : 'stats.streakWeeks', {
    n: streak.length,
    start: streak.start,
    end: streak.end,
  });
}

function topList(locale: Locale, items: JournalStats['places']): string {
  if (items.length === 0) return '—';
  return truncate(
    items
      .slice(0, 8)
      .map((i) => `${i.name} ×${number(locale, i.count)}`)
      .join(' · '),
    LIMITS.fieldValue,
  );
}

/** The stats embed with its heatmap attached. */
export function renderStats(stats: JournalStats, locale: Locale): MessagePayload {
  const yearTotal = stats.years.find((y) => y.year === stats.year);
  const fields: APIEmbedField[] = [
    {
      name: t(locale, 'stats.thisYear', { year: stats.year }),
      value: t(locale, 'stats.essaysChars', {
        essays: number(locale, yearTotal?.essays ?? 0),
        chars: number(locale, yearTotal?.chars ?? 0),
      }),
      inline: true,
    },
    {
      name: t(locale, 'stats.allTime'),
      value: t(locale, 'stats.essaysChars', {
        essays: number(locale, stats.essays),
        chars: number(locale, stats.chars),
      }),
      inline: true,
    },
    {
      name: t(locale, 'stats.average'),
      value: t(locale, 'stats.chars', { n: number(locale, stats.averageChars) }),
      inline: true,
    },
    {
      name: t(locale, 'stats.longest'),
      value: stats.longest
        ? truncate(
            `${stats.longest.date}${stats.longest.title ? ` · ${stats.longest.title}` : ''} · ${t(locale, 'stats.chars', { n: number(locale, stats.longest.chars) })}`,
            LIMITS.fieldValue,
          )
        : '—',
      inline: false,
    },
    {
      name: t(locale, 'stats.currentStreak'),
      value: `${streakText(locale, stats.streaks.currentDays, 'days')}\n${streakText(locale, stats.streaks.currentWeeks, 'weeks')}`,
      inline: true,
    },
    {
      name: t(locale, 'stats.longestStreak'),
      value: `${streakText(locale, stats.streaks.longestDays, 'days')}\n${streakText(locale, stats.streaks.longestWeeks, 'weeks')}`,
      inline: true,
    },
    { name: t(locale, 'stats.places'), value: topList(locale, stats.places), inline: false },
    { name: t(locale, 'stats.tags'), value: topList(locale, stats.tags), inline: false },
  ];
  const image = renderStatsPng(stats, { year: stats.year });
  const name = `journal-${stats.year}.png`;
  return message({
    embeds: [
      {
        title: t(locale, 'stats.title', { year: stats.year }),
        description: stats.firstDate
          ? t(locale, 'stats.span', {
              first: stats.firstDate,
              latest: stats.latestDate ?? stats.firstDate,
            })
          : t(locale, 'essay.empty'),
        color: ACCENT,
        fields,
        image: { url: `attachment://${name}` },
        footer: { text: t(locale, 'stats.countingNote') },
      },
    ],
    files: [{ name, data: image.png, description: truncate(image.description[locale], 1024) }],
  });
}

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
  execute(ctx, options) {
    // The reply is public (deferred before this runs), so hidden essays' tags, places and titles stay out of it.
    const result = statsFor(
      {
        store: ctx.store,
        today: todayOf(ctx),
        includeHidden: CHANNEL_VISIBILITY.includeHidden === true,
      },
      readYear(options.year),
    );
    return { kind: 'message', payload: renderStats(result, ctx.locale) };
  },
};
