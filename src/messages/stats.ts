/** The `/journal stats` card: the figures over every essay and the heatmap picture. */
import type { JournalStats } from '../journal/stats.js';
import { renderStatsPng } from '../journal/statsImage.js';
import { truncate } from '../journal/display.js';
import { escapeMarkdown } from '../journal/markdown.js';
import { t, type Locale } from '../i18n/index.js';
import {
  container,
  fieldsText,
  heading,
  mediaGallery,
  message,
  small,
  textDisplay,
  type Field,
} from './builders.js';
import type { MessagePayload } from './payload.js';

/** One figure's value (top places, the longest essay's title): a line, not a paragraph. */
const FIGURE_CHARS = 400;

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
      .map((i) => `${escapeMarkdown(i.name)} ×${number(locale, i.count)}`)
      .join(' · '),
    FIGURE_CHARS,
  );
}

/**
 * The stats card: the title, the span of the journal, the heatmap in a
 * media gallery (`attachment://journal-YEAR.png`, sent with the message),
 * the figures as text, and the counting note as a subtle line.
 */
export function renderStats(stats: JournalStats, locale: Locale): MessagePayload {
  const yearTotal = stats.years.find((y) => y.year === stats.year);
  const figures: Field[] = [
    {
      name: t(locale, 'stats.thisYear', { year: stats.year }),
      value: t(locale, 'stats.essaysChars', {
        essays: number(locale, yearTotal?.essays ?? 0),
        chars: number(locale, yearTotal?.chars ?? 0),
      }),
    },
    {
      name: t(locale, 'stats.allTime'),
      value: t(locale, 'stats.essaysChars', {
        essays: number(locale, stats.essays),
        chars: number(locale, stats.chars),
      }),
    },
    {
      name: t(locale, 'stats.average'),
      value: t(locale, 'stats.chars', { n: number(locale, stats.averageChars) }),
    },
    {
      name: t(locale, 'stats.longest'),
      value: stats.longest
        ? truncate(
            `${stats.longest.date}${stats.longest.title ? ` · ${escapeMarkdown(stats.longest.title)}` : ''} · ${t(locale, 'stats.chars', { n: number(locale, stats.longest.chars) })}`,
            FIGURE_CHARS,
          )
        : '—',
    },
    {
      name: t(locale, 'stats.currentStreak'),
      value: `${streakText(locale, stats.streaks.currentDays, 'days')}\n${streakText(locale, stats.streaks.currentWeeks, 'weeks')}`,
    },
    {
      name: t(locale, 'stats.longestStreak'),
      value: `${streakText(locale, stats.streaks.longestDays, 'days')}\n${streakText(locale, stats.streaks.longestWeeks, 'weeks')}`,
    },
    { name: t(locale, 'stats.places'), value: topList(locale, stats.places) },
    { name: t(locale, 'stats.tags'), value: topList(locale, stats.tags) },
  ];
  const image = renderStatsPng(stats, { year: stats.year, locale });
  const name = statsFileName(stats.year);
  const span = stats.firstDate
    ? t(locale, 'stats.span', {
        first: stats.firstDate,
        latest: stats.latestDate ?? stats.firstDate,
      })
    : t(locale, 'essay.empty');
  return message({
    components: [
      container([
        heading(t(locale, 'stats.title', { year: stats.year })),
        textDisplay(span),
        mediaGallery([{ url: `attachment://${name}`, description: image.description[locale] }]),
        textDisplay(fieldsText(figures, FIGURE_CHARS)),
        small(t(locale, 'stats.countingNote')),
      ]),
    ],
    files: [{ name, data: image.png, description: truncate(image.description[locale], 1024) }],
  });
}

/** The heatmap's file name, which the card's media gallery references. */
export function statsFileName(year: number): string {
  return `journal-${year}.png`;
}
