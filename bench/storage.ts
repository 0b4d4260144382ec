/**
 * The store's size and its quote draw, on one imported corpus (prose, or
 * verse-like text with a sentence every 5–12 characters):
 *
 * - each table's share of the file, from `dbstat` (an FTS5 table with its
 *   shadow tables, a table with its indexes);
 * - the search and quote indexes together against the raw UTF-8 text
 *   (≤ 1.5×), and the whole file (≤ 2.7×);
 * - import with every index (≥ 300 essays/s, on the way to 500);
 * - `/quote random`: the store's draw (p99 ≤ 2 ms) and the whole command
 *   through the offline console's session (p99 ≤ 5 ms).
 */
import { statSync } from 'node:fs';
import { fixedClock } from '../src/clock.js';
import { commandDefinitions } from '../src/commands/index.js';
import { createSession } from '../src/console/session.js';
import { silentLogger } from '../src/logger.js';
import { openStore } from '../src/store/index.js';
import { BENCH_CLOCK } from './import.js';
import { distribution, now, round } from './measure.js';
import { createRandom } from './random.js';
import { atLeast, atMost, fmt, ms, ratio, type Row, type SectionResult } from './report.js';

/** Tables holding the search index and the extracted quotes (with their shadow tables and indexes). */
const INDEX_TABLES = ['essay_search', 'quote_spans'];

export interface StorageInput {
  /** `prose` or `verse`: names the section. */
  corpus: string;
  dbPath: string;
  essays: number;
  importEssaysPerSec: number;
  quick: boolean;
  seed: number;
}

/** Bytes per table, FTS5 shadow tables counted with their virtual table and indexes with their table. */
function tableBytes(store: ReturnType<typeof openStore>): Map<string, number> {
  const owner = new Map(
    store.db
      .prepare<[], { name: string; tbl_name: string }>(
        `SELECT name, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')`,
      )
      .all()
      .map((r) => [r.name, r.tbl_name]),
  );
  const virtual = store.db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'`,
    )
    .all()
    .map((r) => r.name);
  const bytes = new Map<string, number>();
  for (const row of store.db
    .prepare<[], { name: string; bytes: number }>(
      `SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name`,
    )
    .all()) {
    const table = owner.get(row.name) ?? row.name;
    const group = virtual.find((v) => table.startsWith(`${v}_`)) ?? table;
    bytes.set(group, (bytes.get(group) ?? 0) + row.bytes);
  }
  return bytes;
}

export async function benchStorage(input: StorageInput): Promise<SectionResult> {
  const store = openStore(input.dbPath, BENCH_CLOCK);
  try {
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const raw = store.db
      .prepare<[], { bytes: number }>(
        `SELECT sum(length(CAST(coalesce(title, '') || body || coalesce(place, '') || tags AS BLOB))) AS bytes FROM essays`,
      )
      .get()!.bytes;
    const quotes = store.quotes.poolSize();
    const fileBytes = statSync(input.dbPath).size;
    const tables = [...tableBytes(store)].sort((a, b) => b[1] - a[1]);
    const indexBytes = tables
      .filter(([name]) => INDEX_TABLES.includes(name))
      .reduce((n, [, b]) => n + b, 0);

    // The draw in the store, then the whole command through the console.
    const random = createRandom(input.seed);
    const draws = input.quick ? 500 : 2_000;
    const storeTimes: number[] = [];
    for (let i = 0; i < draws; i++) {
      const t = now();
      store.quotes.draw('bench', () => random.next());
      storeTimes.push(now() - t);
    }
    const session = createSession({
      ctx: {
        store,
        clock: fixedClock(BENCH_CLOCK.now().toISOString()),
        timeZone: 'Asia/Shanghai',
        place: 'local',
        logger: silentLogger,
        locale: 'zh-CN',
        caller: { id: '300000000000000001', isAuthor: true, isManager: true },
        guildId: null,
        channelId: null,
        services: {},
        random: () => random.next(),
      },
      definitions: commandDefinitions(),
      style: 'plain',
      io: { readLine: () => Promise.resolve(null), write: () => {} },
      saveFile: () => '',
    });
    const consoleTimes: number[] = [];
    for (let i = 0; i < (input.quick ? 200 : 1_000); i++) {
      const t = now();
      await session.handleLine('/quote random');
      consoleTimes.push(now() - t);
    }
    const inStore = distribution(storeTimes);
    const viaConsole = distribution(consoleTimes);

    const indexRatio = indexBytes / raw;
    const fileRatio = fileBytes / raw;
    const rows: Row[] = [
      { label: 'raw text (UTF-8)', value: `${fmt(raw / 1e6)} MB` },
      {
        label: 'quotes (sentences)',
        value: `${quotes.toLocaleString('en-US')} (${fmt(quotes / input.essays)} per essay)`,
      },
      {
        label: 'search + quote indexes',
        value: `${fmt(indexBytes / 1e6)} MB = ${ratio(indexRatio)} raw`,
        target: atMost(indexRatio, 1.5, '×'),
      },
      {
        label: 'whole file',
        value: `${fmt(fileBytes / 1e6)} MB = ${ratio(fileRatio)} raw`,
        target: atMost(fileRatio, 2.7, '×'),
      },
      ...tables.map(([name, bytes]) => ({
        label: `  ${name}`,
        value: `${fmt(bytes / 1e6)} MB, ${fmt((bytes / fileBytes) * 100)} %`,
      })),
      {
        label: 'import, every index',
        value: `${fmt(input.importEssaysPerSec)} essays/s`,
        target: atLeast(input.importEssaysPerSec, 300, ' /s'),
      },
      {
        label: `/quote random, store (${draws})`,
        value: `p50 ${ms(inStore.p50)}, p99 ${ms(inStore.p99)}`,
        target: atMost(inStore.p99, 2, ' ms'),
      },
      {
        label: `/quote random, console (${consoleTimes.length})`,
        value: `p50 ${ms(viaConsole.p50)}, p99 ${ms(viaConsole.p99)}`,
        target: atMost(viaConsole.p99, 5, ' ms'),
      },
    ];
    return {
      key: `storage_${input.corpus}`,
      name: `Storage and the quote draw (${input.essays.toLocaleString('en-US')} essays, ${input.corpus})`,
      rows,
      figures: {
        rawTextBytes: raw,
        quotes,
        indexBytes,
        indexOverRaw: round(indexRatio),
        fileBytes,
        fileOverRaw: round(fileRatio),
        tableBytes: Object.fromEntries(tables),
        importEssaysPerSec: round(input.importEssaysPerSec, 1),
        quoteRandomStoreP50Ms: round(inStore.p50, 4),
        quoteRandomStoreP99Ms: round(inStore.p99, 4),
        quoteRandomConsoleP50Ms: round(viaConsole.p50, 4),
        quoteRandomConsoleP99Ms: round(viaConsole.p99, 4),
      },
      notes: [
        `search + quote indexes = ${INDEX_TABLES.join(' + ')} (shadow tables and indexes included); raw = title + body + place + tags`,
      ],
    };
  } finally {
    store.close();
  }
}
