/**
 * What each scope (a Discord channel, or `cli` for the command line and the
 * offline console) was shown last: the newest {@link RECENT_LIMIT} quotes
 * of each kind, by key, so a draw does not repeat them.
 */
import { RECENT_LIMIT, type QuoteSource } from '../journal/quoteDraw.js';
import { atomic, type Db } from './database.js';

export function createQuoteHistoryStore(db: Db) {
  const s = {
    recent: db.prepare<[string, string, number], { quote_key: string }>(
      `SELECT quote_key FROM quote_history WHERE scope = ? AND source = ? ORDER BY seq DESC LIMIT ?`,
    ),
    last: db.prepare<[string], { quote_key: string }>(
      `SELECT quote_key FROM quote_history WHERE scope = ? ORDER BY seq DESC LIMIT 1`,
    ),
    remember: db.prepare<[{ scope: string; key: string; source: QuoteSource }]>(
      `INSERT INTO quote_history (scope, quote_key, source, seq)
       VALUES (@scope, @key, @source, (SELECT coalesce(max(seq), 0) + 1 FROM quote_history WHERE scope = @scope))
       ON CONFLICT (scope, quote_key) DO UPDATE SET seq = excluded.seq`,
    ),
    // Keeps the newest `keep` rows of the source: those with fewer than `keep` newer ones.
    trim: db.prepare<[{ scope: string; source: QuoteSource; keep: number }]>(
      `DELETE FROM quote_history WHERE scope = @scope AND source = @source AND seq <= coalesce(
         (SELECT seq FROM quote_history WHERE scope = @scope AND source = @source ORDER BY seq DESC LIMIT 1 OFFSET @keep), -1)`,
    ),
  };

  return {
    /** Remembers that a quote was shown in `scope`, keeping the newest {@link RECENT_LIMIT} of its kind. */
    markShown: atomic(db)((scope: string, quote: { key: string; kind: QuoteSource }): void => {
      s.remember.run({ scope, key: quote.key, source: quote.kind });
      s.trim.run({ scope, source: quote.kind, keep: RECENT_LIMIT });
    }),

    /** The keys of one kind shown most recently in `scope`, newest first. */
    recent(scope: string, source: QuoteSource, limit = RECENT_LIMIT): string[] {
      return s.recent.all(scope, source, limit).map((r) => r.quote_key);
    },

    /** The key of the quote shown last in `scope`, of either kind. */
    last(scope: string): string | null {
      return s.last.get(scope)?.quote_key ?? null;
    },
  };
}

export type QuoteHistoryStore = ReturnType<typeof createQuoteHistoryStore>;
