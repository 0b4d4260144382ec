/**
 * Reads an essay file (docs/interface.md, "Essay files") into an EssayDraft.
 * Pure: bytes in, draft or EssayParseError out. Nothing is guessed: a file
 * without a date is refused rather than dated by its mtime.
 */
import { z } from 'zod';
import { parseDate, readDatePrefix } from './dates.js';
import type { EssayDraft } from './essay.js';
import { cleanLogseq } from './logseq.js';
import { dateFromNotePath } from './noteDates.js';
import { parseYaml } from './frontMatterYaml.js';

/**
 * Why a file was refused; `message` is one sentence meant for the author.
 * `empty` marks a file with no text at all, which importers skip and count
 * rather than refuse (daily-note apps leave many).
 */
export class EssayParseError extends Error {
  override readonly name = 'EssayParseError';
  constructor(
    message: string,
    readonly empty = false,
  ) {
    super(message);
  }
}

/** Refused for want of a date: a form can name this in the author's language and ask for one. */
export class MissingDateError extends EssayParseError {}

/** How a file is read beyond its bytes. */
export interface EssayFileOptions {
  /** Where the file is: a date in its name or folders is used when the text gives none. */
  path?: string;
  /** A Logseq page: outline bullets and `key:: value` properties are turned into prose and tags. */
  logseq?: boolean;
  /** The date to use when neither the text nor the path gives one (a form's date field). */
  fallbackDate?: string;
}

const FRONT_MATTER_KEYS = ['title', 'date', 'place', 'tags', 'hidden', 'warning'] as const;

/** A content warning is a few words ("离别", "illness"), shown on one line above hidden text. */
export const MAX_WARNING_LENGTH = 100;

const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1).nullish(),
  // YAML may hand over a Date (timestamp schemas) or a number-like string.
  date: z.union([z.string(), z.date(), z.number()]).optional(),
  place: z.string().trim().nullish(),
  tags: z.union([z.array(z.union([z.string(), z.number()])), z.string()]).nullish(),
  hidden: z.boolean().optional(),
  warning: z
    .string({ error: 'a content warning must be text, e.g. warning: 离别' })
    .trim()
    .max(MAX_WARNING_LENGTH, `a content warning must be at most ${MAX_WARNING_LENGTH} characters`)
    .regex(/^[^\n]*$/u, 'a content warning must be one line')
    .nullish(),
});

/** A title is a short line: longer than this it is the first sentence of the body. */
const MAX_TITLE_LENGTH = 80;

const FOOTER_DASH = /^\s*(?:——|—|–|-{1,2})\s*/u;
// `·` as the form writes it: `2025-11-01 · 北京`.
const PLACE_SEPARATOR = /^\s*(?:于|於|,|，|·|@|\s+in\s+)\s*/u;
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

/** Whether a (trimmed) line reads as a title: short, and not ending like a sentence. */
export function titleLine(line: string): boolean {
  return line.length > 0 && line.length <= MAX_TITLE_LENGTH && !SENTENCE_END.test(line);
}

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
export function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

/**
 * A leading front matter block split off the text: its YAML and what follows.
 * Null when the text has none; EssayParseError when the block never closes.
 */
export function splitFrontMatter(text: string): { yaml: string; rest: string } | null {
  if (!text.startsWith('---\n')) return null;
  const after = text.slice(4);
  const m = /^(?:---|\.\.\.)[ \t]*$/mu.exec(after);
  if (!m) throw new EssayParseError('front matter starts with --- but never ends with a --- line');
  return {
    yaml: after.slice(0, m.index),
    rest: after.slice(m.index + m[0].length).replace(/^\n/u, ''),
  };
}

function readFrontMatter(
  text: string,
): { data: z.infer<typeof frontMatterSchema>; rest: string } | null {
  const block = splitFrontMatter(text);
  if (!block) return null;
  const yamlText = block.yaml;
  let raw: unknown;
  try {
    // Warnings (e.g. an unknown !tag) stay out of the log: parseYaml asks for errors only.
    raw = parseYaml(yamlText) ?? {};
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
  return { data: parsed.data, rest: block.rest };
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

/** Tags trimmed, without a leading `#`, each once. */
export function normalizeTags(tags: Array<string | number> | string | null | undefined): string[] {
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
export function parseEssayFile(bytes: Uint8Array, options: EssayFileOptions = {}): EssayDraft {
  let text = decodeUtf8(bytes)
    .replace(/^\uFEFF/u, '')
    .replace(/\r\n?/gu, '\n');
  if (BINARY.test(text))
    throw new EssayParseError(
      'contains control characters, so it looks like a binary file, not an essay',
    );
  const page = options.logseq ? cleanLogseq(text) : null;
  if (page) text = page.text;
  if (text.trim() === '') throw new EssayParseError('the file is empty', true);
  // A Logseq page's first block is prose; only `title::` or a heading names it.
  const draft = parseEssayText(text, {
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.fallbackDate !== undefined ? { fallbackDate: options.fallbackDate } : {}),
    guessTitle: !page,
  });
  if (page) {
    draft.title ??= page.title;
    draft.tags = normalizeTags([...draft.tags, ...page.tags]);
  }
  return draft;
}

/** The date a path names, for text that gives none; refuses a date that does not exist. */
function dateFromPath(path: string | undefined): string | null {
  const named = path === undefined ? null : dateFromNotePath(path);
  if (named && 'impossible' in named)
    throw new EssayParseError(`impossible date ${named.impossible} in the file name`);
  return named?.date ?? null;
}

/**
 * Parses essay text (already decoded, LF line ends); the form and the file
 * share this. `path`, when given, may supply the date (daily notes), and
 * after it `fallbackDate`; `guessTitle: false` takes only a `# Heading` for
 * the title, not a short first line.
 */
export function parseEssayText(
  text: string,
  options: { path?: string; guessTitle?: boolean; fallbackDate?: string } = {},
): EssayDraft {
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
  date ??= dateFromPath(options.path) ?? options.fallbackDate ?? null;
  if (date === null) {
    throw new MissingDateError(
      'no date found: end the essay with a line like "— 2025.11.1 于北京", give date: in front matter, or name the file like 2025-11-01.md',
    );
  }

  let title = front?.data.title ?? null;
  // An explicit `title:` with no value means "untitled": the first line is not taken for a title.
  const heading = /^#\s+(\S.*)$/u.exec(lines[0]?.trim() ?? '');
  if (title === null && front?.data.title === undefined && heading && lines.length >= 2) {
    // A first-level heading is a title whatever follows it (daily notes, Day One).
    title = heading[1]!.trim();
    lines = trimBlankLines(lines.slice(1));
  } else if (
    title === null &&
    front?.data.title === undefined &&
    options.guessTitle !== false &&
    lines.length >= 3
  ) {
    const first = lines[0]!.trim().replace(/^#{1,6}\s+/u, '');
    if (lines[1]!.trim() === '' && titleLine(first)) {
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
  const warning = front?.data.warning;
  if (warning) draft.warning = warning;
  if (front?.data.hidden !== undefined) draft.hidden = front.data.hidden;
  return draft;
}
