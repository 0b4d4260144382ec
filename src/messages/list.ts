/** Paged lists: essays of a day, all essays, search results, quotes share one card. */
import type { APIButtonComponent, APIComponentInContainer } from 'discord-api-types/v10';
import type { Essay } from '../journal/essay.js';
import { excerpt, truncate } from '../journal/display.js';
import { escapeMarkdown } from '../journal/markdown.js';
import type { Locale } from '../i18n/index.js';
import { behindWarning, shownTitle, warningLine } from './contentWarning.js';
import {
  button,
  container,
  heading,
  message,
  pager,
  rows,
  section,
  separator,
  small,
  textDisplay,
} from './builders.js';
import { essayIds } from './essay.js';
import { LIST_ENTRY_CHARS, TITLE_CHARS } from './limits.js';
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

/** One entry of a list: its text (≤ LIST_ENTRY_CHARS, already formatted) and the button beside it. */
export interface ListEntry {
  text: string;
  button?: APIButtonComponent;
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

/** Intro and footer lines are sentences, not essays: cut so ten entries always fit beside them. */
const FRAME_LINE_CHARS = 200;
/** A title in a list's head line. */
const HEAD_TITLE_CHARS = 80;

/**
 * A preview cut to what is left of an entry's share once its head (and
 * warning line) are counted; cut before the spoiler marks go around it, so
 * they always close.
 */
export function entryPreview(preview: string, usedChars: number): string {
  return truncate(preview, Math.max(20, LIST_ENTRY_CHARS - usedChars));
}

/**
 * A page of essays: one Section per entry (head line and preview, behind
 * the essay's content warning), with a numbered button that opens it, and
 * a pager when `pageCount > 1`.
 */
export function renderEssayList(
  input: ListFrame & { items: readonly ListedEssay[]; locale: Locale },
): MessagePayload {
  const entries = input.items.map((item, i): ListEntry => {
    const e = { ...item.essay, body: 'body' in item.essay ? item.essay.body : item.essay.excerpt };
    const head = [
      item.lead ? `**${item.lead}**` : null,
      escapeMarkdown(truncate(shownTitle(e, item.lead === undefined), HEAD_TITLE_CHARS)),
      e.place ? escapeMarkdown(e.place) : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const used = head.length + (e.warning ? warningLine(e.warning, input.locale).length + 6 : 2);
    // An excerpt ends at a sentence within the room left; a given preview (a search snippet) is cut.
    const preview =
      item.preview === undefined
        ? escapeMarkdown(
            excerpt(e.body, Math.max(20, LIST_ENTRY_CHARS - used)).replace(/\n+/gu, ' '),
          )
        : entryPreview(item.preview, used);
    return {
      text: `${head}\n${behindWarning(e, preview, input.locale)}`,
      button: openEssayButton(item.essay, String(i + 1)),
    };
  });
  return renderPagedList({ ...input, entries });
}

/** The 📖 button that opens an essay privately, labelled with its entry numbers and date. */
export function openEssayButton(
  essay: Pick<Essay, 'id' | 'date'>,
  numbers: string,
): APIButtonComponent {
  return button(essayIds.open(essay.id), `${numbers} · ${essay.date}`, { emoji: '📖' });
}

/**
 * The card every paged list shares (essays, search results, quotes): the
 * title as a heading, the intro, one Section per entry (a TextDisplay when
 * it has no button), the footer as a subtle line, and ◀ k/n ▶ when there is
 * more than one page. `message` checks the budget: LIST_PAGE_SIZE entries of
 * LIST_ENTRY_CHARS always fit.
 */
export function renderPagedList(
  input: ListFrame & { entries: readonly ListEntry[] },
): MessagePayload {
  const parts: APIComponentInContainer[] = [heading(truncate(input.title, TITLE_CHARS))];
  if (input.intro) parts.push(textDisplay(truncate(input.intro, FRAME_LINE_CHARS)));
  for (const entry of input.entries) {
    // Not cut here: a cut could drop the closing `||` of a spoiler. Entries arrive within their share.
    parts.push(entry.button ? section(entry.text, entry.button) : textDisplay(entry.text));
  }
  if (input.footer) parts.push(small(truncate(input.footer, FRAME_LINE_CHARS)));
  if (input.pageCount > 1 && input.pageId)
    parts.push(separator(), ...rows(pager(input.page, input.pageCount, input.pageId)));
  return message({ components: [container(parts)] });
}

/** A list with nothing in it (no results, an empty journal): its title and one sentence. */
export function renderEmptyList(title: string, text: string): MessagePayload {
  return renderPagedList({ title, intro: text, entries: [], page: 0, pageCount: 1 });
}
