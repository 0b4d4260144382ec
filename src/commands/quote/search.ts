import { t } from '../../i18n/index.js';
import { truncate } from '../../journal/display.js';
import { buildSnippet } from '../../journal/snippet.js';
import { searchPage } from '../../journal/paging.js';
import { LIMITS, LIST_PAGE_SIZE } from '../../messages/limits.js';
import { searchQuery } from '../essay/search.js';
import type { HandlerContext, MessagePayload } from '../types.js';
import { essayOf } from '../../store/index.js';
import { renderQuoteList } from '../../messages/quote.js';
import { renderEmptyList } from '../../messages/list.js';

export const quoteSearchIds = {
  page: (query: string, page: number) => `quote:search:${page}:${query}`.slice(0, LIMITS.customId),
};

// A quote is one sentence: show it whole, with every match in bold.
const WHOLE_QUOTE = { style: 'markdown', radius: 400, max: 1000 } as const;

/** One page of quotes containing every word of the query (the essay search's rules), curated ones first. */
export function renderQuoteSearchPage(
  ctx: Pick<HandlerContext, 'store' | 'locale'>,
  rawQuery: string,
  page: number,
): MessagePayload {
  const { locale } = ctx;
  const query = searchQuery(rawQuery);
  const { result, ...window } = searchPage(page, LIST_PAGE_SIZE, (w) =>
    ctx.store.quotes.search(query, w),
  );
  const title = t(locale, 'quote.searchTitle', { query: truncate(query, 60) });
  if (!result.query || result.total === 0) {
    return renderEmptyList(
      title,
      t(locale, result.query ? 'quote.searchNone' : 'search.empty', { query }),
    );
  }
  const needles = result.query.needles;
  return renderQuoteList({
    title,
    items: result.quotes.map((quote) => ({
      quote,
      essay: essayOf(ctx, quote),
      preview: buildSnippet(quote.text, needles, WHOLE_QUOTE),
    })),
    page: window.page,
    pageCount: window.pageCount,
    pageId: (n) => quoteSearchIds.page(query, n),
    footer: t(locale, 'quote.searchCount', { n: result.total }),
    locale,
  });
}
