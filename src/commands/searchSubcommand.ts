/**
 * `/essay search query:` and `/quote search query:`. The page is found and
 * rendered on the read worker: a common word can match thousands of essays,
 * and counting (or, for quotes, verifying every sentence of) all of them
 * would hold the bot's event loop, and every interaction queued behind it,
 * for hundreds of milliseconds at 20,000 essays.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { runReadJob } from '../worker/runReadJob.js';
import type { SearchKind } from '../worker/readJobs.js';
import { option, subcommand } from './define.js';
import { textOption } from './options.js';
import { MAX_QUERY_LENGTH } from './essay/search.js';
import type { HandlerContext, MessagePayload, Subcommand } from './types.js';

/** One page of `kind`'s results, rendered off the event loop. */
export function searchResultsPage(
  ctx: HandlerContext,
  kind: SearchKind,
  query: string,
  page: number,
): Promise<MessagePayload> {
  return runReadJob(ctx, 'searchPage', { kind, query, page, locale: ctx.locale });
}

function searchSubcommand(path: `${SearchKind}.search`, kind: SearchKind): Subcommand {
  return {
    data: subcommand(path, [
      option(`${path}.query`, {
        type: ApplicationCommandOptionType.String,
        required: true,
        max_length: MAX_QUERY_LENGTH,
      }),
    ]),
    access: 'everyone',
    // The worker may be starting, or busy with a stats picture: answer Discord first.
    defer: 'public',
    execute: async (ctx, options) => ({
      kind: 'message',
      payload: await searchResultsPage(
        ctx,
        kind,
        textOption(options, 'query').slice(0, MAX_QUERY_LENGTH),
        0,
      ),
    }),
  };
}

export const essaySearch = searchSubcommand('essay.search', 'essay');
export const quoteSearch = searchSubcommand('quote.search', 'quote');
