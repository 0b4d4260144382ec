/** `journal export --format md|json --out PATH`: the whole journal, hidden essays included. */
import { UserFacingError } from '../errors.js';
import { writeJsonExport, writeMarkdownExport } from '../export/journalExport.js';
import { printJson, stringOption, type CliCommand } from './command.js';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export --format md|json --out PATH [--force]',
  summary:
    'write the whole journal out (md: a folder, one file per essay; json: one file); journal import restores it',
  options: { format: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  run(ctx, args) {
    const format = stringOption(args, 'format');
    const out = stringOption(args, 'out');
    if (format !== 'md' && format !== 'json') {
      throw new UserFacingError(
        `--format must be md or json, got ${format === undefined ? 'nothing' : JSON.stringify(format)}`,
      );
    }
    if (!out)
      throw new UserFacingError(`--out PATH is required (a folder for md, a file for json)`);
    const force = args.values.force === true;
    const summary =
      format === 'md'
        ? writeMarkdownExport(ctx.store(), out, ctx.clock.now(), { force })
        : writeJsonExport(ctx.store(), out, ctx.clock.now(), { force });
    if (ctx.json) printJson(ctx.io, summary);
    else {
      ctx.io.out(
        `exported ${summary.essays} essay${summary.essays === 1 ? '' : 's'} (${summary.hidden} hidden) to ${summary.path}` +
          (format === 'md' ? ` as ${summary.essays} .md files` : ''),
      );
      ctx.io.out(`restore with: journal import ${out}`);
    }
    return 0;
  },
};
