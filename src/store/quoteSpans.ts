/**
 * Extracted quotes as spans into their essay's body: `(essay_id, start,
 * length)` in characters (code points, as SQLite's `substr` counts), and no
 * copy of the words. The text is read from `essays.body` when a quote is
 * shown. Kept in step with every essay write as an EssayIndexer.
 *
 * A hidden essay has no spans: hiding removes them and unhiding extracts
 * them again, so nothing that draws or searches here can show one. An
 * essay with a content warning has none either: its sentences would reach
 * a channel without the warning.
 *
 * `seq` is dense (1..n, no holes): a draw picks a uniform random position
 * and reads one row by primary key, whatever the journal's size. Removing
 * an essay's spans moves the highest rows into the holes it leaves.
 */
import { extractQuotes, quoteKey } from '../journal/quotes.js';
import { verifyMatch, type TranslatedQuery } from '../journal/search.js';
import { normalizeText } from '../journal/text.js';
import type { Db } from './database.js';
import type { EssayIndexer } from './essays.js';
import { notMuted } from './mutes.js';
import { SEARCH_INDEX_VERSION } from './search.js';

/** A sentence of an essay, as extracted (see src/journal/quotes.ts). */
export interface ExtractedQuote {
  kind: 'extracted';
  /** Its place in the draw order; changes when other essays' quotes go. */
  id: number;
  /** Stable while the essay's text before it is unchanged: names it in "recently shown". */
  key: string;
  essayId: number;
  text: string;
  /** In code points: `Array.from(essay.body).slice(start, end).join('') === text`. */
  start: number;
  end: number;
}

interface SpanRow {
  seq: number;
  essay_id: number;
  start: number;
  length: number;
  text: string;
}

function toExtracted(row: SpanRow): ExtractedQuote {
  return {
    kind: 'extracted',
    id: row.seq,
    key: quoteKey(row.essay_id, row.start),
    essayId: row.essay_id,
    text: row.text,
    start: row.start,
    end: row.start + row.length,
  };
}

// A character outside the BMP: two UTF-16 units, one code point.
const ASTRAL = /[^\u0000-\uFFFF]/u;

/**
 * Maps UTF-16 offsets of `text` to code point offsets. Most journals hold no
 * character outside the BMP, and then the two are the same.
 */
function codePointOffsets(text: string): (utf16: number) => number {
  if (!ASTRAL.test(text)) return (i) => i;
  const map = new Uint32Array(text.length + 1);
  let utf16 = 0;
  let cp = 0;
  for (const ch of text) {
    map[utf16] = cp;
    utf16 += ch.length;
    cp++;
  }
  map[utf16] = cp;
  return (i) => map[i]!;
}

/** The code points `[start, start + length)` of `text`, as SQLite's substr(text, start + 1, length). */
function codePointSlicer(text: string): (start: number, length: number) => string {
  if (!ASTRAL.test(text)) return (start, length) => text.slice(start, start + length);
  const chars = Array.from(text);
  return (start, length) => chars.slice(start, start + length).join('');
}

/** The spans of `body`'s quotable sentences, in code points. */
export function spansOf(body: string): Array<{ start: number; length: number }> {
  const toCp = codePointOffsets(body);
  return extractQuotes(body).map((q) => {
    const start = toCp(q.start);
    return { start, length: toCp(q.end) - start };
  });
}

/**
 * Bumped whenever extractQuotes changes what it produces; a database
 * extracted by another version (or before spans) is re-extracted once at open.
 */
export const QUOTE_INDEX_VERSION = '2';
const VERSION_KEY = 'quotes:index-version';
const INDEX_VERSION = `${QUOTE_INDEX_VERSION}/search-${SEARCH_INDEX_VERSION}`;

const SPAN = 'q.seq, q.essay_id, q.start, q.length, substr(e.body, q.start + 1, q.length) AS text';

export function createQuoteSpanStore(db: Db) {
  const s = {
    insert: db.prepare<[{ essay: number; start: number; length: number }]>(
      `INSERT INTO quote_spans (essay_id, start, length) VALUES (@essay, @start, @length)`,
    ),
    seqsOf: db.prepare<[number], { seq: number }>(
      `SELECT seq FROM quote_spans WHERE essay_id = ? ORDER BY seq`,
    ),
    forget: db.prepare<[number]>(`DELETE FROM quote_spans WHERE essay_id = ?`),
    top: db.prepare<[], { seq: number | null }>(`SELECT max(seq) AS seq FROM quote_spans`),
    move: db.prepare<[number, number]>(`UPDATE quote_spans SET seq = ? WHERE seq = ?`),
    at: db.prepare<[number], SpanRow>(
      `SELECT ${SPAN} FROM quote_spans q JOIN essays e ON e.id = q.essay_id WHERE q.seq = ?`,
    ),
    // The walk of a draw: the next span, by draw position, whose essay is not in a muted period.
    nextDrawable: db.prepare<[number], SpanRow>(
      `SELECT ${SPAN} FROM quote_spans q JOIN essays e ON e.id = q.essay_id
       WHERE q.seq > ? AND ${notMuted('e.written_on')} ORDER BY q.seq LIMIT 1`,
    ),
    forEssay: db.prepare<[number], SpanRow>(
      `SELECT ${SPAN} FROM quote_spans q JOIN essays e ON e.id = q.essay_id WHERE q.essay_id = ? ORDER BY q.start`,
    ),
    spansOf: db.prepare<[number], Omit<SpanRow, 'text'>>(
      `SELECT seq, essay_id, start, length FROM quote_spans WHERE essay_id = ? ORDER BY start`,
    ),
    // Essays whose body has every term's tokens, newest first: the quotes among them are verified one by one.
    candidates: db.prepare<[string], { id: number }>(
      `SELECT id FROM essays INDEXED BY essays_by_date
       WHERE id IN (SELECT rowid FROM essay_search WHERE essay_search MATCH ?) AND hidden = 0
       ORDER BY written_on DESC, id DESC`,
    ),
    essayIds: db.prepare<[], { id: number }>(`SELECT id FROM essays ORDER BY id`),
    essayText: db.prepare<[number], { body: string; hidden: number; warning: string | null }>(
      `SELECT body, hidden, warning FROM essays WHERE id = ?`,
    ),
  };

  /** Removes an essay's spans and fills the holes with the highest rows, so seq stays 1..n. */
  function forget(essayId: number): void {
    const holes = s.seqsOf.all(essayId).map((r) => r.seq);
    if (holes.length === 0) return;
    s.forget.run(essayId);
    for (const hole of holes) {
      const top = s.top.get()!.seq;
      // Holes ascend: once the highest row is below this one, every later hole is past the end.
      if (top === null || top < hole) break;
      s.move.run(hole, top);
    }
  }

  /** `withheld`: hidden, or behind a content warning; such an essay's sentences are never drawn. */
  function extract(essayId: number, body: string, withheld: boolean): void {
    forget(essayId);
    if (withheld) return;
    for (const span of spansOf(body)) s.insert.run({ essay: essayId, ...span });
  }

  const indexer: EssayIndexer = {
    put: (essay) => extract(essay.id, essay.body, essay.hidden || essay.warning !== null),
    remove: (id) => forget(id),
  };

  return {
    indexer,

    /** Re-extracts every essay when the spans were made by another version (or never). */
    rebuildIfStale(meta: {
      get(key: string): string | null;
      set(key: string, value: string): void;
    }): boolean {
      if (meta.get(VERSION_KEY) === INDEX_VERSION) return false;
      db.transaction(() => {
        db.exec(`DELETE FROM quote_spans`);
        // One essay at a time: a journal's bodies need not all be in memory at once.
        for (const { id } of s.essayIds.all()) {
          const essay = s.essayText.get(id)!;
          extract(id, essay.body, essay.hidden === 1 || essay.warning !== null);
        }
        meta.set(VERSION_KEY, INDEX_VERSION);
      })();
      return true;
    },

    /** How many extracted quotes there are (the highest seq, since seq is dense). */
    count(): number {
      return s.top.get()!.seq ?? 0;
    },

    /** The quote at draw position `position` (0-based, below {@link count}), read from its essay. */
    at(position: number): ExtractedQuote | null {
      const row = s.at.get(position + 1);
      return row ? toExtracted(row) : null;
    },

    /**
     * The first quote after `quote` in draw order (wrapping round) whose
     * essay is not muted; null when every quote is muted.
     */
    nextDrawable(quote: ExtractedQuote): ExtractedQuote | null {
      const row = s.nextDrawable.get(quote.id) ?? s.nextDrawable.get(0);
      return row ? toExtracted(row) : null;
    },

    /** The extracted quotes of one essay, in order (none while it is hidden). */
    forEssay(essayId: number): ExtractedQuote[] {
      return s.forEssay.all(essayId).map(toExtracted);
    },

    /**
     * Extracted quotes containing every term, newest essays first: the
     * essay search index finds the essays whose body has every term's
     * tokens, and each of their sentences is verified on its normalized
     * text, as essay search verifies essays.
     */
    search(
      query: TranslatedQuery,
      page: { skip: number; take: number } = { skip: 0, take: Infinity },
    ): { total: number; quotes: ExtractedQuote[] } {
      // Every match is counted, but only the page's are kept: a common word matches
      // sentences by the hundred thousand, whose texts would all sit in the heap at once.
      const quotes: ExtractedQuote[] = [];
      let total = 0;
      for (const { id } of s.candidates.all(`body : (${query.match})`)) {
        const spans = s.spansOf.all(id);
        if (spans.length === 0) continue;
        const slice = codePointSlicer(s.essayText.get(id)!.body);
        for (const span of spans) {
          const text = slice(span.start, span.length);
          if (!verifyMatch(normalizeText(text), query.needles)) continue;
          if (total >= page.skip && quotes.length < page.take)
            quotes.push(toExtracted({ ...span, text }));
          total++;
        }
      }
      return { total, quotes };
    },
  };
}

export type QuoteSpanStore = ReturnType<typeof createQuoteSpanStore>;
