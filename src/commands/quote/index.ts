/** `/quote`: sentences from the journal. One subcommand per file beside this one. */
import { UserFacingError } from '../../errors.js';
import { chatCommand } from '../define.js';
import { intArg } from '../context.js';
import type { ComponentRoute, SlashCommand, Subcommand } from '../types.js';
import { add } from './add.js';
import { list, renderQuoteListPage } from './list.js';
import { random } from './random.js';
import { remove } from './remove.js';
import { quoteSearch, searchResultsPage } from '../searchSubcommand.js';

const subcommands: Subcommand[] = [random, quoteSearch, list, add, remove];

export const quoteCommand: SlashCommand = {
  data: chatCommand('quote', subcommands),
  subcommands,
};

/** Buttons of quote messages: `quote:<action>:…` (ids built in list.ts and search.ts). */
export const quoteRoutes: ComponentRoute[] = [
  {
    prefix: 'quote',
    access: 'everyone',
    async handle(ctx, args) {
      const [action, page, scope] = args;
      switch (action) {
        case 'list':
          // A public list's pages show only visible quotes, whoever presses; an author's private
          // list (`all`, ephemeral, so only that author can press) keeps showing the hidden ones.
          return {
            kind: 'update',
            payload: renderQuoteListPage(ctx, intArg(page), scope === 'all' && ctx.caller.isAuthor),
          };
        case 'search':
          // The query may itself contain colons: it is everything after the page.
          return {
            kind: 'update',
            payload: await searchResultsPage(ctx, 'quote', args.slice(2).join(':'), intArg(page)),
          };
        default:
          throw new UserFacingError(`unknown quote button ${String(action)}`, 'error.stale');
      }
    },
  },
];
