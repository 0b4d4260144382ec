/** Paged lists: essays of a day, all essays, search results, quotes share one frame. */
import type { APIButtonComponent, APIEmbed } from 'discord-api-types/v10';
import type { Essay } from '../journal/essay.js';
import { excerpt, truncate } from '../journal/display.js';
import { escapeMarkdown } from '../journal/markdown.js';
import type { Locale } from '../i18n/index.js';
import { behindWarning, shownTitle } from './contentWarning.js';
import { button, message, pager, rows } from './builders.js';
import { essayIds } from './essay.js';
import { ACCENT, LIMITS } from './limits.js';
import type { MessagePayload } from './payload.js';

/** What every paged list says around its entries. */
export interface ListFrame {
  title: string;
  /** A line above the entries (e.g. "nothing today; the nearest days:"). */
  intro?: string;
  /** 0-based. */
  page: number;
  pageCount: number;
  /** The custom id of a page's button; no pager without it. */
  pageId?: (page: number) => string;
  footer?: string;
}

/** A line in a list of essays: "**1 year ago** · title · place" and an excerpt. */
export interface ListedEssay {
  /** The body, or for a day list only its opening (`excerpt`, see DayEntry). */
  essay: Pick<Essay, 'id' | 'title' | 'date' | 'place' | 'warning'> &
    ({ body: string } | { excerpt: string });
  /** Bold lead-in, e.g. "1 year ago". */
  lead?: string;
  /** Preview text already formatted for Discord (escaped, highlighted); else an excerpt of the body. */
  preview?: string;
}

const LIST_EXCERPT = 300;

/**
 * A page of essays: numbered entries in the description, a numbered button
 * per entry that opens it, and a pager when `pageCount > 1`.
 */
export function renderEssayList(
  input: ListFrame & { items: readonly ListedEssay[]; locale: Locale },
): MessagePayload {
  const entries = input.items.map((item, i) => {
    const e = { ...item.essay, body: 'body' in item.essay ? item.essay.body : item.essay.excerpt };
    const head = [
      item.lead ? `**${item.lead}**` : null,
      escapeMarkdown(shownTitle(e, item.lead === undefined)),
      e.place ? escapeMarkdown(e.place) : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const preview =
      item.preview ?? escapeMarkdown(excerpt(e.body, LIST_EXCERPT).replace(/\n+/gu, ' '));
    return `\`${i + 1}\` ${head}\n${behindWarning(e, preview, input.locale)}`;
  });
  const openButtons = input.items.map((item, i) => openEssayButton(item.essay, String(i + 1)));
  return renderPagedList({ ...input, entries, buttons: openButtons });
}

/** The 📖 button that opens an essay privately, labelled with its entry numbers and date. */
export function openEssayButton(
  essay: Pick<Essay, 'id' | 'date'>,
  numbers: string,
): APIButtonComponent {
  return button(essayIds.open(essay.id), `${numbers} · ${essay.date}`, { emoji: '📖' });
}

/**
 * The frame every paged list shares (essays, search results, quotes): an
 * embed of entries within the description limit, rows of buttons, and ◀ k/n ▶
 * when there is more than one page.
 */
export function renderPagedList(
  input: ListFrame & { entries: readonly string[]; buttons: APIButtonComponent[] },
): MessagePayload {
  const description = truncate(
    [input.intro, ...input.entries].filter(Boolean).join('\n\n'),
    LIMITS.description,
  );
  const nav =
    input.pageCount > 1 && input.pageId ? pager(input.page, input.pageCount, input.pageId) : [];
  const embed: APIEmbed = {
    title: truncate(input.title, LIMITS.title),
    description,
    color: ACCENT,
  };
  if (input.footer) embed.footer = { text: truncate(input.footer, LIMITS.footer) };
  return message({ embeds: [embed], components: [...rows(input.buttons), ...rows(nav)] });
}
