/**
 * Muted periods: ranges of calendar dates whose essays the author does not
 * want brought back unasked (anniversaries, day lists, random picks and
 * quotes). They still show in search, lists and `/essay show`. Pure: the
 * range rules; the store keeps the periods and applies them in SQL.
 */
import { dateParts, parseDate } from './dates.js';

export interface MutedPeriod {
  id: number;
  /** First muted date, `YYYY-MM-DD` (inclusive). */
  from: string;
  /** Last muted date, `YYYY-MM-DD` (inclusive). */
  to: string;
  note: string | null;
  /** ISO instant. */
  createdAt: string;
}

/** A period longer than this is almost surely a typo (2025 → 2205), so it is refused. */
export const MAX_MUTE_YEARS = 100;

/** Longest note kept with a period (it is shown in one status line). */
export const MAX_MUTE_NOTE = 200;

/** Why two texts are not a range that can be muted. */
export type MuteRangeProblem =
  | { problem: 'badDate'; input: string }
  | { problem: 'impossibleDate'; input: string }
  | { problem: 'reversed'; from: string; to: string }
  | { problem: 'tooLong'; from: string; to: string };

/**
 * Reads FROM and TO as the author writes dates (`2025-11-01`, `2025.11.1`,
 * `2025年11月1日`, …): a range of at most {@link MAX_MUTE_YEARS} years with
 * FROM on or before TO, or what is wrong with it.
 */
export function readMuteRange(
  fromText: string,
  toText: string,
): { ok: true; from: string; to: string } | ({ ok: false } & MuteRangeProblem) {
  const dates: string[] = [];
  for (const input of [fromText, toText]) {
    const reading = parseDate(input);
    if (!reading.ok)
      return {
        ok: false,
        problem: reading.reason === 'impossible' ? 'impossibleDate' : 'badDate',
        input: input.trim(),
      };
    dates.push(reading.date);
  }
  const [from, to] = dates as [string, string];
  if (to < from) return { ok: false, problem: 'reversed', from, to };
  // Compared as text, so Feb 29 + 100 years needs no real date.
  const { year } = dateParts(from);
  const limit = `${String(year + MAX_MUTE_YEARS).padStart(4, '0')}${from.slice(4)}`;
  if (to >= limit) return { ok: false, problem: 'tooLong', from, to };
  return { ok: true, from, to };
}

/** Whether `date` falls in one of `periods` (inclusive at both ends). */
export function isMutedDate(date: string, periods: readonly MutedPeriod[]): boolean {
  return periods.some((p) => p.from <= date && date <= p.to);
}
