/**
 * Related essays: the essays that share the most distinctive words with one
 * essay. Pure: no I/O; the store supplies document frequencies and which
 * essays hold a term.
 *
 * Terms are the search index's own units (src/journal/text.ts): Han bigrams
 * and Latin words, in normalized form. A lone Han character and a bare
 * number are left out: they say little about what an essay is about. A term
 * weighs `(1 + ln tf) · idf` in the essay (bm25's idf over the journal), so a
 * word the essay repeats and few other essays use counts most; a candidate
 * scores the weights of the query terms it shares, plus a bonus for the same
 * place and for each shared tag.
 */
import type { Essay } from './essay.js';
import { placeKey } from './places.js';
import { normalizeText, normalizeWithOffsets, runTokens, searchRuns } from './text.js';

/** The fields whose words make an essay's terms (the place has a bonus of its own). */
type TermSource = Pick<Essay, 'title' | 'body' | 'tags'>;

const DIGITS = /^\p{N}+$/u;

/** A character outside the BMP (two UTF-16 units). */
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;

/** Distinct terms of normalized text with how often each occurs. */
function countTerms(normalized: string, into: Map<string, number>): void {
  for (const run of searchRuns(normalized)) {
    const text = run.text;
    if (run.kind === 'han') {
      if (text.length < 2) continue;
      if (ASTRAL.test(text)) {
        // runTokens with `open` leaves out the tail character: bigrams only.
        for (const bigram of runTokens(run, true)) into.set(bigram, (into.get(bigram) ?? 0) + 1);
        continue;
      }
      // The common case, every character one UTF-16 unit: slice pairs without building arrays.
      for (let k = 0; k + 1 < text.length; k++) {
        const bigram = text.slice(k, k + 2);
        into.set(bigram, (into.get(bigram) ?? 0) + 1);
      }
    } else if (text.length >= 2 && !DIGITS.test(text)) {
      into.set(text, (into.get(text) ?? 0) + 1);
    }
  }
}

/** An essay's terms (title, body, tags) with their counts. */
export function essayTerms(essay: TermSource): Map<string, number> {
  const terms = new Map<string, number>();
  for (const text of [essay.title ?? '', essay.body, ...essay.tags])
    countTerms(normalizeText(text), terms);
  return terms;
}

/** bm25's idf: never negative, small for a term most essays use. */
export function idf(docs: number, total: number): number {
  return Math.log(1 + (total - docs + 0.5) / (docs + 0.5));
}

export interface WeightedTerm {
  term: string;
  weight: number;
  /** Essays using it, this one included. */
  docs: number;
}

/** How many terms an essay is compared by. */
export const QUERY_TERMS = 24;

/**
 * The essay's most distinctive terms, heaviest first: those another essay
 * also uses (a term only this essay has relates it to nothing) and that are
 * not everywhere (a term in more than `maxDocs` essays is left out: it
 * weighs little and its list of essays is long to read).
 */
export function distinctiveTerms(
  terms: ReadonlyMap<string, number>,
  docsOf: ReadonlyMap<string, number>,
  total: number,
  maxDocs: number,
  /** 1 when the counts include this essay itself, 0 when it is not counted yet. */
  self = 1,
  limit = QUERY_TERMS,
): WeightedTerm[] {
  const weighted: WeightedTerm[] = [];
  for (const [term, tf] of terms) {
    const docs = docsOf.get(term) ?? 0;
    if (docs - self < 1 || docs > maxDocs) continue;
    weighted.push({ term, docs, weight: (1 + Math.log(tf)) * idf(docs, total) });
  }
  return weighted
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, limit);
}

/** The most documents a query term may have: rare enough to mean something, few enough to read. */
export function maxQueryDocs(total: number): number {
  return Math.max(20, Math.ceil(total * 0.02));
}

/** What ranking needs of a candidate beyond the terms it shares. */
export type RankedFields = Pick<Essay, 'id' | 'place' | 'tags'>;

export interface RelatedMatch<E extends RankedFields> {
  essay: E;
  score: number;
  /** The query terms it shares, heaviest first. */
  terms: string[];
}

/** A shared place counts as much as the heaviest term; each shared tag half as much. */
const PLACE_BONUS = 1;
const TAG_BONUS = 0.5;

/**
 * Ranks candidates by the weights of the query terms each shares with the
 * essay, plus the place and tag bonuses; best first, ties newest id first.
 */
export function rankRelated<E extends RankedFields>(
  source: Pick<Essay, 'place' | 'tags'>,
  query: readonly WeightedTerm[],
  sharedBy: ReadonlyMap<number, ReadonlySet<string>>,
  candidates: readonly E[],
  limit: number,
): Array<RelatedMatch<E>> {
  const top = query[0]?.weight ?? 0;
  const place = placeKey(source.place);
  const tags = new Set(source.tags.map((tag) => normalizeText(tag).trim()));
  return candidates
    .map((essay) => {
      const shared = sharedBy.get(essay.id) ?? new Set<string>();
      const terms = query.filter((q) => shared.has(q.term));
      let score = terms.reduce((sum, q) => sum + q.weight, 0);
      if (place !== '' && placeKey(essay.place) === place) score += PLACE_BONUS * top;
      for (const tag of essay.tags)
        if (tags.has(normalizeText(tag).trim())) score += TAG_BONUS * top;
      return { essay, score, terms: terms.map((q) => q.term) };
    })
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || b.essay.id - a.essay.id)
    .slice(0, limit);
}

/**
 * Particles and pronouns that glue words together: a shared run is cut at
 * them when it begins or ends with one (`的天才` → `天才`), since a bigram
 * across a word boundary is a real shared term but not a word to show.
 */
const GLUE = new Set(Array.from('的了是在和与及也就都而着个之这那我你他她它们有'));

/** Shared words shown per related essay. */
export const SHARED_SHOWN = 3;

/**
 * The shared terms as the essay writes them: neighbouring shared bigrams
 * joined into one word (`天才` `才少` `少年` → `天才少年`), each taken from the
 * essay's own text (traditional stays traditional), heaviest first, at most
 * `limit`, no repeats.
 */
export function sharedWords(
  essay: TermSource,
  terms: readonly string[],
  limit = SHARED_SHOWN,
): string[] {
  if (terms.length === 0) return [];
  const rank = new Map(terms.map((term, i) => [term, i]));
  // Normalized word → its heaviest term's rank, and its first spelling in the text.
  const found = new Map<string, number>();
  const shownAs = new Map<string, string>();
  const keep = (shown: string, best: number) => {
    const key = normalizeText(shown);
    if (!found.has(key) || found.get(key)! > best) found.set(key, best);
    if (!shownAs.has(key)) shownAs.set(key, shown);
  };
  for (const text of [essay.title ?? '', essay.body, ...essay.tags]) {
    const mapped = normalizeWithOffsets(text);
    const original = (from: number, to: number) =>
      text.slice(mapped.starts[from], mapped.ends[to - 1]);
    for (const run of searchRuns(mapped.text)) {
      if (run.kind === 'word') {
        const r = rank.get(run.text);
        if (r !== undefined) keep(original(run.start, run.end), r);
        continue;
      }
      const chars = Array.from(run.text);
      // Offsets of each character of the run in the normalized text.
      const at: number[] = [];
      for (let k = 0, o = run.start; k < chars.length; o += chars[k]!.length, k++) at.push(o);
      let k = 0;
      while (k + 1 < chars.length) {
        const r = rank.get(chars[k]! + chars[k + 1]!);
        if (r === undefined) {
          k++;
          continue;
        }
        let end = k + 1;
        let best = r;
        while (end + 1 < chars.length) {
          const next = rank.get(chars[end]! + chars[end + 1]!);
          if (next === undefined) break;
          best = Math.min(best, next);
          end++;
        }
        let first = k;
        let last = end;
        while (first < last && GLUE.has(chars[first]!)) first++;
        while (last > first && GLUE.has(chars[last]!)) last--;
        if (last > first) keep(original(at[first]!, at[last]! + chars[last]!.length), best);
        k = end;
      }
    }
  }
  return [...found]
    .sort((a, b) => a[1] - b[1])
    .slice(0, limit)
    .map(([key]) => shownAs.get(key)!);
}
