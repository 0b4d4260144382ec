/**
 * Related essays: `store.related.relatedTo(essay)` — what `journal related`
 * and the essay card's Related button run — for a sample of essays, against
 * a baseline measured in the same run: the naive "more like this" query over
 * the same FTS index, every term of the essay OR-ed and ranked by bm25
 * (no document counts, no choice of terms).
 */
import { essayTerms } from '../src/journal/related.js';
import { openStore } from '../src/store/index.js';
import { BENCH_CLOCK } from './import.js';
import { distribution, latencyFigures, now, round } from './measure.js';
import { createRandom } from './random.js';
import { atMost, ms, ratio, type SectionResult } from './report.js';

export function benchRelated(dbPath: string, quick: boolean, seed: number): SectionResult {
  const store = openStore(dbPath, BENCH_CLOCK);
  try {
    const n = store.essays.count({ includeHidden: true });
    const random = createRandom(seed);
    const ids = store.db
      .prepare<[], { id: number }>('SELECT id FROM essays')
      .all()
      .map((r) => r.id);
    const sample = Array.from({ length: quick ? 200 : 500 }, () =>
      store.essays.get(ids[random.int(ids.length)]!, { includeHidden: true }),
    ).filter((e) => e !== null);

    // Warm the page cache and statements, untimed.
    for (const essay of sample.slice(0, 20)) store.related.relatedTo(essay);
    const times: number[] = [];
    let found = 0;
    let shared = 0;
    for (const essay of sample) {
      const t = now();
      const related = store.related.relatedTo(essay);
      times.push(now() - t);
      found += related.length;
      shared += related.reduce((sum, r) => sum + r.shared.length, 0);
    }

    const naive = store.db.prepare<[string, number], { id: number }>(
      `SELECT rowid AS id FROM essay_search WHERE essay_search MATCH ? AND rowid <> ?
       ORDER BY bm25(essay_search) LIMIT 3`,
    );
    const naiveTimes: number[] = [];
    for (const essay of sample.slice(0, quick ? 5 : 10)) {
      const match = [...essayTerms(essay).keys()].map((term) => `"${term}"`).join(' OR ');
      const t = now();
      naive.all(match, essay.id);
      naiveTimes.push(now() - t);
    }

    const real = distribution(times);
    const base = distribution(naiveTimes);
    return {
      key: 'related',
      name: `Related essays (${n.toLocaleString('en-US')} essays, ${sample.length} essays asked)`,
      rows: [
        { label: 'related p50', value: ms(real.p50) },
        { label: 'related p99', value: ms(real.p99), target: atMost(real.p99, 20, ' ms') },
        { label: 'related max', value: ms(real.max) },
        { label: 'related per essay (mean)', value: (found / sample.length).toFixed(2) },
        { label: 'naive bm25 OR-all p50', value: ms(base.p50) },
        { label: 'naive p50 / related p50', value: ratio(base.p50 / real.p50) },
      ],
      figures: {
        ...latencyFigures(real),
        relatedPerEssay: round(found / sample.length, 2),
        sharedPerRelated: round(shared / Math.max(1, found), 2),
        naiveCalls: base.n,
        naiveP50Ms: round(base.p50),
        speedupAtP50: round(base.p50 / real.p50, 1),
      },
    };
  } finally {
    store.close();
  }
}
