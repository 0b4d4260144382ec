/** The list of essays of one day, shared by /essay today, /essay on and their pagers. */
import { t, yearsAgoLabel } from '../../i18n/index.js';
import { clampPage } from '../../journal/paging.js';
import type { DayEntry } from '../../journal/onThisDay.js';
import { LIST_PAGE_SIZE } from '../../messages/limits.js';
import { renderEmptyList, renderEssayList } from '../../messages/list.js';
import { formatMonthDay } from '../../messages/dates.js';
import type { HandlerContext, MessagePayload } from '../types.js';

export const dayListIds = {
  /** Page `page` of the essays of `date`'s month-day. */
  page: (date: string, page: number) => `essay:day:${date}:${page}`,
};

/** Essays of a day (or the nearest days when it has none), paged. */
export function renderDayList(
  ctx: HandlerContext,
  date: string,
  page: number,
  essays: DayEntry[],
  nearest: DayEntry[],
): MessagePayload {
  const { locale } = ctx;
  const day = formatMonthDay(date, locale);
  const shown = essays.length > 0 ? essays : nearest;
  const { page: p, pageCount, offset } = clampPage(page, shown.length, LIST_PAGE_SIZE);
  // Excerpts for this page's entries only: the list itself carries none (see DayEntry).
  const onPage = ctx.store.essays.withExcerpts(shown.slice(offset, offset + LIST_PAGE_SIZE));
  const items = onPage.map((essay) => ({
    essay,
    lead: essays.length > 0 ? yearsAgoLabel(locale, essay.yearsAgo) : essay.date,
  }));
  if (shown.length === 0) {
    return renderEmptyList(t(locale, 'today.title', { date: day }), t(locale, 'essay.empty'));
  }
  return renderEssayList({
    title: t(locale, essays.length > 0 ? 'today.title' : 'today.nearestTitle', { date: day }),
    intro:
      essays.length > 0
        ? undefined
        : `${t(locale, 'today.none', { date: day })}\n${t(locale, 'today.nearest')}`,
    items,
    page: p,
    pageCount,
    pageId: (n) => dayListIds.page(date, n),
    locale,
  });
}
