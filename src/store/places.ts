/**
 * Places: the essays' `place` column grouped. SQL counts per stored
 * spelling and year; the folding into places (src/journal/places.ts) runs in
 * JS, since a journal has few distinct places, so no column or migration is
 * needed for the normalized form.
 */
import type { Essay } from '../journal/essay.js';
import { groupPlaces, placeKey, type PlaceSummary } from '../journal/places.js';
import type { Db } from './database.js';
import type { Visibility } from './essays.js';

/** The stored spellings of one place (JSON), hidden essays (1 = included), and a year as `[from, to)` dates. */
interface PlaceFilter {
  places: string;
  hidden: number;
  from: string | null;
  to: string | null;
}

const AT_PLACE = `place IN (SELECT value FROM json_each(@places)) AND (hidden = 0 OR @hidden)
  AND (@from IS NULL OR written_on >= @from) AND (@to IS NULL OR written_on < @to)`;

export function createPlaceStore(db: Db, loadEssays: (ids: number[], v: Visibility) => Essay[]) {
  // essays_day_list (migrations 9, 14) holds place, date and hidden: counting reads the index, never the bodies.
  const s = {
    counts: db.prepare<[{ hidden: number }], { place: string; year: number; count: number }>(
      `SELECT place, CAST(substr(written_on, 1, 4) AS INTEGER) AS year, count(*) AS count
       FROM essays INDEXED BY essays_day_list
       WHERE place IS NOT NULL AND place <> '' AND (hidden = 0 OR @hidden)
       GROUP BY place, year`,
    ),
    ids: db.prepare<[PlaceFilter & { limit: number; offset: number }], { id: number }>(
      `SELECT id FROM essays INDEXED BY essays_day_list WHERE ${AT_PLACE}
       ORDER BY written_on DESC, id DESC LIMIT @limit OFFSET @offset`,
    ),
    count: db.prepare<[PlaceFilter], { n: number }>(
      `SELECT count(*) AS n FROM essays INDEXED BY essays_day_list WHERE ${AT_PLACE}`,
    ),
  };
  const hiddenFlag = (v: Visibility) => (v.includeHidden ? 1 : 0);
  const filter = (place: PlaceSummary, v: Visibility & { year?: number }): PlaceFilter => ({
    places: JSON.stringify(place.spellings),
    hidden: hiddenFlag(v),
    from: v.year === undefined ? null : `${v.year}-01-01`,
    to: v.year === undefined ? null : `${v.year + 1}-01-01`,
  });

  const all = (v: Visibility): PlaceSummary[] =>
    groupPlaces(s.counts.all({ hidden: hiddenFlag(v) }));

  return {
    /** Every place, most essays first. */
    all,

    /** Places whose normalized form contains the typed text's, most essays first. */
    suggest(typed: string, limit: number, v: Visibility): PlaceSummary[] {
      const key = placeKey(typed);
      return all(v)
        .filter((p) => p.key.includes(key))
        .slice(0, limit);
    },

    /** The place `typed` names (matched normalized), or null when no essay was written there. */
    find(typed: string, v: Visibility): PlaceSummary | null {
      const key = placeKey(typed);
      return all(v).find((p) => p.key === key) ?? null;
    },

    /** How many essays were written at `place` (in `year`, if given). */
    count(place: PlaceSummary, v: Visibility & { year?: number }): number {
      return s.count.get(filter(place, v))!.n;
    },

    /** A page of the essays written at `place` (in `year`, if given), newest first. */
    essaysAt(
      place: PlaceSummary,
      window: { limit: number; offset: number },
      v: Visibility & { year?: number },
    ): Essay[] {
      const ids = s.ids.all({ ...filter(place, v), ...window }).map((r) => r.id);
      return loadEssays(ids, v);
    },
  };
}
