/**
 * The anniversary post: one card with what the author wrote on this
 * month-day in every earlier year, in the server's language. Each essay gets a button that opens it
 * whole, privately and paged (the `essay:open` route).
 */
import { t, yearsAgoLabel, type Locale } from '../i18n/index.js';
import { displayTitle, excerpt } from '../journal/display.js';
import { escapeMarkdown } from '../journal/markdown.js';
import type { Essay } from '../journal/essay.js';
import type { ShownDayEntry } from '../journal/onThisDay.js';
import { button, container, heading, message, rows, separator, textDisplay } from './builders.js';
import { formatMonthDay } from './dates.js';
import { dateAndPlace, essayIds } from './essay.js';
import { LIST_PAGE_SIZE } from './limits.js';
import { renderEssayList } from './list.js';
import type { MessagePayload } from './payload.js';
import { blockQuote, messageAuthorLine, type Quote } from './quote.js';

/** A quote from the journal, for days with nothing to remember: drawn as /quote random draws. */
export interface DayQuote {
  quote: Quote;
  /** The visible essay it is attributed to, if any. */
  essay: Essay | null;
}

/** What a day's post is made of. */
export interface AnniversaryContent {
  /** The server's local date the post is for. */
  date: string;
  /** Essays of this month-day in earlier years, newest first: the first LIST_PAGE_SIZE, which the post shows. */
  essays: ShownDayEntry[];
  /** How many more essays of this month-day the post only mentions. */
  more: number;
  /** When there are no essays and empty days show the nearest days: the first LIST_PAGE_SIZE of them. */
  nearest: ShownDayEntry[];
  /** When `essays` is empty and empty days show a quote. */
  quote: DayQuote | null;
}

/** The longest quote shown: a sentence, not a paragraph. */
const QUOTE_CHARS = 300;

/** The post as a Discord message, or null when there is nothing to post (an empty day set to skip). */
export function renderAnniversaryPost(
  content: AnniversaryContent,
  locale: Locale,
): MessagePayload | null {
  const day = formatMonthDay(content.date, locale);
  const title = t(locale, 'today.title', { date: day });
  if (content.essays.length > 0) {
    const { more } = content;
    return renderEssayList({
      title,
      items: content.essays
        .slice(0, LIST_PAGE_SIZE)
        .map((essay) => ({ essay, lead: yearsAgoLabel(locale, essay.yearsAgo) })),
      page: 0,
      pageCount: 1,
      footer:
        more > 0 ? t(locale, 'post.more', { n: more, date: content.date.slice(5) }) : undefined,
      locale,
    });
  }
  if (content.nearest.length > 0) {
    return renderEssayList({
      title: t(locale, 'today.nearestTitle', { date: day }),
      intro: `${t(locale, 'today.none', { date: day })}\n${t(locale, 'today.nearest')}`,
      items: content.nearest.slice(0, LIST_PAGE_SIZE).map((essay) => ({ essay, lead: essay.date })),
      page: 0,
      pageCount: 1,
      locale,
    });
  }
  if (content.quote) {
    const { essay } = content.quote;
    const quote = escapeMarkdown(excerpt(content.quote.quote.text, QUOTE_CHARS)).replace(
      /\n+/gu,
      ' ',
    );
    const source = essay
      ? `— ${escapeMarkdown(displayTitle(essay, false))} · ${escapeMarkdown(dateAndPlace(essay))}`
      : (messageAuthorLine(content.quote.quote) ?? '');
    const read = essay
      ? [
          separator(),
          ...rows([button(essayIds.open(essay.id), t(locale, 'quote.readEssay'), { emoji: '📖' })]),
        ]
      : [];
    return message({
      components: [
        container([
          heading(title),
          textDisplay(
            `${t(locale, 'post.quoteIntro', { date: day })}\n\n${blockQuote(quote)}\n${source}`,
          ),
          ...read,
        ]),
      ],
    });
  }
  return null;
}
