/**
 * The form's one line for when and where an essay was written, read the way
 * the author signs an essay: `2025-11-01 · 北京`, `2025.11.1 于北京`,
 * `— 2025年11月1日, 上海`, or a date alone. Pure.
 */
import { readDatePrefix } from './dates.js';

export type DatePlaceReading =
  | { ok: true; date: string | null; place: string | null }
  | { ok: false; reason: 'unrecognized' | 'impossible'; text: string };

/** A signature may start with a dash, as the footer of a file does. */
const LEADING_DASH = /^(?:——|—|–|-{1,2})\s*/u;
/** What may stand between the date and the place; plain space too, since the line is surely a signature. */
const SEPARATOR = /^\s*(?:[·•・|,，@]|于|於|in(?=\s))\s*|^\s+/u;

/**
 * Reads the line. An empty line gives neither date nor place (the text must
 * then carry its own date); a line that does not start with a date is
 * refused, with the part that is not a real date when it looks like one.
 */
export function readDatePlaceLine(line: string): DatePlaceReading {
  const trimmed = line.trim();
  if (trimmed === '') return { ok: true, date: null, place: null };
  const afterDash = trimmed.replace(LEADING_DASH, '');
  const reading = readDatePrefix(afterDash);
  if (!reading.ok)
    return reading.reason === 'impossible'
      ? { ok: false, reason: 'impossible', text: reading.text }
      : { ok: false, reason: 'unrecognized', text: trimmed };
  const place = reading.rest.replace(SEPARATOR, '').trim();
  return { ok: true, date: reading.date, place: place === '' ? null : place };
}

/** The line as the form shows it: `2025-11-01 · 北京`, or the date alone. */
export function formatDatePlaceLine(date: string, place: string | null): string {
  return place ? `${date} · ${place}` : date;
}
