import { textOption } from '../options.js';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserFacingError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { truncate } from '../../journal/display.js';
import { escapeMarkdown } from '../../journal/markdown.js';
import { LIMITS } from '../../messages/limits.js';
import { notice } from '../../messages/builders.js';
import { option, subcommand } from '../define.js';
import type { Choice, HandlerContext, Subcommand } from '../types.js';

/** Autocomplete over every curated quote (authors only: the dispatch checks), newest first. */
export function curatedChoices(ctx: HandlerContext, typed: string): Choice[] {
  return ctx.store.quotes.curated
    .suggest(typed, LIMITS.choices, { includeHidden: true })
    .map((q) => ({
      name: truncate(`#${q.id} · ${q.text.replace(/\s+/gu, ' ')}`, LIMITS.choiceName),
      value: String(q.id),
    }));
}

/**
 * The quote an option names: the id a choice carries (`12` or `#12`), or
 * exactly its words. Never a guess: removing the wrong quote is not undone.
 */
function resolveQuoteOption(ctx: HandlerContext, value: string) {
  const text = value.trim();
  const id = /^#?(\d{1,15})$/u.exec(text)?.[1];
  const quote =
    id === undefined
      ? ctx.store.quotes.curated.byText(text)
      : ctx.store.quotes.curated.get(Number(id));
  if (!quote)
    throw new UserFacingError(`no saved quote matches ${text}`, 'quote.unknownChoice', {
      input: truncate(text, 80),
    });
  return quote;
}

export const remove: Subcommand = {
  data: subcommand('quote.remove', [
    option('quote.remove.quote', {
      type: ApplicationCommandOptionType.String,
      required: true,
      autocomplete: true,
      max_length: 400,
    }),
  ]),
  access: 'author',
  execute(ctx, options) {
    const quote = resolveQuoteOption(ctx, textOption(options, 'quote'));
    ctx.store.quotes.curated.remove(quote.id);
    return notice(
      t(ctx.locale, 'quote.removed', {
        id: quote.id,
        text: escapeMarkdown(truncate(quote.text.replace(/\s+/gu, ' '), 300)),
      }),
    );
  },
  autocomplete: (ctx, focused) => curatedChoices(ctx, focused.value),
};
