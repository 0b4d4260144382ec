/**
 * The `/journal stats` picture: a calendar heatmap of one year and a bar chart
 * of characters per year. Only numerals and Latin are drawn, so it renders on
 * a host without CJK fonts; the Chinese words go in the Discord embed instead.
 * Deterministic: the same stats give the same bytes (no clock, no randomness).
 */
import { Resvg } from '@resvg/resvg-js';
import { addDays, dayNumber, isLeapYear } from './dates.js';
import { isoWeekday, type JournalStats } from './stats.js';

export interface StatsImageOptions {
  /** Must be the year the stats were computed for; defaults to it. */
  year?: number;
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

const FONT_STACK = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
const INK = '#24292f';
const MUTED = '#6e7781';

const CELL = 12;
const PITCH = 15; // cell plus a 3 px gap
const GRID_LEFT = 52;
const GRID_TOP = 64;
/** Right edge of a 54-week grid: the most a year can span (a leap year starting on Sunday). */
const GRID_RIGHT = GRID_LEFT + 54 * PITCH - 3;
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const numberFormat = new Intl.NumberFormat('en-US');
const fmt = (n: number) => numberFormat.format(n);
const plural = (n: number, one: string, many: string) => `${fmt(n)} ${n === 1 ? one : many}`;

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
  // Content is generated here from numbers and fixed Latin words, never from essays, so escaping `&<>` suffices.
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

function heatmap(stats: JournalStats, year: number): string[] {
  const out: string[] = [];
  const byDate = new Map(stats.days.map((d) => [d.date, d]));
  const todayNumber = dayNumber(stats.today);
  const first = `${year}-01-01`;
  const dayCount = isLeapYear(year) ? 366 : 365;

  for (let month = 1; month <= 12; month++) {
    const { x } = heatmapCell(`${year}-${String(month).padStart(2, '0')}-01`);
    out.push(text(x, GRID_TOP - 8, MONTHS[month - 1] ?? '', `font-size="10" fill="${MUTED}"`));
  }
  for (const [row, label] of [
    [0, 'Mon'],
    [2, 'Wed'],
    [4, 'Fri'],
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
    label: i === 0 ? '0' : `${fmt(SHADE_THRESHOLDS[i - 1] ?? 0)}+`,
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
    text(x, legendY + 9, 'characters a day', `font-size="9" fill="${MUTED}" text-anchor="end"`),
  );
  return out;
}

function compact(n: number): string {
  if (n < 10_000) return fmt(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0).replace(/\.0$/, '')}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

function yearBars(stats: JournalStats, year: number): string[] {
  const out: string[] = [];
  const top = 204;
  out.push(
    text(GRID_LEFT, top, 'Characters per year', `font-size="11" font-weight="bold" fill="${INK}"`),
  );
  if (stats.years.length === 0) {
    out.push(text(GRID_LEFT, top + 34, 'No essays yet', `font-size="11" fill="${MUTED}"`));
    return out;
  }
  out.push(
    text(
      GRID_RIGHT,
      top,
      `${fmt(stats.chars)} in total since ${stats.firstDate?.slice(0, 4) ?? ''}`,
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
          compact(y.chars),
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
 * year, legend, and characters per year. Text is numerals and Latin only.
 */
export function renderStatsSvg(stats: JournalStats, options: StatsImageOptions = {}): string {
  const year = checkYear(stats, options);
  const totals = yearTotals(stats, year);
  const streak = stats.streaks.currentDays?.length ?? 0;
  const best = stats.streaks.longestDays?.length ?? 0;
  const body = [
    `<rect width="${STATS_IMAGE_WIDTH}" height="${STATS_IMAGE_HEIGHT}" rx="10" fill="#ffffff"/>`,
    `<text x="20" y="32" font-size="17" fill="${INK}"><tspan font-weight="bold">${year}</tspan>` +
      `<tspan fill="${MUTED}" dx="10">${plural(totals.essays, 'essay', 'essays')} · ${plural(totals.chars, 'character', 'characters')} · ${plural(stats.days.length, 'day', 'days')} written</tspan></text>`,
    text(
      GRID_RIGHT,
      32,
      `current streak ${plural(streak, 'day', 'days')} · longest ${plural(best, 'day', 'days')}`,
      `font-size="11" fill="${MUTED}" text-anchor="end"`,
    ),
    ...heatmap(stats, year),
    ...yearBars(stats, year),
  ];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${STATS_IMAGE_WIDTH}" height="${STATS_IMAGE_HEIGHT}" ` +
    `viewBox="0 0 ${STATS_IMAGE_WIDTH} ${STATS_IMAGE_HEIGHT}" font-family="${FONT_STACK}">\n` +
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
    `Calendar heatmap of ${year}: ${plural(totals.essays, 'essay', 'essays')} and ${plural(totals.chars, 'character', 'characters')} on ${plural(days, 'day', 'days')}` +
    (busiest.chars > 0 ? `, most in ${monthName}` : '') +
    (range
      ? `, with a bar chart of characters per year for ${range}.`
      : ', with no essays yet to chart per year.');
  const zh =
    `${year} 年写作日历热力图：共 ${fmt(totals.essays)} 篇、${fmt(totals.chars)} 字，写于 ${fmt(days)} 天` +
    (busiest.chars > 0 ? `，${busiest.month} 月写得最多` : '') +
    (range ? `；下方柱状图为 ${range} 年每年字数。` : '；还没有可按年统计的随笔。');
  return { 'en-US': en, 'zh-CN': zh };
}

/**
 * Renders {@link renderStatsSvg} to PNG at {@link STATS_IMAGE_SCALE}× with
 * resvg, using the system's fonts (Latin and numerals are all it needs).
 */
export function renderStatsPng(stats: JournalStats, options: StatsImageOptions = {}): StatsPng {
  const svg = renderStatsSvg(stats, options);
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: STATS_IMAGE_SCALE },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    logLevel: 'off',
  }).render();
  return {
    png: rendered.asPng(),
    width: rendered.width,
    height: rendered.height,
    description: describeStatsImage(stats, options),
  };
}
