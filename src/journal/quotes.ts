/**
 * Quotable sentences of an essay, for `/quote random`. A quote is one whole
 * sentence as the author wrote it (or a whole quotation the author wrote
 * inside one), never half a sentence, never the title or the date line.
 * Pure: text in, verbatim substrings with their offsets out.
 *
 * Why not `Intl.Segmenter` alone: on the seed essay it splits
 * `"…有用吗?我是不是在自我欺骗?…"` into three pieces with unbalanced quote
 * marks, does not split at `;` (which this author uses between whole clauses,
 * leaving 150-character "sentences"), and splits English at `Dr. ` and at
 * `"Why?" he asked`. The splitter below is line-based and knows quotations.
 *
 * The rules, in order:
 * - A line break always ends a sentence; nothing is merged across lines.
 *   Blank lines, markdown headings, fenced code, a title-like first line and
 *   footer/date lines (`— 2025.11.1 于…`, `2025年11月1日 晴`) give nothing.
 *   A leading list/blockquote marker (`- `, `> `, `1. `) or dash is skipped,
 *   not included, so the quote stays a verbatim substring.
 * - `。！？；…` and ASCII `! ? ;` end a sentence (with any run of further
 *   enders and stray closing marks after them). `.` ends one when it follows
 *   or precedes a Han character, or is followed by space and a word that does
 *   not start in lowercase — but not inside a number (`3.5`, `2025.11.1`) or
 *   after a title abbreviation (`Dr.`), an initial (`J.`) or a dotted one
 *   (`e.g.`, `U.S.`). Commas and colons never end a sentence.
 * - Nothing inside a quotation (`"…"` `“…”` `「…」` `『…』`) or brackets ends
 *   the sentence around it. A quotation that itself ends a sentence (`…吗?"`,
 *   `…us."`) ends the outer sentence too, unless lowercase text or
 *   punctuation continues it (`"Why?" he asked`), as both the Chinese
 *   standard (GB/T 15834) and English typography place the final mark inside
 *   the quotation exactly when it stands as a sentence of its own.
 * - A quotation that reads as a complete utterance (introduced by a colon,
 *   ending with a sentence mark, or a capitalised quotation after a comma) is
 *   offered on its own, without its marks, instead of the sentence around it
 *   when it carries at least 40% of that sentence or the sentence is not of
 *   quotable length. A quotation too long to quote whole
 *   is split into its own sentences, so a long quotation never leaves text
 *   unquotable while a short one is never cut. Candidates never overlap.
 * - A trailing `;`/`；` is dropped; a sentence that ends with `,` `，` `、`
 *   `:` `：` or a dash announces more text and is dropped, as is one that
 *   starts with a closing mark or a comma, is only a parenthesis, or has
 *   unbalanced quotation marks or brackets.
 * - Length: see {@link isQuotableLength}.
 */
import { readDatePrefix } from './dates.js';
import { countText } from './stats.js';

/** One quotable sentence: `body.slice(start, end) === text`. */
export interface QuoteCandidate {
  /** The author's words verbatim, without surrounding whitespace. */
  text: string;
  /** UTF-16 code unit offsets into the body exactly as given. */
  start: number;
  end: number;
}

/** Shortest quote in mostly-Han text, counted as {@link countText} counts (Han characters + Latin words). */
export const MIN_QUOTE_UNITS = 8;
/** Longest quote in mostly-Han text, same count. */
export const MAX_QUOTE_UNITS = 120;
/** Shortest quote in mostly-Latin text, in code points. */
export const MIN_QUOTE_LATIN_CHARS = 40;
/** Longest quote in mostly-Latin text, in code points. */
export const MAX_QUOTE_LATIN_CHARS = 240;
// A quotation this large a share of its sentence is the heart of it and is quoted instead.
const QUOTATION_SHARE = 0.4;

/**
 * A stable name for an extracted quote, for "recently shown" lists: the same
 * while the essay's text before the quote is unchanged.
 */
export function quoteKey(essayId: number, start: number): string {
  return `${essayId}:${start}`;
}

/**
 * Whether a sentence is of a length worth quoting. Mostly-Han text (at least
 * as many Han/kana/hangul characters as Latin words) is measured the way a
 * Chinese writer counts (字数: one per character, one per Latin word or
 * number, so `Shinji的lab` is 4) and must be {@link MIN_QUOTE_UNITS} to
 * {@link MAX_QUOTE_UNITS}; mostly-Latin text is measured in code points and
 * must be {@link MIN_QUOTE_LATIN_CHARS} to {@link MAX_QUOTE_LATIN_CHARS}.
 */
export function isQuotableLength(text: string): boolean {
  const { chars: units, codePoints } = countText(text);
  const cjk = text.match(CJK_CHAR)?.length ?? 0;
  if (units === 0) return false;
  if (cjk >= units - cjk) return units >= MIN_QUOTE_UNITS && units <= MAX_QUOTE_UNITS;
  return codePoints >= MIN_QUOTE_LATIN_CHARS && codePoints <= MAX_QUOTE_LATIN_CHARS;
}

/**
 * The quotable sentences of an essay body, in order, never overlapping.
 * Defensive about what the body holds: a title line, footer or date line
 * left in it is skipped, not quoted.
 */
export function extractQuotes(body: string): QuoteCandidate[] {
  const out: QuoteCandidate[] = [];
  const lines = lineRanges(body);
  const titleLine = titleLineIndex(body, lines);
  let inFence = false;
  lines.forEach((line, index) => {
    const raw = body.slice(line.start, line.end);
    if (FENCE.test(raw)) {
      inFence = !inFence;
      return;
    }
    if (inFence || index === titleLine || HEADING.test(raw)) return;
    const skip = proseStart(raw);
    if (skip === null) return;
    const from = line.start + skip;
    collect(body, from, line.end, pairSpans(body, from, line.end), out);
  });
  return out;
}

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const IS_CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

// Marks that end a sentence wherever they stand (outside quotations). `.` has its own rule.
const ENDERS = new Set(['。', '！', '？', '；', '…', '!', '?', ';', '‼', '⁇', '⁈', '⁉', '｡', '．']);
// Marks that, ending a quotation, make it a sentence of its own (not `;`: that ends a clause).
const FINAL_MARKS = new Set(['。', '！', '？', '…', '!', '?', '.', '‼', '⁇', '⁈', '⁉', '｡', '．']);
// After a closing quotation mark, these continue the sentence rather than start a new one.
const CONTINUING = new Set([
  ',',
  '，',
  '、',
  ':',
  '：',
  ';',
  '；',
  '.',
  '。',
  '!',
  '！',
  '?',
  '？',
  '…',
  '—',
  '–',
  '-',
  '~',
  '～',
]);
// A sentence ending in these announces more text: it is half a sentence.
const FRAGMENT_END = new Set([',', '，', '、', ':', '：', '—', '–', '-']);
// A sentence starting with these is the tail of another one.
const FRAGMENT_START = new Set([
  ',',
  '，',
  '、',
  ':',
  '：',
  ';',
  '；',
  '.',
  '。',
  '!',
  '！',
  '?',
  '？',
  '…',
]);

// Opening → closing marks that protect their content from sentence splitting. ASCII `"` pairs with itself.
const PAIRS = new Map([
  ['“', '”'],
  ['「', '」'],
  ['『', '』'],
  ['(', ')'],
  ['（', '）'],
  ['[', ']'],
  ['【', '】'],
  ['《', '》'],
  ['〈', '〉'],
  ['〔', '〕'],
]);
const OPENER_OF = new Map([...PAIRS].map(([open, close]) => [close, open]));
const QUOTATION_OPENERS = new Set(['"', '“', '「', '『']);
// Brackets whose content is an aside: a sentence that is only one is not quoted.
const ASIDE_OPENERS = new Set(['(', '（', '[', '【', '〔']);

// Title abbreviations after which `. ` does not end a sentence. Kept short: a missed split only drops a quote.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'vs',
  'rev',
  'gen',
  'capt',
  'lt',
  'col',
  'sgt',
  'gov',
  'sen',
  'rep',
  'approx',
  'cf',
  'ca',
]);
// Abbreviations that stand before a number (`No. 5`, `Fig. 3`).
const NUMBER_ABBREVIATIONS = new Set(['no', 'fig', 'vol', 'p', 'pp', 'ch', 'sec', 'art']);

const FENCE = /^\s*(?:```|~~~)/u;
const HEADING = /^\s*#{1,6}(?:\s|$)/u;
// List and blockquote markers and leading dashes: skipped so the quote starts at the words.
const LEADING_MARKERS = /^\s*(?:>\s*)*(?:[-+*]\s+|\d{1,3}[.)]\s+|(?:——|—|–|--)\s*)?/u;
const LEADING_DASH = /^\s*(?:——|—|–|--)/u;
// Date forms `readDatePrefix` leaves out: `25.11.1`, `11月1日`. A bare `11.1`
// is not taken: it reads the same as the number in `3.5小时后`.
const SHORT_DATE =
  /^\d{2}([./-])\d{1,2}\1\d{1,2}(?![\d.])|^(?:\d{2,4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]?/u;
// What makes the rest of a line prose rather than a place or weather note.
const SENTENCE_MARK = /[。！？；…!?;]|\.(?:\s|$)/u;
// A line ending so reads as prose, not a title (the same test as the essay parser's).
const PROSE_END = /[。！？!?…；;:：,，、.]$/u;
const MAX_TITLE_LENGTH = 80;

interface Range {
  start: number;
  end: number;
}

interface Span {
  open: number;
  close: number;
}

function lineRanges(text: string): Range[] {
  const ranges: Range[] = [];
  const breaks = /\r\n|[\n\r\u2028\u2029]/gu;
  let start = 0;
  for (const m of text.matchAll(breaks)) {
    ranges.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  ranges.push({ start, end: text.length });
  return ranges;
}

// The first line, when it looks like the title the essay parser would have taken: short, unpunctuated, then a blank line.
function titleLineIndex(text: string, lines: Range[]): number {
  const isBlank = (r: Range | undefined): boolean =>
    r !== undefined && text.slice(r.start, r.end).trim() === '';
  const first = lines.findIndex((r) => !isBlank(r));
  const line = lines[first];
  if (line === undefined || !isBlank(lines[first + 1])) return -1;
  if (!lines.slice(first + 2).some((r) => !isBlank(r))) return -1;
  const title = text.slice(line.start, line.end).trim();
  return title.length <= MAX_TITLE_LENGTH && !PROSE_END.test(title) ? first : -1;
}

// Where the prose of a line starts, past any list marker, dash and leading
// date; null when the line is a footer or date line (a date or a dash
// followed by no sentence, like `— 2025.11.1 于北京` or `——鲁迅`).
function proseStart(line: string): number | null {
  const dashed = LEADING_DASH.test(line);
  let at = LEADING_MARKERS.exec(line)?.[0].length ?? 0;
  const afterMarker = line.slice(at);
  const reading = readDatePrefix(afterMarker);
  const dateLength =
    reading.ok || reading.reason === 'impossible'
      ? afterMarker.length - reading.rest.length
      : (SHORT_DATE.exec(afterMarker)?.[0].length ?? 0);
  const rest = afterMarker.slice(dateLength);
  if ((dashed || dateLength > 0) && !SENTENCE_MARK.test(rest)) return null;
  // "2025.11.1 今天…": a date set apart is a heading and the words after it the sentence. A date
  // run into the words ("2025年11月1日是…", "May 5, 2020 was…") is part of the sentence.
  const separator = /^[\s,，:：]+/u.exec(rest)?.[0].length ?? 0;
  if (dateLength > 0 && separator > 0 && !startsLowercase(rest, separator, rest.length))
    at += dateLength + separator;
  return at;
}

// Pairs quotation marks and brackets within [from, to). Unclosed openers and
// stray closers protect nothing (a forgotten closing quote must not swallow
// the rest of the line). Keyed by the opening index.
function pairSpans(text: string, from: number, to: number): Map<number, Span> {
  const spans = new Map<number, Span>();
  const stack: Array<{ mark: string; at: number }> = [];
  const closeTo = (k: number, at: number): void => {
    const open = stack[k]!.at;
    spans.set(open, { open, close: at });
    stack.length = k; // openers left inside were never closed
  };
  const findOpen = (mark: string): number => stack.findLastIndex((s) => s.mark === mark);
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      const k = findOpen('"');
      if (k >= 0) closeTo(k, i);
      else stack.push({ mark: ch, at: i });
    } else if (PAIRS.has(ch)) {
      stack.push({ mark: ch, at: i });
    } else {
      const opener = OPENER_OF.get(ch);
      const k = opener === undefined ? -1 : findOpen(opener);
      if (k >= 0) closeTo(k, i);
    }
  }
  return spans;
}

// Splits [from, to) into sentences and keeps the quotable ones (or their quotations).
function collect(
  text: string,
  from: number,
  to: number,
  spans: Map<number, Span>,
  out: QuoteCandidate[],
): void {
  for (const sentence of splitSentences(text, from, to, spans)) {
    const whole = toCandidate(text, sentence.start, sentence.end);
    const quoted: QuoteCandidate[] = [];
    for (const q of quotationsIn(text, sentence, spans)) {
      const content = toCandidate(text, q.open + 1, q.close);
      if (content) quoted.push(content);
      else collect(text, q.open + 1, q.close, spans, quoted); // too long (or ragged) whole: its own sentences
    }
    const quotedUnits = quoted.reduce((n, c) => n + countText(c.text).chars, 0);
    if (whole && quotedUnits < QUOTATION_SHARE * countText(whole.text).chars) out.push(whole);
    else out.push(...quoted);
  }
}

function splitSentences(text: string, from: number, to: number, spans: Map<number, Span>): Range[] {
  const sentences: Range[] = [];
  let start = from;
  let i = from;
  while (i < to) {
    const span = spans.get(i);
    let end: number | null;
    if (span && span.close < to) {
      // Whatever the quotation holds, only its end can end the sentence.
      end = endAfterQuotation(text, span, to);
      i = end ?? span.close + 1;
    } else {
      const step = enderAt(text, i, to);
      end = step.ends ? step.next : null;
      i = step.next;
    }
    if (end === null) continue;
    sentences.push({ start, end });
    start = end;
  }
  if (start < to) sentences.push({ start, end: to });
  return sentences;
}

// Whether a sentence ends at the mark at i, and where scanning resumes.
function enderAt(text: string, i: number, to: number): { ends: boolean; next: number } {
  const ch = text[i]!;
  if (ch === '.') return periodAt(text, i, to);
  if (!ENDERS.has(ch)) return { ends: false, next: i + 1 };
  let j = i + 1;
  while (j < to && (ENDERS.has(text[j]!) || text[j] === '.')) j++;
  // "Wait… what" goes on: an ellipsis before a lowercase word is a pause, not an end.
  if (text[j - 1] === '…' && startsLowercase(text, skipSpaces(text, j, to), to))
    return { ends: false, next: j };
  return { ends: true, next: skipClosers(text, j, to) };
}

function periodAt(text: string, i: number, to: number): { ends: boolean; next: number } {
  let j = i + 1;
  while (j < to && text[j] === '.') j++;
  const prev = codePointBefore(text, i);
  const after = j < to ? text.codePointAt(j) : undefined;
  const notEnd = { ends: false, next: j };
  if (j - i === 1 && isDigit(prev) && isDigit(after)) return notEnd; // 3.5, 2025.11.1
  const k = skipClosers(text, j, to);
  const m = skipSpaces(text, k, to);
  if (m >= to) return { ends: true, next: k };
  if (m === k) {
    // No space after: a period between Han characters ends a sentence (the author types ASCII
    // punctuation in Chinese); between Latin letters it is a name or address (example.com, U.S.).
    return isCjk(prev) || isCjk(text.codePointAt(m)) ? { ends: true, next: k } : notEnd;
  }
  if (startsLowercase(text, m, to)) return notEnd; // etc. and, approx. three
  if (j - i === 1 && isAbbreviation(text, i, isDigit(text.codePointAt(m)))) return notEnd;
  return { ends: true, next: k };
}

function isAbbreviation(text: string, dot: number, beforeNumber: boolean): boolean {
  let s = dot;
  while (s > 0 && /[\p{L}.]/u.test(text[s - 1]!)) s--;
  const word = text.slice(s, dot);
  if (word === '' || !/^\p{L}/u.test(word)) return false;
  if (word.length === 1 || word.includes('.')) return true; // J. K. Rowling, e.g., U.S.
  const lower = word.toLowerCase();
  return ABBREVIATIONS.has(lower) || (beforeNumber && NUMBER_ABBREVIATIONS.has(lower));
}

// Where the sentence ends when a quotation closes it (`…吗?"其实`, `…us." Then`),
// or null when the sentence goes on past the quotation.
function endAfterQuotation(text: string, span: Span, to: number): number | null {
  if (!endsWithFinalMark(text, span)) return null;
  const next = skipSpaces(text, span.close + 1, to);
  if (next >= to) return span.close + 1;
  if (CONTINUING.has(text[next]!) || startsLowercase(text, next, to)) return null;
  return span.close + 1;
}

// The top-level quotations of a sentence that read as complete utterances.
function quotationsIn(text: string, sentence: Range, spans: Map<number, Span>): Span[] {
  const found: Span[] = [];
  for (let i = sentence.start; i < sentence.end; i++) {
    const span = spans.get(i);
    if (!span || span.close >= sentence.end) continue;
    if (QUOTATION_OPENERS.has(text[i]!) && isUtterance(text, span, sentence.start))
      found.push(span);
    i = span.close;
  }
  return found;
}

// A quotation introduced by a colon, ending in a sentence mark, or capitalised after a comma is speech, not a term in quotes.
function isUtterance(text: string, span: Span, sentenceStart: number): boolean {
  let before = span.open - 1;
  while (before >= sentenceStart && /\s/u.test(text[before]!)) before--;
  const lead = before >= sentenceStart ? text[before] : undefined;
  if (lead === ':' || lead === '：') return true;
  if (endsWithFinalMark(text, span)) return true;
  const first = skipSpaces(text, span.open + 1, span.close);
  return (lead === ',' || lead === '，') && /^\p{Lu}/u.test(text.slice(first, first + 1));
}

// `…吗?"`, `…了。」`: the quotation's last mark (inside any nested closers) ends a sentence.
function endsWithFinalMark(text: string, span: Span): boolean {
  let p = span.close - 1;
  while (p > span.open && (/\s/u.test(text[p]!) || OPENER_OF.has(text[p]!) || text[p] === '"')) p--;
  return p > span.open && FINAL_MARKS.has(text[p]!);
}

// Trims and checks one sentence; null when it is not a quote (see the module rules).
function toCandidate(text: string, from: number, to: number): QuoteCandidate | null {
  const start = skipSpaces(text, from, to);
  let end = to;
  const trimEnd = (): void => {
    while (end > start && /\s/u.test(text[end - 1]!)) end--;
  };
  trimEnd();
  // A semicolon ends the clause, but shown alone it reads as cut off.
  while (end > start && (text[end - 1] === ';' || text[end - 1] === '；')) {
    end--;
    trimEnd();
  }
  if (end <= start) return null;
  const first = text[start]!;
  const last = text[end - 1]!;
  if (FRAGMENT_END.has(last) || FRAGMENT_START.has(first) || OPENER_OF.has(first)) return null;
  const quote = text.slice(start, end);
  if (!isBalanced(quote) || isParenthetical(quote) || !isQuotableLength(quote)) return null;
  return { text: quote, start, end };
}

// Every quotation mark and bracket closes, in order, within the sentence.
function isBalanced(sentence: string): boolean {
  const stack: string[] = [];
  let straight = 0;
  for (const ch of sentence) {
    if (ch === '"') straight++;
    else if (PAIRS.has(ch)) stack.push(ch);
    else if (OPENER_OF.has(ch) && stack.pop() !== OPENER_OF.get(ch)) return false;
  }
  return stack.length === 0 && straight % 2 === 0;
}

// `(再往前记忆可能就太不清晰了。)`: an aside, not a sentence of its own.
function isParenthetical(sentence: string): boolean {
  const open = sentence[0]!;
  const close = PAIRS.get(open);
  if (close === undefined || !ASIDE_OPENERS.has(open)) return false;
  let depth = 0;
  for (let i = 0; i < sentence.length; i++) {
    const ch = sentence[i]!;
    if (ch === open) depth++;
    else if (ch === close && --depth === 0) return !/[\p{L}\p{N}]/u.test(sentence.slice(i + 1));
  }
  return false;
}

function skipSpaces(text: string, i: number, to: number): number {
  while (i < to && /\s/u.test(text[i]!)) i++;
  return i;
}

// Unpaired closing brackets after a sentence end stay with that sentence (it
// is then dropped as unbalanced) rather than start the next one. A straight
// `"` is not taken: it may open the next sentence's quotation.
function skipClosers(text: string, i: number, to: number): number {
  while (i < to && OPENER_OF.has(text[i]!)) i++;
  return i;
}

function startsLowercase(text: string, i: number, to: number): boolean {
  return i < to && /^\p{Ll}/u.test(String.fromCodePoint(text.codePointAt(i)!));
}

function codePointBefore(text: string, i: number): number | undefined {
  if (i <= 0) return undefined;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) return text.codePointAt(i - 2);
  return low;
}

function isDigit(cp: number | undefined): boolean {
  return cp !== undefined && cp >= 0x30 && cp <= 0x39;
}

function isCjk(cp: number | undefined): boolean {
  return cp !== undefined && IS_CJK.test(String.fromCodePoint(cp));
}
