/**
 * Search queries: what the user typed → an FTS5 MATCH expression over the
 * tokens of `text.ts`, plus the normalized needles that decide, exactly,
 * which candidates really match. Pure: no I/O, no SQL execution.
 *
 * What "a query matches an essay" means (the store, the tests' oracle and
 * the snippet highlighter all use this one definition):
 *
 * 1. The query is normalized like essays are (`normalizeText`) and split
 *    into terms at spaces; text inside `"…"` or `“…”` is one term, spaces
 *    included. Unquoted terms lose leading and trailing punctuation
 *    (`热爱,` is `热爱`); inside a term, and anywhere in a quoted one,
 *    punctuation is literal. Terms without a letter, digit or Han character
 *    are dropped; a query with none left is no query.
 * 2. A term occurs in a text when the normalized term is a substring of the
 *    normalized text that does not begin inside a word: if the term starts
 *    with a letter or digit, the character before it must not be one (Han
 *    characters and punctuation are boundaries). It may end inside a word,
 *    so `shin` finds `Shinji` but `hinji` does not. Han characters have no
 *    such rule: `菜` is found inside `菜鸟` and `那么菜`.
 * 3. An essay matches when every term occurs in one of its fields (title,
 *    body, place, tags) — a term never spans two fields.
 *
 * The FTS expression finds a superset of these essays (it ignores
 * punctuation), and {@link verifyMatch} keeps exactly the ones that match.
 */
import { adjoinsNext, isHan, isWordChar, normalizeText, runTokens, searchRuns } from './text.js';

/** A query ready for the store. */
export interface TranslatedQuery {
  /**
   * The FTS5 MATCH expression: one quoted phrase per term, joined by AND.
   * Every token is inside double quotes, so nothing the user typed is ever
   * FTS syntax.
   */
  readonly match: string;
  /** The normalized terms, for {@link verifyMatch} and snippet highlighting. */
  readonly needles: readonly string[];
  /**
   * True when the MATCH expression alone is exact — every term is runs of
   * Han characters and words that touch, with no punctuation or space to check —
   * so the store may skip {@link verifyMatch}. That is the common case, and
   * the one where it matters: a single common character matches nearly
   * every essay, and verifying means reading and normalizing each of them.
   */
  readonly exact: boolean;
}

const QUOTES = new Set(['"', '\u201c', '\u201d']);

interface RawTerm {
  readonly text: string;
  readonly quoted: boolean;
}

function splitTerms(normalized: string): RawTerm[] {
  const terms: RawTerm[] = [];
  const pushWords = (text: string): void => {
    for (const word of text.split(' ')) if (word !== '') terms.push({ text: word, quoted: false });
  };
  let buffer = '';
  let quoted = false;
  for (const ch of normalized) {
    if (!QUOTES.has(ch)) {
      buffer += ch;
      continue;
    }
    if (quoted) terms.push({ text: buffer, quoted: true });
    else pushWords(buffer);
    buffer = '';
    quoted = !quoted;
  }
  // An unclosed quote runs to the end of the input.
  if (quoted) terms.push({ text: buffer, quoted: true });
  else pushWords(buffer);
  return terms;
}

const isTokenChar = (ch: string): boolean => isHan(ch) || isWordChar(ch);

function trimPunctuation(term: string): string {
  const chars = Array.from(term);
  let from = 0;
  let to = chars.length;
  while (from < to && !isTokenChar(chars[from] ?? '')) from++;
  while (to > from && !isTokenChar(chars[to - 1] ?? '')) to--;
  return chars.slice(from, to).join('');
}

/**
 * The FTS5 phrase for one normalized term, or null when it has no tokens.
 *
 * It must match wherever the term occurs (definition above), so it follows
 * how `indexTokens` tokenizes the text around an occurrence:
 * - a word or Han run that reaches the end of the term may continue in the
 *   text: a word becomes a prefix (`shin` → `"shin"*`), a lone Han
 *   character too (`菜` → `"菜"*`, matching `菜X` and a tail `菜`), and a
 *   longer Han run is just its bigrams (`逐渐自洽` → `"逐渐 渐自 自洽"`);
 * - a run followed by punctuation or another run ends there in the text as
 *   well, so its tokens are exactly the text's: the word, or the bigrams
 *   plus the tail character (`菜,也` → `"菜 也"*`), marked when the next
 *   run touches it (`AI翻译` → `"ai\ue000 翻译"`), as `indexTokens` marks it.
 */
function phraseFor(needle: string): string | null {
  const runs = searchRuns(needle);
  const tokens = runs.flatMap((run, i) =>
    runTokens(run, run.end === needle.length, adjoinsNext(runs, i)),
  );
  const last = runs[runs.length - 1];
  // An open word, or a lone Han character, may continue in the text.
  const prefix =
    last !== undefined &&
    last.end === needle.length &&
    (last.kind === 'word' || Array.from(last.text).length === 1);
  if (tokens.length === 0) return null;
  // Tokens never contain a double quote; doubling it anyway keeps the
  // "always a string literal" guarantee local to this line.
  const body = tokens.map((t) => t.replaceAll('"', '""')).join(' ');
  return `"${body}"${prefix ? '*' : ''}`;
}

/**
 * Translates what a user typed into an FTS5 MATCH expression and the
 * needles that verify it; null when nothing searchable is left (empty,
 * punctuation or emoji only). See the module comment for the rules.
 *
 * `热爱 天才` → `"热爱" AND "天才"`; `菜` → `"菜"*`; `AI翻译` → `"ai 翻译"`;
 * `"1%的天才"` → `"1 的天 天才"`; `NEAR(a` → `"near a"*`.
 */
export function translateQuery(input: string): TranslatedQuery | null {
  const needles: string[] = [];
  const phrases: string[] = [];
  for (const term of splitTerms(normalizeText(input))) {
    const needle = term.quoted ? term.text.trim() : trimPunctuation(term.text);
    if (needles.includes(needle)) continue;
    const phrase = phraseFor(needle);
    if (phrase === null) continue;
    needles.push(needle);
    phrases.push(phrase);
  }
  if (phrases.length === 0) return null;
  // Runs that touch each other and fill the term: the marked tokens say all there is to check.
  const exact = needles.every((needle) => {
    const runs = searchRuns(needle);
    return (
      runs[0]?.start === 0 &&
      runs[runs.length - 1]?.end === needle.length &&
      runs.every((_, i) => i === runs.length - 1 || adjoinsNext(runs, i))
    );
  });
  return { match: phrases.join(' AND '), needles, exact };
}

function wordCharBefore(text: string, index: number): boolean {
  if (index === 0) return false;
  const low = text.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  const cp = text.codePointAt(start) ?? 0;
  return isWordChar(String.fromCodePoint(cp));
}

/** Offsets of every occurrence of `needle` in `normalized`, by the word-start rule. */
function occurrences(normalized: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  const first = needle.codePointAt(0) ?? 0;
  const needsWordStart = isWordChar(String.fromCodePoint(first));
  for (let at = normalized.indexOf(needle); at >= 0; at = normalized.indexOf(needle, at + 1)) {
    if (!needsWordStart || !wordCharBefore(normalized, at)) found.push(at);
  }
  return found;
}

/**
 * True when every needle occurs in one of the normalized texts (one per
 * field: title, body, place, tags). This is the exact test; FTS only
 * narrows the candidates, since it ignores punctuation (`1%的天才` and
 * `1 的天才` have the same tokens).
 */
export function verifyMatch(
  normalizedText: string | readonly string[],
  needles: readonly string[],
): boolean {
  const texts = typeof normalizedText === 'string' ? [normalizedText] : normalizedText;
  return needles.every((needle) =>
    texts.some((text) => {
      const first = needle.codePointAt(0) ?? 0;
      if (!isWordChar(String.fromCodePoint(first))) return text.includes(needle);
      return occurrences(text, needle).length > 0;
    }),
  );
}

/** A half-open range of UTF-16 offsets. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Every occurrence of every needle in a normalized text, sorted, with
 * overlapping or touching ranges merged — what a snippet highlights.
 */
export function findMatches(normalized: string, needles: readonly string[]): TextRange[] {
  const ranges: TextRange[] = [];
  for (const needle of needles) {
    for (const at of occurrences(normalized, needle))
      ranges.push({ start: at, end: at + needle.length });
  }
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end)
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    else merged.push(range);
  }
  return merged;
}
