/** Saving curated quotes: the checks and the answer /quote add and "Save as quote" share. */
import { UserFacingError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import {
  isQuotableLength,
  MAX_QUOTE_LATIN_CHARS,
  MAX_QUOTE_UNITS,
  MIN_QUOTE_LATIN_CHARS,
  MIN_QUOTE_UNITS,
} from '../../journal/quotes.js';
import { withNote } from '../../messages/builders.js';
import type { CuratedQuote, NewCuratedQuote } from '../../store/quotes.js';
import type { HandlerContext, Reply } from '../types.js';
import { essayOf } from '../../store/index.js';
import { renderQuote } from '../../messages/quote.js';

/**
 * The text of a new quote, trimmed, or a refusal: it must be one sentence
 * of the length extracted quotes have (src/journal/quotes.ts), so a curated
 * quote reads like the others and fits every message it is shown in.
 */
export function quoteText(
  raw: string,
  emptyKey: 'quote.emptyText' | 'quote.emptyMessage' = 'quote.emptyText',
): string {
  const text = raw.trim();
  if (text === '') throw new UserFacingError('nothing to save', emptyKey);
  if (!isQuotableLength(text)) {
    throw new UserFacingError(
      'a quote must be one sentence of readable length',
      'quote.badLength',
      {
        min: MIN_QUOTE_UNITS,
        max: MAX_QUOTE_UNITS,
        minLatin: MIN_QUOTE_LATIN_CHARS,
        maxLatin: MAX_QUOTE_LATIN_CHARS,
      },
    );
  }
  return text;
}

/** Adds a curated quote saved by the caller, refusing one already saved with the same words. */
export function saveQuote(ctx: HandlerContext, quote: NewCuratedQuote): CuratedQuote {
  const twin = ctx.store.quotes.curated.byText(quote.text);
  if (twin)
    throw new UserFacingError(`already saved as #${twin.id}`, 'quote.duplicate', { id: twin.id });
  return ctx.store.quotes.curated.add({ ...quote, savedBy: ctx.caller.id });
}

/** "Saved as quote #n", any notes, and the quote as it will be shown; only the saver sees it. */
export function savedReply(
  ctx: HandlerContext,
  saved: CuratedQuote,
  notes: readonly string[] = [],
): Reply {
  const preview = renderQuote(saved, essayOf(ctx, saved), ctx.locale);
  const content = [t(ctx.locale, 'quote.saved', { id: saved.id }), ...notes].join('\n');
  return { kind: 'message', ephemeral: true, payload: withNote(content, preview) };
}
