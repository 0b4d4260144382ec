/** Quote payloads: one quote with its attribution, and pages of quotes (lists, search results). */
import {
  ButtonStyle,
  ComponentType,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord-api-types/v10';
import type { Essay } from '../journal/essay.js';
import { displayTitle, truncate } from '../journal/display.js';
import { escapeMarkdown } from '../journal/markdown.js';
import { t, type Locale } from '../i18n/index.js';
import { button, message, rows } from './builders.js';
import { dateAndPlace, essayIds } from './essay.js';
import { ACCENT, LIMITS } from './limits.js';
import { openEssayButton, renderPagedList, type ListFrame } from './list.js';
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

/**
 * One quote as an embed: the words (escaped, so they show as written and
 * mentions in them stay text), the attribution, and buttons to read the
 * essay or jump to the message it was saved from.
 */
export function renderQuote(quote: Quote, essay: Essay | null, locale: Locale): MessagePayload {
  const author = messageAuthorLine(quote);
  const words = escapeMarkdown(quote.text);
  const embed: APIEmbed = {
    description: truncate(author ? `${words}\n\n${author}` : words, LIMITS.description),
    color: ACCENT,
    footer: { text: truncate(sourceLine(quote, essay, locale), LIMITS.footer) },
  };
  const buttons: APIButtonComponent[] = [];
  if (essay)
    buttons.push(button(essayIds.open(essay.id), t(locale, 'quote.readEssay'), { emoji: '📖' }));
  if (quote.kind === 'curated' && quote.message)
    buttons.push(linkButton(quote.message.url, t(locale, 'quote.originalMessage')));
  return message({ embeds: [embed], components: rows(buttons) });
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
  const entries = input.items.map(({ quote, essay, preview, note }, i) => {
    const id = quote.kind === 'curated' ? ` #${quote.id}` : '';
    const source = [
      messageAuthorLine(quote) ?? `— ${escapeMarkdown(sourceLine(quote, essay, locale))}`,
      note,
    ]
      .filter(Boolean)
      .join(' · ');
    return `\`${i + 1}${id}\` ${preview ?? escapeMarkdown(quote.text)}\n${source}`;
  });
  // Several quotes of a page may come from one essay: one button each, since custom ids must be unique.
  const byEssay = new Map<number, { essay: Essay; numbers: number[] }>();
  input.items.forEach(({ essay }, i) => {
    if (!essay) return;
    const entry = byEssay.get(essay.id) ?? { essay, numbers: [] };
    entry.numbers.push(i + 1);
    byEssay.set(essay.id, entry);
  });
  const open = [...byEssay.values()].map(({ essay, numbers }) =>
    openEssayButton(essay, numbers.join(', ')),
  );
  return renderPagedList({ ...input, entries, buttons: open });
}
