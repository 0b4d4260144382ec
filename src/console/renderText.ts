/**
 * A handler's message (Components V2) as text for a terminal: headings,
 * text, small lines, separators, pictures and files, and the buttons as
 * numbered actions. Pure; the session saves files and passes their paths in.
 *
 * Discord markdown is read, not printed: escapes are undone, `**bold**` and
 * code spans become bold and plain text on a terminal (and stay as written
 * when the output is piped, so scripts see what Discord would), Discord
 * timestamps become dates. Control characters from the journal are dropped
 * so an essay can never drive the terminal.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIButtonComponent,
  type APIComponentInContainer,
  type APIMessageComponentEmoji,
} from 'discord-api-types/v10';
import { t, type Locale } from '../i18n/index.js';
import type { MessagePayload } from '../messages/payload.js';

/** `ansi` on a terminal; `plain` when piped. */
export type TextStyle = 'ansi' | 'plain';

export interface RenderOptions {
  style: TextStyle;
  locale: Locale;
  /** IANA zone Discord timestamps are shown in. */
  timeZone: string;
  /** Where each attached file was saved, by file name. */
  savedFiles?: ReadonlyMap<string, string>;
}

/** A button as the console offers it: typing `number` presses it. */
export interface ConsoleAction {
  number: number;
  label: string;
  disabled: boolean;
  /** What pressing it runs (absent for links). */
  customId?: string;
  /** Link buttons open this instead. */
  url?: string;
}

export interface RenderedMessage {
  text: string;
  actions: ConsoleAction[];
}

const BOLD = ['\x1b[1m', '\x1b[22m'] as const;
const DIM = ['\x1b[2m', '\x1b[22m'] as const;

// Everything but tab and newline in C0, DEL and C1: an ESC in an essay must not reach the terminal.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/u;
const TIMESTAMP = /<t:(-?\d{1,13})(?::([tTdDfFR]))?>/gu;
const MENTION = /<(#|@&|@!?)(\d{17,20})>/gu;

function bold(text: string, style: TextStyle): string {
  return style === 'ansi' && text !== '' ? `${BOLD[0]}${text}${BOLD[1]}` : text;
}

function dim(text: string, style: TextStyle): string {
  return style === 'ansi' && text !== '' ? `${DIM[0]}${text}${DIM[1]}` : text;
}

const TIMESTAMP_FORMATS: Record<string, Intl.DateTimeFormatOptions> = {
  t: { timeStyle: 'short' },
  T: { timeStyle: 'medium' },
  d: { dateStyle: 'short' },
  D: { dateStyle: 'long' },
  f: { dateStyle: 'long', timeStyle: 'short' },
  F: { dateStyle: 'full', timeStyle: 'short' },
  // "in 3 hours" needs a clock; the date itself says as much.
  R: { dateStyle: 'long', timeStyle: 'short' },
};

function formatTimestamp(
  seconds: number,
  format: string,
  locale: Locale,
  timeZone: string,
): string {
  return new Intl.DateTimeFormat(locale, { ...TIMESTAMP_FORMATS[format], timeZone }).format(
    new Date(seconds * 1000),
  );
}

/** Discord markdown as text to read (see the module comment). */
export function markdownToText(
  markdown: string,
  options: Pick<RenderOptions, 'style' | 'locale' | 'timeZone'>,
): string {
  const { style } = options;
  const text = markdown
    .replace(CONTROL, '')
    .replace(TIMESTAMP, (_m, seconds: string, format: string | undefined) =>
      formatTimestamp(Number(seconds), format ?? 'f', options.locale, options.timeZone),
    )
    .replace(MENTION, (_m, sigil: string, id: string) => `${sigil.replace('!', '')}${id}`);
  let out = '';
  let inBold = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && ASCII_PUNCTUATION.test(next)) {
      out += next;
      i++;
    } else if (ch === '`') {
      // A code span shows its text verbatim, backslashes included.
      const close = text.indexOf('`', i + 1);
      if (close < 0) {
        out += ch;
        continue;
      }
      const code = text.slice(i + 1, close);
      out += style === 'ansi' ? code : `\`${code}\``;
      i = close;
    } else if (ch === '*' && next === '*' && style === 'ansi') {
      out += inBold ? BOLD[1] : BOLD[0];
      inBold = !inBold;
      i++;
    } else {
      out += ch;
    }
  }
  return inBold ? out + BOLD[1] : out;
}

function emojiText(emoji: APIMessageComponentEmoji | undefined): string {
  if (!emoji) return '';
  return emoji.id ? `:${emoji.name ?? 'emoji'}:` : (emoji.name ?? '');
}

/** A saved file's path, or its bare name when it could not be saved. */
function fileRef(name: string, options: RenderOptions): string {
  return options.savedFiles?.get(name) ?? name;
}

/** A text display: `#` headings in bold, `-#` small lines dimmed, the rest as markdown. */
function renderTextDisplay(markdown: string, options: RenderOptions): string {
  return markdown
    .split('\n')
    .map((line) => {
      const headingMatch = /^#{1,3} (.*)$/u.exec(line);
      if (headingMatch) return bold(markdownToText(headingMatch[1]!, options), options.style);
      const smallMatch = /^-# (.*)$/u.exec(line);
      if (smallMatch) return dim(markdownToText(smallMatch[1]!, options), options.style);
      return markdownToText(line, options);
    })
    .join('\n');
}

const SEPARATOR_LINE = '─'.repeat(24);

function renderButton(
  button: APIButtonComponent,
  number: number,
  options: RenderOptions,
): { text: string; action: ConsoleAction } {
  const label = [
    'emoji' in button ? emojiText(button.emoji) : '',
    'label' in button ? (button.label ?? '') : '',
  ]
    .filter((s) => s !== '')
    .join(' ')
    .replace(CONTROL, '');
  const isLink = button.style === ButtonStyle.Link;
  // Premium (SKU) buttons cannot be bought from a console.
  const disabled = button.disabled === true || button.style === ButtonStyle.Premium;
  const action: ConsoleAction = { number, label, disabled };
  if (isLink) action.url = button.url;
  else if ('custom_id' in button) action.customId = button.custom_id;
  const text = `[${number}] ${label}${isLink ? ' ↗' : ''}`;
  return {
    text: disabled
      ? dim(`${text} (${t(options.locale, 'console.disabled')})`, options.style)
      : text,
    action,
  };
}

type Component = MessagePayload['components'][number] | APIComponentInContainer;

/** What rendering a message gathers in reading order: text blocks, buttons, files shown. */
interface RenderState {
  blocks: string[];
  actions: ConsoleAction[];
  shownFiles: Set<string>;
  hasMenu: boolean;
}

function attachmentName(url: string): string | undefined {
  return url.startsWith('attachment://') ? url.slice('attachment://'.length) : undefined;
}

function renderButtons(
  buttons: readonly APIButtonComponent[],
  state: RenderState,
  options: RenderOptions,
): string {
  return buttons
    .map((b) => {
      const { text, action } = renderButton(b, state.actions.length + 1, options);
      state.actions.push(action);
      return text;
    })
    .join('  ');
}

function renderComponent(component: Component, state: RenderState, options: RenderOptions): void {
  switch (component.type) {
    case ComponentType.Container:
      for (const child of component.components) renderComponent(child, state, options);
      break;
    case ComponentType.TextDisplay:
      state.blocks.push(renderTextDisplay(component.content, options));
      break;
    case ComponentType.Section: {
      const text = component.components.map((c) => renderTextDisplay(c.content, options));
      const accessory =
        component.accessory.type === ComponentType.Button
          ? renderButtons([component.accessory], state, options)
          : '';
      state.blocks.push([...text, accessory].filter((x) => x !== '').join('\n'));
      break;
    }
    case ComponentType.Separator:
      if (component.divider !== false) state.blocks.push(dim(SEPARATOR_LINE, options.style));
      break;
    case ComponentType.MediaGallery:
      for (const item of component.items) {
        const attached = attachmentName(item.media.url);
        if (attached) state.shownFiles.add(attached);
        state.blocks.push(
          t(options.locale, 'console.image', {
            path: attached ? fileRef(attached, options) : item.media.url,
          }),
        );
      }
      break;
    case ComponentType.File: {
      const attached = attachmentName(component.file.url) ?? component.file.url;
      state.shownFiles.add(attached);
      state.blocks.push(t(options.locale, 'console.file', { path: fileRef(attached, options) }));
      break;
    }
    case ComponentType.ActionRow: {
      const buttons = component.components.filter(
        (c): c is APIButtonComponent => c.type === ComponentType.Button,
      );
      if (buttons.length < component.components.length) state.hasMenu = true;
      if (buttons.length > 0) state.blocks.push(renderButtons(buttons, state, options));
      break;
    }
    default:
      break;
  }
}

/**
 * Renders a message: its components in reading order (headings bold, small
 * lines dim, separators as a rule, pictures and files by path), with the
 * buttons numbered from 1 where they stand.
 */
export function renderPayload(payload: MessagePayload, options: RenderOptions): RenderedMessage {
  const state: RenderState = { blocks: [], actions: [], shownFiles: new Set(), hasMenu: false };
  for (const component of payload.components) renderComponent(component, state, options);
  if (state.hasMenu) state.blocks.push(dim(t(options.locale, 'console.menu'), options.style));
  const files = (payload.files ?? []).filter((f) => !state.shownFiles.has(f.name));
  if (files.length > 0)
    state.blocks.push(
      files
        .map((f) => t(options.locale, 'console.file', { path: fileRef(f.name, options) }))
        .join('\n'),
    );
  return { text: state.blocks.join('\n\n'), actions: state.actions };
}
