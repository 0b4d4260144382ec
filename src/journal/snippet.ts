/**
 * Search result snippets, cut from the essay as written. Pure.
 *
 * FTS5's own `snippet()` would print index tokens (bigrams), and a
 * contentless table has no text to print anyway, so snippets are built here
 * from the original text: the first match, some context either side ending
 * at a sentence boundary when one is near, every match in view highlighted.
 */
import { findMatches, type TextRange } from './search.js';
import { normalizePrefixWithOffsets, type MappedPrefix, type MappedText } from './text.js';

/** How highlights are marked: Discord markdown, an ANSI terminal, or brackets. */
export type SnippetStyle = 'markdown' | 'terminal' | 'plain';

export interface SnippetOptions {
  readonly style: SnippetStyle;
  /** Characters of context wanted on each side of the first match. Default 40. */
  readonly radius?: number;
  /** Most characters the reader sees, ellipses and `[]` included. Default 300, at least 8. */
  readonly max?: number;
}

const ELLIPSIS = '…';
const HIGHLIGHT = {
  markdown: ['**', '**'],
  terminal: ['\x1b[1m', '\x1b[22m'],
  plain: ['[', ']'],
} as const satisfies Record<SnippetStyle, readonly [string, string]>;

/**
 * Characters Discord markdown gives a meaning to. A backslash before any
 * ASCII punctuation shows that character, so escaping a few harmless ones
 * (`-`, `#`, `+` that only matter at a line start) costs nothing.
 */
const MARKDOWN_SPECIAL = /[\\*_~`|<>[\]()#+-]/u;
const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';', '｡']);
const SPACE = /\s/u;
const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;

function isSentenceEnd(text: string, at: number): boolean {
  const ch = text[at] ?? '';
  if (SENTENCE_END.has(ch)) return true;
  // A Latin full stop ends a sentence only before a space ("3.5" does not).
  return ch === '.' && SPACE.test(text[at + 1] ?? '');
}

function cpLength(text: string, at: number): number {
  const cp = text.codePointAt(at) ?? 0;
  return cp > 0xffff && at + 1 < text.length ? 2 : 1;
}

const MARK_AT = /\p{M}/uy;

function isMarkAt(text: string, at: number): boolean {
  if (at >= text.length || text.charCodeAt(at) < 0x300) return false;
  MARK_AT.lastIndex = at;
  return MARK_AT.test(text);
}

function previous(text: string, at: number): number {
  const low = text.charCodeAt(at - 1);
  const high = text.charCodeAt(at - 2);
  return at - (low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1);
}

/**
 * `count` characters forward from `at`, never past the end. A character is
 * a code point with the combining marks after it, as in normalization, so
 * a cut never splits a surrogate pair or strands an accent.
 */
function forward(text: string, at: number, count: number): number {
  let i = at;
  for (let k = 0; k < count && i < text.length; k++) {
    i += cpLength(text, i);
    while (isMarkAt(text, i)) i += cpLength(text, i);
  }
  return i;
}

/** `count` characters back from `at`, never before 0. */
function back(text: string, at: number, count: number): number {
  let i = at;
  for (let k = 0; k < count && i > 0; k++) {
    i = previous(text, i);
    while (i > 0 && isMarkAt(text, i)) i = previous(text, i);
  }
  return i;
}

function countCodePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += cpLength(text, i)) n++;
  return n;
}

interface Cell {
  readonly ch: string;
  readonly hit: boolean;
}

/** The visible characters of `text[from, to)`, on one line, with match flags. */
function cellsOf(text: string, from: number, to: number, hits: readonly TextRange[]): Cell[] {
  const cells: Cell[] = [];
  let r = 0;
  for (let i = from; i < to;) {
    const size = cpLength(text, i);
    const raw = text.slice(i, i + size);
    while (r < hits.length && (hits[r]?.end ?? 0) <= i) r++;
    const range = hits[r];
    const hit = range !== undefined && range.start <= i && i < range.end;
    i += size;
    if (SPACE.test(raw)) {
      // Newlines and runs of spaces become one space: a snippet is one line.
      if (cells.length > 0 && cells[cells.length - 1]?.ch !== ' ') cells.push({ ch: ' ', hit });
    } else if (CONTROL.test(raw)) {
      // An ESC in an essay must not reach a terminal as a control sequence.
    } else {
      cells.push({ ch: LONE_SURROGATE.test(raw) ? '\ufffd' : raw, hit });
    }
  }
  while (cells[cells.length - 1]?.ch === ' ') cells.pop();
  return cells;
}

function groupsOf(cells: readonly Cell[]): { text: string; hit: boolean }[] {
  const groups: { text: string; hit: boolean }[] = [];
  for (const cell of cells) {
    const last = groups[groups.length - 1];
    if (last && last.hit === cell.hit) last.text += cell.ch;
    else groups.push({ text: cell.ch, hit: cell.hit });
  }
  return groups;
}

function escapeMarkdown(text: string, atLineStart: boolean): string {
  let out = '';
  let digitsSoFar = atLineStart;
  for (const ch of text) {
    // "1. " at the start of a line would become a list item.
    if (MARKDOWN_SPECIAL.test(ch) || (ch === '.' && digitsSoFar && out !== '')) out += `\\${ch}`;
    else out += ch;
    digitsSoFar = digitsSoFar && ch >= '0' && ch <= '9';
  }
  return out;
}

/** Original units normalized before looking for a match; doubled until the snippet's stretch is covered. */
const PREFIX_UNITS = 512;

/** Every match in the normalized prefix, as ranges of the original text. */
function hitsIn(mapped: MappedText, needles: readonly string[]): TextRange[] {
  const hits: TextRange[] = [];
  for (const r of findMatches(mapped.text, needles)) {
    const start = mapped.starts[r.start] ?? 0;
    const end = mapped.ends[r.end - 1] ?? start;
    const last = hits[hits.length - 1];
    // Mapped back, two matches can share an original character (`ﬁ` → `fi`).
    if (last && start <= last.end)
      hits[hits.length - 1] = { start: last.start, end: Math.max(last.end, end) };
    else hits.push({ start, end });
  }
  return hits;
}

/**
 * The original offset before which the prefix's matches are the whole
 * text's: a match starting at normalized `s` is seen once `s + longest`
 * units are normalized, so only the last `longest - 1` units may begin one
 * that is not (or one that would still merge with a match seen).
 */
function coveredUpTo(mapped: MappedPrefix, longest: number): number {
  const from = mapped.text.length - longest + 1;
  if (from < 0) return 0;
  return from < mapped.text.length ? (mapped.starts[from] ?? 0) : mapped.consumed;
}

/**
 * The matches a snippet shows, the first of them (its anchor; the text's
 * opening when there is none), the line break after it and where the
 * context after it ends. The essay is normalized only as far as that end
 * (plus a needle's length), not whole: most first matches are early.
 */
function matchStretch(
  text: string,
  needles: readonly string[],
  radius: number,
): { hits: TextRange[]; anchor: TextRange; lineEnd: number; limit: number } {
  const mapped = normalizePrefixWithOffsets(text);
  const longest = needles.reduce((n, needle) => Math.max(n, needle.length), 0);
  for (let size = PREFIX_UNITS; ; size *= 2) {
    mapped.extendTo(size);
    const complete = mapped.consumed >= text.length || longest === 0;
    const hits = hitsIn(mapped, needles);
    if (hits.length === 0 && !complete) continue;
    const anchor = hits[0] ?? { start: 0, end: 0 };
    const reach = forward(text, anchor.end, hits.length > 0 ? radius : 2 * radius);
    const lineEnd = text.indexOf('\n', anchor.end);
    let limit = lineEnd >= 0 && lineEnd <= reach ? lineEnd : reach;
    // A later match cut in half by the edge is shown whole (a spaced phrase
    // can match across a line break).
    for (const hit of hits) if (hit.start < limit && hit.end > limit) limit = hit.end;
    // Nothing past `limit + 1` (a sentence end kept there) is shown.
    if (complete || coveredUpTo(mapped, longest) > limit + 1)
      return { hits, anchor, lineEnd, limit };
  }
}

/**
 * A short excerpt of `originalText` around the first occurrence of any
 * needle (normalized terms from `translateQuery`), with every occurrence in
 * view highlighted in its original spelling — a simplified `热爱` marks a
 * traditional `熱愛`, `shinji` marks `Shinji`.
 *
 * About `radius` characters of context are kept on each side; the excerpt
 * starts after a sentence end or line break when one falls within that
 * distance and ends after the last sentence end (or at the line break)
 * within it. `…` marks text cut mid-sentence. Lines are joined with spaces,
 * control characters are removed, markdown characters of
 * the essay are escaped, and the visible length never exceeds `max`; cuts
 * never split a surrogate pair or a character from its combining marks.
 * Without any occurrence (the match was in the title or tags), the opening
 * of the text is shown.
 */
export function buildSnippet(
  originalText: string,
  needles: readonly string[],
  options: SnippetOptions,
): string {
  const radius = Math.max(0, Math.floor(options.radius ?? 40));
  const max = Math.floor(options.max ?? 300);
  if (!(max >= 8)) throw new RangeError(`snippet max must be at least 8, got ${options.max}`);
  const text = originalText;
  const { hits, anchor, lineEnd, limit } = matchStretch(text, needles, radius);

  let start = back(text, anchor.start, radius);
  let leftCut = start > 0;
  const lineStart = anchor.start === 0 ? -1 : text.lastIndexOf('\n', anchor.start - 1);
  if (lineStart >= start) {
    start = lineStart + 1;
    leftCut = false;
  } else {
    // From one before the window: a window that already begins a sentence is not cut.
    for (let k = Math.max(0, start - 1); k < anchor.start; k++) {
      if (isSentenceEnd(text, k)) {
        start = k + 1;
        leftCut = false;
        break;
      }
    }
  }

  let end = limit;
  let rightCut = limit < text.length && limit !== lineEnd;
  // Ending the sentence right after the match would leave almost no
  // context (`要素"热爱";`), so only a sentence end at least half the radius
  // on counts; up to one past the window, so one right at the edge is kept.
  const earliest = forward(text, anchor.end, Math.ceil(radius / 2));
  for (let k = rightCut ? limit : limit - 1; k >= earliest; k--) {
    if (isSentenceEnd(text, k)) {
      end = k + 1;
      rightCut = false;
      break;
    }
  }

  // Over the limit (a long match, or a large radius): give up right context
  // first, then left context, then the end of the match itself.
  let over = countCodePoints(text, start, end) + 2 - max;
  if (over > 0) {
    const right = Math.min(over, countCodePoints(text, anchor.end, end));
    // Steps are whole characters, which may hold more than one code point:
    // clamp so that a step never crosses the match.
    if (right > 0)
      [end, rightCut, over] = [Math.max(anchor.end, back(text, end, right)), true, over - right];
    const left = Math.min(over, countCodePoints(text, start, anchor.start));
    if (left > 0)
      [start, leftCut, over] = [
        Math.min(anchor.start, forward(text, start, left)),
        true,
        over - left,
      ];
    if (over > 0) [end, rightCut] = [Math.max(start, back(text, end, over)), true];
  }

  const hl = HIGHLIGHT[options.style];
  const visible = (cells: readonly Cell[]): number =>
    cells.length +
    (leftCut ? 1 : 0) +
    (rightCut ? 1 : 0) +
    (options.style === 'plain' ? 2 * groupsOf(cells).filter((g) => g.hit).length : 0);
  let cells = cellsOf(text, start, end, hits);
  // Collapsed whitespace only shortens, so this loop is for `[` `]` markers.
  while (visible(cells) > max && end > start) {
    if (start < anchor.start && end <= anchor.end)
      [start, leftCut] = [forward(text, start, 1), true];
    else [end, rightCut] = [back(text, end, 1), true];
    cells = cellsOf(text, start, end, hits);
  }

  let out = leftCut ? ELLIPSIS : '';
  for (const group of groupsOf(cells)) {
    const body = options.style === 'markdown' ? escapeMarkdown(group.text, out === '') : group.text;
    out += group.hit ? `${hl[0]}${body}${hl[1]}` : body;
  }
  return rightCut ? out + ELLIPSIS : out;
}
