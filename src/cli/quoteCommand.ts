/** `journal quote`: one quote drawn from the journal, as /quote random draws it. */
import { UserFacingError } from '../errors.js';
import { CLI_SCOPE, type Quote } from '../store/quotes.js';
import { quoteAttribution } from '../messages/quote.js';
import { essayJson } from '../journal/essayJson.js';
import { printJson, type CliCommand } from './command.js';

/** Where a quote without an essay came from, for the JSON document. */
function curatedJson(quote: Quote) {
  if (quote.kind !== 'curated') return {};
  return { curatedId: quote.id, message: quote.message, savedBy: quote.savedBy };
}

export const quoteCommand: CliCommand = {
  name: 'quote',
  usage: 'quote',
  summary: 'one quote drawn from the journal, with its essay; no repeat of the last 20 shown here',
  readsJournal: true,
  run(ctx) {
    const store = ctx.store();
    // The command line has its own no-repeat window, kept in the database between runs.
    const quote = store.quotes.draw(CLI_SCOPE, Math.random);
    if (!quote)
      throw new UserFacingError(
        `there are no quotes yet: add essays to ${ctx.config.JOURNAL_DIR} or import them (journal import PATH)`,
      );
    const essay = quote.essayId === null ? null : store.essays.get(quote.essayId);
    const attribution = essay ? quoteAttribution(essay) : null;
    if (ctx.json) {
      printJson(ctx.io, {
        text: quote.text,
        essay: essay ? essayJson(essay) : null,
        attribution,
        kind: quote.kind,
        key: quote.key,
        ...(quote.kind === 'extracted'
          ? { start: quote.start, end: quote.end }
          : curatedJson(quote)),
      });
      return 0;
    }
    ctx.io.out(quote.text);
    const source =
      attribution ?? (quote.kind === 'curated' && quote.message ? quote.message.url : null);
    if (source) ctx.io.out(`    — ${source}`);
    return 0;
  },
};
