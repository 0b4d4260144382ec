/**
 * What a message shows, read without caring about its layout: every text
 * display (inside containers and sections too) and every button, in reading
 * order. Works on a handler's payload and on a message the fake Discord
 * stored alike, so tests assert on words and custom ids, not on where a
 * renderer put them.
 */
const TEXT_DISPLAY = 10;
const BUTTON = 2;

export interface ButtonJson {
  /** Empty for link buttons, which carry a url instead. */
  custom_id: string;
  label?: string;
  disabled?: boolean;
  url?: string;
  style?: number;
  emoji?: { name?: string };
}

type Node = Record<string, unknown>;

function walk(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as Node;
  visit(node);
  walk(node.components, visit);
  walk(node.accessory, visit);
}

/** The components of a payload or a stored message (either has `components`). */
function componentsOf(message: { components?: unknown } | null | undefined): unknown {
  return message?.components ?? [];
}

/** Every text display's markdown, joined by newlines (headings, small lines, bodies, entries). */
export function textOf(message: { components?: unknown } | null | undefined): string {
  const out: string[] = [];
  walk(componentsOf(message), (node) => {
    if (node.type === TEXT_DISPLAY && typeof node.content === 'string') out.push(node.content);
  });
  return out.join('\n');
}

/** Every button, wherever it sits (action rows at the top or in a container, section accessories). */
export function buttonsOf(message: { components?: unknown } | null | undefined): ButtonJson[] {
  const out: ButtonJson[] = [];
  walk(componentsOf(message), (node) => {
    if (node.type === BUTTON) out.push(node as unknown as ButtonJson);
  });
  return out;
}

/** The custom ids of a message's buttons (links have none). */
export function customIdsOf(message: { components?: unknown } | null | undefined): string[] {
  return buttonsOf(message).flatMap((b) => (b.custom_id ? [b.custom_id] : []));
}

/** Text and button labels together: what a reader sees on the message. */
export function shownTextOf(message: { components?: unknown } | null | undefined): string {
  return [textOf(message), ...buttonsOf(message).map((b) => b.label ?? '')].join('\n');
}

/** Markdown escapes undone (`\*` → `*`), for comparing shown text with what was written. */
export function unescaped(markdown: string): string {
  return markdown.replace(/\\(.)/gu, '$1');
}

/** The first text display: a notice's whole sentence, or the note above a card (`withNote`). */
export function leadOf(message: { components?: unknown } | null | undefined): string {
  let first: string | undefined;
  walk(componentsOf(message), (node) => {
    if (first === undefined && node.type === TEXT_DISPLAY && typeof node.content === 'string')
      first = node.content;
  });
  return first ?? '';
}

/** A card's title: its first `## ` heading, without the marks. */
export function titleOf(message: { components?: unknown } | null | undefined): string {
  const line = textOf(message)
    .split('\n')
    .find((l) => l.startsWith('## '));
  return line === undefined ? '' : line.slice(3);
}

/** A card's last subtle line (`-# `), without the marks: a list's count, a quote's source. */
export function footerOf(message: { components?: unknown } | null | undefined): string {
  const line = textOf(message)
    .split('\n')
    .findLast((l) => l.startsWith('-# '));
  return line === undefined ? '' : line.slice(3);
}
