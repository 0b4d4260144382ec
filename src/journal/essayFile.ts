/**
 * Reads an essay file (docs/interface.md, "Essay files") into an EssayDraft.
 * Pure: bytes in, draft or EssayParseError out. Nothing is guessed: a file
 * without a date is refused rather than dated by its mtime.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseDate, readDatePrefix } from './dates.js';
import type { EssayDraft } from './essay.js';

/** Why a file was refused; `message` is one sentence meant for the author. */
export class EssayParseError extends Error {
  override readonly name = 'EssayParseError';
}

const FRONT_MATTER_KEYS = ['title', 'date', 'place', 'tags', 'hidden'] as const;

const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1).nullish(),
  // YAML may hand over a Date (timestamp schemas) or a number-like string.
  date: z.union([z.string(), z.date(), z.number()]).optional(),
  place: z.string().trim().nullish(),
  tags: z.union([z.array(z.union([z.string(), z.number()])), z.string()]).nullish(),
  hidden: z.boolean().optional(),
});

/** A title is a short line: longer than this it is the first sentence of the body. */
const MAX_TITLE_LENGTH = 80;

const FOOTER_DASH = /^\s*(?:——|—|–|-{1,2})\s*/u;
const PLACE_SEPARATOR = /^\s*(?:于|於|,|，|@|\s+in\s+)\s*/u;
/** After a dash the line is surely a footer, so plain space may separate the place. */
const LOOSE_PLACE_SEPARATOR = /^\s+/u;

/** A footer line's date and place, or null when the line is not a footer. */
export function readFooterLine(
  line: string,
): { date: string; place: string | null } | { impossible: string } | null {
  const dash = FOOTER_DASH.exec(line);
  const afterDash = dash ? line.slice(dash[0].length) : line.trimStart();
  const reading = readDatePrefix(afterDash);
  if (!reading.ok) return reading.reason === 'impossible' ? { impossible: reading.text } : null;
  const rest = reading.rest;
  if (rest.trim() === '') return { date: reading.date, place: null };
  const sep = PLACE_SEPARATOR.exec(rest) ?? (dash ? LOOSE_PLACE_SEPARATOR.exec(rest) : null);
  if (!sep) return null; // "2025-11-01 was the day…" without a dash is prose, not a footer
  const place = rest.slice(sep[0].length).trim();
  return { date: reading.date, place: place === '' ? null : place };
}

/** Sentence-final punctuation: a line ending so reads as prose, not a title. */
const SENTENCE_END = /[。！？!?…；;:：,，、.]$/u;

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new EssayParseError(
      'not valid UTF-8 text (save the file as UTF-8; GBK and other encodings are refused rather than garbled)',
    );
  }
}

/** Control characters other than tab and line ends mean a binary file. */
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;

/** Strips leading and trailing blank lines, keeping the author's text otherwise untouched. */
function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

function readFrontMatter(
  text: string,
): { data: z.infer<typeof frontMatterSchema>; rest: string } | null {
  if (!text.startsWith('---\n')) return null;
  const close = /^(?:---|\.\.\.)[ \t]*$/mu;
  const after = text.slice(4);
  const m = close.exec(after);
  if (!m) throw new EssayParseError('front matter starts with --- but never ends with a --- line');
  const yamlText = after.slice(0, m.index);
  let raw: unknown;
  try {
    // Warnings (e.g. an unknown !tag) would go to process.emitWarning: stray non-JSON lines in the bot's log.
    raw = parseYaml(yamlText, { logLevel: 'error' }) ?? {};
  } catch (err) {
    throw new EssayParseError(
      `front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new EssayParseError(
      `front matter must be key: value lines (allowed keys: ${FRONT_MATTER_KEYS.join(', ')})`,
    );
  }
  const unknownKeys = Object.keys(raw).filter(
    (k) => !(FRONT_MATTER_KEYS as readonly string[]).includes(k),
  );
  if (unknownKeys.length > 0) {
    throw new EssayParseError(
      `front matter has unknown key${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.join(', ')} (allowed: ${FRONT_MATTER_KEYS.join(', ')})`,
    );
  }
  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EssayParseError(
      `front matter ${String(issue?.path[0] ?? '')} is invalid: ${issue?.message ?? 'bad value'}`,
    );
  }
  return { data: parsed.data, rest: after.slice(m.index + m[0].length).replace(/^\n/u, '') };
}

function frontMatterDate(value: string | Date | number): string {
  if (value instanceof Date) {
    // YAML timestamps arrive as UTC midnight; read them as UTC to keep the calendar date.
    if (Number.isNaN(value.getTime())) throw new EssayParseError('front matter date is not a date');
    return value.toISOString().slice(0, 10);
  }
  const reading = parseDate(String(value));
  if (reading.ok) return reading.date;
  if (reading.reason === 'impossible')
    throw new EssayParseError(`impossible date ${reading.text} in front matter`);
  throw new EssayParseError(
    `front matter date "${String(value)}" is not a date (write it as 2025-11-01)`,
  );
}

function normalizeTags(tags: Array<string | number> | string | null | undefined): string[] {
  const list = typeof tags === 'string' ? tags.split(/[,，、]/u) : (tags ?? []).map(String);
  const seen = new Set<string>();
  for (const tag of list.map((t) => t.trim().replace(/^#/u, '')).filter((t) => t !== ''))
    seen.add(tag);
  return [...seen];
}

/**
 * Parses the bytes of an essay file. Throws EssayParseError with a one-line
 * reason when the file must be refused.
 */
export function parseEssayFile(bytes: Uint8Array): EssayDraft {
  const text = decodeUtf8(bytes)
    .replace(/^\uFEFF/u, '')
    .replace(/\r\n?/gu, '\n');
  if (BINARY.test(text))
    throw new EssayParseError(
      'contains control characters, so it looks like a binary file, not an essay',
    );
  if (text.trim() === '') throw new EssayParseError('the file is empty');
  return parseEssayText(text);
}

/** Parses essay text (already decoded, LF line ends); the form and the file share this. */
export function parseEssayText(text: string): EssayDraft {
  const front = readFrontMatter(text);
  let lines = trimBlankLines((front ? front.rest : text).split('\n'));

  let date: string | null = front?.data.date != null ? frontMatterDate(front.data.date) : null;
  let place = front?.data.place ?? null;

  // The footer is the last non-blank line; it is stripped even when front matter gives the date.
  const last = lines[lines.length - 1];
  if (last !== undefined) {
    const footer = readFooterLine(last);
    if (footer && 'impossible' in footer) {
      if (date === null)
        throw new EssayParseError(`impossible date ${footer.impossible} in the last line`);
    } else if (footer) {
      date ??= footer.date;
      place ??= footer.place;
      lines = trimBlankLines(lines.slice(0, -1));
    }
  }
  if (date === null) {
    throw new EssayParseError(
      'no date found: end the essay with a line like "— 2025.11.1 于北京" or give date: in front matter',
    );
  }

  let title = front?.data.title ?? null;
  // An explicit `title:` with no value means "untitled": the first line is not taken for a title.
  if (title === null && front?.data.title === undefined && lines.length >= 3) {
    const first = lines[0]!.trim().replace(/^#{1,6}\s+/u, '');
    if (
      lines[1]!.trim() === '' &&
      first.length > 0 &&
      first.length <= MAX_TITLE_LENGTH &&
      !SENTENCE_END.test(first)
    ) {
      title = first;
      lines = trimBlankLines(lines.slice(2));
    }
  }

  const body = lines.join('\n');
  if (body.trim() === '') throw new EssayParseError('the essay has a date but no text');
  const draft: EssayDraft = {
    title,
    body,
    date,
    place: place === '' ? null : place,
    tags: normalizeTags(front?.data.tags),
  };
  if (front?.data.hidden !== undefined) draft.hidden = front.data.hidden;
  return draft;
}
