/** The pieces every message is built from: the mention-safe payload, notices, buttons, rows and the pager. */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
} from 'discord-api-types/v10';
import { truncate } from '../journal/display.js';
import { LIMITS } from './limits.js';
import type { MessagePayload, Reply } from './payload.js';

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

/** Discord's timestamp markup, shown in each reader's own zone: `<t:1762000000:F>`. */
export function discordTimestamp(at: Date, style: 'F' | 'R' | 'f' | 'D' = 'F'): string {
  return `<t:${Math.floor(at.getTime() / 1000)}:${style}>`;
}
