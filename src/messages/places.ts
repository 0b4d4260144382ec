/** `/essay places`: the places essays were written in, paged like every list. */
import type { PlaceSummary } from '../journal/places.js';
import { yearRanges } from '../journal/places.js';
import { escapeMarkdown } from '../journal/markdown.js';
import { clampPage } from '../journal/paging.js';
import { t, type Locale } from '../i18n/index.js';
import { button } from './builders.js';
import { LIMITS, LIST_PAGE_SIZE } from './limits.js';
import { renderPagedList } from './list.js';
import type { MessagePayload } from './payload.js';

/** Custom ids of the places list and of one place's essays (`essay:…`, decoded in commands/essay/index.ts). */
export const placeIds = {
  page: (page: number) => `essay:places:${page}`,
  /** The key goes last: it may hold colons. Null when it would not fit a custom id (a very long place). */
  essays: (key: string, year: number | undefined, page: number): string | null => {
    const id = `essay:plist:${year ?? 'all'}:${page}:${key}`;
    return id.length <= LIMITS.customId ? id : null;
  },
};

/** One page of places, most essays first; each entry's button lists its essays. */
export function renderPlaces(
  places: readonly PlaceSummary[],
  page: number,
  locale: Locale,
): MessagePayload {
  const { page: p, pageCount, offset } = clampPage(page, places.length, LIST_PAGE_SIZE);
  const shown = places.slice(offset, offset + LIST_PAGE_SIZE);
  // Each place is a Section with its button beside it (a place too long for a custom id has none).
  const entries = shown.map((place, i) => {
    const id = placeIds.essays(place.key, undefined, 0);
    return {
      text: `\`${offset + i + 1}\` **${escapeMarkdown(place.place)}** · ${t(
        locale,
        'places.entry',
        {
          n: place.count,
          years: yearRanges(place.years),
        },
      )}`,
      ...(id ? { button: button(id, `${offset + i + 1} · ${place.place}`, { emoji: '📍' }) } : {}),
    };
  });
  return renderPagedList({
    title: t(locale, 'places.title'),
    intro: places.length === 0 ? t(locale, 'places.none') : undefined,
    entries,
    page: p,
    pageCount,
    pageId: placeIds.page,
    footer: places.length === 0 ? undefined : t(locale, 'places.count', { n: places.length }),
  });
}
