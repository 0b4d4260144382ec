/**
 * The timed half of the search benchmark, run in a process of its own.
 *
 * The benchmark's own process holds every essay twice over (the rows and
 * the oracle's normalized fields, a few hundred MB of strings), and
 * collecting that heap landed on the timed runs: at 20,000 essays the same
 * queries took p99 ~10 ms there and ~6 ms in a process holding only the
 * store. The bot searches on its read worker, whose heap is small, so the
 * figure a user sees is this one. The LIKE baseline is timed here too, in
 * the same conditions.
 *
 * Run as `tsx bench/searchTimer.ts input.json`; prints one JSON object.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSnippet } from '../src/journal/snippet.js';
import { openStore, type Store } from '../src/store/index.js';
import { BENCH_CLOCK } from './import.js';
import { now } from './measure.js';

export interface TimerInput {
  dbPath: string;
  queries: string[];
  repeats: number;
  /** Above this a query is timed once: repeats would only stretch the run. */
  slowMs: number;
  /** The most common character, timed `worstRepeats` times with its exact count. */
  worst: string;
  worstRepeats: number;
}

interface QueryTimes {
  search: number[];
  snippets: number[];
  like: number;
}

export interface TimerOutput {
  queries: QueryTimes[];
  worst: { times: number[]; total: number; like: number[] };
}

/**
 * The full path `/essay search` runs: translate, match, rank the top 10,
 * a snippet for each. Returns the total and how long the snippets took.
 */
function searchPage(store: Store, query: string): { total: number; snippetMs: number } {
  const result = store.search.search(query, { limit: 10 });
  const needles = result.query?.needles ?? [];
  const t = now();
  const snippets = result.essays.map((essay) =>
    buildSnippet(essay.body, needles, { style: 'markdown' }),
  );
  const snippetMs = now() - t;
  if (snippets.length !== result.essays.length) throw new Error('unreachable');
  return { total: result.total, snippetMs };
}

/** The baseline: every term `LIKE '%term%'` in any field, exact total and the newest 10. */
function likeSearch(store: Store): (query: string) => number {
  type Like = ReturnType<typeof prepare>;
  const prepare = (sql: string) =>
    store.db.prepare<[Record<string, string>], { total: number }>(sql);
  const statements = new Map<number, Like>();
  const escape = (term: string) => `%${term.replace(/[\\%_]/gu, '\\$&')}%`;
  return (query) => {
    const terms = query.split(' ').filter((t) => t !== '');
    let statement = statements.get(terms.length);
    if (!statement) {
      const any = (i: number) =>
        `(body LIKE @t${i} ESCAPE '\\' OR title LIKE @t${i} ESCAPE '\\' OR place LIKE @t${i} ESCAPE '\\' OR tags LIKE @t${i} ESCAPE '\\')`;
      const where = terms.map((_, i) => any(i + 1)).join(' AND ');
      statement = prepare(
        `SELECT id, count(*) OVER () AS total FROM essays WHERE hidden = 0 AND ${where} ORDER BY written_on DESC, id DESC LIMIT 10`,
      );
      statements.set(terms.length, statement);
    }
    const rows = statement.all(
      Object.fromEntries(terms.map((term, i) => [`t${i + 1}`, escape(term)])),
    );
    return rows[0]?.total ?? 0;
  };
}

function timeQueries(input: TimerInput): TimerOutput {
  const store = openStore(input.dbPath, BENCH_CLOCK, { readOnly: true });
  try {
    const like = likeSearch(store);
    const first = input.queries[0];
    if (first !== undefined) {
      searchPage(store, first);
      like(first);
    }
    const queries = input.queries.map((query): QueryTimes => {
      const times: QueryTimes = { search: [], snippets: [], like: 0 };
      for (let r = 0; r < input.repeats; r++) {
        const t = now();
        const { snippetMs } = searchPage(store, query);
        const took = now() - t;
        times.search.push(took);
        times.snippets.push(snippetMs);
        if (took > input.slowMs) break;
      }
      const t = now();
      like(query);
      times.like = now() - t;
      return times;
    });
    const worst = { times: [] as number[], total: 0, like: [] as number[] };
    for (let r = 0; r < input.worstRepeats; r++) {
      const t = now();
      worst.total = searchPage(store, input.worst).total;
      worst.times.push(now() - t);
    }
    for (let r = 0; r < 3; r++) {
      const t = now();
      like(input.worst);
      worst.like.push(now() - t);
    }
    return { queries, worst };
  } finally {
    store.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const input = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as TimerInput;
  process.stdout.write(`${JSON.stringify(timeQueries(input))}\n`);
}

/** This file, for the parent to run. */
export const SEARCH_TIMER_PATH = fileURLToPath(import.meta.url);
