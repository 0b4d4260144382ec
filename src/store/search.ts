/**
 * The search index: an FTS5 table of Han bigrams and Latin words (see
 * src/journal/text.ts) that holds no copy of the text (`content=''`); the
 * originals stay in `essays`. Kept in step with every essay write as an
 * EssayIndexer, inside the same transaction.
 */
import type { Essay } from '../journal/essay.js';
import { translateQuery, verifyMatch, type TranslatedQuery } from '../journal/search.js';
import { indexTokens, normalizeText } from '../journal/text.js';
import type { Db } from './database.js';
import type { EssayIndexer, EssayRow, Visibility } from './essays.js';

/** bm25 column weights: a word in the title counts most, then tags, place, body. Ties: the most recently added first. */
const BM25 = 'bm25(essay_search, 5.0, 1.0, 2.0, 3.0)';

/**
 * A query matching a large share of the journal (one common character), or
 * more essays than anyone pages through, is listed newest first instead of
 * by bm25: relevance means little when most essays match, and bm25 must
 * score every hit (~30 ms for 18k) while the date order stops after a page.
 */
const COMMON_SHARE = 0.25;
/** A share of a small journal is still few essays: bm25 them. */
const COMMON_SHARE_MIN = 200;
const COMMON_MIN = 1000;

/** Probing pays while the page is expected within this many essays of the newest (one probe ~0.1 ms, the listing 1–5 ms). */
const PROBE_EXPECTED_MAX = 20;
/** Rows walked before giving up on probing, as a multiple of the expected ones. */
const PROBE_SLACK = 2;
/** A quoted token of two or more characters followed by `*`: a word prefix, which FTS5 expands per probe. */
const WORD_PREFIX = /[^"\s]{2,}"\*/u;

export interface SearchOptions extends Visibility {
  limit?: number;
  offset?: number;
}

export interface SearchPage {
  /** The translated query; null when the input held nothing searchable. */
  query: TranslatedQuery | null;
  /** The exact number of matching essays. */
  total: number;
  /** This page's essays, best first. */
  essays: Essay[];
}

/** The columns verification reads: the searchable fields as stored in `essays`. */
type CandidateRow = Pick<EssayRow, 'id' | 'title' | 'body' | 'place' | 'tags'>;

const fieldsOf = (e: Pick<Essay, 'title' | 'body' | 'place' | 'tags'>) => [
  e.title ?? '',
  e.body,
  e.place ?? '',
  e.tags.join('\n'),
];

export function createSearchIndexer(db: Db): EssayIndexer {
  const insert = db.prepare<
    [{ id: number; title: string; body: string; place: string; tags: string }]
  >(
    'INSERT INTO essay_search (rowid, title, body, place, tags) VALUES (@id, @title, @body, @place, @tags)',
  );
  const remove = db.prepare<[number]>('DELETE FROM essay_search WHERE rowid = ?');
  return {
    put(essay) {
      remove.run(essay.id);
      const [title, body, place, tags] = fieldsOf(essay).map(indexTokens) as [
        string,
        string,
        string,
        string,
      ];
      insert.run({ id: essay.id, title, body, place, tags });
    },
    remove(id) {
      remove.run(id);
    },
  };
}

/**
 * Ids of the newest essays matching `input` anywhere in title, body, place
 * or tags, at most `limit`: what an essay option's autocomplete offers. The
 * index finds them and the date index orders them, so no essay is read but
 * the few a query with punctuation must be checked against.
 */
export function createNewestMatching(db: Db) {
  const byDate = db.prepare<[{ match: string; hidden: number; limit: number }], { id: number }>(
    `SELECT id FROM essays INDEXED BY essays_by_date
     WHERE id IN (SELECT rowid FROM essay_search WHERE essay_search MATCH @match) AND (hidden = 0 OR @hidden)
     ORDER BY written_on DESC, id DESC LIMIT @limit`,
  );
  const fields = db.prepare<[number], Omit<CandidateRow, 'id'>>(
    'SELECT title, body, place, tags FROM essays WHERE id = ?',
  );
  return (input: string, limit: number, includeHidden: boolean): number[] => {
    const query = translateQuery(input);
    if (!query) return [];
    const hidden = includeHidden ? 1 : 0;
    if (query.exact) return byDate.all({ match: query.match, hidden, limit }).map((r) => r.id);
    // Inner punctuation or spaces: a few more candidates than asked for, each checked on its text.
    return byDate
      .all({ match: query.match, hidden, limit: limit * 4 })
      .filter(({ id }) => {
        const row = fields.get(id)!;
        const normalized = fieldsOf({ ...row, tags: JSON.parse(row.tags) as string[] }).map(
          normalizeText,
        );
        return verifyMatch(normalized, query.needles);
      })
      .slice(0, limit)
      .map((r) => r.id);
  };
}

/**
 * Searching: translate, match, verify, rank, page. Snippets are built by the
 * caller from `essays`. Counting and ranking read the FTS index alone: a join
 * to `essays` per hit would cost a row read each (thousands for a common
 * word); hidden essays, which are few, are subtracted by id instead.
 */
export function createSearchStore(db: Db, loadEssays: (ids: number[], v: Visibility) => Essay[]) {
  const s = {
    count: db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM essay_search WHERE essay_search MATCH ?',
    ),
    hiddenMatches: db.prepare<[string], { id: number }>(
      `SELECT rowid AS id FROM essay_search WHERE essay_search MATCH ? AND rowid IN (SELECT id FROM essays WHERE hidden = 1)`,
    ),
    essayCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM essays'),
    byRank: db.prepare<[string, number], { id: number }>(
      `SELECT rowid AS id FROM essay_search WHERE essay_search MATCH ? ORDER BY ${BM25}, rowid DESC LIMIT ?`,
    ),
    // Walks the date index newest first and stops after a page: for a common word most rows match at once.
    byDate: db.prepare<
      [{ match: string; hidden: number; limit: number; offset: number }],
      { id: number }
    >(
      `SELECT id FROM essays INDEXED BY essays_by_date
       WHERE id IN (SELECT rowid FROM essay_search WHERE essay_search MATCH @match) AND (hidden = 0 OR @hidden)
       ORDER BY written_on DESC, id DESC LIMIT @limit OFFSET @offset`,
    ),
    // Walks the newest `walk` essays and asks the index about each: for a word in most essays the page fills
    // within a few dozen rows, where `byDate` first lists every match (~4 ms for 20k). Hidden essays are
    // skipped through their partial index, not by reading each row.
    byProbe: db.prepare<
      [{ match: string; hidden: number; walk: number; limit: number; offset: number }],
      { id: number }
    >(
      `SELECT id FROM (SELECT id, written_on FROM essays INDEXED BY essays_by_date ORDER BY written_on DESC, id DESC LIMIT @walk) AS e
       WHERE EXISTS (SELECT 1 FROM essay_search WHERE essay_search MATCH @match AND rowid = e.id)
         AND (@hidden OR e.id NOT IN (SELECT id FROM essays WHERE hidden = 1))
       ORDER BY written_on DESC, id DESC LIMIT @limit OFFSET @offset`,
    ),
    candidates: db.prepare<[{ match: string; hidden: number }], CandidateRow>(
      `SELECT e.id, e.title, e.body, e.place, e.tags FROM essay_search JOIN essays e ON e.id = essay_search.rowid
       WHERE essay_search MATCH @match AND (e.hidden = 0 OR @hidden) ORDER BY ${BM25}, e.id DESC`,
    ),
  };

  /**
   * A common query's page, newest first. When matches are dense the date
   * index is walked and each essay probed (expected rows: the page's end
   * over the share that matches), bounded so that matches bunched in old
   * essays cost a few dozen probes before the listing of every match takes
   * over. A probe of a word prefix (`"ai"*`) merges every word it begins,
   * ~1 ms each, so those always list.
   */
  const newestMatching = (
    match: string,
    total: number,
    essays: number,
    hidden: number,
    limit: number,
    offset: number,
  ): number[] => {
    const expected = total > 0 ? ((offset + limit) * essays) / total : Infinity;
    if (expected <= PROBE_EXPECTED_MAX && !WORD_PREFIX.test(match)) {
      const walk = Math.ceil(PROBE_SLACK * expected) + limit;
      const ids = s.byProbe.all({ match, hidden, walk, limit, offset }).map((r) => r.id);
      if (ids.length === limit || walk >= essays) return ids;
    }
    return s.byDate.all({ match, hidden, limit, offset }).map((r) => r.id);
  };

  return {
    search(input: string, options: SearchOptions = {}): SearchPage {
      const query = translateQuery(input);
      const limit = options.limit ?? 10;
      const offset = Math.max(0, options.offset ?? 0);
      if (!query) return { query, total: 0, essays: [] };
      const hidden = options.includeHidden ? 1 : 0;

      if (query.exact) {
        // The index alone answers exactly: count and page without reading essays.
        const hiddenIds = hidden
          ? new Set<number>()
          : new Set(s.hiddenMatches.all(query.match).map((r) => r.id));
        const total = s.count.get(query.match)!.n - hiddenIds.size;
        const essays = total >= COMMON_SHARE_MIN ? s.essayCount.get()!.n : 0;
        const common =
          total >= COMMON_MIN || (total >= COMMON_SHARE_MIN && total >= COMMON_SHARE * essays);
        const ids = common
          ? newestMatching(query.match, total, essays, hidden, limit, offset)
          : s.byRank
              .all(query.match, offset + limit + hiddenIds.size)
              .map((r) => r.id)
              .filter((id) => !hiddenIds.has(id))
              .slice(offset, offset + limit);
        return { query, total, essays: loadEssays(ids, options) };
      }
      // Phrases with inner punctuation or several runs: candidates are few; verify each on its text.
      const verified = s.candidates
        .all({ match: query.match, hidden })
        .filter((row) =>
          verifyMatch(
            fieldsOf({ ...row, tags: JSON.parse(row.tags) as string[] }).map(normalizeText),
            query.needles,
          ),
        );
      return {
        query,
        total: verified.length,
        essays: loadEssays(
          verified.slice(offset, offset + limit).map((r) => r.id),
          options,
        ),
      };
    },
  };
}

/**
 * Bumped whenever indexTokens changes what it writes; a database indexed by
 * an older version is re-indexed once at open, in one transaction.
 */
export const SEARCH_INDEX_VERSION = '2';
const VERSION_KEY = 'search:index-version';

/** Rebuilds the index when it was built by other token rules (or never, e.g. after a migration). */
export function rebuildSearchIndexIfStale(
  db: Db,
  meta: { get(key: string): string | null; set(key: string, value: string): void },
  essays: { all(v: Visibility): Essay[] },
  indexer: EssayIndexer,
): boolean {
  if (meta.get(VERSION_KEY) === SEARCH_INDEX_VERSION) return false;
  db.transaction(() => {
    db.exec(`DELETE FROM essay_search`);
    for (const essay of essays.all({ includeHidden: true })) indexer.put(essay);
    meta.set(VERSION_KEY, SEARCH_INDEX_VERSION);
  })();
  return true;
}
