/** The `/journal stats` card: the figures over every essay and the heatmap picture. */
import type { APIEmbedField } from 'discord-api-types/v10';
import type { JournalStats } from '../journal/stats.js';
import { renderStatsPng } from '../journal/statsImage.js';
import { truncate } from '../journal/display.js';
import { t, type Locale } from '../i18n/index.js';
import { message } from './builders.js';
import { ACCENT, LIMITS } from './limits.js';
import type { MessagePayload } from './payload.js';

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
  const image = renderStatsPng(stats, { year: stats.year, locale });
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
