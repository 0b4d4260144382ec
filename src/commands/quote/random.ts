import { UserFacingError } from '../../errors.js';
import { CLI_SCOPE } from '../../store/quotes.js';
import { subcommand } from '../define.js';
import type { HandlerContext, Subcommand } from '../types.js';
import { essayOf } from '../../store/index.js';
import { renderQuote } from '../../messages/quote.js';

/** Where the no-repeat window applies: the channel, or the offline console (which shares the command line's). */
export function quoteScope(ctx: Pick<HandlerContext, 'channelId'>): string {
  return ctx.channelId ?? CLI_SCOPE;
}

export const random: Subcommand = {
  data: subcommand('quote.random'),
  access: 'everyone',
  execute(ctx) {
    // Drawn quotes never come from hidden essays, not even for authors (the store holds none).
    const quote = ctx.store.quotes.draw(quoteScope(ctx), ctx.random);
    if (!quote) throw new UserFacingError('there are no quotes yet', 'quote.none');
    return { kind: 'message', payload: renderQuote(quote, essayOf(ctx, quote), ctx.locale) };
  },
};
