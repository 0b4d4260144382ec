/**
 * The pieces every message is built from (Components V2, raw API JSON):
 *
 *   message({ components: [container([heading('Title'), small('2025-11-01 · 北京'),
 *     textDisplay(body), separator(), ...rows([button(id, '▶')])])] })
 *
 * - `message` adds mention safety and checks the whole message against
 *   Discord's budget (40 components, 4,000 characters of text): a renderer
 *   that would exceed it fails loudly in tests instead of being refused live.
 * - `notice` is a one-sentence answer (errors, confirmations); `withNote`
 *   puts such a sentence above another payload.
 * - `container` is the card (accent colour; `spoiler` hides all of it);
 *   `textDisplay`, `heading`, `small`, `section`, `separator`,
 *   `mediaGallery`, `button`, `rows`, `pager` go inside it.
 * - `budgetOf` counts what a layout costs, so list renderers can stop adding
 *   entries before the budget runs out.
 *
 * The adapter (src/discord/messageOptions.ts) sets the IS_COMPONENTS_V2 flag.
 */
import {
  ButtonStyle,
  ComponentType,
  SeparatorSpacingSize,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInContainer,
  type APIComponentInMessageActionRow,
  type APIContainerComponent,
  type APIFileComponent,
  type APIMediaGalleryComponent,
  type APIMessageTopLevelComponent,
  type APISectionComponent,
  type APISeparatorComponent,
  type APITextDisplayComponent,
} from 'discord-api-types/v10';
import { truncate } from '../journal/display.js';
import { ACCENT, LIMITS } from './limits.js';
import type { MessagePayload, Reply } from './payload.js';

/** What a layout costs against Discord's per-message limits. */
export interface Budget {
  /** Components, counted as Discord counts them: every container, section, row, button, text display… */
  components: number;
  /** Characters in all text displays (sections' included). */
  chars: number;
}

type AnyComponent = APIMessageTopLevelComponent | APIComponentInContainer | APIButtonComponent;

function addCost(component: AnyComponent, budget: Budget): void {
  budget.components++;
  switch (component.type) {
    case ComponentType.TextDisplay:
      budget.chars += component.content.length;
      break;
    case ComponentType.Section:
      for (const text of component.components) addCost(text, budget);
      budget.components++; // the accessory
      break;
    case ComponentType.Container:
    case ComponentType.ActionRow:
      for (const child of component.components) addCost(child as AnyComponent, budget);
      break;
    default:
      break;
  }
}

/** The cost of a list of components (a message's, or a part to be added to one). */
export function budgetOf(components: readonly AnyComponent[]): Budget {
  const budget = { components: 0, chars: 0 };
  for (const c of components) addCost(c, budget);
  return budget;
}

/** Whether components of cost `budget` fit in one message. */
export function fitsMessage(budget: Budget): boolean {
  return budget.components <= LIMITS.components && budget.chars <= LIMITS.text;
}

/** Every message goes out with mentions disabled, and within Discord's budget. */
export function message(parts: Omit<MessagePayload, 'allowed_mentions'>): MessagePayload {
  const budget = budgetOf(parts.components);
  if (!fitsMessage(budget))
    throw new RangeError(
      `message over budget: ${budget.components} components, ${budget.chars} characters`,
    );
  return { ...parts, allowed_mentions: { parse: [] } };
}

/** Markdown text (already escaped by the caller where it must show as written), cut to 4,000. */
export function textDisplay(markdown: string): APITextDisplayComponent {
  return { type: ComponentType.TextDisplay, content: truncate(markdown, LIMITS.text) };
}

/** A title line: `## text`. */
export function heading(markdown: string): APITextDisplayComponent {
  return textDisplay(`## ${markdown.replace(/\n+/gu, ' ')}`);
}

/** A subtle line in small grey text: `-# text`. */
export function small(markdown: string): APITextDisplayComponent {
  return textDisplay(`-# ${markdown.replace(/\n+/gu, ' ')}`);
}

/** Text with a button beside it (an entry of a list). */
export function section(
  markdown: string | string[],
  accessory: APIButtonComponent,
): APISectionComponent {
  const texts = (Array.isArray(markdown) ? markdown : [markdown]).slice(0, LIMITS.sectionTexts);
  return { type: ComponentType.Section, components: texts.map(textDisplay), accessory };
}

/** A line between parts of a card; `divider: false` leaves only space. */
export function separator(
  options: { divider?: boolean; spacing?: 'small' | 'large' } = {},
): APISeparatorComponent {
  return {
    type: ComponentType.Separator,
    divider: options.divider ?? true,
    spacing: options.spacing === 'large' ? SeparatorSpacingSize.Large : SeparatorSpacingSize.Small,
  };
}

/** Pictures: `url` is a link or `attachment://name` of a file sent with the message. */
export function mediaGallery(
  items: ReadonlyArray<{ url: string; description?: string }>,
): APIMediaGalleryComponent {
  return {
    type: ComponentType.MediaGallery,
    items: items.slice(0, LIMITS.galleryItems).map((item) => ({
      media: { url: item.url },
      ...(item.description
        ? { description: truncate(item.description, LIMITS.mediaDescription) }
        : {}),
    })),
  };
}

/** The card: everything of a message in one accented box. `spoiler` hides it until tapped. */
export function container(
  components: APIComponentInContainer[],
  options: { spoiler?: boolean } = {},
): APIContainerComponent {
  return {
    type: ComponentType.Container,
    accent_color: ACCENT,
    ...(options.spoiler ? { spoiler: true } : {}),
    components,
  };
}

/** A one-sentence answer (errors, confirmations) as a single text display; ephemeral unless said otherwise. */
export function notice(text: string, ephemeral = true): Reply {
  return { kind: 'message', ephemeral, payload: noticePayload(text) };
}

/** The message of a notice, for replies that need it in another shape (an update, a post). */
export function noticePayload(text: string): MessagePayload {
  return message({ components: [textDisplay(text)] });
}

/** A named value on a card (a figure of the stats, a line of the schedule status). */
export interface Field {
  name: string;
  value: string;
}

/** Fields as markdown: each name in bold, its value on the next line(s), cut to `valueChars`. */
export function fieldsText(fields: readonly Field[], valueChars = 400): string {
  return fields.map((f) => `**${f.name}**\n${truncate(f.value, valueChars)}`).join('\n\n');
}

/** Shows a file sent with the message (an export), so it is not an orphan attachment. */
export function fileDisplay(name: string): APIFileComponent {
  return { type: ComponentType.File, file: { url: `attachment://${name}` } };
}

/** A payload with one sentence above it (a confirmation over the card it is about, a preview's intro). */
export function withNote(text: string, payload: MessagePayload): MessagePayload {
  return message({ ...payload, components: [textDisplay(text), ...payload.components] });
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

/** Buttons in rows of five (Discord's maximum per row); usable inside a container or at the top. */
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

/** Discord's timestamp markup, shown in each reader's own zone: `<t:1762000000:F>`. */
export function discordTimestamp(at: Date, style: 'F' | 'R' | 'f' | 'D' = 'F'): string {
  return `<t:${Math.floor(at.getTime() / 1000)}:${style}>`;
}
