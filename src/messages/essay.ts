/** An essay as a card: its pages, its custom ids, and one page with ◀ k/n ▶. */
import type { APIButtonComponent, APIComponentInContainer } from 'discord-api-types/v10';
import type { Essay } from '../journal/essay.js';
import { truncate } from '../journal/display.js';
import { escapeMarkdown } from '../journal/markdown.js';
import { yearsAgo } from '../journal/onThisDay.js';
import { clampPage, paginate } from '../journal/paging.js';
import { t, yearsAgoLabel, type Locale } from '../i18n/index.js';
import { behindWarning, shownTitle } from './contentWarning.js';
import {
  container,
  heading,
  message,
  pager,
  rows,
  separator,
  small,
  textDisplay,
} from './builders.js';
import { ESSAY_PAGE_CHARS, META_CHARS, TITLE_CHARS, WARNING_ROOM } from './limits.js';
import type { MessagePayload } from './payload.js';
import { relatedButton } from './relatedButton.js';

/** "2025-11-01 · 北京" */
export function dateAndPlace(essay: Pick<Essay, 'date' | 'place'>): string {
  return essay.place ? `${essay.date} · ${essay.place}` : essay.date;
}

/** The pages an essay's body is shown in (escaped, so markdown in it shows as written). */
export function essayPages(essay: Pick<Essay, 'body'> & { warning?: string | null }): string[] {
  return paginate(
    escapeMarkdown(essay.body),
    ESSAY_PAGE_CHARS - (essay.warning ? WARNING_ROOM : 0),
  );
}

/** Custom ids: stateless (essay id + page), so buttons keep working after a restart. */
export const essayIds = {
  /** Opens an essay in a new (ephemeral) message. */
  open: (id: number) => `essay:open:${id}`,
  /** Shows page `page` of an essay in place. */
  page: (id: number, page: number) => `essay:page:${id}:${page}`,
};

/** What an essay card may add below the page: more buttons beside ◀ k/n ▶ (e.g. "Related"). */
export interface EssayCardExtras {
  /** The reader's local date, for "N years ago" on the meta line. */
  today?: string;
  /** Buttons shown after the pager, in the same action area. */
  actions?: APIButtonComponent[];
}

/** "2025-11-01 · 北京 · 1 year ago · #tag · page 2/5 · hidden": the card's subtle line. */
function metaLine(essay: Essay, page: number, pageCount: number, locale: Locale, today?: string) {
  const parts = [escapeMarkdown(dateAndPlace(essay))];
  const years = today ? yearsAgo(essay.date, today) : 0;
  if (years > 0) parts.push(yearsAgoLabel(locale, years));
  if (essay.tags.length > 0)
    parts.push(escapeMarkdown(essay.tags.map((tag) => `#${tag}`).join(' ')));
  if (pageCount > 1) parts.push(t(locale, 'essay.pageOf', { page: page + 1, pages: pageCount }));
  if (essay.hidden) parts.push(t(locale, 'essay.hiddenMark'));
  return small(truncate(parts.join(' · '), META_CHARS));
}

/**
 * One page of an essay as a card: the title as a heading, the meta line,
 * the page (behind its content warning), a separator and ◀ k/n ▶ when it
 * has more than one page. Out-of-range pages are clamped.
 */
export function renderEssayPage(
  essay: Essay,
  requestedPage: number,
  locale: Locale,
  extras: EssayCardExtras = {},
): MessagePayload {
  const pages = essayPages(essay);
  const { page } = clampPage(requestedPage, pages.length, 1);
  const buttons = [
    ...(pages.length > 1 ? pager(page, pages.length, (p) => essayIds.page(essay.id, p)) : []),
    ...(extras.actions ?? []),
    relatedButton(essay.id, locale),
  ];
  const parts: APIComponentInContainer[] = [
    heading(escapeMarkdown(truncate(shownTitle(essay), TITLE_CHARS))),
    metaLine(essay, page, pages.length, locale, extras.today),
    textDisplay(behindWarning(essay, pages[page]!, locale)),
  ];
  if (buttons.length > 0) parts.push(separator(), ...rows(buttons));
  return message({ components: [container(parts)] });
}
