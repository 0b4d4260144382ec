/**
 * Showing the author's text as written in Discord: everything Discord would
 * read as markdown (emphasis, headings, lists, links, mentions, spoilers,
 * code) is escaped. Pure.
 */

/** Characters that are markdown anywhere in a line. Discord hides a backslash before any of them. */
const INLINE = /[\\*_~`|[\]()<>]/gu;
/** Markers that are markdown only at the start of a line: headings, quotes, lists, subtext. */
const LINE_START = /^(\s*)(#{1,3}\s|>\s?|[-+*]\s|\d+\.\s|-#\s)/gmu;

export function escapeMarkdown(text: string): string {
  return text.replace(INLINE, '\\$&').replace(LINE_START, (_m, indent: string, marker: string) =>
    // A backslash before a digit would show; escape the list's dot instead.
    /^\d/u.test(marker) ? `${indent}${marker.replace('.', '\\.')}` : `${indent}\\${marker}`,
  );
}
