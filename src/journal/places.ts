/**
 * Places the author wrote in. Pure: no I/O.
 *
 * A place is matched in its normalized form (src/journal/text.ts: trimmed,
 * full-width folded, traditional folded to simplified, case folded), so
 * `北京`, `北京 ` and `北京` are one place, and `臺北` is `台北`; it is shown
 * as the author wrote it most often.
 */
import { normalizeText } from './text.js';

/** The form places are compared in; empty for no place. */
export function placeKey(place: string | null | undefined): string {
  return normalizeText(place ?? '').trim();
}

/** One place with the essays written there. */
export interface PlaceSummary {
  /** As written: the most frequent spelling of the group (ties: the first in sort order). */
  place: string;
  /** The normalized form shared by every spelling. */
  key: string;
  /** Every place value stored for it, exactly, for finding its essays again. */
  spellings: string[];
  count: number;
  /** Years with essays there, ascending. */
  years: number[];
}

/** How many essays one spelling has in one year (what the store counts). */
export interface PlaceYearCount {
  place: string;
  year: number;
  count: number;
}

/** Groups spellings into places: most essays first, then by name. */
export function groupPlaces(rows: readonly PlaceYearCount[]): PlaceSummary[] {
  const groups = new Map<
    string,
    { shown: Map<string, number>; stored: Set<string>; years: Set<number>; count: number }
  >();
  for (const row of rows) {
    const key = placeKey(row.place);
    if (key === '') continue;
    let group = groups.get(key);
    if (!group) {
      group = { shown: new Map(), stored: new Set(), years: new Set(), count: 0 };
      groups.set(key, group);
    }
    const shown = row.place.trim();
    group.shown.set(shown, (group.shown.get(shown) ?? 0) + row.count);
    group.stored.add(row.place);
    group.years.add(row.year);
    group.count += row.count;
  }
  const places = [...groups].map(([key, g]): PlaceSummary => {
    const [mostOften] = [...g.shown].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
    return {
      place: mostOften![0],
      key,
      spellings: [...g.stored].sort(compare),
      count: g.count,
      years: [...g.years].sort((a, b) => a - b),
    };
  });
  return places.sort((a, b) => b.count - a.count || compare(a.place, b.place));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** "2019–2021, 2025": consecutive years as ranges. */
export function yearRanges(years: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < years.length;) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    parts.push(j === i ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
