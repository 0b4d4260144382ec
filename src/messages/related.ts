/** The list the Related button of an essay card opens. */
import type { Essay } from '../journal/essay.js';
import { escapeMarkdown } from '../journal/markdown.js';
import { t, type Locale } from '../i18n/index.js';
import { shownTitle } from './contentWarning.js';
import { renderEssayList } from './list.js';
import type { MessagePayload } from './payload.js';

/** What `renderRelated` shows of one related essay. */
export interface RelatedEntry {
  essay: Essay;
  /** The words they share, as the related essay writes them. */
  shared: readonly string[];
}

/** Up to three related essays, each with what it shares and a button that opens it. */
export function renderRelated(
  source: Pick<Essay, 'title' | 'date' | 'body' | 'warning'>,
  related: readonly RelatedEntry[],
  locale: Locale,
): MessagePayload {
  return renderEssayList({
    title: t(locale, 'related.title', { title: shownTitle(source, false) }),
    intro: related.length === 0 ? t(locale, 'related.none') : undefined,
    items: related.map((r) => ({
      essay: r.essay,
      lead: r.essay.date,
      // Shared words come from the essay's text: behind its warning like any preview (renderEssayList).
      preview: escapeMarkdown(r.shared.join(' · ')),
    })),
    page: 0,
    pageCount: 1,
    locale,
  });
}
