/** `journal export --format md|json|dayone --out PATH`: the whole journal, hidden essays included. */
import { UserFacingError } from '../errors.js';
import { writeDayOneExport } from '../export/dayOneExport.js';
import {
  writeJsonExport,
  writeMarkdownExport,
  type ExportSummary,
} from '../export/journalExport.js';
import { printJson, stringOption, type CliCommand } from './command.js';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export --format md|json|dayone --out PATH [--force]',
  summary:
    'write the whole journal out (md: a folder, one file per essay; json: one file; dayone: a Day One export FILE.zip); journal import reads each back',
  options: { format: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx, args) {
    const format = stringOption(args, 'format');
    const out = stringOption(args, 'out');
    if (format !== 'md' && format !== 'json' && format !== 'dayone') {
      throw new UserFacingError(
        `--format must be md, json or dayone, got ${format === undefined ? 'nothing' : JSON.stringify(format)}`,
      );
    }
    if (!out)
      throw new UserFacingError(
        `--out PATH is required (a folder for md, a file for json, a .zip for dayone)`,
      );
    const force = args.values.force === true;
    const now = ctx.clock.now();
    let summary: ExportSummary;
    if (format === 'md') summary = writeMarkdownExport(ctx.store(), out, now, { force });
    else if (format === 'json') summary = writeJsonExport(ctx.store(), out, now, { force });
    else
      summary = await writeDayOneExport(ctx.store(), out, now, {
        force,
        timeZone: ctx.config.JOURNAL_TIMEZONE,
      });
    if (ctx.json) printJson(ctx.io, summary);
    else {
      ctx.io.out(
        `exported ${summary.essays} essay${summary.essays === 1 ? '' : 's'} (${summary.hidden} hidden) to ${summary.path}` +
          (format === 'md' ? ` as ${summary.essays} .md files` : ''),
      );
      ctx.io.out(
        format === 'dayone'
          ? `import it in Day One (File › Import › Day One JSON), or back here with: journal import ${out}`
          : `restore with: journal import ${out}`,
      );
    }
    return 0;
  },
};
