/** An essay as a message: its pages, its custom ids, and one page with ◀ ▶. */
import type { APIEmbed } from 'discord-api-types/v10';
import type { Essay } from '../journal/essay.js';
import { truncate } from '../journal/display.js';
import { escapeMarkdown } from '../journal/markdown.js';
import { clampPage, paginate } from '../journal/paging.js';
import { t, type Locale } from '../i18n/index.js';
import { behindWarning, shownTitle } from './contentWarning.js';
import { message, pager, rows } from './builders.js';
import { ACCENT, ESSAY_PAGE_CHARS, LIMITS } from './limits.js';
import type { MessagePayload } from './payload.js';
import { relatedButton } from './relatedButton.js';

/** "2025-11-01 · 北京" */
export function dateAndPlace(essay: Pick<Essay, 'date' | 'place'>): string {
  return essay.place ? `${essay.date} · ${essay.place}` : essay.date;
}

/** The pages an essay's body is shown in (escaped, so markdown in it shows as written). */
/** What a content warning's line and spoiler marks can take of a page (the warning is ≤ 100 characters, escaped ≤ 200). */
const WARNING_ROOM = 300;

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

/** One page of an essay, with ◀ ▶ when it has more than one. Out-of-range pages are clamped. */
export function renderEssayPage(
  essay: Essay,
  requestedPage: number,
  locale: Locale,
): MessagePayload {
  const pages = essayPages(essay);
  const { page } = clampPage(requestedPage, pages.length, 1);
  const footerParts = [dateAndPlace(essay)];
  if (essay.tags.length > 0) footerParts.push(essay.tags.map((tag) => `#${tag}`).join(' '));
  if (pages.length > 1)
    footerParts.push(t(locale, 'essay.pageOf', { page: page + 1, pages: pages.length }));
  if (essay.hidden) footerParts.push(t(locale, 'essay.hiddenMark'));
  const embed: APIEmbed = {
    title: truncate(shownTitle(essay), LIMITS.title),
    description: behindWarning(essay, pages[page]!, locale),
    color: ACCENT,
    footer: { text: truncate(footerParts.join(' · '), LIMITS.footer) },
  };
  return message({
    embeds: [embed],
    components: rows([
      ...(pages.length > 1 ? pager(page, pages.length, (p) => essayIds.page(essay.id, p)) : []),
      relatedButton(essay.id, locale),
    ]),
  });
}
