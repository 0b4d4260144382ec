/**
 * The anniversary post: what the author wrote on this month-day in earlier
 * years, in the server's language. Each essay gets a button that opens it
 * whole, privately and paged (the `essay:open` route). Hidden essays are
 * never posted, except to an author in their own DM.
 */
import type { Locale } from '../i18n/index.js';

import type { DayEntry } from '../journal/onThisDay.js';
import { LIST_PAGE_SIZE } from '../messages/limits.js';
import { essayOf, type Store } from '../store/index.js';
import type { EmptyDayMode } from './types.js';
import type { MessagePayload } from '../messages/payload.js';
import {
  renderAnniversaryPost,
  type AnniversaryContent,
  type DayQuote,
} from '../messages/anniversary.js';

export type { AnniversaryContent, DayQuote } from '../messages/anniversary.js';

export interface PostOptions {
  date: string;
  language: Locale;
  emptyDay: EmptyDayMode;
  /** Uniform in [0, 1), for the quote of an empty day. */
  random: () => number;
  /** Whose no-repeat window the quote of an empty day follows: the channel posted to. */
  scope: string;
  /** Only for a post one author alone reads (their own DM): hidden essays too. */
  includeHidden?: boolean;
}

function drawDayQuote(store: Store, options: PostOptions): DayQuote | null {
  const quote = store.quotes.draw(options.scope, options.random);
  return quote ? { quote, essay: essayOf({ store }, quote) } : null;
}

/** Reads what the post for `date` shows: hidden essays left out (unless asked for), empty days filled as configured. */
export function gatherAnniversary(store: Store, options: PostOptions): AnniversaryContent {
  const day = store.essays.onThisDay(options.date, {
    includeHidden: options.includeHidden === true,
  });
  // Only earlier years: an essay written today is not an anniversary yet.
  const essays = day.essays.filter((e) => e.yearsAgo > 0);
  const empty = essays.length === 0;
  // Excerpts only for the entries the post shows (see DayEntry).
  const shown = (entries: DayEntry[]) =>
    store.essays.withExcerpts(entries.slice(0, LIST_PAGE_SIZE));
  return {
    date: options.date,
    essays: shown(essays),
    more: Math.max(0, essays.length - LIST_PAGE_SIZE),
    nearest: empty && options.emptyDay === 'nearest' ? shown(day.nearest) : [],
    quote: empty && options.emptyDay === 'quote' ? drawDayQuote(store, options) : null,
  };
}

/** The post for `date` as it would go out now, or null when there is nothing to post. */
export function composeAnniversaryPost(store: Store, options: PostOptions): MessagePayload | null {
  return renderAnniversaryPost(gatherAnniversary(store, options), options.language);
}
