import { existsSync, statSync } from 'node:fs';
import { importPaths, summarizeImport, type ImportResult } from '../import/importFiles.js';
import {
  isJsonExportPath,
  markdownSidecarIn,
  restoreJournalExport,
  restoreMarkdownSidecar,
} from '../import/restoreExport.js';
import { printJson, type CliCommand } from './command.js';

function describe(r: ImportResult): string {
  const what =
    r.essayId !== undefined
      ? ` #${r.essayId}${r.title ? ` ${r.title}` : ''}${r.date ? ` (${r.date})` : ''}`
      : '';
  return `${r.status}: ${r.path}${what}${r.reason ? ` — ${r.reason}` : ''}`;
}

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import PATH…',
  summary:
    'import essay files or folders (.md/.txt) or a JSON export; re-importing changes nothing',
  run(ctx, args) {
    if (args.positionals.length === 0) {
      ctx.io.err(
        'journal import: give at least one file or folder, e.g. journal import data/essays',
      );
      return 2;
    }
    // A .json path is an export (journal export --format json); everything else is essay files.
    const exports = args.positionals.filter(isJsonExportPath);
    const files = args.positionals.filter((p) => !isJsonExportPath(p));
    const fileResults = files.length > 0 ? importPaths(ctx.store(), files) : [];
    // A folder written by `journal export --format md` brings its quotes and settings in journal.json.
    const sidecars = files.filter(
      (p) => existsSync(p) && statSync(p).isDirectory() && markdownSidecarIn(p) !== null,
    );
    const results = [
      ...fileResults,
      ...sidecars.flatMap((dir) => restoreMarkdownSidecar(ctx.store(), dir, fileResults)),
      ...exports.flatMap((path) => restoreJournalExport(ctx.store(), path)),
    ];
    const totals = summarizeImport(results);
    if (ctx.json) printJson(ctx.io, { results, totals });
    else {
      for (const r of results) {
        if (r.status === 'refused') ctx.io.err(describe(r));
        else ctx.io.out(describe(r));
      }
      ctx.io.out(
        `${results.length} file${results.length === 1 ? '' : 's'}: ${totals.added} added, ${totals.updated} updated, ` +
          `${totals.unchanged} unchanged, ${totals.duplicate} duplicate, ${totals.refused} refused`,
      );
    }
    return totals.refused > 0 ? 1 : 0;
  },
};
