import { UserFacingError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { buildSnippet } from '../../journal/snippet.js';
import { truncate } from '../../journal/display.js';
import { searchPage } from '../../journal/paging.js';
import { LIMITS, LIST_PAGE_SIZE } from '../../messages/limits.js';
import { renderEmptyList, renderEssayList } from '../../messages/list.js';
import { CHANNEL_VISIBILITY } from '../context.js';
import type { HandlerContext, MessagePayload } from '../types.js';

/** Queries longer than this would not fit a button's custom id (100 characters). */
export const MAX_QUERY_LENGTH = 80;

/** A search's query as typed, trimmed; an empty one is refused. */
export function searchQuery(rawQuery: string): string {
  const query = rawQuery.trim();
  if (query === '') throw new UserFacingError('empty query', 'search.empty');
  return query;
}

export const searchIds = {
  page: (query: string, page: number) => `essay:search:${page}:${query}`.slice(0, LIMITS.customId),
};

/** One page of search results: ranked essays, each with its match in bold. */
export function renderSearchPage(
  ctx: Pick<HandlerContext, 'store' | 'locale'>,
  rawQuery: string,
  page: number,
): MessagePayload {
  const { locale } = ctx;
  const query = searchQuery(rawQuery);
  const { result, ...window } = searchPage(page, LIST_PAGE_SIZE, (w) =>
    ctx.store.search.search(query, { ...CHANNEL_VISIBILITY, ...w }),
  );
  const title = t(locale, 'search.title', { query: truncate(query, 60) });
  if (!result.query || result.total === 0) {
    return renderEmptyList(
      title,
      t(locale, result.query ? 'search.none' : 'search.empty', { query }),
    );
  }
  const needles = result.query.needles;
  return renderEssayList({
    title,
    items: result.essays.map((essay) => ({
      essay,
      lead: essay.date,
      preview: buildSnippet(essay.body, needles, { style: 'markdown' }),
    })),
    page: window.page,
    pageCount: window.pageCount,
    pageId: (n) => searchIds.page(query, n),
    footer: t(locale, 'search.count', { n: result.total }),
    locale,
  });
}
