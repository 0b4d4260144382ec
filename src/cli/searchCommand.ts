import { UserFacingError } from '../errors.js';
import { buildSnippet } from '../journal/snippet.js';
import { essayJson } from '../journal/essayJson.js';
import { printJson, stringOption, type CliCommand } from './command.js';

export const searchCommand: CliCommand = {
  name: 'search',
  usage: 'search QUERY [--limit N]',
  summary:
    'ranked matches with highlighted snippets (Chinese words of any length, English, "exact phrases")',
  readsJournal: true,
  options: { limit: { type: 'string' } },
  run(ctx, args) {
    const query = args.positionals.join(' ').trim();
    if (query === '')
      throw new UserFacingError('give words to search for, e.g. journal search 热爱');
    const limitText = stringOption(args, 'limit') ?? '10';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new UserFacingError(
        `--limit must be a whole number from 1 to 1000, got ${JSON.stringify(limitText)}`,
      );
    // The author's own tool: hidden essays are searched too.
    const page = ctx.store().search.search(query, { limit, includeHidden: true });
    const needles = page.query?.needles ?? [];
    if (ctx.json) {
      printJson(ctx.io, {
        query,
        total: page.total,
        results: page.essays.map((e) => ({
          ...essayJson(e),
          snippet: buildSnippet(e.body, needles, { style: 'plain' }),
        })),
      });
      return 0;
    }
    if (page.total === 0) {
      ctx.io.out(
        page.query ? `No essay contains "${query}".` : 'Nothing to search for: type some words.',
      );
      return 0;
    }
    const style = ctx.io.isTTY ? 'terminal' : 'plain';
    for (const e of page.essays) {
      ctx.io.out(
        `#${e.id}  ${e.date}${e.title ? `  ${e.title}` : ''}${e.place ? ` · ${e.place}` : ''}${e.hidden ? '  (hidden)' : ''}`,
      );
      ctx.io.out(`    ${buildSnippet(e.body, needles, { style })}`);
    }
    ctx.io.out(
      `${page.total} essay${page.total === 1 ? '' : 's'} match${page.total === 1 ? 'es' : ''}${page.total > page.essays.length ? ` (showing ${page.essays.length}; use --limit)` : ''}`,
    );
    return 0;
  },
};
