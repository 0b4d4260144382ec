/** How an essay is named and previewed on every surface. Pure. */
import type { EssayDraft } from './essay.js';

const MAX_WORDS_TITLE = 24;

/** Cuts at a code-point boundary so a surrogate pair is never split. */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return (
    chars
      .slice(0, Math.max(0, max - ellipsis.length))
      .join('')
      .trimEnd() + ellipsis
  );
}

/** The first non-blank line of a body. */
export function firstLine(body: string): string {
  return (
    body
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

/**
 * The title, or for an untitled essay its date and first words. Where the
 * date is already shown beside it, pass `withDate: false`.
 */
export function displayTitle(
  essay: Pick<EssayDraft, 'title' | 'date' | 'body'>,
  withDate = true,
): string {
  if (essay.title) return essay.title;
  const words = truncate(firstLine(essay.body), MAX_WORDS_TITLE);
  return withDate ? `${essay.date} ${words}` : words;
}

/** Sentence ends, Chinese and Latin: excerpts are cut after one when one is near. */
const SENTENCE_END = /[。！？!?；;…]|\.(?=\s|$)/gu;

/**
 * The opening of a body, at most `max` characters, cut after a sentence end
 * when one falls in the last third, else at the limit with an ellipsis.
 */
export function excerpt(body: string, max: number): string {
  const text = body.trim();
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  let cut = -1;
  for (const m of head.matchAll(SENTENCE_END)) cut = m.index + m[0].length;
  if (cut >= head.length * (2 / 3)) return head.slice(0, cut);
  return head.trimEnd() + '…';
}
