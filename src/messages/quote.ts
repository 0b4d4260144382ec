/** Quote payloads: one quote with its attribution, and pages of quotes (lists, search results). */
import {
  ButtonStyle,
  ComponentType,
  type APIButtonComponent,
  type APIComponentInContainer,
} from 'discord-api-types/v10';
import type { Essay } from '../journal/essay.js';
import { displayTitle, truncate } from '../journal/display.js';
import { escapeMarkdown } from '../journal/markdown.js';
import { t, type Locale } from '../i18n/index.js';
import { button, container, message, rows, separator, small, textDisplay } from './builders.js';
import { dateAndPlace, essayIds } from './essay.js';
import { LIMITS } from './limits.js';
import {
  entryPreview,
  openEssayButton,
  renderPagedList,
  type ListEntry,
  type ListFrame,
} from './list.js';
import type { MessagePayload } from './payload.js';

/**
 * A quote as far as a message shows it: the store's quotes fit this shape,
 * so this layer needs no store types.
 */
export type Quote =
  | { kind: 'extracted'; id: number; text: string }
  | {
      kind: 'curated';
      id: number;
      text: string;
      /** The Discord message it was saved from, if any. */
      message: { url: string; authorId: string | null; sentAt: string | null } | null;
    };

/** "title · date · place": where a quote comes from. */
export function quoteAttribution(essay: Pick<Essay, 'title' | 'date' | 'place' | 'body'>): string {
  return `${displayTitle(essay, false)} · ${dateAndPlace(essay)}`;
}

function linkButton(url: string, label: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Link,
    url,
    label: truncate(label, LIMITS.buttonLabel),
  };
}

/**
 * Where a quote without an essay comes from: who wrote the message it was
 * saved from, and when (a Discord timestamp, shown in the reader's own
 * language and time zone), as an extracted quote shows its essay's date.
 */
export function messageAuthorLine(quote: Quote): string | null {
  if (quote.kind !== 'curated' || !quote.message?.authorId) return null;
  const sentAt = quote.message.sentAt ? Date.parse(quote.message.sentAt) : NaN;
  const when = Number.isNaN(sentAt) ? '' : ` · <t:${Math.floor(sentAt / 1000)}:D>`;
  return `— <@${quote.message.authorId}>${when}`;
}

/** The footer line of a quote: its essay, else where it was saved from. */
function sourceLine(quote: Quote, essay: Essay | null, locale: Locale): string {
  if (essay) return quoteAttribution(essay);
  return t(
    locale,
    quote.kind === 'curated' && quote.message ? 'quote.fromMessage' : 'quote.curatedFooter',
  );
}

/** Room a quote card leaves for the words: the source line and the author line take the rest. */
const QUOTE_CARD_CHARS = 3400;

/**
 * One quote as a card: the words as a block quote (escaped, so they show as
 * written and mentions in them stay text), the attribution as a subtle
 * line, and buttons to read the essay or jump to the message it was saved from.
 */
export function renderQuote(quote: Quote, essay: Essay | null, locale: Locale): MessagePayload {
  const author = messageAuthorLine(quote);
  const words = escapeMarkdown(truncate(quote.text, QUOTE_CARD_CHARS));
  const parts: APIComponentInContainer[] = [
    textDisplay(author ? `${blockQuote(words)}\n${author}` : blockQuote(words)),
    small(truncate(escapeMarkdown(sourceLine(quote, essay, locale)), 300)),
  ];
  const buttons: APIButtonComponent[] = [];
  if (essay)
    buttons.push(button(essayIds.open(essay.id), t(locale, 'quote.readEssay'), { emoji: '📖' }));
  if (quote.kind === 'curated' && quote.message)
    buttons.push(linkButton(quote.message.url, t(locale, 'quote.originalMessage')));
  if (buttons.length > 0) parts.push(separator(), ...rows(buttons));
  return message({ components: [container(parts)] });
}

/** Markdown block quote of every line (`> `), so a paragraph break does not end the quote. */
export function blockQuote(markdown: string): string {
  return markdown.replace(/^/gmu, '> ');
}

/** A line in a page of quotes. */
export interface ListedQuote {
  quote: Quote;
  essay: Essay | null;
  /** The words already formatted for Discord (escaped, highlighted); else the escaped text. */
  preview?: string;
  /** A note after the attribution, e.g. why authors see a quote others do not. */
  note?: string;
}

/**
 * A page of quotes: numbered entries (curated ones with their `#id`, which
 * /quote remove takes), one button per essay on the page that opens it, and
 * a pager when `pageCount > 1`.
 */
export function renderQuoteList(
  input: ListFrame & { items: readonly ListedQuote[]; locale: Locale },
): MessagePayload {
  const { locale } = input;
  // Several quotes of a page may come from one essay: one button for them all, beside the first,
  // since custom ids must be unique.
  const numbersOf = new Map<number, number[]>();
  input.items.forEach(({ essay }, i) => {
    if (essay) numbersOf.set(essay.id, [...(numbersOf.get(essay.id) ?? []), i + 1]);
  });
  const entries = input.items.map(({ quote, essay, preview, note }, i): ListEntry => {
    const id = quote.kind === 'curated' ? ` #${quote.id}` : '';
    const source = truncate(
      [messageAuthorLine(quote) ?? `— ${escapeMarkdown(sourceLine(quote, essay, locale))}`, note]
        .filter(Boolean)
        .join(' · '),
      120,
    );
    const lead = `\`${i + 1}${id}\` `;
    const words = entryPreview(preview ?? escapeMarkdown(quote.text), lead.length + source.length);
    const numbers = essay ? numbersOf.get(essay.id) : undefined;
    return {
      text: `${lead}${words}\n${source}`,
      button:
        essay && numbers?.[0] === i + 1 ? openEssayButton(essay, numbers.join(', ')) : undefined,
    };
  });
  return renderPagedList({ ...input, entries });
}
