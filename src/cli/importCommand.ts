/** `journal import [--dry-run] [--from FORMAT] PATH…`: notes, folders and exports of other journaling tools. */
import { existsSync } from 'node:fs';
import { UserFacingError } from '../errors.js';
import type { ImportResult } from '../import/importFiles.js';
import {
  importJournal,
  IMPORT_FORMATS,
  isImportFormat,
  type JournalImport,
} from '../import/importJournal.js';
import { openStore } from '../store/index.js';
import { printJson, stringOption, type CliCommand } from './command.js';
import { createProgress } from './progress.js';

function describe(r: ImportResult): string {
  const what =
    r.essayId !== undefined
      ? ` #${r.essayId}${r.title ? ` ${r.title}` : ''}${r.date ? ` (${r.date})` : ''}`
      : '';
  return `${r.status}: ${r.path}${what}${r.reason ? ` — ${r.reason}` : ''}`;
}

/** The closing line: counts per outcome, and the photos that stayed behind. */
export function importSummary({ results, totals, photosNotImported }: JournalImport): string {
  const photos =
    photosNotImported > 0
      ? `; ${photosNotImported} photo${photosNotImported === 1 ? '' : 's'} not imported`
      : '';
  return (
    `${results.length} read: ${totals.added} added, ${totals.updated} updated, ` +
    `${totals.unchanged} unchanged, ${totals.duplicate} duplicate, ${totals.skipped} skipped, ` +
    `${totals.refused} refused${photos}`
  );
}

export const importCommand: CliCommand = {
  name: 'import',
  usage: `import [--dry-run] [--from ${IMPORT_FORMATS.join('|')}] PATH…`,
  summary:
    'import essay files or folders, Obsidian or Logseq notes, Day One (.zip/.json) or jrnl (.json) exports, or a journal-bot export; re-importing changes nothing; --dry-run writes nothing',
  options: { 'dry-run': { type: 'boolean' }, from: { type: 'string' } },
  async run(ctx, args) {
    if (args.positionals.length === 0) {
      ctx.io.err(
        'journal import: give at least one file or folder, e.g. journal import data/essays',
      );
      return 2;
    }
    const from = stringOption(args, 'from');
    if (from !== undefined && !isImportFormat(from))
      throw new UserFacingError(
        `--from must be one of ${IMPORT_FORMATS.join(', ')}, got ${JSON.stringify(from)}`,
      );
    const dryRun = args.values['dry-run'] === true;
    // A dry run against a journal that does not exist yet must not create it.
    const scratch =
      dryRun && ctx.dbPath !== ':memory:' && !existsSync(ctx.dbPath)
        ? openStore(':memory:', ctx.clock)
        : null;
    const progress = createProgress(ctx.io, ctx.json);
    let outcome: JournalImport;
    try {
      outcome = await importJournal(scratch ?? ctx.store(), args.positionals, {
        ...(from !== undefined ? { from } : {}),
        dryRun,
        timeZone: ctx.config.JOURNAL_TIMEZONE,
        ...(progress ? { onProgress: progress.update } : {}),
      });
    } finally {
      progress?.done();
      scratch?.close();
    }
    if (ctx.json) printJson(ctx.io, outcome);
    else {
      for (const r of outcome.results) {
        if (r.status === 'refused') ctx.io.err(describe(r));
        else ctx.io.out(describe(r));
      }
      ctx.io.out(importSummary(outcome));
      if (dryRun) ctx.io.err('dry run: nothing was written');
    }
    return outcome.totals.refused > 0 ? 1 : 0;
  },
};
