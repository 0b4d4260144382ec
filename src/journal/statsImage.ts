/**
 * The `/journal stats` picture: a calendar heatmap of one year and a bar chart
 * of characters per year, labelled in the reader's language. It is drawn with
 * the Noto Sans SC the project installs (see statsFont.ts), never a host
 * font, so it looks the same everywhere. Only fixed labels and numbers are
 * drawn, never essay text, which keeps the font subset small.
 * Deterministic: the same stats give the same bytes (no clock, no randomness).
 */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import { addDays, dayNumber, isLeapYear } from './dates.js';
import { STATS_FONT_FAMILY, statsFontFiles } from './statsFont.js';
import { isoWeekday, type JournalStats } from './stats.js';

export interface StatsImageOptions {
  /** Must be the year the stats were computed for; defaults to it. */
  year?: number;
  /** The language of the labels (default en-US). */
  locale?: Locale;
}

/** Alt text in each language the bot speaks. */
export interface StatsImageDescription {
  'en-US': string;
  'zh-CN': string;
}

export interface StatsPng {
  png: Buffer;
  /** Pixel size of `png` (the SVG size times {@link STATS_IMAGE_SCALE}). */
  width: number;
  height: number;
  description: StatsImageDescription;
}

/** SVG size in CSS pixels. */
export const STATS_IMAGE_WIDTH = 900;
export const STATS_IMAGE_HEIGHT = 290;
/** Rendered at 2× so it stays crisp on high-density screens that Discord scales down for. */
export const STATS_IMAGE_SCALE = 2;

/**
 * Day shades by characters written that day: level 1 from the first
 * character, then 500, 1000, 2000. Fixed rather than relative to the year's
 * maximum so one long essay does not pale every other day, and a shade means
 * the same in every year's picture.
 */
export const SHADE_THRESHOLDS = [1, 500, 1000, 2000] as const;

/** Ink blue, light to dark; index 0 is a day without an essay. */
export const SHADES = ['#ebedf0', '#c6dbef', '#8db3dc', '#4a7fb8', '#1f4e85'] as const;
/** Days still to come this year: fainter than "no essay", which is a fact already. */
const FUTURE_SHADE = '#f6f7f9';

const INK = '#24292f';
const MUTED = '#6e7781';

const CELL = 12;
const PITCH = 15; // cell plus a 3 px gap
const GRID_LEFT = 52;
const GRID_TOP = 64;
/** Right edge of a 54-week grid: the most a year can span (a leap year starting on Sunday). */
const GRID_RIGHT = GRID_LEFT + 54 * PITCH - 3;
const LOCALES: readonly Locale[] = ['en-US', 'zh-CN'];

/** Everything that differs by language, worked out once per locale. */
interface Labels {
  locale: Locale;
  /** "Jan" … / "1月" …, from ICU so they read as each language writes them. */
  months: string[];
  /** Monday, Wednesday, Friday: the rows that carry a label. */
  weekdays: [string, string, string];
  number: Intl.NumberFormat;
  /** 12.3K / 1.2万 for bar values that would not fit in full. */
  compact: Intl.NumberFormat;
}

function makeLabels(locale: Locale): Labels {
  const utc = (month: number, day: number) => Date.UTC(2024, month, day);
  const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return {
    locale,
    months: Array.from({ length: 12 }, (_, m) => month.format(utc(m, 1))),
    weekdays: [weekday.format(utc(0, 1)), weekday.format(utc(0, 3)), weekday.format(utc(0, 5))],
    number: new Intl.NumberFormat(locale),
    compact: new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }),
  };
}

const LABELS: Record<Locale, Labels> = {
  'en-US': makeLabels('en-US'),
  'zh-CN': makeLabels('zh-CN'),
};

const PLURAL_KEYS = ['statsImage.essays', 'statsImage.chars', 'statsImage.days'] as const;
const LABEL_KEYS = [
  ...PLURAL_KEYS.flatMap((k) => [`${k}.one`, `${k}.other`] as const),
  'statsImage.summary',
  'statsImage.streaks',
  'statsImage.legend',
  'statsImage.perYear',
  'statsImage.total',
  'statsImage.empty',
] as const satisfies readonly MessageKey[];

const fmt = (l: Labels, n: number) => l.number.format(n);
const count = (l: Labels, key: (typeof PLURAL_KEYS)[number], n: number) =>
  t(l.locale, n === 1 ? `${key}.one` : `${key}.other`, { n: fmt(l, n) });

/**
 * Every character the picture can draw, in either language: printable ASCII
 * (numerals, Latin, separators), the labels' fixed text, ICU's month and
 * weekday names and compact-number units. The font is cut down to these.
 */
export const STATS_IMAGE_CHARACTERS: string = (() => {
  const chars = new Set<string>();
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
  const add = (s: string) => {
    for (const ch of s.replace(/\{\w+\}/g, '')) chars.add(ch);
  };
  for (const locale of LOCALES) {
    const l = LABELS[locale];
    for (const key of LABEL_KEYS) add(t(locale, key));
    [...l.months, ...l.weekdays].forEach(add);
    for (const n of [12_345, 123_456, 1_234_567, 123_456_789]) add(l.compact.format(n));
  }
  add('·–');
  return [...chars].sort().join('');
})();

/** resvg options for the picture: the installed font only, at {@link STATS_IMAGE_SCALE}×. */
export function statsRenderOptions(): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: STATS_IMAGE_SCALE },
    font: {
      loadSystemFonts: false,
      fontFiles: statsFontFiles(STATS_IMAGE_CHARACTERS),
      defaultFontFamily: STATS_FONT_FAMILY,
      sansSerifFamily: STATS_FONT_FAMILY,
    },
    logLevel: 'off',
  };
}

/** Shade index 0–4 for a day. */
export function shadeLevel(essays: number, chars: number): number {
  if (essays === 0) return 0;
  let level = 1;
  for (let i = 1; i < SHADE_THRESHOLDS.length; i++)
    if (chars >= (SHADE_THRESHOLDS[i] ?? Infinity)) level = i + 1;
  return level;
}

/**
 * Where a day's square sits in the heatmap of its year, in SVG (CSS) pixels:
 * one column per Monday-start week, the week holding January 1 first, rows
 * Monday to Sunday.
 */
export function heatmapCell(date: string): {
  x: number;
  y: number;
  size: number;
  column: number;
  row: number;
} {
  const row = isoWeekday(date);
  const jan1 = `${date.slice(0, 4)}-01-01`;
  const column = Math.floor((dayNumber(date) - dayNumber(jan1) + isoWeekday(jan1)) / 7);
  return { x: GRID_LEFT + column * PITCH, y: GRID_TOP + row * PITCH, size: CELL, column, row };
}

function text(x: number, y: number, content: string, attrs = ''): string {
  // Content is generated here from numbers and fixed labels, never from essays, so escaping `&<>` suffices.
  const escaped = content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<text x="${x}" y="${y}" ${attrs}>${escaped}</text>`;
}

function checkYear(stats: JournalStats, options: StatsImageOptions): number {
  const year = options.year ?? stats.year;
  // Stats hold per-day figures for one year only; drawing another would show a blank year as if nothing was written.
  if (year !== stats.year)
    throw new RangeError(`stats were computed for ${stats.year}, not ${year}`);
  return year;
}

function heatmap(stats: JournalStats, year: number, l: Labels): string[] {
  const out: string[] = [];
  const byDate = new Map(stats.days.map((d) => [d.date, d]));
  const todayNumber = dayNumber(stats.today);
  const first = `${year}-01-01`;
  const dayCount = isLeapYear(year) ? 366 : 365;

  for (let month = 1; month <= 12; month++) {
    const { x } = heatmapCell(`${year}-${String(month).padStart(2, '0')}-01`);
    out.push(text(x, GRID_TOP - 8, l.months[month - 1] ?? '', `font-size="10" fill="${MUTED}"`));
  }
  for (const [row, label] of [
    [0, l.weekdays[0]],
    [2, l.weekdays[1]],
    [4, l.weekdays[2]],
  ] as const) {
    out.push(
      text(
        GRID_LEFT - 8,
        GRID_TOP + row * PITCH + 9.5,
        label,
        `font-size="9.5" fill="${MUTED}" text-anchor="end"`,
      ),
    );
  }

  for (let i = 0; i < dayCount; i++) {
    const date = addDays(first, i);
    const { x, y } = heatmapCell(date);
    const day = byDate.get(date);
    const future = dayNumber(date) > todayNumber;
    const fill = day
      ? SHADES[shadeLevel(day.essays, day.chars)]
      : future
        ? FUTURE_SHADE
        : SHADES[0];
    const isToday = dayNumber(date) === todayNumber;
    // A thin ring marks today so "is today written?" is visible at a glance.
    const ring = isToday ? ` stroke="${INK}" stroke-width="1" stroke-opacity="0.55"` : '';
    out.push(
      `<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" rx="2.5" fill="${fill}"${ring}/>`,
    );
  }

  // Legend under the grid's right edge: each shade with the characters it starts at.
  const legendY = GRID_TOP + 7 * PITCH + 8;
  const items = SHADES.map((fill, i) => ({
    fill,
    label: i === 0 ? '0' : `${fmt(l, SHADE_THRESHOLDS[i - 1] ?? 0)}+`,
  }));
  let x = GRID_RIGHT;
  for (const item of items.reverse()) {
    // Widths are estimated (about 0.6 em per numeral at 9 px): resvg gives no text metrics before rendering.
    x -= item.label.length * 5.6;
    out.push(text(x, legendY + 9, item.label, `font-size="9" fill="${MUTED}"`));
    x -= 14;
    out.push(`<rect x="${x}" y="${legendY}" width="10" height="10" rx="2" fill="${item.fill}"/>`);
    x -= 10;
  }
  out.push(
    text(
      x,
      legendY + 9,
      t(l.locale, 'statsImage.legend'),
      `font-size="9" fill="${MUTED}" text-anchor="end"`,
    ),
  );
  return out;
}

const compact = (l: Labels, n: number) => (n < 10_000 ? fmt(l, n) : l.compact.format(n));

function yearBars(stats: JournalStats, year: number, l: Labels): string[] {
  const out: string[] = [];
  const top = 204;
  out.push(
    text(
      GRID_LEFT,
      top,
      t(l.locale, 'statsImage.perYear'),
      `font-size="11" font-weight="bold" fill="${INK}"`,
    ),
  );
  if (stats.years.length === 0) {
    out.push(
      text(GRID_LEFT, top + 34, t(l.locale, 'statsImage.empty'), `font-size="11" fill="${MUTED}"`),
    );
    return out;
  }
  out.push(
    text(
      GRID_RIGHT,
      top,
      t(l.locale, 'statsImage.total', {
        chars: fmt(l, stats.chars),
        year: stats.firstDate?.slice(0, 4) ?? '',
      }),
      `font-size="10" fill="${MUTED}" text-anchor="end"`,
    ),
  );
  const baseline = top + 58;
  const maxHeight = 36;
  const span = GRID_RIGHT - GRID_LEFT;
  const slot = Math.min(64, span / stats.years.length);
  const barWidth = Math.max(4, Math.min(40, slot - 6));
  const max = Math.max(1, ...stats.years.map((y) => y.chars));
  // Year labels thin out when bars get narrow, so numerals never overlap.
  const labelEvery = Math.ceil(32 / slot);
  const valueEvery = Math.ceil(44 / slot);
  stats.years.forEach((y, i) => {
    const x = GRID_LEFT + i * slot;
    const cx = x + barWidth / 2;
    const h = y.chars === 0 ? 0 : Math.max(1.5, (y.chars / max) * maxHeight);
    const selected = y.year === year;
    out.push(
      `<rect x="${x}" y="${baseline - h}" width="${barWidth}" height="${h}" rx="1.5" fill="${selected ? SHADES[4] : SHADES[2]}"/>`,
    );
    const last = i === stats.years.length - 1;
    if (selected || last || i % valueEvery === 0) {
      out.push(
        text(
          cx,
          baseline - h - 3,
          compact(l, y.chars),
          `font-size="9" fill="${selected ? INK : MUTED}" text-anchor="middle"`,
        ),
      );
    }
    if (selected || last || i % labelEvery === 0) {
      out.push(
        text(
          cx,
          baseline + 12,
          String(y.year),
          `font-size="9.5" fill="${selected ? INK : MUTED}" text-anchor="middle"${selected ? ' font-weight="bold"' : ''}`,
        ),
      );
    }
  });
  out.push(
    `<line x1="${GRID_LEFT}" y1="${baseline + 0.5}" x2="${GRID_LEFT + span}" y2="${baseline + 0.5}" stroke="#d0d7de" stroke-width="1"/>`,
  );
  return out;
}

function yearTotals(stats: JournalStats, year: number): { essays: number; chars: number } {
  return stats.years.find((y) => y.year === year) ?? { essays: 0, chars: 0 };
}

/**
 * The stats picture as an SVG document ({@link STATS_IMAGE_WIDTH} ×
 * {@link STATS_IMAGE_HEIGHT}): title with the year's totals, heatmap of the
 * year, legend, and characters per year, labelled in `options.locale`.
 */
export function renderStatsSvg(stats: JournalStats, options: StatsImageOptions = {}): string {
  const year = checkYear(stats, options);
  const l = LABELS[options.locale ?? 'en-US'];
  const totals = yearTotals(stats, year);
  const streak = stats.streaks.currentDays?.length ?? 0;
  const best = stats.streaks.longestDays?.length ?? 0;
  const summary = t(l.locale, 'statsImage.summary', {
    essays: count(l, 'statsImage.essays', totals.essays),
    chars: count(l, 'statsImage.chars', totals.chars),
    days: count(l, 'statsImage.days', stats.days.length),
  });
  const body = [
    `<rect width="${STATS_IMAGE_WIDTH}" height="${STATS_IMAGE_HEIGHT}" rx="10" fill="#ffffff"/>`,
    `<text x="20" y="32" font-size="17" fill="${INK}"><tspan font-weight="bold">${year}</tspan>` +
      `<tspan fill="${MUTED}" dx="10">${summary}</tspan></text>`,
    text(
      GRID_RIGHT,
      32,
      t(l.locale, 'statsImage.streaks', {
        current: count(l, 'statsImage.days', streak),
        longest: count(l, 'statsImage.days', best),
      }),
      `font-size="11" fill="${MUTED}" text-anchor="end"`,
    ),
    ...heatmap(stats, year, l),
    ...yearBars(stats, year, l),
  ];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${STATS_IMAGE_WIDTH}" height="${STATS_IMAGE_HEIGHT}" ` +
    `viewBox="0 0 ${STATS_IMAGE_WIDTH} ${STATS_IMAGE_HEIGHT}" font-family="'${STATS_FONT_FAMILY}'">\n` +
    body.join('\n') +
    '\n</svg>\n'
  );
}

/** One-sentence alt text for screen readers, in English and Chinese. */
export function describeStatsImage(
  stats: JournalStats,
  options: StatsImageOptions = {},
): StatsImageDescription {
  const year = checkYear(stats, options);
  const totals = yearTotals(stats, year);
  const days = stats.days.length;
  const enLabels = LABELS['en-US'];
  const zhLabels = LABELS['zh-CN'];
  const busiest = stats.months.reduce((a, b) => (b.chars > a.chars ? b : a));
  const first = stats.years[0]?.year;
  const last = stats.years.at(-1)?.year;
  const range =
    first === undefined || last === undefined
      ? null
      : first === last
        ? `${first}`
        : `${first}–${last}`;
  const monthName = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2000, busiest.month - 1, 1),
  );
  const en =
    `Calendar heatmap of ${year}: ${count(enLabels, 'statsImage.essays', totals.essays)} and ${count(enLabels, 'statsImage.chars', totals.chars)} on ${count(enLabels, 'statsImage.days', days)}` +
    (busiest.chars > 0 ? `, most in ${monthName}` : '') +
    (range
      ? `, with a bar chart of characters per year for ${range}.`
      : ', with no essays yet to chart per year.');
  const zh =
    `${year} 年写作日历热力图：共 ${fmt(zhLabels, totals.essays)} 篇、${fmt(zhLabels, totals.chars)} 字，写于 ${fmt(zhLabels, days)} 天` +
    (busiest.chars > 0 ? `，${busiest.month} 月写得最多` : '') +
    (range ? `；下方柱状图为 ${range} 年每年字数。` : '；还没有可按年统计的随笔。');
  return { 'en-US': en, 'zh-CN': zh };
}

/**
 * Renders {@link renderStatsSvg} to PNG at {@link STATS_IMAGE_SCALE}× with
 * resvg and the installed font ({@link statsRenderOptions}).
 */
export function renderStatsPng(stats: JournalStats, options: StatsImageOptions = {}): StatsPng {
  const svg = renderStatsSvg(stats, options);
  const rendered = new Resvg(svg, statsRenderOptions()).render();
  return {
    png: rendered.asPng(),
    width: rendered.width,
    height: rendered.height,
    description: describeStatsImage(stats, options),
  };
}
