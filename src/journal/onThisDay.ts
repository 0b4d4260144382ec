/**
 * "On this day": which month-days count as today's, how long ago an essay
 * was written, and which days are nearest when today has none. Pure.
 */
import { dateParts, dayNumber, isLeapYear } from './dates.js';
import type { Essay } from './essay.js';

/**
 * Code points of the body a shown day-list entry carries: a 300-character
 * list excerpt and a title from the first line need no more, with room for
 * the whitespace `excerpt` trims (a paragraph break right at the cut).
 */
export const DAY_EXCERPT_CHARS = 400;

/**
 * One essay in a day list (`/essay today`, `/essay on`, the anniversary
 * post and their pagers): what the list needs to count, order and page it,
 * read from one slim covering index — no body text at all. The entries a
 * page shows get their excerpt afterwards ({@link ShownDayEntry}): a day
 * holds ~55 essays at 20,000 and a page shows 10, so reading 55 excerpts
 * was most of a day list's cost.
 */
export interface DayEntry extends Pick<
  Essay,
  'id' | 'title' | 'date' | 'place' | 'tags' | 'hidden' | 'warning'
> {
  /** The whole body's length in code points. */
  length: number;
  /** Whole calendar years between the essay's date and the day asked for. */
  yearsAgo: number;
}

/** A day-list entry about to be shown: with the body's first {@link DAY_EXCERPT_CHARS} code points. */
export interface ShownDayEntry extends DayEntry {
  excerpt: string;
}

/** A day's list: its essays, or when it has none, the nearest days' essays. */
export interface DayList {
  date: string;
  essays: DayEntry[];
  /** Filled only when `essays` is empty: the nearest month-days' essays. */
  nearest: DayEntry[];
}

/**
 * The `MM-DD` keys whose essays belong to `today`. Feb 29 essays show on
 * Feb 28 in years without a Feb 29, and only on Feb 29 in leap years.
 */
export function anniversaryMonthDays(today: string): string[] {
  const { year, month, day } = dateParts(today);
  const md = today.slice(5);
  if (month === 2 && day === 28 && !isLeapYear(year)) return [md, '02-29'];
  return [md];
}

/** Whole calendar years between an essay's date and today (0 for this year). */
export function yearsAgo(essayDate: string, today: string): number {
  return dateParts(today).year - dateParts(essayDate).year;
}

/** Distance in days between two month-days around the year (0–183), measured in a leap year. */
export function monthDayDistance(a: string, b: string): number {
  const da = dayNumber(`2000-${a}`);
  const db = dayNumber(`2000-${b}`);
  const d = Math.abs(da - db);
  return Math.min(d, 366 - d);
}

/**
 * The month-days nearest to `today`'s among those that have essays, closest
 * first (ties: the earlier day of the year first, so results are stable).
 */
export function nearestMonthDays(
  today: string,
  available: readonly string[],
  count: number,
): string[] {
  const target = today.slice(5);
  return [...available]
    .filter((md) => md !== target)
    .sort(
      (a, b) =>
        monthDayDistance(a, target) - monthDayDistance(b, target) || (a < b ? -1 : a > b ? 1 : 0),
    )
    .slice(0, count);
}
