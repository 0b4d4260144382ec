/**
 * A handler's message as text for a terminal: content, then each embed
 * (title, description, fields, picture, footer), then the buttons as
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
  type APIEmbed,
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

function renderEmbed(embed: APIEmbed, options: RenderOptions, shownFiles: Set<string>): string {
  const { style } = options;
  const md = (s: string) => markdownToText(s, options);
  const blocks: string[] = [];
  const head = [
    embed.author?.name ? dim(md(embed.author.name), style) : '',
    embed.title ? bold(md(embed.title), style) : '',
    embed.url ?? '',
  ]
    .filter((s) => s !== '')
    .join('\n');
  if (head) blocks.push(head);
  if (embed.description) blocks.push(md(embed.description));
  if (embed.fields && embed.fields.length > 0) {
    blocks.push(
      embed.fields
        .map((f) => {
          const value = md(f.value);
          const name = bold(md(f.name), style);
          return value.includes('\n')
            ? `${name}\n${value.replace(/^/gmu, '  ')}`
            : `${name}: ${value}`;
        })
        .join('\n'),
    );
  }
  for (const url of [embed.image?.url, embed.thumbnail?.url]) {
    if (!url) continue;
    const attached = url.startsWith('attachment://')
      ? url.slice('attachment://'.length)
      : undefined;
    if (attached) shownFiles.add(attached);
    blocks.push(
      t(options.locale, 'console.image', { path: attached ? fileRef(attached, options) : url }),
    );
  }
  const footer = [
    embed.footer?.text ? embed.footer.text.replace(CONTROL, '') : '',
    embed.timestamp
      ? formatTimestamp(Date.parse(embed.timestamp) / 1000, 'f', options.locale, options.timeZone)
      : '',
  ]
    .filter((s) => s !== '')
    .join(' · ');
  if (footer) blocks.push(dim(footer, style));
  return blocks.join('\n\n');
}

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

/** Renders a message: its text, and the buttons numbered from 1 in reading order. */
export function renderPayload(payload: MessagePayload, options: RenderOptions): RenderedMessage {
  const blocks: string[] = [];
  const shownFiles = new Set<string>();
  if (payload.content) blocks.push(markdownToText(payload.content, options));
  for (const embed of payload.embeds ?? []) {
    const text = renderEmbed(embed, options, shownFiles);
    if (text) blocks.push(text);
  }
  const files = (payload.files ?? []).filter((f) => !shownFiles.has(f.name));
  if (files.length > 0)
    blocks.push(
      files
        .map((f) => t(options.locale, 'console.file', { path: fileRef(f.name, options) }))
        .join('\n'),
    );

  const actions: ConsoleAction[] = [];
  const rowLines: string[] = [];
  let hasMenu = false;
  for (const row of payload.components ?? []) {
    if (row.type !== ComponentType.ActionRow) continue;
    const cells: string[] = [];
    for (const component of row.components) {
      if (component.type !== ComponentType.Button) {
        hasMenu = true;
        continue;
      }
      const { text, action } = renderButton(component, actions.length + 1, options);
      actions.push(action);
      cells.push(text);
    }
    if (cells.length > 0) rowLines.push(cells.join('  '));
  }
  if (hasMenu) rowLines.push(dim(t(options.locale, 'console.menu'), options.style));
  if (rowLines.length > 0) blocks.push(rowLines.join('\n'));
  return { text: blocks.join('\n\n'), actions };
}
