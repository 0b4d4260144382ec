/** `journal related ID`: the essays that share the most distinctive words with one essay. */
import { displayTitle } from '../journal/display.js';
import { essayJson } from '../journal/essayJson.js';
import { UserFacingError } from '../errors.js';
import { printJson, type CliCommand } from './command.js';
import { parseId } from './readCommands.js';

export const relatedCommand: CliCommand = {
  name: 'related',
  usage: 'related ID',
  summary: 'up to three essays sharing the most distinctive words with one, and what they share',
  readsJournal: true,
  run(ctx, args) {
    const id = parseId(args.positionals[0]);
    // The command line is the author's own tool: hidden essays are included.
    const v = { includeHidden: true };
    const store = ctx.store();
    const essay = store.essays.get(id, v);
    if (!essay) throw new UserFacingError(`there is no essay #${id}`);
    const related = store.related.relatedTo(essay, v);
    if (ctx.json) {
      printJson(ctx.io, {
        essay: essayJson(essay),
        related: related.map((r) => ({ ...essayJson(r.essay), shared: r.shared })),
      });
      return 0;
    }
    ctx.io.out(`#${essay.id}  ${essay.date}  ${displayTitle(essay, false)}`);
    if (related.length === 0) ctx.io.out('no related essays: it shares no rare words with another');
    for (const r of related)
      ctx.io.out(
        `  #${r.essay.id}  ${r.essay.date}  ${displayTitle(r.essay, false)}  — ${r.shared.join(' · ')}`,
      );
    return 0;
  },
};
