/**
 * Payload builders: essays, lists and notices as Discord API JSON. Pure;
 * Discord's message and component limits
 * (https://discord.com/developers/docs/resources/message#embed-object-embed-limits,
 * https://discord.com/developers/docs/components/reference) are respected
 * here so no caller has to think about them (a test renders the worst cases
 * through the fake Discord).
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from 'discord-api-types/v10';
import type { Essay } from '../journal/essay.js';
import { excerpt, truncate } from '../journal/display.js';
import { escapeMarkdown } from '../journal/markdown.js';
import { clampPage, paginate } from '../journal/paging.js';
import { t, type Locale } from '../i18n/index.js';
import type { MessagePayload, Reply } from '../commands/types.js';
import { behindWarning, shownTitle } from '../messages/contentWarning.js';

export const LIMITS = {
  content: 2000,
  description: 4096,
  title: 256,
  footer: 2048,
  fieldValue: 1024,
  buttonLabel: 80,
  customId: 100,
  embedsTotal: 6000,
  choices: 25,
  choiceName: 100,
} as const;

/** Room for an essay page: the description limit less the title line's share of the 6000 total. */
export const ESSAY_PAGE_CHARS = 4000;

/** Ink-blue accent shared by every embed. */
export const ACCENT = 0x3b5b92;

/** Every message goes out with mentions disabled. */
export function message(parts: Omit<MessagePayload, 'allowed_mentions'>): MessagePayload {
  return { ...parts, allowed_mentions: { parse: [] } };
}

/** A one-sentence answer (errors, confirmations); ephemeral unless said otherwise. */
export function notice(text: string, ephemeral = true): Reply {
  return {
    kind: 'message',
    ephemeral,
    payload: message({ content: truncate(text, LIMITS.content) }),
  };
}

export function button(
  customId: string,
  label: string,
  options: { style?: ButtonStyle; disabled?: boolean; emoji?: string } = {},
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: truncate(label, LIMITS.buttonLabel),
    style: (options.style ?? ButtonStyle.Secondary) as ButtonStyle.Secondary,
    disabled: options.disabled ?? false,
    ...(options.emoji ? { emoji: { name: options.emoji } } : {}),
  };
}

/** Buttons in rows of five (Discord's maximum per row). */
export function rows(
  buttons: APIButtonComponent[],
): Array<APIActionRowComponent<APIComponentInMessageActionRow>> {
  const out: Array<APIActionRowComponent<APIComponentInMessageActionRow>> = [];
  for (let i = 0; i < buttons.length; i += 5)
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + 5) });
  return out;
}

/**
 * ◀ k/n ▶ navigation. `idFor(page)` builds the custom id for a page; the
 * targets of disabled buttons are out of range on purpose so every id on
 * the message stays unique.
 */
export function pager(
  page: number,
  pageCount: number,
  idFor: (page: number) => string,
): APIButtonComponent[] {
  return [
    button(idFor(page - 1), '◀', { disabled: page <= 0 }),
    button(`noop:${idFor(page)}`.slice(0, LIMITS.customId), `${page + 1}/${pageCount}`, {
      disabled: true,
    }),
    button(idFor(page + 1), '▶', { disabled: page >= pageCount - 1 }),
  ];
}

/** "2025-11-01 · 北京" */
export function dateAndPlace(essay: Pick<Essay, 'date' | 'place'>): string {
  return essay.place ? `${essay.date} · ${essay.place}` : essay.date;
}

/** What a content warning's line and spoiler marks can take of a page (the warning is ≤ 100 characters, escaped ≤ 200). */
const WARNING_ROOM = 300;

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
    components:
      pages.length > 1 ? rows(pager(page, pages.length, (p) => essayIds.page(essay.id, p))) : [],
  });
}

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

/** Entries per list page: ten entries fill two rows of buttons, leaving one for the pager. */
export const LIST_PAGE_SIZE = 10;
