/**
 * Quotes: the sentences extracted from essays (spans into their bodies,
 * src/store/quoteSpans.ts), the quotes authors curate
 * (src/store/curatedQuotes.ts), and per scope the quotes shown most
 * recently (src/store/quoteHistory.ts). This module draws and searches
 * across the three.
 */
import { drawQuote, recentWindow, type QuotePool, type QuoteSource } from '../journal/quoteDraw.js';
import { translateQuery, type TranslatedQuery } from '../journal/search.js';
import { atomic, type Db } from './database.js';
import { createCuratedQuoteStore, type CuratedQuote } from './curatedQuotes.js';
import { createQuoteHistoryStore } from './quoteHistory.js';
import { createQuoteSpanStore, type ExtractedQuote } from './quoteSpans.js';
import { notMuted } from './mutes.js';

export type { ExtractedQuote } from './quoteSpans.js';
export {
  curatedKey,
  type CuratedQuote,
  type CuratedVisibility,
  type MessageLink,
  type NewCuratedQuote,
} from './curatedQuotes.js';

export type Quote = ExtractedQuote | CuratedQuote;

export interface QuoteSearchPage {
  /** Null when the input held nothing searchable. */
  query: TranslatedQuery | null;
  total: number;
  /** Curated matches first (newest first), then sentences of the newest essays first. */
  quotes: Quote[];
}

/** The scope of the command line's (and offline console's) no-repeat window; Discord channels use their id. */
export const CLI_SCOPE = 'cli';

export function createQuoteStore(db: Db, now: () => Date) {
  const spans = createQuoteSpanStore(db);
  const curated = createCuratedQuoteStore(db, now);
  const history = createQuoteHistoryStore(db);
  // A saved quote of an essay behind a content warning would reach a channel without the warning;
  // no quote of an essay written in a muted period is drawn.
  const withheld = db.prepare<[number], { id: number }>(
    `SELECT id FROM essays WHERE id = ? AND (warning IS NOT NULL OR NOT ${notMuted()})`,
  );

  function pool<Q extends Quote>(
    scope: string,
    source: QuoteSource,
    size: number,
    pick: (random: () => number) => Q | null,
    next: (quote: Q) => Q | null,
  ): QuotePool<Quote> {
    return {
      size,
      pick,
      next: (quote) => next(quote as Q),
      recent: new Set(history.recent(scope, source, recentWindow(size))),
      eligible: (quote) => quote.essayId === null || !withheld.get(quote.essayId),
    };
  }

  return {
    /** Keeps extracted quotes in step with essay writes (registered in openStore). */
    indexer: spans.indexer,

    /** Re-extracts every essay when the spans were made by another version (or never). */
    rebuildIfStale: (meta: Parameters<typeof spans.rebuildIfStale>[0]) =>
      spans.rebuildIfStale(meta),

    /** The extracted quotes of one essay, in order (none while it is hidden). */
    forEssay: (essayId: number): ExtractedQuote[] => spans.forEssay(essayId),

    /** How many quotes a draw chooses from: extracted plus visible curated. */
    poolSize(): number {
      return spans.count() + curated.count();
    },

    /**
     * Draws the quote to show next in `scope` (see src/journal/quoteDraw.ts)
     * and remembers it there, in one transaction. Null when there are none.
     * A handful of indexed reads, whatever the journal's size.
     */
    draw: atomic(db)((scope: string, random: () => number): Quote | null => {
      const extractedCount = spans.count();
      const quote = drawQuote(
        {
          extracted: pool(
            scope,
            'extracted',
            extractedCount,
            (r) => spans.at(Math.min(extractedCount - 1, Math.floor(r() * extractedCount))),
            // Skipping muted essays' spans in SQL, so a walk finds a drawable quote however much is muted.
            (q: ExtractedQuote) => spans.nextDrawable(q),
          ),
          curated: pool(scope, 'curated', curated.count(), (r) => curated.pick(r), curated.next),
        },
        history.last(scope),
        random,
      );
      if (quote) history.markShown(scope, quote);
      return quote;
    }),

    /** Remembers that a quote was shown in `scope`, keeping the newest RECENT_LIMIT of its kind. */
    markShown: history.markShown,

    /** The keys of one kind shown most recently in `scope`, newest first. */
    recentlyShown: (scope: string, source: QuoteSource, limit?: number): string[] =>
      history.recent(scope, source, limit),

    /** Extracted and visible curated quotes containing every term of `input` (the essay search's rules). */
    search(input: string, options: { limit?: number; offset?: number } = {}): QuoteSearchPage {
      const query = translateQuery(input);
      if (!query) return { query, total: 0, quotes: [] };
      const limit = options.limit ?? 10;
      const offset = Math.max(0, options.offset ?? 0);
      // Curated quotes come first, then extracted ones; only the page's extracted texts are read out.
      const saved = curated.search(query);
      const fromSaved: Quote[] = saved.slice(offset, offset + limit);
      const extracted = spans.search(query, {
        skip: Math.max(0, offset - saved.length),
        take: limit - fromSaved.length,
      });
      return {
        query,
        total: saved.length + extracted.total,
        quotes: [...fromSaved, ...extracted.quotes],
      };
    },

    curated,
  };
}
