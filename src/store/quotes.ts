/**
 * Quotes in SQLite: the sentences extracted from essays (kept in step with
 * every essay write as an EssayIndexer), the quotes authors curate, and per
 * scope (a Discord channel, or `cli`) the quotes shown most recently.
 *
 * A hidden essay's sentences are not stored at all: hiding an essay removes
 * them and unhiding extracts them again, so nothing that reads these tables
 * can show one. A deleted essay's go with it (indexer.remove, and ON DELETE
 * CASCADE behind it).
 *
 * A curated quote tied to an essay follows that essay instead of outliving
 * it: the row is kept (no foreign key), but it is drawn, searched and listed
 * for everyone only while the essay is visible, and comes back when the
 * essay is unhidden or restored from the trash. Essay ids are never reused
 * while an essay is in the trash, so the link stays right.
 */
import { extractQuotes, quoteKey } from '../journal/quotes.js';
import { planDraw, recentWindow, RECENT_LIMIT, type QuoteSource } from '../journal/quoteDraw.js';
import { translateQuery, verifyMatch, type TranslatedQuery } from '../journal/search.js';
import { indexTokens, normalizeText } from '../journal/text.js';
import { atomic, type Db } from './database.js';
import type { EssayIndexer } from './essays.js';
import { SEARCH_INDEX_VERSION } from './search.js';

/** A sentence of an essay, as extracted (see src/journal/quotes.ts). */
export interface ExtractedQuote {
  kind: 'extracted';
  id: number;
  /** Stable while the essay's text before it is unchanged: names it in "recently shown". */
  key: string;
  essayId: number;
  text: string;
  /** `essay.body.slice(start, end) === text`. */
  start: number;
  end: number;
}

/** The Discord message a curated quote was saved from. */
export interface MessageLink {
  guildId: string | null;
  channelId: string;
  messageId: string;
  url: string;
  /** Who wrote the message. */
  authorId: string | null;
}

/** A quote an author added by hand or saved from a message. */
export interface CuratedQuote {
  kind: 'curated';
  id: number;
  key: string;
  text: string;
  /** The essay it is attributed to, if any. */
  essayId: number | null;
  message: MessageLink | null;
  /** Discord user id of the author who saved it; null from the command line. */
  savedBy: string | null;
  createdAt: string;
  /** False while its essay is hidden or in the trash: then only authors see it, in lists. */
  visible: boolean;
}

export type Quote = ExtractedQuote | CuratedQuote;

export interface NewCuratedQuote {
  text: string;
  essayId?: number | null;
  message?: MessageLink | null;
  savedBy?: string | null;
}

export interface QuoteSearchPage {
  /** Null when the input held nothing searchable. */
  query: TranslatedQuery | null;
  total: number;
  /** Curated matches first (newest first), then sentences of the newest essays first. */
  quotes: Quote[];
}

/** Whether a listing includes curated quotes whose essay is hidden or in the trash (authors). */
export interface CuratedVisibility {
  includeHidden?: boolean;
}

/** The scope of the command line's (and offline console's) no-repeat window; Discord channels use their id. */
export const CLI_SCOPE = 'cli';

/** "Recently shown" key of a curated quote; extracted ones use {@link quoteKey}. */
export function curatedKey(id: number): string {
  return `curated:${id}`;
}

function curatedIdOf(key: string): number | null {
  const m = /^curated:(\d+)$/u.exec(key);
  return m ? Number(m[1]) : null;
}

/**
 * Bumped whenever extractQuotes changes what it produces; a database
 * extracted by another version (or indexed by other search tokens) is
 * re-extracted once at open.
 */
export const QUOTE_INDEX_VERSION = '1';
const VERSION_KEY = 'quotes:index-version';
const INDEX_VERSION = `${QUOTE_INDEX_VERSION}/search-${SEARCH_INDEX_VERSION}`;

interface ExtractedRow {
  id: number;
  essay_id: number;
  start_offset: number;
  end_offset: number;
  text: string;
  quote_key: string;
}

interface CuratedRow {
  id: number;
  text: string;
  essay_id: number | null;
  guild_id: string | null;
  channel_id: string | null;
  message_id: string | null;
  message_url: string | null;
  message_author_id: string | null;
  saved_by: string | null;
  created_at: string;
  visible: number;
}

function toExtracted(row: ExtractedRow): ExtractedQuote {
  return {
    kind: 'extracted',
    id: row.id,
    key: row.quote_key,
    essayId: row.essay_id,
    text: row.text,
    start: row.start_offset,
    end: row.end_offset,
  };
}

function toCurated(row: CuratedRow): CuratedQuote {
  const message =
    row.channel_id !== null && row.message_id !== null && row.message_url !== null
      ? {
          guildId: row.guild_id,
          channelId: row.channel_id,
          messageId: row.message_id,
          url: row.message_url,
          authorId: row.message_author_id,
        }
      : null;
  return {
    kind: 'curated',
    id: row.id,
    key: curatedKey(row.id),
    text: row.text,
    essayId: row.essay_id,
    message,
    savedBy: row.saved_by,
    createdAt: row.created_at,
    visible: row.visible === 1,
  };
}

const EXTRACTED = 'q.id, q.essay_id, q.start_offset, q.end_offset, q.text, q.quote_key';
// A curated quote is visible when it has no essay or its essay is visible (present and not hidden).
const CURATED_VISIBLE =
  '(c.essay_id IS NULL OR EXISTS (SELECT 1 FROM essays e WHERE e.id = c.essay_id AND e.hidden = 0))';
const CURATED = `c.id, c.text, c.essay_id, c.guild_id, c.channel_id, c.message_id, c.message_url, c.message_author_id, c.saved_by, c.created_at,
                 ${CURATED_VISIBLE} AS visible`;

export function createQuoteStore(db: Db, now: () => Date) {
  const s = {
    insertQuote: db.prepare<[number, number, number, string, string], { id: number }>(
      `INSERT INTO essay_quotes (essay_id, start_offset, end_offset, text, quote_key) VALUES (?, ?, ?, ?, ?) RETURNING id`,
    ),
    insertTokens: db.prepare<[number, string]>(
      `INSERT INTO essay_quote_search (rowid, text) VALUES (?, ?)`,
    ),
    forgetTokens: db.prepare<[number]>(
      `DELETE FROM essay_quote_search WHERE rowid IN (SELECT id FROM essay_quotes WHERE essay_id = ?)`,
    ),
    forgetQuotes: db.prepare<[number]>(`DELETE FROM essay_quotes WHERE essay_id = ?`),
    forEssay: db.prepare<[number], ExtractedRow>(
      `SELECT ${EXTRACTED} FROM essay_quotes q WHERE q.essay_id = ? ORDER BY q.start_offset`,
    ),
    essayIds: db.prepare<[], { id: number }>(`SELECT id FROM essays ORDER BY id`),
    essayText: db.prepare<[number], { body: string; hidden: number }>(
      `SELECT body, hidden FROM essays WHERE id = ?`,
    ),

    extractedCount: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM essay_quotes`),
    curatedVisibleCount: db.prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM curated_quotes c WHERE ${CURATED_VISIBLE}`,
    ),
    // `?` is a JSON array of keys (or ids) not to draw: the recently shown.
    extractedEligible: db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM essay_quotes WHERE quote_key NOT IN (SELECT value FROM json_each(?))`,
    ),
    extractedNth: db.prepare<[string, number], ExtractedRow>(
      `SELECT ${EXTRACTED} FROM essay_quotes q WHERE q.quote_key NOT IN (SELECT value FROM json_each(?)) ORDER BY q.id LIMIT 1 OFFSET ?`,
    ),
    curatedEligible: db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM curated_quotes c WHERE ${CURATED_VISIBLE} AND c.id NOT IN (SELECT value FROM json_each(?))`,
    ),
    curatedNth: db.prepare<[string, number], CuratedRow>(
      `SELECT ${CURATED} FROM curated_quotes c WHERE ${CURATED_VISIBLE} AND c.id NOT IN (SELECT value FROM json_each(?)) ORDER BY c.id LIMIT 1 OFFSET ?`,
    ),

    recent: db.prepare<[string, string, number], { quote_key: string }>(
      `SELECT quote_key FROM quote_history WHERE scope = ? AND source = ? ORDER BY seq DESC LIMIT ?`,
    ),
    last: db.prepare<[string], { quote_key: string; source: QuoteSource }>(
      `SELECT quote_key, source FROM quote_history WHERE scope = ? ORDER BY seq DESC LIMIT 1`,
    ),
    remember: db.prepare<[{ scope: string; key: string; source: QuoteSource }]>(
      `INSERT INTO quote_history (scope, quote_key, source, seq)
       VALUES (@scope, @key, @source, (SELECT coalesce(max(seq), 0) + 1 FROM quote_history WHERE scope = @scope))
       ON CONFLICT (scope, quote_key) DO UPDATE SET seq = excluded.seq`,
    ),
    // Keeps the newest `keep` rows of the source: those with fewer than `keep` newer ones.
    trimHistory: db.prepare<[{ scope: string; source: QuoteSource; keep: number }]>(
      `DELETE FROM quote_history WHERE scope = @scope AND source = @source AND seq <= coalesce(
         (SELECT seq FROM quote_history WHERE scope = @scope AND source = @source ORDER BY seq DESC LIMIT 1 OFFSET @keep), -1)`,
    ),

    insertCurated: db.prepare<
      [
        string,
        number | null,
        string | null,
        string | null,
        string | null,
        string | null,
        string | null,
        string | null,
        string,
      ],
      { id: number }
    >(
      `INSERT INTO curated_quotes (text, essay_id, guild_id, channel_id, message_id, message_url, message_author_id, saved_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ),
    curatedById: db.prepare<[number], CuratedRow>(
      `SELECT ${CURATED} FROM curated_quotes c WHERE c.id = ?`,
    ),
    curatedByText: db.prepare<[string], CuratedRow>(
      `SELECT ${CURATED} FROM curated_quotes c WHERE c.text = ?`,
    ),
    curatedByMessage: db.prepare<[string], CuratedRow>(
      `SELECT ${CURATED} FROM curated_quotes c WHERE c.message_id = ?`,
    ),
    deleteCurated: db.prepare<[number]>(`DELETE FROM curated_quotes WHERE id = ?`),
    listCurated: db.prepare<[number, number, number], CuratedRow>(
      `SELECT ${CURATED} FROM curated_quotes c WHERE (? OR ${CURATED_VISIBLE}) ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?`,
    ),
    countCurated: db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM curated_quotes c WHERE (? OR ${CURATED_VISIBLE})`,
    ),
    suggestCurated: db.prepare<
      [{ all: number; like: string; id: number; limit: number }],
      CuratedRow
    >(
      `SELECT ${CURATED} FROM curated_quotes c
       WHERE (@all OR ${CURATED_VISIBLE}) AND (c.text LIKE @like ESCAPE '\\' OR c.id = @id)
       ORDER BY c.id = @id DESC, c.created_at DESC, c.id DESC LIMIT @limit`,
    ),
    // Curated quotes are added one by one by hand: few enough to match by reading each.
    visibleCurated: db.prepare<[], CuratedRow>(
      `SELECT ${CURATED} FROM curated_quotes c WHERE ${CURATED_VISIBLE} ORDER BY c.created_at DESC, c.id DESC`,
    ),

    matchCount: db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM essay_quote_search WHERE essay_quote_search MATCH ?`,
    ),
    matchPage: db.prepare<[string, number, number], ExtractedRow>(
      `SELECT ${EXTRACTED} FROM essay_quote_search JOIN essay_quotes q ON q.id = essay_quote_search.rowid JOIN essays e ON e.id = q.essay_id
       WHERE essay_quote_search MATCH ? ORDER BY e.written_on DESC, q.essay_id DESC, q.start_offset LIMIT ? OFFSET ?`,
    ),
  };

  function forget(essayId: number): void {
    s.forgetTokens.run(essayId);
    s.forgetQuotes.run(essayId);
  }

  function extract(essayId: number, body: string, hidden: boolean): void {
    forget(essayId);
    if (hidden) return;
    for (const q of extractQuotes(body)) {
      const { id } = s.insertQuote.get(
        essayId,
        q.start,
        q.end,
        q.text,
        quoteKey(essayId, q.start),
      )!;
      s.insertTokens.run(id, indexTokens(q.text));
    }
  }

  const indexer: EssayIndexer = {
    put: (essay) => extract(essay.id, essay.body, essay.hidden),
    remove: (id) => forget(id),
  };

  /** Keys not to draw next in `scope`, per source: each source's recent window, and the last quote shown. */
  function excluded(
    scope: string,
    pool: Record<QuoteSource, number>,
  ): Record<QuoteSource, string[]> {
    const keys = {
      curated: s.recent.all(scope, 'curated', recentWindow(pool.curated)).map((r) => r.quote_key),
      extracted: s.recent
        .all(scope, 'extracted', recentWindow(pool.extracted))
        .map((r) => r.quote_key),
    };
    const last = s.last.get(scope);
    if (last && pool.curated + pool.extracted > 1) keys[last.source].push(last.quote_key);
    return keys;
  }

  function pools(): Record<QuoteSource, number> {
    return { curated: s.curatedVisibleCount.get()!.n, extracted: s.extractedCount.get()!.n };
  }

  const tx = atomic(db);
  const markShown = tx((scope: string, quote: Pick<Quote, 'key' | 'kind'>): void => {
    s.remember.run({ scope, key: quote.key, source: quote.kind });
    s.trimHistory.run({ scope, source: quote.kind, keep: RECENT_LIMIT });
  });

  /** Extracted matches of a query, newest essays first: all of them verified when FTS alone is not exact. */
  function extractedMatches(
    query: TranslatedQuery,
    limit: number,
    offset: number,
  ): { total: number; quotes: ExtractedQuote[] } {
    if (query.exact) {
      return {
        total: s.matchCount.get(query.match)!.n,
        quotes: s.matchPage.all(query.match, limit, offset).map(toExtracted),
      };
    }
    const verified = s.matchPage
      .all(query.match, -1, 0)
      .filter((row) => verifyMatch(normalizeText(row.text), query.needles));
    return {
      total: verified.length,
      quotes: verified.slice(offset, offset + limit).map(toExtracted),
    };
  }

  return {
    /** Keeps extracted quotes in step with essay writes (registered in openStore). */
    indexer,

    /** Re-extracts every essay when the index was built by another version (or never). */
    rebuildIfStale(meta: {
      get(key: string): string | null;
      set(key: string, value: string): void;
    }): boolean {
      if (meta.get(VERSION_KEY) === INDEX_VERSION) return false;
      db.transaction(() => {
        db.exec(`DELETE FROM essay_quote_search; DELETE FROM essay_quotes;`);
        // One essay at a time: a journal's bodies need not all be in memory at once.
        for (const { id } of s.essayIds.all()) {
          const essay = s.essayText.get(id)!;
          extract(id, essay.body, essay.hidden === 1);
        }
        meta.set(VERSION_KEY, INDEX_VERSION);
      })();
      return true;
    },

    /** The extracted quotes of one essay, in order (none while it is hidden). */
    forEssay(essayId: number): ExtractedQuote[] {
      return s.forEssay.all(essayId).map(toExtracted);
    },

    /** How many quotes a draw chooses from: extracted plus visible curated. */
    poolSize(): number {
      const pool = pools();
      return pool.curated + pool.extracted;
    },

    /**
     * Draws the quote to show next in `scope` (see src/journal/quoteDraw.ts)
     * and remembers it there, in one transaction. Null when there are none.
     */
    draw(scope: string, random: () => number): Quote | null {
      return db.transaction((): Quote | null => {
        const skip = excluded(scope, pools());
        const keysJson = JSON.stringify(skip.extracted);
        const idsJson = JSON.stringify(skip.curated.flatMap((k) => curatedIdOf(k) ?? []));
        const plan = planDraw(
          {
            curated: s.curatedEligible.get(idsJson)!.n,
            extracted: s.extractedEligible.get(keysJson)!.n,
          },
          random,
        );
        if (!plan) return null;
        const quote =
          plan.source === 'curated'
            ? toCurated(s.curatedNth.get(idsJson, plan.index)!)
            : toExtracted(s.extractedNth.get(keysJson, plan.index)!);
        markShown(scope, quote);
        return quote;
      })();
    },

    /** Remembers that a quote was shown in `scope`, keeping the newest {@link RECENT_LIMIT} of its kind. */
    markShown,

    /** The keys of one kind shown most recently in `scope`, newest first. */
    recentlyShown(scope: string, source: QuoteSource, limit = RECENT_LIMIT): string[] {
      return s.recent.all(scope, source, limit).map((r) => r.quote_key);
    },

    /** Extracted and visible curated quotes containing every term of `input` (the essay search's rules). */
    search(input: string, options: { limit?: number; offset?: number } = {}): QuoteSearchPage {
      const query = translateQuery(input);
      if (!query) return { query, total: 0, quotes: [] };
      const limit = options.limit ?? 10;
      const offset = Math.max(0, options.offset ?? 0);
      const curated = s.visibleCurated
        .all()
        .filter((row) => verifyMatch(normalizeText(row.text), query.needles))
        .map(toCurated);
      const curatedPage = curated.slice(offset, offset + limit);
      const extracted = extractedMatches(
        query,
        limit - curatedPage.length,
        Math.max(0, offset - curated.length),
      );
      return {
        query,
        total: curated.length + extracted.total,
        quotes: [...curatedPage, ...extracted.quotes],
      };
    },

    curated: {
      /** Adds a curated quote. The caller checks length and duplicates first. */
      add: tx((quote: NewCuratedQuote): CuratedQuote => {
        const m = quote.message ?? null;
        const { id } = s.insertCurated.get(
          quote.text,
          quote.essayId ?? null,
          m?.guildId ?? null,
          m?.channelId ?? null,
          m?.messageId ?? null,
          m?.url ?? null,
          m?.authorId ?? null,
          quote.savedBy ?? null,
          now().toISOString(),
        )!;
        return toCurated(s.curatedById.get(id)!);
      }),

      get(id: number): CuratedQuote | null {
        const row = s.curatedById.get(id);
        return row ? toCurated(row) : null;
      },

      /** The curated quote with exactly this text, if any. */
      byText(text: string): CuratedQuote | null {
        const row = s.curatedByText.get(text);
        return row ? toCurated(row) : null;
      },

      /** The curated quote saved from this Discord message, if any. */
      byMessage(messageId: string): CuratedQuote | null {
        const row = s.curatedByMessage.get(messageId);
        return row ? toCurated(row) : null;
      },

      /** Removes a curated quote; returns it, or null when there was none. */
      remove: tx((id: number): CuratedQuote | null => {
        const row = s.curatedById.get(id);
        if (!row) return null;
        s.deleteCurated.run(id);
        return toCurated(row);
      }),

      /** Newest first. */
      list(options: CuratedVisibility & { limit?: number; offset?: number } = {}): CuratedQuote[] {
        return s.listCurated
          .all(options.includeHidden ? 1 : 0, options.limit ?? -1, options.offset ?? 0)
          .map(toCurated);
      },

      count(options: CuratedVisibility = {}): number {
        return s.countCurated.get(options.includeHidden ? 1 : 0)!.n;
      },

      /** For autocomplete: quotes whose text contains `typed`, or whose id it is; newest first. */
      suggest(typed: string, limit: number, options: CuratedVisibility = {}): CuratedQuote[] {
        const text = typed.trim();
        const escaped = text.replace(/[\\%_]/gu, '\\$&');
        const id = /^#?\d{1,15}$/u.test(text) ? Number(text.replace('#', '')) : -1;
        return s.suggestCurated
          .all({ all: options.includeHidden ? 1 : 0, like: `%${escaped}%`, id, limit })
          .map(toCurated);
      },
    },
  };
}

export type QuoteStore = ReturnType<typeof createQuoteStore>;
