/**
 * Search (issue 3's benchmark): query classes drawn from the corpus, the
 * full search path (translate, match, rank the top 10, snippets) against a
 * `LIKE '%q%'` scan of the same database, both timed in a child process
 * (bench/searchTimer.ts); recall and precision against a substring oracle
 * over every normalized essay, the index's size against the text's, the
 * index build rate, and the single worst query (the most common character)
 * with its exact count.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeText } from '../src/journal/text.js';
import { openDatabase } from '../src/store/database.js';
import { createEssayStore } from '../src/store/essays.js';
import { openStore, type Store } from '../src/store/index.js';
import { createSearchIndexer } from '../src/store/search.js';
import { BENCH_CLOCK } from './import.js';
import { distribution, round, timed } from './measure.js';
import { createRandom, type Random } from './random.js';
import { SEARCH_TIMER_PATH, type TimerInput, type TimerOutput } from './searchTimer.js';
import {
  atLeast,
  atMost,
  exactly,
  fmt,
  ms,
  ratio,
  type Row,
  type SectionResult,
} from './report.js';

const CLASSES = ['han1', 'han2', 'han3', 'han4+', 'latin', 'mixed', 'multi', 'nohit'] as const;
type QueryClass = (typeof CLASSES)[number];

const CLASS_LABELS: Record<QueryClass, string> = {
  han1: '1-char Han',
  han2: '2-char Han',
  han3: '3-char Han',
  'han4+': '4+-char Han',
  latin: 'Latin word',
  mixed: 'mixed Latin+Han',
  multi: 'two terms',
  nohit: 'no hit',
};

interface CorpusEssay {
  id: number;
  body: string;
  /** title, body, place, tags, each normalized: a term never spans two fields. */
  fields: string[];
}

const HAN = /^[\u4e00-\u9fff]+$/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const isHanChar = (ch: string) => ch >= '\u4e00' && ch <= '\u9fff';
const isWordChar = (ch: string | undefined) =>
  ch !== undefined && WORD_CHAR.test(ch) && !/\p{Script=Han}/u.test(ch);

/**
 * The oracle, written independently of the search code: a normalized term
 * occurs in a normalized field as a substring, and a term that starts with
 * a letter or digit must start a word there (`shin` finds `shinji`, `hinji`
 * does not). An essay matches when every term occurs in one of its fields.
 */
function occurs(text: string, term: string): boolean {
  if (!isWordChar(term[0])) return text.includes(term);
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1))
    if (!isWordChar(text[at - 1])) return true;
  return false;
}

function oracle(corpus: readonly CorpusEssay[], query: string): Set<number> {
  const terms = query
    .split(' ')
    .filter((t) => t !== '')
    .map(normalizeText);
  const ids = new Set<number>();
  for (const essay of corpus)
    if (terms.every((term) => essay.fields.some((f) => occurs(f, term)))) ids.add(essay.id);
  return ids;
}

// ------------------------------------------------------------------ queries

/** Draws are bounded: a one-essay draw may find nothing (an essay without English), and the caller then tries again. */
const TRIES = 200;
/** Above this a query is timed once instead of `repeats` times. */
const SLOW_MS = 250;

function hanAt(random: Random, corpus: readonly CorpusEssay[], length: number): string | null {
  for (let i = 0; i < TRIES; i++) {
    const { body } = random.pick(corpus);
    const at = random.int(Math.max(1, body.length - length));
    const text = body.slice(at, at + length);
    if (text.length === length && HAN.test(text)) return text;
  }
  return null;
}

function matchIn(random: Random, corpus: readonly CorpusEssay[], pattern: RegExp): string | null {
  for (let i = 0; i < TRIES; i++) {
    const found = [...random.pick(corpus).body.matchAll(pattern)].map((m) => m[0]);
    if (found.length > 0) return random.pick(found);
  }
  return null;
}

function latinWord(random: Random, corpus: readonly CorpusEssay[]): string | null {
  const word = matchIn(random, corpus, /[A-Za-z]+/gu);
  // Some queries are a word's beginning, as typed before finishing it (`shin` for Shinji).
  return word !== null && word.length >= 5 && random.chance(0.3)
    ? word.slice(0, random.between(3, word.length - 1))
    : word;
}

function drawQuery(
  random: Random,
  corpus: readonly CorpusEssay[],
  kind: QueryClass,
): string | null {
  switch (kind) {
    case 'han1':
      return hanAt(random, corpus, 1);
    case 'han2':
      return hanAt(random, corpus, 2);
    case 'han3':
      return hanAt(random, corpus, 3);
    case 'han4+':
      return hanAt(random, corpus, random.between(4, 7));
    case 'latin':
      return latinWord(random, corpus);
    case 'mixed':
      return matchIn(
        random,
        corpus,
        /[A-Za-z]+[\u4e00-\u9fff]{1,3}|[\u4e00-\u9fff]{1,3}[A-Za-z]+/gu,
      );
    case 'multi': {
      // Two terms from one essay, so the query has hits: two Han words, or a Han word and an English one.
      const essay = [random.pick(corpus)];
      const first = hanAt(random, essay, 2);
      const second = random.chance(0.3)
        ? matchIn(random, essay, /[A-Za-z]{2,}/gu)
        : hanAt(random, essay, 2);
      return first !== null && second !== null ? `${first} ${second}` : null;
    }
    case 'nohit': {
      if (random.chance(0.25))
        return `zq${Array.from({ length: 4 }, () => String.fromCharCode(97 + random.int(26))).join('')}`;
      // Characters common on their own that never stand together.
      const chars = [
        hanAt(random, corpus, 1),
        hanAt(random, corpus, 1),
        random.chance(0.5) ? hanAt(random, corpus, 1) : '',
      ];
      return chars.some((c) => c === null) ? null : chars.join('');
    }
  }
}

interface Query {
  kind: QueryClass;
  text: string;
  expected: Set<number>;
}

/**
 * Queries per class. One-character queries match most essays, and checking
 * their recall loads every match, so they get half as many.
 */
function queriesIn(kind: QueryClass, perClass: number): number {
  return kind === 'han1' ? Math.ceil(perClass / 2) : perClass;
}

function drawQueries(corpus: readonly CorpusEssay[], perClass: number, seed: number): Query[] {
  const random = createRandom(seed);
  const queries: Query[] = [];
  for (const kind of CLASSES) {
    const seen = new Set<string>();
    const want = queriesIn(kind, perClass);
    for (let tries = 0; seen.size < want && tries < want * 200; tries++) {
      const text = drawQuery(random, corpus, kind);
      if (text === null || seen.has(text)) continue;
      const expected = oracle(corpus, text);
      if ((kind === 'nohit') !== (expected.size === 0)) continue;
      seen.add(text);
      queries.push({ kind, text, expected });
    }
  }
  return queries;
}

// ------------------------------------------------------------------ timing

/** Runs bench/searchTimer.ts in a child process (with this one's loader) and returns its figures. */
function timeInOwnProcess(workDir: string, input: TimerInput): TimerOutput {
  const inputPath = join(workDir, 'search-timer.json');
  writeFileSync(inputPath, JSON.stringify(input));
  const out = execFileSync(process.execPath, [...process.execArgv, SEARCH_TIMER_PATH, inputPath], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out) as TimerOutput;
}

// ------------------------------------------------------------------ sizes

/** Pages of an FTS5 table's shadow tables (`name_data`, `name_idx`, …), from dbstat. */
function ftsBytes(store: Store, name: string): number {
  const shadows = store.db
    .prepare<[string], { name: string }>(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE ? || '\\_%' ESCAPE '\\'`,
    )
    .all(name);
  // One name at a time: dbstat then reads only that b-tree, not the whole file.
  const pages = store.db.prepare<[string], { bytes: number | null }>(
    `SELECT sum(pgsize) AS bytes FROM dbstat WHERE name = ?`,
  );
  return shadows.reduce((sum, shadow) => sum + (pages.get(shadow.name)?.bytes ?? 0), 0);
}

/** The essays' search index (the FTS5 table with a body column) and any other FTS5 tables (e.g. quotes). */
function indexSizes(store: Store): {
  essayIndex: string | null;
  bytes: number;
  others: Record<string, number>;
} {
  const tables = store.db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%' ORDER BY name`,
    )
    .all();
  const essayIndex = tables.find((t) => /\bbody\b/u.test(t.sql))?.name ?? null;
  const others = Object.fromEntries(
    tables.filter((t) => t.name !== essayIndex).map((t) => [t.name, ftsBytes(store, t.name)]),
  );
  return { essayIndex, bytes: essayIndex === null ? 0 : ftsBytes(store, essayIndex), others };
}

/** Essays the index-build measurement writes: its cost per essay is flat in N, and all would add half a minute. */
const BUILD_ESSAYS = 5_000;

/**
 * Times building the search index alone: essays inserted into a fresh
 * database through the essay store with the search indexer as its only
 * indexer (quotes and other indexers left out).
 */
function indexBuild(
  rows: ReadonlyArray<{
    title: string | null;
    body: string;
    written_on: string;
    place: string | null;
    tags: string;
  }>,
  workDir: string,
) {
  const db = openDatabase(join(workDir, 'search-build.db'));
  try {
    const essays = createEssayStore(db, () => BENCH_CLOCK.now(), [createSearchIndexer(db)]);
    const drafts = rows.slice(0, BUILD_ESSAYS).map((r) => ({
      title: r.title,
      body: r.body,
      date: r.written_on,
      place: r.place,
      tags: JSON.parse(r.tags) as string[],
    }));
    const { ms: took } = timed(() =>
      db.transaction(() => drafts.forEach((draft, i) => essays.insert(draft, `bench-${i}`)))(),
    );
    return { ms: took, essays: drafts.length };
  } finally {
    db.close();
  }
}

// ------------------------------------------------------------------ the benchmark

export function benchSearch(
  dbPath: string,
  workDir: string,
  quick: boolean,
  seed: number,
  log: (line: string) => void,
): SectionResult {
  const store = openStore(dbPath, BENCH_CLOCK);
  try {
    const rows = store.db
      .prepare<
        [],
        {
          id: number;
          title: string | null;
          body: string;
          written_on: string;
          place: string | null;
          tags: string;
        }
      >('SELECT id, title, body, written_on, place, tags FROM essays WHERE hidden = 0 ORDER BY id')
      .all();
    let rawBytes = 0;
    const corpus: CorpusEssay[] = rows.map((r) => {
      const fields = [
        r.title ?? '',
        r.body,
        r.place ?? '',
        (JSON.parse(r.tags) as string[]).join('\n'),
      ];
      rawBytes += fields.reduce((n, f) => n + Buffer.byteLength(f, 'utf8'), 0);
      return { id: r.id, body: r.body, fields: fields.map(normalizeText) };
    });

    const perClass = quick ? 15 : 30;
    const repeats = quick ? 3 : 5;
    const queries = drawQueries(corpus, perClass, seed);
    log(`search: ${queries.length} queries drawn`);

    const byClass = new Map<
      QueryClass,
      {
        search: number[];
        snippets: number[];
        like: number[];
        recall: number[];
        precision: number[];
        wrong: string[];
      }
    >(
      CLASSES.map((c) => [
        c,
        { search: [], snippets: [], like: [], recall: [], precision: [], wrong: [] },
      ]),
    );
    // Recall and precision first, in a loop of their own: checking them loads every match (all
    // 20,000 essays for a common character), and collecting that garbage is no part of a search.
    for (const q of queries) {
      const stats = byClass.get(q.kind)!;
      const everything = store.search.search(q.text, { limit: corpus.length + 1 });
      const got = new Set(everything.essays.map((e) => e.id));
      const hits = [...got].filter((id) => q.expected.has(id)).length;
      stats.recall.push(q.expected.size === 0 ? (got.size === 0 ? 1 : 0) : hits / q.expected.size);
      stats.precision.push(got.size === 0 ? (q.expected.size === 0 ? 1 : 0) : hits / got.size);
      if (hits !== got.size || hits !== q.expected.size || everything.total !== q.expected.size) {
        stats.wrong.push(`${q.text} (got ${everything.total}, oracle ${q.expected.size})`);
      }
    }
    // The single worst query: the character found in the most essays.
    const documentFrequency = new Map<string, number>();
    for (const essay of corpus) {
      const seen = new Set<string>();
      for (const field of essay.fields) for (const ch of field) if (isHanChar(ch)) seen.add(ch);
      for (const ch of seen) documentFrequency.set(ch, (documentFrequency.get(ch) ?? 0) + 1);
    }
    const [worstChar, worstExpected] = [...documentFrequency].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    )[0]!;

    log('search: timing in a process of its own');
    const measured = timeInOwnProcess(workDir, {
      dbPath,
      queries: queries.map((q) => q.text),
      repeats,
      slowMs: SLOW_MS,
      worst: worstChar,
      worstRepeats: quick ? 5 : 10,
    });
    for (const [i, q] of queries.entries()) {
      const stats = byClass.get(q.kind)!;
      const times = measured.queries[i]!;
      stats.search.push(...times.search);
      stats.snippets.push(...times.snippets);
      stats.like.push(times.like);
    }
    const worstTotal = measured.worst.total;
    const worstLikeTimes = measured.worst.like;
    const worst = distribution(measured.worst.times);

    const sizes = indexSizes(store);
    const index = sizes.bytes;
    const build = indexBuild(rows, workDir);
    const buildRate = build.essays / (build.ms / 1000);

    const tableRows: Row[] = [];
    const classFigures: Record<string, unknown> = {};
    for (const kind of CLASSES) {
      const s = byClass.get(kind)!;
      const d = distribution(s.search);
      const l = distribution(s.like);
      const sn = distribution(s.snippets);
      const recall = Math.min(...s.recall);
      const precision = Math.min(...s.precision);
      const speedup = l.p99 / d.p99;
      const label = CLASS_LABELS[kind];
      // The table: 1 character ≤ 20 ms, mixed Latin+Han ≤ 10 ms, every other class ≤ 5 ms.
      const bound = kind === 'han1' ? 20 : kind === 'mixed' ? 10 : 5;
      const timeTarget = atMost(d.p99, bound, ' ms');
      tableRows.push(
        {
          label: `${label} (${s.recall.length} q)`,
          value: `${fmt(d.p50)} / ${fmt(d.p95)} / ${fmt(d.p99)} ms`,
          target: timeTarget,
        },
        { label: `  of which snippets p50`, value: ms(sn.p50) },
        { label: `  LIKE p50 / p99`, value: `${fmt(l.p50)} / ${fmt(l.p99)} ms` },
        {
          label: `  LIKE ÷ search at p99`,
          value: ratio(speedup),
          ...(kind === 'han1' ? {} : { target: atLeast(speedup, 30, '×') }),
        },
        {
          label: `  recall / precision`,
          value: `${fmt(recall)} / ${fmt(precision)}`,
          target: exactly(Math.min(recall, precision), 1),
        },
      );
      classFigures[kind] = {
        queries: s.recall.length,
        examples: queries
          .filter((q) => q.kind === kind)
          .slice(0, 3)
          .map((q) => q.text),
        p50Ms: round(d.p50, 4),
        p95Ms: round(d.p95, 4),
        p99Ms: round(d.p99, 4),
        snippetsP50Ms: round(sn.p50, 4),
        snippetsP99Ms: round(sn.p99, 4),
        likeP50Ms: round(l.p50, 2),
        likeP99Ms: round(l.p99, 2),
        likeOverSearchP99: round(speedup, 1),
        likeOverSearchP50: round(l.p50 / d.p50, 1),
        recall: round(recall, 4),
        precision: round(precision, 4),
        mismatches: s.wrong,
      };
    }
    const sizeRatio = index / rawBytes;
    tableRows.push(
      {
        label: `worst query "${worstChar}" (p50)`,
        value: `${ms(worst.p50)}, ${worstTotal.toLocaleString('en-US')} essays`,
        target: atMost(worst.p50, 50, ' ms'),
      },
      {
        label: '  exact count',
        value: `${worstTotal} vs oracle ${worstExpected}`,
        target: exactly(worstTotal, worstExpected),
      },
      { label: '  LIKE', value: ms(distribution(worstLikeTimes).p50) },
      { label: 'index size', value: `${fmt(index / 1e6)} MB` },
      { label: 'raw text (UTF-8)', value: `${fmt(rawBytes / 1e6)} MB` },
      { label: 'index / raw text', value: ratio(sizeRatio), target: atMost(sizeRatio, 1.5, '×') },
      ...Object.entries(sizes.others).map(([name, bytes]) => ({
        label: `other index ${name}`,
        value: `${fmt(bytes / 1e6)} MB`,
      })),
      {
        label: `index build (${build.essays.toLocaleString('en-US')})`,
        value: `${fmt(buildRate)} essays/s`,
      },
    );

    return {
      key: 'search',
      name: `Search (${corpus.length.toLocaleString('en-US')} essays; p50 / p95 / p99 of the full path, ${repeats} runs per query)`,
      rows: tableRows,
      figures: {
        classes: classFigures,
        worst: {
          query: worstChar,
          total: worstTotal,
          oracle: worstExpected,
          p50Ms: round(worst.p50, 3),
          maxMs: round(worst.max, 3),
          likeMs: round(distribution(worstLikeTimes).p50, 2),
        },
        indexTable: sizes.essayIndex,
        otherFtsBytes: sizes.others,
        indexBytes: index,
        rawTextBytes: rawBytes,
        indexOverRaw: round(sizeRatio),
        indexBuildMs: round(build.ms, 1),
        indexBuildEssays: build.essays,
        indexBuildEssaysPerSec: round(buildRate, 1),
      },
      notes: [
        'full path = store.search.search(q, {limit: 10}) + buildSnippet for each result; LIKE = every term LIKE %t% in title/body/place/tags with exact total and the newest 10',
        'both timed in a child process holding only the store (as the bot searches on its read worker); recall and precision are checked in this one',
        'recall/precision: the lowest over the class, against JS substring search over every normalized essay (word-start rule for Latin terms)',
      ],
    };
  } finally {
    store.close();
  }
}
