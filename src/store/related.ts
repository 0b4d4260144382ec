/**
 * Related essays over the search index (src/journal/related.ts ranks).
 *
 * FTS5 keeps no per-term document count (fts5vocab reads a term's whole
 * doclist: seconds for an essay's thousand terms), so `search_terms` counts
 * how many essays use each term, kept in step with every essay write as an
 * EssayIndexer, and `search_term_essays` records which version of each essay
 * was counted. Finding the essays that hold a term is the FTS index's job:
 * only the essay's rarest terms are looked up, whose lists are short.
 */
import type { Essay } from '../journal/essay.js';
import {
  distinctiveTerms,
  essayTerms,
  maxQueryDocs,
  rankRelated,
  sharedWords,
  type WeightedTerm,
} from '../journal/related.js';
import { ADJOINS } from '../journal/text.js';
import type Database from 'better-sqlite3';
import type { Db } from './database.js';
import { notMuted } from './mutes.js';
import type { EssayIndexer, Visibility } from './essays.js';

/** Bumped whenever essayTerms changes what it counts; a stale count is rebuilt once at open. */
export const RELATED_TERMS_VERSION = '1';
const VERSION_KEY = 'related:terms-version';

/** Related essays shown for one essay. */
export const RELATED_LIMIT = 3;
/** Candidates (by shared terms alone) whose place and tags are read for the bonuses. */
const CANDIDATES = 30;

export interface RelatedEssay {
  essay: Essay;
  /** What they share, as the related essay writes it: `["热爱", "自洽", "天才"]`. */
  shared: string[];
}

type Meta = { get(key: string): string | null; set(key: string, value: string): void };

/**
 * Essays waiting to be counted before they are counted together. Counting one
 * essay upserts its ~1,000 terms at random places in the table (an import
 * ran 3× slower); a batch adds each distinct term once, in key order. A
 * small journal counts at once (a batch is an eighth of the essays counted),
 * a large one waits for 256: their words then weigh as if unseen, which
 * shifts every other essay's weights by well under 2%.
 */
const COUNT_BATCH = 256;
const batchFor = (counted: number) => Math.min(COUNT_BATCH, Math.max(1, Math.floor(counted / 8)));

/** Adds (or with `sign` -1 subtracts) term counts: one statement over a JSON object in key order, so each page is visited once. */
function applyCounts(
  s: {
    add: Database.Statement<[string]>;
    subtract: Database.Statement<[string]>;
    prune: Database.Statement<[string]>;
  },
  counts: ReadonlyMap<string, number>,
  sign: 1 | -1,
): void {
  const terms = [...counts.keys()].sort();
  // Written by hand: Object.fromEntries over a few hundred thousand keys builds a dictionary object first (3× slower).
  const json = `{${terms.map((t) => `${JSON.stringify(t)}:${counts.get(t)!}`).join(',')}}`;
  if (sign > 0) s.add.run(json);
  else {
    s.subtract.run(json);
    s.prune.run(JSON.stringify(terms));
  }
}

/**
 * Keeps `search_terms` in step with the essays: a new or changed essay waits
 * in `search_term_essays` (counted = 0) until a batch is counted, within the
 * same write; an essay changed or deleted after it was counted is taken out
 * at once, while its row still holds the counted text.
 */
export function createRelatedIndexer(db: Db): EssayIndexer & {
  rebuildIfStale(meta: Meta, essays: { all(v: Visibility): Essay[] }): boolean;
  /** Counts every waiting essay now. */
  flush(): void;
  /**
   * Runs `fn` (inside a transaction) with counting held until it returns,
   * then counts once if a batch is waiting: an import of thousands adds each
   * distinct term once instead of once per batch of 256, each batch a pass
   * over a table that grows with the journal (import was 1.7× slower).
   */
  holding<T>(fn: () => T): T;
} {
  const s = {
    add: db.prepare<[string]>(
      `INSERT INTO search_terms (term, essays) SELECT key, value FROM json_each(?) WHERE true
       ON CONFLICT (term) DO UPDATE SET essays = essays + excluded.essays`,
    ),
    // Its own UPDATE: an upsert would check CHECK (essays >= 0) on the negative row it might insert.
    subtract: db.prepare<[string]>(
      `UPDATE search_terms SET essays = essays - j.value FROM json_each(?) AS j WHERE search_terms.term = j.key`,
    ),
    prune: db.prepare<[string]>(
      `DELETE FROM search_terms WHERE essays <= 0 AND term IN (SELECT value FROM json_each(?))`,
    ),
    state: db.prepare<[number], { content_hash: string; counted: number }>(
      `SELECT content_hash, counted FROM search_term_essays WHERE essay_id = ?`,
    ),
    wait: db.prepare<[number, string]>(
      `INSERT INTO search_term_essays (essay_id, content_hash, counted) VALUES (?, ?, 0)
       ON CONFLICT (essay_id) DO UPDATE SET content_hash = excluded.content_hash, counted = 0`,
    ),
    forget: db.prepare<[number]>(`DELETE FROM search_term_essays WHERE essay_id = ?`),
    waiting: db.prepare<[], { id: number }>(
      `SELECT essay_id AS id FROM search_term_essays INDEXED BY search_term_essays_pending WHERE counted = 0`,
    ),
    countedCount: db.prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM search_term_essays WHERE counted = 1`,
    ),
    waitingCount: db.prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM search_term_essays INDEXED BY search_term_essays_pending WHERE counted = 0`,
    ),
    markCounted: db.prepare<[string]>(
      `UPDATE search_term_essays SET counted = 1 WHERE essay_id IN (SELECT value FROM json_each(?))`,
    ),
    row: db.prepare<[number], { title: string | null; body: string; tags: string }>(
      `SELECT title, body, tags FROM essays WHERE id = ?`,
    ),
    forgetVersion: db.prepare<[string]>(`DELETE FROM meta WHERE key = ?`),
  };
  const termsOfRow = (id: number): Map<string, number> | null => {
    const row = s.row.get(id);
    return row ? essayTerms({ ...row, tags: JSON.parse(row.tags) as string[] }) : null;
  };

  // Depth of holding() calls under way: while above 0, puts only wait.
  let holds = 0;
  const batchWaiting = () => s.waitingCount.get()!.n >= batchFor(countedNow());

  // How many essays are counted, for the batch size only: read once, then followed (another connection's writes may make it stale; harmless).
  let counted: number | null = null;
  const countedNow = () => (counted ??= s.countedCount.get()!.n);

  function flush(): void {
    const ids = s.waiting.all().map((r) => r.id);
    if (ids.length === 0) return;
    counted = countedNow() + ids.length;
    const counts = new Map<string, number>();
    for (const id of ids)
      for (const term of termsOfRow(id)?.keys() ?? [])
        counts.set(term, (counts.get(term) ?? 0) + 1);
    applyCounts(s, counts, 1);
    s.markCounted.run(JSON.stringify(ids));
  }

  /** Takes an essay out of the counts (the row must still hold what was counted). */
  function uncount(id: number): void {
    const state = s.state.get(id);
    if (!state) return;
    if (state.counted === 1) {
      counted = countedNow() - 1;
      const terms = termsOfRow(id);
      if (terms) applyCounts(s, new Map([...terms.keys()].map((t) => [t, 1])), -1);
    }
    s.forget.run(id);
  }

  return {
    put(essay) {
      const state = s.state.get(essay.id);
      if (state?.content_hash === essay.contentHash) return; // hidden or shown again: same words
      // Changed without beforeUpdate (no write path does this): the counted words are gone, so recount at next open.
      if (state?.counted === 1) s.forgetVersion.run(VERSION_KEY);
      s.wait.run(essay.id, essay.contentHash);
      if (holds === 0 && batchWaiting()) flush();
    },
    beforeUpdate: uncount,
    remove: uncount,
    flush: () => db.transaction(flush)(),
    holding(fn) {
      holds++;
      try {
        const result = fn();
        if (holds === 1 && batchWaiting()) flush();
        return result;
      } finally {
        holds--;
      }
    },
    rebuildIfStale(meta, essays) {
      // Essays still waiting are counted with the next batch of writes, not here: opening the
      // journal (a CLI command beside the running bot, a backup) must not take the write lock.
      if (meta.get(VERSION_KEY) === RELATED_TERMS_VERSION) return false;
      db.transaction(() => {
        db.exec(`DELETE FROM search_terms; DELETE FROM search_term_essays;`);
        counted = 0;
        for (const essay of essays.all({ includeHidden: true }))
          s.wait.run(essay.id, essay.contentHash);
        flush();
        meta.set(VERSION_KEY, RELATED_TERMS_VERSION);
      })();
      return true;
    },
  };
}

/** The FTS5 query for one term, in the title, body or tags: a word may carry the adjoining mark. */
function termMatch(term: string): string {
  const han = /^\p{Script=Han}{2}$/u.test(term);
  return `{title body tags} : ${han ? `"${term}"` : `("${term}" OR "${term}${ADJOINS}")`}`;
}

/** Which essays may be shown beside another (muted ones never are). */
export interface RelatedOptions extends Visibility {
  limit?: number;
}

export function createRelatedStore(db: Db, loadEssays: (ids: number[], v: Visibility) => Essay[]) {
  const s = {
    docs: db.prepare<[string], { term: string; essays: number }>(
      // CROSS JOIN keeps json_each outside: one primary-key probe per term, never a scan of every term.
      `SELECT t.term, t.essays FROM json_each(?) AS j CROSS JOIN search_terms AS t ON t.term = j.value`,
    ),
    total: db.prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM search_term_essays WHERE counted = 1`,
    ),
    counted: db.prepare<[number], { counted: number }>(
      `SELECT counted FROM search_term_essays WHERE essay_id = ?`,
    ),
    holders: db.prepare<[string], { id: number }>(
      `SELECT rowid AS id FROM essay_search WHERE essay_search MATCH ?`,
    ),
    hidden: db.prepare<[], { id: number }>(`SELECT id FROM essays WHERE hidden = 1`),
    fields: db.prepare<[string], { id: number; place: string | null; tags: string }>(
      // Muted essays never come back unasked, here neither (src/store/mutes.ts).
      `SELECT id, place, tags FROM essays WHERE id IN (SELECT value FROM json_each(?)) AND ${notMuted()}`,
    ),
  };

  /** Every essay holding one of the query terms (not `self`), with the terms it holds. */
  function holdersOf(query: readonly WeightedTerm[], self: number): Map<number, Set<string>> {
    const sharedBy = new Map<number, Set<string>>();
    for (const { term } of query) {
      for (const { id } of s.holders.all(termMatch(term))) {
        if (id === self) continue;
        let terms = sharedBy.get(id);
        if (!terms) sharedBy.set(id, (terms = new Set()));
        terms.add(term);
      }
    }
    return sharedBy;
  }

  return {
    /**
     * Up to three essays that share the most distinctive words with `essay`,
     * best first, each with what they share. Hidden essays only for authors.
     */
    relatedTo(essay: Essay, options: RelatedOptions = {}): RelatedEssay[] {
      const terms = essayTerms(essay);
      const docsOf = new Map(
        s.docs.all(JSON.stringify([...terms.keys()])).map((r) => [r.term, r.essays]),
      );
      const total = s.total.get()!.n;
      // An essay still waiting to be counted is not in the counts: its terms' counts are all others.
      const self = s.counted.get(essay.id)?.counted ?? 0;
      const query = distinctiveTerms(terms, docsOf, total, maxQueryDocs(total), self);
      const sharedBy = holdersOf(query, essay.id);
      if (!options.includeHidden) for (const { id } of s.hidden.all()) sharedBy.delete(id);
      // Bonuses can lift a candidate by about two terms' weight: read place and tags of the best few only
      // (a muted one drops out there, so the few are many more than shown).
      const weightOf = new Map(query.map((q) => [q.term, q.weight]));
      const byTerms = [...sharedBy]
        .map(([id, shared]) => ({
          id,
          score: [...shared].reduce((sum, term) => sum + (weightOf.get(term) ?? 0), 0),
        }))
        .sort((a, b) => b.score - a.score || b.id - a.id)
        .slice(0, CANDIDATES);
      const candidates = s.fields
        .all(JSON.stringify(byTerms.map((c) => c.id)))
        .map((r) => ({ id: r.id, place: r.place, tags: JSON.parse(r.tags) as string[] }));
      const ranked = rankRelated(
        essay,
        query,
        sharedBy,
        candidates,
        options.limit ?? RELATED_LIMIT,
      );
      const loaded = new Map(
        loadEssays(
          ranked.map((m) => m.essay.id),
          options,
        ).map((e) => [e.id, e]),
      );
      return ranked.flatMap((m) => {
        const related = loaded.get(m.essay.id);
        return related ? [{ essay: related, shared: sharedWords(related, m.terms) }] : [];
      });
    },
  };
}
