/**
 * Search text for Chinese-first full-text search. Pure: no I/O, no SQL.
 *
 * Chinese has no spaces, so a word tokenizer either misses words or needs a
 * dictionary (jieba found 54% of 1–2 character queries in our measurements).
 * Instead every run of Han characters is indexed as its overlapping bigrams
 * plus the run's last character, which finds any substring exactly:
 *
 *   `逐渐自洽`  → `逐渐 渐自 自洽 洽`
 *
 * A query of two or more Han characters is the phrase of its bigrams; a
 * query of one character `菜` is the prefix query `"菜"*`, which matches a
 * bigram `菜X` when 菜 is followed by another Han character and the tail
 * unigram `菜` when it ends its run — so every occurrence is found.
 *
 * A Han run and a word that touch (`的AI`, `2024年`) are told apart from
 * the same two separated by punctuation (`的, AI`): the first one's last
 * token carries {@link ADJOINS} (`的\ue000 ai`). A query for the joined
 * form is then a phrase of exactly the text's tokens, answered by the index
 * alone, while `"的"*` and `"ai"*` still find the marked tokens as prefixes.
 *
 * Everything is compared in a normalized form (see {@link normalizeText}),
 * computed the same way for essays and queries.
 */
import { HAN_FOLD_PAIRS } from './hanFolds.js';

/**
 * The FTS5 tokenizer for a table fed with {@link indexTokens}:
 * `tokenize='ascii'`.
 *
 * Our tokens are already normalized and separated by single ASCII spaces, so
 * the tokenizer must split on those spaces and change nothing else. `ascii`
 * does exactly that: every non-ASCII code point is a token character and only
 * ASCII punctuation and spaces separate (our tokens contain no ASCII
 * punctuation). `unicode61` would also keep `热爱` whole, but it strips
 * diacritics and treats combining marks as separators by default, so tokens
 * like `é` or Devanagari words would no longer be what we wrote. Verified
 * against SQLite 3.53 (tests/searchText.test.ts): `"热爱"` finds the bigram,
 * `"菜"*` finds both `菜鸟` and a tail `菜`, `"ai 翻译"` finds `ai 翻译 译`.
 */
export const SEARCH_TOKENIZER = 'ascii';

/**
 * Appended to a run's last token when the next run (of the other kind)
 * follows with nothing between. A private-use code point: never part of a
 * token otherwise (tokens are Han, letters, digits and marks), and a token
 * character for the `ascii` tokenizer.
 */
export const ADJOINS = '\ue000';

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;
const MARK_AT = /\p{M}/uy;
const SPACE = /\s/u;
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
/** A run of Han characters, or a run of other letters, digits and marks. */
const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+)/gu;

/**
 * True when `ch` is one Han character (CJK Unified Ideographs and all their
 * extensions, compatibility ideographs, radicals, 〇 and 々).
 */
export function isHan(ch: string): boolean {
  const cp = ch.codePointAt(0);
  return cp !== undefined && ch.length === (cp > 0xffff ? 2 : 1) && HAN.test(ch);
}

/**
 * True when `ch` is one letter, digit or combining mark that is not Han: the
 * characters that make up a "word" token (`shinji`, `2025`, `straße`).
 */
export function isWordChar(ch: string): boolean {
  const cp = ch.codePointAt(0);
  return cp !== undefined && ch.length === (cp > 0xffff ? 2 : 1) && WORD.test(ch) && !HAN.test(ch);
}

/** Code point → its simplified form, for the characters folding changes. */
const HAN_FOLDS: ReadonlyMap<number, string> = (() => {
  const folds = new Map<number, string>();
  for (const line of HAN_FOLD_PAIRS) {
    const chars = Array.from(line);
    for (let k = 0; k + 1 < chars.length; k += 2)
      folds.set(chars[k]!.codePointAt(0)!, chars[k + 1]!);
  }
  return folds;
})();

/**
 * One Han character in simplified form.
 *
 * The table is OpenCC's Hong Kong → mainland chain, asked once per Han code
 * point (scripts/hanFolds.ts): the standard traditional mapping (熱愛→热爱)
 * plus the Hong Kong variant forms (衞→卫, 粧→妆). The Taiwan chain was
 * rejected because it folds the simplified 么 (什么) into 幺, merging two
 * everyday characters.
 *
 * Conversion is per character, not per phrase, on purpose: phrase rules make
 * a character's folding depend on its neighbours (乾隆 keeps 乾, 乾燥 gives
 * 干), and then a substring of a text would not fold to a substring of the
 * folded text, so a query cut out of an essay could miss that essay. Per
 * character, both sides fold alike; the rare merged pair (乾/干) costs a
 * little precision, never recall. The table holds each chain's end, so
 * folding is idempotent (薴→苧→苎 is stored as 薴→苎).
 */
function foldHan(ch: string, cp: number): string {
  return HAN_FOLDS.get(cp) ?? ch;
}

/** Where each normalized UTF-16 unit came from in the original string. */
export interface MappedText {
  /** The normalized text, as {@link normalizeText} returns it. */
  readonly text: string;
  /** `starts[i]`: offset in the original of the character that produced unit `i`. */
  readonly starts: readonly number[];
  /** `ends[i]`: offset just past that original character (with its combining marks). */
  readonly ends: readonly number[];
}

interface OffsetSink {
  starts: number[];
  ends: number[];
}

/** 1 when a UTF-16 unit is a combining mark, 2 when not, 0 not yet known; surrogates are asked each time. */
const MARK_UNITS = new Uint8Array(0x10000);

/** True when the character starting at `at` is a combining mark (it belongs to the one before). */
function isMarkAt(source: string, at: number): boolean {
  const unit = source.charCodeAt(at);
  if (unit < 0x300) return false;
  let known = MARK_UNITS[unit];
  if (known === 0 || (unit >= 0xd800 && unit <= 0xdfff)) {
    MARK_AT.lastIndex = at;
    known = MARK_AT.test(source) ? 1 : 2;
    if (unit < 0xd800 || unit > 0xdfff) MARK_UNITS[unit] = known;
  }
  return known === 1;
}

function foldPiece(piece: string): { text: string; spaceOnly: boolean; hasSpace: boolean } {
  let text = '';
  let hasSpace = false;
  let spaceOnly = true;
  for (const ch of piece.normalize('NFKC').toLowerCase()) {
    if (IGNORABLE.test(ch)) continue;
    if (SPACE.test(ch)) {
      hasSpace = true;
      text += ' ';
    } else {
      spaceOnly = false;
      text += HAN.test(ch) ? foldHan(ch, ch.codePointAt(0) ?? 0) : ch;
    }
  }
  return { text, spaceOnly, hasSpace };
}

/**
 * How each BMP code unit without marks after it folds, filled on first
 * sight: `' '` is whitespace (collapsed by the caller), `''` an invisible
 * character, null a form mixing text and space (the general path). One
 * array read per character instead of NFKC and regular expressions: a
 * 2,000-character essay is normalized for its index, its quotes and each
 * snippet.
 */
const UNIT_FOLDS: Array<string | null | undefined> = new Array<undefined>(0x10000);

function unitFold(unit: number): string | null {
  let folded = UNIT_FOLDS[unit];
  if (folded === undefined) {
    const piece = foldPiece(String.fromCharCode(unit));
    folded = !piece.hasSpace ? piece.text : piece.spaceOnly ? ' ' : null;
    UNIT_FOLDS[unit] = folded;
  }
  return folded;
}

/** 1 when a BMP unit on its own folds to itself and is not whitespace, 2 when not, 0 not yet known. */
const SELF_UNITS = new Uint8Array(0x10000);

function foldsToItself(unit: number): boolean {
  let known = SELF_UNITS[unit]!;
  if (known === 0) {
    const folded = unit >= 0xd800 && unit <= 0xdfff ? null : unitFold(unit);
    known = folded !== null && folded !== ' ' && folded === String.fromCharCode(unit) ? 1 : 2;
    SELF_UNITS[unit] = known;
  }
  return known === 1;
}

/**
 * Normalizes one "character" at a time — a code point plus the combining
 * marks after it — so that every output unit can be traced back to a whole
 * original character (NFKC changes lengths: `ﬁ`→`fi`, `㍻`→`平成`) and a
 * surrogate pair is never split. A character folds the same whatever
 * follows it (whitespace collapses into the space already written), so the
 * normalization of a prefix cut at a character boundary is a prefix of the
 * whole one, and a snippet normalizes only as far as its first match.
 * `text` is the normalized form of `source[0, consumed)`.
 */
class Folder {
  text = '';
  consumed = 0;
  private lastWasSpace = false;

  constructor(
    private readonly source: string,
    private readonly sink: OffsetSink | null,
  ) {}

  /** Normalizes on until at least `to` (a whole character past it at most) or the end. */
  extendTo(to: number): void {
    // Locals in the loop: this runs for every character of every essay indexed.
    const { source, sink } = this;
    const n = source.length;
    const until = Math.min(n, to);
    let { text: out, consumed: i, lastWasSpace } = this;
    const put = (piece: string, from: number, end: number): void => {
      if (piece === '' || (piece === ' ' && lastWasSpace)) return;
      lastWasSpace = piece === ' ';
      out += piece;
      if (sink)
        for (let k = 0; k < piece.length; k++) {
          sink.starts.push(from);
          sink.ends.push(end);
        }
    };
    while (i < until) {
      const unit = source.charCodeAt(i);
      if (foldsToItself(unit) && !(i + 1 < n && isMarkAt(source, i + 1))) {
        // Most text (Han, lower-case words, punctuation) is already normalized: copy a run at once.
        let j = i + 1;
        while (
          j < until &&
          foldsToItself(source.charCodeAt(j)) &&
          !(j + 1 < n && isMarkAt(source, j + 1))
        )
          j++;
        out += source.slice(i, j);
        if (sink)
          for (let k = i; k < j; k++) {
            sink.starts.push(k);
            sink.ends.push(k + 1);
          }
        lastWasSpace = false;
        i = j;
        continue;
      }
      const surrogate = unit >= 0xd800 && unit <= 0xdfff;
      let j = i + (surrogate && source.codePointAt(i)! > 0xffff ? 2 : 1);
      while (j < n && isMarkAt(source, j)) j += source.codePointAt(j)! > 0xffff ? 2 : 1;
      const single = j - i === 1 && !surrogate ? unitFold(unit) : null;
      if (single !== null) put(single, i, j);
      // Marks, astral characters, and forms that fold to text and space alike: one output character at a time.
      else for (const ch of foldPiece(source.slice(i, j)).text) put(ch, i, j);
      i = j;
    }
    this.text = out;
    this.consumed = i;
    this.lastWasSpace = lastWasSpace;
  }
}

function fold(source: string, sink: OffsetSink | null): string {
  const f = new Folder(source, sink);
  f.extendTo(source.length);
  return f.text;
}

/**
 * The form in which essays and queries are compared: NFKC (full-width →
 * half-width, compatibility ideographs → unified), lower case, traditional →
 * simplified Han by character, invisible format characters removed, and each
 * run of whitespace as one ASCII space. Punctuation is kept: it is dropped
 * from index tokens, but an exact match still has to agree on it.
 */
export function normalizeText(text: string): string {
  return fold(text, null);
}

/**
 * {@link normalizeText} plus, for every normalized unit, the span of the
 * original character it came from, so a match found in normalized text can
 * be highlighted in the text as written (`热爱` → `熱愛`).
 */
export function normalizeWithOffsets(text: string): MappedText {
  const sink: OffsetSink = { starts: [], ends: [] };
  const normalized = fold(text, sink);
  return { text: normalized, starts: sink.starts, ends: sink.ends };
}

/** A {@link MappedText} of the original's first `consumed` units, which {@link MappedPrefix.extendTo} carries further. */
export interface MappedPrefix extends MappedText {
  readonly consumed: number;
  extendTo(to: number): void;
}

/**
 * {@link normalizeWithOffsets} a stretch at a time: `text` is always the
 * normalization of `original[0, consumed)`, a prefix of the whole one.
 */
export function normalizePrefixWithOffsets(text: string): MappedPrefix {
  const sink: OffsetSink = { starts: [], ends: [] };
  const f = new Folder(text, sink);
  return {
    get text() {
      return f.text;
    },
    get consumed() {
      return f.consumed;
    },
    starts: sink.starts,
    ends: sink.ends,
    extendTo: (to) => f.extendTo(to),
  };
}

/** A maximal run of Han characters, or of other letters/digits/marks. */
export interface SearchRun {
  readonly kind: 'han' | 'word';
  readonly text: string;
  /** UTF-16 offsets in the normalized text. */
  readonly start: number;
  readonly end: number;
}

/**
 * The runs that produce tokens, in order, from already normalized text.
 * Everything between runs (spaces, punctuation, symbols, emoji) is a
 * separator.
 */
export function searchRuns(normalized: string): SearchRun[] {
  const runs: SearchRun[] = [];
  for (const m of normalized.matchAll(RUN)) {
    const text = m[0];
    runs.push({
      kind: m[1] === undefined ? 'word' : 'han',
      text,
      start: m.index,
      end: m.index + text.length,
    });
  }
  return runs;
}

/**
 * The tokens of one run as the index holds them: a word whole, a Han run as
 * its bigrams plus its last character. `open` (a query's run at the end of
 * its term, which may continue in the text) leaves out a long Han run's
 * tail, which the text may not have; `adjoins` marks the last token.
 */
export function runTokens(run: SearchRun, open = false, adjoins = false): string[] {
  const mark = adjoins ? ADJOINS : '';
  if (run.kind === 'word') return [run.text + mark];
  const chars = Array.from(run.text);
  const tokens: string[] = [];
  for (let k = 0; k + 1 < chars.length; k++) tokens.push(`${chars[k]}${chars[k + 1]}`);
  if (chars.length === 1 || !open) tokens.push((chars[chars.length - 1] ?? '') + mark);
  return tokens;
}

/** True when run `i` is directly followed by the next one (nothing between). */
export function adjoinsNext(runs: readonly SearchRun[], i: number): boolean {
  return runs[i + 1]?.start === runs[i]?.end;
}

/**
 * The space-separated tokens to store in the FTS5 table for `text` (raw; it
 * is normalized here): each Han run as its overlapping bigrams plus its last
 * character (`ABCD` → `AB BC CD D`, `A` → `A`), each other run of letters and
 * digits as one lower-case word, punctuation and spaces dropped; a run's
 * last token marked when the next run touches it.
 */
export function indexTokens(text: string): string {
  const runs = searchRuns(normalizeText(text));
  return runs.flatMap((run, i) => runTokens(run, false, adjoinsNext(runs, i))).join(' ');
}
