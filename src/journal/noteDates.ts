/**
 * Dates that daily-note tools keep in file and folder names rather than in
 * the text (Obsidian, Logseq, jrnl folders). Pure: a path in, a date out.
 */
import { formatDate, isValidDate, readDatePrefix } from './dates.js';

export type NoteDate = { date: string } | { impossible: string } | null;

/** A date at the start of a file's stem, then nothing or a separator: `2024-03-15 Friday`. */
const STEM_FORMS: Array<{ re: RegExp; parts: (m: RegExpExecArray) => [number, number, number] }> = [
  // 2024_03_15 (Logseq journals/)
  {
    re: /^(\d{4})_(\d{1,2})_(\d{1,2})(?![\d])/u,
    parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  // 20240315; only month- and day-shaped digits, so `12345678.md` is not an impossible date
  {
    re: /^(\d{4})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/u,
    parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
];

/** What may follow a date in a stem without making it part of a longer token (`2024-03-15-trip`, `… Friday`). */
const AFTER_DATE = /^(?:$|[\s_.,·-])/u;

function fromStem(stem: string): NoteDate {
  for (const form of STEM_FORMS) {
    const m = form.re.exec(stem);
    if (!m || !AFTER_DATE.test(stem.slice(m[0].length))) continue;
    const [y, mo, d] = form.parts(m);
    return isValidDate(y, mo, d) ? { date: formatDate(y, mo, d) } : { impossible: m[0] };
  }
  const reading = readDatePrefix(stem);
  if (!AFTER_DATE.test(reading.rest)) return null;
  if (reading.ok) return { date: reading.date };
  return reading.reason === 'impossible' ? { impossible: reading.text } : null;
}

/**
 * The date a note's path names, for notes whose text gives none:
 * `2024-03-15.md`, `2024-03-15 Friday.md`, `2024_03_15.md`, `20240315.md`,
 * `2024/03/15.md`, `2024/03/2024-03-15.md`. `{ impossible }` when the name
 * is shaped like a date that does not exist (`2023-02-29.md`); null when the
 * name holds no date.
 */
export function dateFromNotePath(path: string): NoteDate {
  const segments = path.split(/[\\/]/u).filter((s) => s !== '');
  const file = segments[segments.length - 1] ?? '';
  const stem = file.replace(/\.[^.]*$/u, '');
  const named = fromStem(stem);
  if (named) return named;
  // `2024/03/15.md`: the year and month are the folders.
  const [year, month] = segments.slice(-3, -1);
  if (
    year !== undefined &&
    month !== undefined &&
    /^\d{4}$/u.test(year) &&
    /^\d{1,2}$/u.test(month) &&
    /^\d{1,2}$/u.test(stem)
  ) {
    const [y, mo, d] = [Number(year), Number(month), Number(stem)];
    return isValidDate(y, mo, d)
      ? { date: formatDate(y, mo, d) }
      : { impossible: `${year}/${month}/${stem}` };
  }
  return null;
}
