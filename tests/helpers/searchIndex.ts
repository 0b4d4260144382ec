import Database from 'better-sqlite3';
import { translateQuery, verifyMatch } from '../../src/journal/search.js';
import { SEARCH_TOKENIZER, indexTokens, normalizeText } from '../../src/journal/text.js';

export interface IndexedDoc {
  title?: string;
  body: string;
  place?: string;
  tags?: string[];
}

/**
 * The table the store is meant to create, as the search tests use it. The
 * one-character prefix index serves `"的"*`, a query for the commonest
 * character, from one doclist instead of merging every bigram that starts
 * with it.
 */
export const SEARCH_TABLE_SQL = `
  CREATE VIRTUAL TABLE essay_search USING fts5(
    title, body, place, tags,
    content = '', contentless_delete = 1, tokenize = '${SEARCH_TOKENIZER}', prefix = '1'
  )`;

const fieldsOf = (doc: IndexedDoc): string[] => [
  doc.title ?? '',
  doc.body,
  doc.place ?? '',
  (doc.tags ?? []).join('\n'),
];

export interface SearchIndex {
  /** Row ids (1-based positions in `docs`) whose tokens match, ascending. */
  candidates(match: string): number[];
  /** The full path: translate, FTS candidates, exact verification. Null for no query. */
  search(query: string): number[] | null;
  close(): void;
}

/** A real in-memory FTS5 index over `docs`, built from our tokens. */
export function searchIndex(docs: readonly IndexedDoc[]): SearchIndex {
  const db = new Database(':memory:');
  db.exec(SEARCH_TABLE_SQL);
  const insert = db.prepare(
    'INSERT INTO essay_search (rowid, title, body, place, tags) VALUES (?, ?, ?, ?, ?)',
  );
  docs.forEach((doc, i) => insert.run(i + 1, ...fieldsOf(doc).map(indexTokens)));
  const normalized = docs.map((doc) => fieldsOf(doc).map(normalizeText));
  const select = db.prepare(
    'SELECT rowid AS id FROM essay_search WHERE essay_search MATCH ? ORDER BY rowid',
  );
  const candidates = (match: string): number[] =>
    (select.all(match) as { id: number }[]).map((r) => r.id);
  return {
    candidates,
    search(query) {
      const translated = translateQuery(query);
      if (!translated) return null;
      return candidates(translated.match).filter((id) =>
        verifyMatch(normalized[id - 1] ?? [], translated.needles),
      );
    },
    close: () => db.close(),
  };
}
