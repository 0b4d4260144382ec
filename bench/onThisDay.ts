/**
 * On this day: what `/essay today` reads — `store.essays.onThisDay(date)`
 * and the excerpts of the first page it shows (`withExcerpts`, as
 * src/commands/essay/dayList.ts does) — for every month-day of a leap and a
 * common year, against a full-scan baseline: the same query with the
 * month-day index switched off (`NOT INDEXED`), rows turned into essays and
 * filtered the same way.
 */
import { addDays } from '../src/journal/dates.js';
import { anniversaryMonthDays, yearsAgo } from '../src/journal/onThisDay.js';
import { LIST_PAGE_SIZE } from '../src/messages/limits.js';
import { openStore, type Store } from '../src/store/index.js';
import { BENCH_CLOCK } from './import.js';
import { distribution, latencyFigures, now, round } from './measure.js';
import { atMost, ms, ratio, type SectionResult } from './report.js';

/** Every day of 2027 (Feb 28 also shows Feb 29 essays) and of 2028 (Feb 29 itself). */
function everyMonthDay(): string[] {
  const days: string[] = [];
  for (let d = '2027-01-01'; d < '2029-01-01'; d = addDays(d, 1)) days.push(d);
  return days;
}

/** A day list's first page as `/essay today` reads it: the whole list, then the shown entries' excerpts. */
function firstPage(store: Store, day: string) {
  const list = store.essays.onThisDay(day);
  store.essays.withExcerpts(
    (list.essays.length > 0 ? list.essays : list.nearest).slice(0, LIST_PAGE_SIZE),
  );
  return list;
}

export function benchOnThisDay(dbPath: string, quick: boolean): SectionResult {
  const store = openStore(dbPath, BENCH_CLOCK);
  try {
    const days = everyMonthDay();
    const n = store.essays.count({ includeHidden: true });
    const rounds = quick ? 3 : 5;

    // Warm the page cache and statement caches once, untimed.
    for (const day of days) firstPage(store, day);
    const times: number[] = [];
    let found = 0;
    for (let r = 0; r < rounds; r++) {
      for (const day of days) {
        const t = now();
        const result = firstPage(store, day);
        times.push(now() - t);
        if (r === 0) found += result.essays.length;
      }
    }

    const scan = store.db.prepare<
      [string],
      {
        id: number;
        title: string | null;
        body: string;
        written_on: string;
        place: string | null;
        tags: string;
      }
    >(
      `SELECT id, title, body, written_on, place, tags FROM essays NOT INDEXED
       WHERE month_day IN (SELECT value FROM json_each(?)) AND hidden = 0
       ORDER BY written_on DESC, id DESC`,
    );
    const fullScan = (day: string) =>
      scan
        .all(JSON.stringify(anniversaryMonthDays(day)))
        .filter((row) => row.written_on <= day)
        .map((row) => ({
          ...row,
          tags: JSON.parse(row.tags) as string[],
          yearsAgo: yearsAgo(row.written_on, day),
        }));
    // A scan reads the whole table, so a sample of days is enough for its distribution.
    const sample = days.filter((_, i) => i % (quick ? 6 : 12) === 0);
    fullScan(sample[0]!);
    const scanTimes: number[] = [];
    for (const day of sample) {
      const t = now();
      const rows = fullScan(day);
      scanTimes.push(now() - t);
      const expected = store.essays.onThisDay(day).essays.map((e) => e.id);
      if (rows.length > 0 && JSON.stringify(rows.map((r) => r.id)) !== JSON.stringify(expected)) {
        throw new Error(`on-this-day bench: the baseline disagrees with the store on ${day}`);
      }
    }

    const real = distribution(times);
    const base = distribution(scanTimes);
    return {
      key: 'onThisDay',
      name: `On this day (${n.toLocaleString('en-US')} essays, ${days.length} days × ${rounds})`,
      rows: [
        { label: 'onThisDay p50', value: ms(real.p50) },
        { label: 'onThisDay p99', value: ms(real.p99), target: atMost(real.p99, 1, ' ms') },
        { label: 'onThisDay max', value: ms(real.max) },
        { label: 'essays per day (mean)', value: (found / days.length).toFixed(1) },
        { label: 'full scan p50', value: ms(base.p50) },
        { label: 'full scan p99', value: ms(base.p99) },
        { label: 'scan p99 / onThisDay p99', value: ratio(base.p99 / real.p99) },
      ],
      figures: {
        ...latencyFigures(real),
        essaysPerDay: round(found / days.length, 2),
        fullScanCalls: base.n,
        fullScanP50Ms: round(base.p50),
        fullScanP99Ms: round(base.p99),
        speedupAtP99: round(base.p99 / real.p99, 1),
      },
    };
  } finally {
    store.close();
  }
}
