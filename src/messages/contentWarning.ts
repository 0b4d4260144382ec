/**
 * Content warnings on every Discord surface: the warning shows on a line of
 * its own and the essay's words wait behind a spoiler until the reader
 * taps it. Pure; the renderers call these for each essay they show, so no
 * public payload carries a warned essay's text in the clear.
 */
import { t, type Locale } from '../i18n/index.js';
import { displayTitle } from '../journal/display.js';
import type { EssayDraft } from '../journal/essay.js';
import { escapeMarkdown } from '../journal/markdown.js';

type Warned = Pick<EssayDraft, 'warning'>;

/** "⚠️ Content warning: 离别", escaped for Discord. */
export function warningLine(warning: string, locale: Locale): string {
  return `⚠️ ${t(locale, 'warning.line', { warning: escapeMarkdown(warning) })}`;
}

/** Markdown text of an essay (already escaped) behind the essay's warning, or as it is without one. */
export function behindWarning(essay: Warned, text: string, locale: Locale): string {
  if (!essay.warning) return text;
  // The body is escaped (`|` included), so nothing inside can close the spoiler early.
  return `${warningLine(essay.warning, locale)}\n||${text}||`;
}

/**
 * The name an essay is shown under where no spoiler is possible (embed
 * titles, list heads): an untitled warned essay is named by its date, not
 * by its first words.
 */
export function shownTitle(
  essay: Pick<EssayDraft, 'title' | 'date' | 'body' | 'warning'>,
  withDate = true,
): string {
  if (essay.warning && !essay.title) return essay.date;
  return displayTitle(essay, withDate);
}
