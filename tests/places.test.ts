import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importPaths } from '../src/import/importFiles.js';
import { groupPlaces, placeKey, yearRanges } from '../src/journal/places.js';
import type { Store } from '../src/store/index.js';
import { HIDDEN_PLACE, MANY_PLACES, writePlacesJournal } from './helpers/placesJournal.js';
import { expectOneLineRefusal, journalJson, runJournal } from './helpers/run.js';
import { memoryStore, tempDir } from './helpers/store.js';

const t = tempDir('journal-places-');
let store: Store;
beforeAll(() => {
  store = memoryStore();
  importPaths(store, [writePlacesJournal(t.dir)]);
});
afterAll(() => {
  store.close();
  t.cleanup();
});

describe('places', () => {
  it('folds traditional, full-width, case and spaces into one key', () => {
    expect(placeKey(' 臺北 ')).toBe('台北');
    expect(placeKey('Ｔｏｋｙｏ')).toBe('tokyo');
    expect(placeKey(null)).toBe('');
  });

  it('groups spellings, shows the most frequent one as written, and counts essays and years', () => {
    const places = store.places.all({});
    expect(places[0]).toMatchObject({ place: '臺北', count: 3, years: [2019, 2020, 2021] });
    expect(places[0]!.spellings.sort()).toEqual(['台北', '臺北']);
    const tokyo = places.find((p) => p.key === 'tokyo')!;
    expect(tokyo).toMatchObject({ count: 2, years: [2022, 2023] });
    // A tie between spellings: the first in code-point order, so the choice is stable.
    expect(tokyo.place).toBe('Tokyo');
    expect(places).toHaveLength(2 + MANY_PLACES);
  });

  it('counts hidden essays only for authors', () => {
    expect(store.places.all({}).some((p) => p.place === HIDDEN_PLACE)).toBe(false);
    expect(
      store.places.all({ includeHidden: true }).find((p) => p.place === HIDDEN_PLACE),
    ).toMatchObject({
      count: 1,
    });
  });

  it('lists the essays of a place whichever spelling is typed, newest first, by year too', () => {
    const taipei = store.places.find('台北', {})!;
    expect(taipei.place).toBe('臺北');
    const essays = store.places.essaysAt(taipei, { limit: 10, offset: 0 }, {});
    expect(essays.map((e) => e.date)).toEqual(['2021-05-02', '2020-07-03', '2019-03-01']);
    expect(store.places.count(taipei, { year: 2020 })).toBe(1);
    expect(store.places.essaysAt(taipei, { limit: 10, offset: 0 }, { year: 2020 })).toHaveLength(1);
    expect(store.places.find('ｔｏｋｙｏ ', {})?.count).toBe(2);
    expect(store.places.find(HIDDEN_PLACE, {})).toBeNull();
    expect(store.places.find('月球', {})).toBeNull();
  });

  it('suggests at most the limit, matching the normalized form', () => {
    expect(store.places.suggest('', 25, {})).toHaveLength(25);
    expect(store.places.suggest('臺', 25, {}).map((p) => p.place)).toEqual(['臺北']);
    expect(store.places.suggest('TOWN 1', 25, {}).length).toBeGreaterThan(1);
  });

  it('writes year ranges compactly', () => {
    expect(yearRanges([2019, 2020, 2021, 2025])).toBe('2019–2021, 2025');
    expect(groupPlaces([])).toEqual([]);
  });
});

describe('journal places', () => {
  const db = join(t.dir, 'cli.db');
  const env = { JOURNAL_DB: db, JOURNAL_TIMEZONE: 'Asia/Shanghai' };

  it('prints { places: [{ place, count, years }] }, hidden essays included (the author’s own tool)', async () => {
    const r = await runJournal(['import', join(t.dir, 'essays')], { env });
    expect(r.code, r.stderr).toBe(0);
    const out = await journalJson(['places', '--json'], { env });
    expect(out.places[0]).toEqual({ place: '臺北', count: 3, years: [2019, 2020, 2021] });
    expect(out.places).toContainEqual({ place: HIDDEN_PLACE, count: 1, years: [2024] });
    const text = await runJournal(['places'], { env });
    expect(text.stdout).toContain('臺北  3  2019–2021');
  });

  it('refuses an argument it does not take in one line', async () => {
    expectOneLineRefusal(await runJournal(['places', '--year', '2020'], { env }), /year/u);
  });
});
