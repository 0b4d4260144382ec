import { t } from '../../i18n/index.js';
import { clampPage } from '../../journal/paging.js';
import { LIST_PAGE_SIZE } from '../../messages/limits.js';
import { subcommand } from '../define.js';
import type { HandlerContext, MessagePayload, Subcommand } from '../types.js';
import { essayOf } from '../../store/index.js';
import { renderQuoteList } from '../../messages/quote.js';

export const quoteListIds = {
  /** `all`: the pages of an author's private list, which include quotes of hidden essays. */
  page: (page: number, includeHidden = false) => `quote:list:${page}${includeHidden ? ':all' : ''}`,
};

/**
 * One page of the curated quotes, newest first. With `includeHidden` (an
 * author, privately) also those tied to a hidden or deleted essay (marked),
 * so they can remove them; otherwise only the quotes /quote random may show.
 */
export function renderQuoteListPage(
  ctx: HandlerContext,
  page: number,
  includeHidden = false,
): MessagePayload {
  const { locale } = ctx;
  const v = { includeHidden };
  const total = ctx.store.quotes.curated.count(v);
  const { page: p, pageCount, offset } = clampPage(page, total, LIST_PAGE_SIZE);
  const quotes = ctx.store.quotes.curated.list({ ...v, limit: LIST_PAGE_SIZE, offset });
  return renderQuoteList({
    title: t(locale, 'quote.listTitle'),
    intro: total === 0 ? t(locale, 'quote.listEmpty') : undefined,
    items: quotes.map((quote) => ({
      quote,
      essay: essayOf(ctx, quote),
      note: quote.visible ? undefined : t(locale, 'quote.notShown'),
    })),
    page: p,
    pageCount,
    pageId: (n) => quoteListIds.page(n, includeHidden),
    footer: total > 0 ? t(locale, 'quote.listCount', { n: total }) : undefined,
    locale,
  });
}

export const list: Subcommand = {
  data: subcommand('quote.list'),
  access: 'everyone',
  execute(ctx) {
    // An author's list shows hidden essays' quotes, so it goes to the author alone.
    const own =
      ctx.caller.isAuthor &&
      ctx.store.quotes.curated.count({ includeHidden: true }) >
        ctx.store.quotes.curated.count({ includeHidden: false });
    return { kind: 'message', ephemeral: own, payload: renderQuoteListPage(ctx, 0, own) };
  },
};
