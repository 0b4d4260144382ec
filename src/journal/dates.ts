/**
 * Calendar dates as the author means them: plain `YYYY-MM-DD` strings, never
 * instants. An instant only becomes a date through an explicit IANA zone.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

/** True for a date that exists in the proleptic Gregorian calendar. */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Splits a canonical `YYYY-MM-DD`; throws on anything else (callers validate input first). */
export function dateParts(date: string): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a canonical date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** The outcome of reading a date the way people write it. */
export type DateReading =
  | { ok: true; date: string }
  | { ok: false; reason: 'unrecognized' }
  | { ok: false; reason: 'impossible'; text: string };

/**
 * The date forms authors write, anchored at the start of the text. Each
 * returns [year, month, day] and how many characters it consumed.
 */
const DATE_FORMS: Array<{ re: RegExp; parts: (m: RegExpExecArray) => [number, number, number] }> = [
  // 2025.11.1, 2025-11-01, 2025/11/1 (one separator used consistently)
  {
    re: /^(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?!\d)/,
    parts: (m) => [Number(m[1]), Number(m[3]), Number(m[4])],
  },
  // 2025年11月1日 (日 or 号 optional at the end)
  {
    re: /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/,
    parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  // Nov 1, 2025 / November 1st, 2025 / Nov. 1 2025
  {
    re: /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/,
    parts: (m) => [Number(m[3]), MONTHS[m[1]!.toLowerCase()] ?? 0, Number(m[2])],
  },
  // 1 Nov 2025 / 1 November, 2025
  {
    re: /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?!\d)/,
    parts: (m) => [Number(m[3]), MONTHS[m[2]!.toLowerCase()] ?? 0, Number(m[1])],
  },
];

/**
 * Reads a date at the start of `text`. Returns the canonical date and the
 * rest of the text, or why it could not.
 */
export function readDatePrefix(text: string): DateReading & { rest: string } {
  for (const form of DATE_FORMS) {
    const m = form.re.exec(text);
    if (!m) continue;
    const [year, month, day] = form.parts(m);
    const rest = text.slice(m[0].length);
    if (month === 0) continue; // a word that is not a month name
    if (!isValidDate(year, month, day))
      return { ok: false, reason: 'impossible', text: m[0], rest };
    return { ok: true, date: formatDate(year, month, day), rest };
  }
  return { ok: false, reason: 'unrecognized', rest: text };
}

/** Reads a whole string as one date (front matter, CLI flags, forms). */
export function parseDate(text: string): DateReading {
  const trimmed = text.trim();
  const reading = readDatePrefix(trimmed);
  if (!reading.ok)
    return reading.reason === 'impossible'
      ? { ok: false, reason: 'impossible', text: reading.text }
      : { ok: false, reason: 'unrecognized' };
  if (reading.rest.trim() !== '') return { ok: false, reason: 'unrecognized' };
  return { ok: true, date: reading.date };
}

/** True when `zone` is an IANA zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone this machine is set to, as IANA (e.g. `UTC`, `Asia/Shanghai`). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar date and wall-clock time of an instant in a zone. */
export function zonedParts(
  instant: Date,
  zone: string,
): DateParts & { hour: number; minute: number } {
  let f = partFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partFormatters.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(instant)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
  };
}

/** The calendar date of an instant in a zone, `YYYY-MM-DD`. */
export function localDate(instant: Date, zone: string): string {
  const p = zonedParts(instant, zone);
  return formatDate(p.year, p.month, p.day);
}

/** Days since 0001-01-01 of a canonical date (for distances and streaks). */
export function dayNumber(date: string): number {
  const { year, month, day } = dateParts(date);
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** The canonical date `n` days after `date` (negative: before). */
export function addDays(date: string, n: number): string {
  const { year, month, day } = dateParts(date);
  const d = new Date(Date.UTC(year, month - 1, day + n));
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
