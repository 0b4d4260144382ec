/**
 * `journal import`: any mix of note folders and files (this project's
 * files, Obsidian, Logseq), Day One and jrnl exports, and journal-bot's own
 * exports. Each path's format is told from what it holds (`--from` forces
 * one); every format becomes ImportItems applied by the same applyItem, all
 * in one transaction, which a dry run rolls back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { UserFacingError } from '../errors.js';
import { EXPORT_FORMAT } from '../export/journalExport.js';
import type { Store } from '../store/index.js';
import { looksLikeDayOne, readDayOneJournal, readDayOneZip } from './formats/dayOne.js';
import { looksLikeJrnl, readJrnlExport } from './formats/jrnl.js';
import {
  parseJson,
  type ExportRead,
  type ExportSource,
  type FormatOptions,
} from './formats/source.js';
import {
  applyItem,
  isEssayFile,
  readNoteFiles,
  summarizeImport,
  type ImportItem,
  type ImportResult,
  type ImportStatus,
  type NoteFlavor,
} from './importFiles.js';
import {
  markdownSidecarIn,
  restoreJournalExport,
  restoreMarkdownSidecar,
} from './restoreExport.js';
import { ZIP_LIMITS } from './zip.js';

export const IMPORT_FORMATS = ['obsidian', 'logseq', 'dayone', 'jrnl', 'files'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

export interface JournalImportOptions extends FormatOptions {
  from?: ImportFormat;
  /** Do everything a real import does, then roll it back: the database is left byte for byte as it was. */
  dryRun?: boolean;
  /** Called as files are read and as items are applied. */
  onProgress?: (phase: 'reading' | 'importing', done: number, total: number) => void;
}

export interface JournalImport {
  results: ImportResult[];
  totals: Record<ImportStatus, number>;
  /** Photos and other media of Day One entries, which are not imported. */
  photosNotImported: number;
  dryRun: boolean;
}

/** What one export path turned out to hold. */
type Plan =
  | { kind: 'refused'; path: string; reason: string }
  | { kind: 'entries'; path: string; read: ExportRead }
  /** A journal-bot JSON export, restored with its ids and sections. */
  | { kind: 'restore'; path: string };

const NOTE_FLAVOR: Partial<Record<ImportFormat, NoteFlavor>> = {
  logseq: 'logseq',
  obsidian: 'plain',
  files: 'plain',
};

function refusedPlan(path: string, reason: string): Plan {
  return { kind: 'refused', path, reason };
}

/** An export file's bytes, refusing one larger than an import reads. */
function readExportFile(path: string): ExportSource | string {
  try {
    const stat = statSync(path);
    if (stat.size > ZIP_LIMITS.maxBytes)
      return `it is ${Math.round(stat.size / 1024 ** 2)} MB, more than the ${ZIP_LIMITS.maxBytes / 1024 ** 2} MB an import reads`;
    return { name: path, bytes: readFileSync(path), mtimeMs: Math.trunc(stat.mtimeMs) };
  } catch (err) {
    return `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
}

/** A JSON export: journal-bot's own, Day One's or jrnl's, told by its shape unless `from` says. */
export function readJsonExport(
  source: ExportSource,
  options: Pick<JournalImportOptions, 'from' | 'timeZone'>,
): ExportRead | 'journal-bot' {
  const json = parseJson(source.bytes, source.name);
  if ('refusal' in json) return json;
  const { doc } = json;
  if (options.from === 'dayone') return readDayOneJournal(doc, source.name, options);
  if (options.from === 'jrnl') return readJrnlExport(doc, source.name, options);
  if (
    typeof doc === 'object' &&
    doc !== null &&
    (doc as { format?: unknown }).format === EXPORT_FORMAT
  )
    return 'journal-bot';
  if (looksLikeDayOne(doc)) return readDayOneJournal(doc, source.name, options);
  if (looksLikeJrnl(doc)) return readJrnlExport(doc, source.name, options);
  return {
    refusal:
      'not an export journal import knows (journal-bot, Day One or jrnl JSON); use --from dayone or --from jrnl to read it as one',
  };
}

async function planExport(path: string, options: JournalImportOptions): Promise<Plan> {
  const ext = extname(path).toLowerCase();
  if (ext === '.zip') {
    if (options.from !== undefined && options.from !== 'dayone')
      return refusedPlan(
        path,
        `a .zip is read as a Day One export, not with --from ${options.from}`,
      );
    return { kind: 'entries', path, read: await readDayOneZip({ path }, path, options) };
  }
  const source = readExportFile(path);
  if (typeof source === 'string') return refusedPlan(path, source);
  const read = readJsonExport(source, options);
  return read === 'journal-bot' ? { kind: 'restore', path } : { kind: 'entries', path, read };
}

/** How each given path is read: note paths together, exports one by one. */
function sortPaths(
  paths: readonly string[],
  from: ImportFormat | undefined,
): { notes: string[]; exports: string[]; refused: ImportResult[] } {
  const notes: string[] = [];
  const exports: string[] = [];
  const refused: ImportResult[] = [];
  const readsNotes = from === undefined || NOTE_FLAVOR[from] !== undefined;
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // Missing paths are reported by the note reader, as before.
    }
    const ext = extname(path).toLowerCase();
    if (isDir && !readsNotes) {
      // An unzipped export: its JSON files.
      exports.push(
        ...readdirSync(path)
          .filter((f) => f.toLowerCase().endsWith('.json'))
          .sort()
          .map((f) => join(path, f)),
      );
    } else if (!isDir && (ext === '.zip' || ext === '.json')) {
      if (readsNotes && from !== undefined)
        refused.push({
          path,
          status: 'refused',
          reason: `--from ${from} reads note folders and files; a ${ext} file is an export (--from dayone or jrnl)`,
        });
      else exports.push(path);
    } else if (!readsNotes && isEssayFile(path))
      refused.push({
        path,
        status: 'refused',
        reason: `--from ${from} reads ${from === 'dayone' ? '.zip and ' : ''}.json exports, not note files`,
      });
    else notes.push(path);
  }
  return { notes, exports, refused };
}

/** Thrown to roll a dry run's transaction back; never escapes. */
class DryRunRollback extends Error {}

/**
 * Applies what was read in one transaction (rolled back for a dry run):
 * note items, the journal.json of Markdown exports, export entries.
 */
function applyAll(
  store: Store,
  noteItems: readonly ImportItem[],
  sidecarDirs: readonly string[],
  plans: readonly Plan[],
  options: JournalImportOptions,
): ImportResult[] {
  const items = plans.flatMap((p) =>
    p.kind === 'entries' && p.read.refusal === undefined ? p.read.items : [],
  );
  const total = noteItems.length + items.length;
  let done = 0;
  const apply = (item: ImportItem) => {
    const result = applyItem(store, item);
    options.onProgress?.('importing', ++done, total);
    return result;
  };
  const run = () => {
    const noteResults = noteItems.map(apply);
    const results = [
      ...noteResults,
      ...sidecarDirs.flatMap((dir) => restoreMarkdownSidecar(store, dir, noteResults)),
    ];
    for (const plan of plans) {
      if (plan.kind === 'refused')
        results.push({ path: plan.path, status: 'refused', reason: plan.reason });
      else if (plan.kind === 'entries') {
        if (plan.read.refusal !== undefined)
          results.push({ path: plan.path, status: 'refused', reason: plan.read.refusal });
        else results.push(...plan.read.items.map(apply));
      } else {
        try {
          results.push(...restoreJournalExport(store, plan.path));
        } catch (err) {
          if (!(err instanceof UserFacingError)) throw err;
          results.push({ path: plan.path, status: 'refused', reason: err.message });
        }
      }
    }
    return results;
  };
  if (!options.dryRun) return store.transaction(run);
  let results: ImportResult[] = [];
  // Pages must not spill into the WAL before the rollback: a dry run leaves even the -wal as it was.
  store.db.pragma('cache_spill = false');
  try {
    store.transaction(() => {
      results = run();
      throw new DryRunRollback('dry run');
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  } finally {
    store.db.pragma('cache_spill = true');
  }
  return results;
}

function report(results: ImportResult[], plans: readonly Plan[], dryRun: boolean): JournalImport {
  const photosNotImported = plans.reduce(
    (sum, p) => sum + (p.kind === 'entries' && p.read.refusal === undefined ? p.read.photos : 0),
    0,
  );
  return { results, totals: summarizeImport(results), photosNotImported, dryRun };
}

/** Imports the given files, folders and exports (see the module comment). */
export async function importJournal(
  store: Store,
  paths: readonly string[],
  options: JournalImportOptions,
): Promise<JournalImport> {
  const { notes, exports, refused } = sortPaths(paths, options.from);
  const plans: Plan[] = refused.map((r) => refusedPlan(r.path, r.reason!));
  for (const path of exports) plans.push(await planExport(path, options));
  const flavor = options.from ? NOTE_FLAVOR[options.from] : undefined;
  const { items, missing } =
    notes.length > 0
      ? readNoteFiles(store, notes, {
          ...(flavor ? { flavor } : {}),
          onRead: (done, total) => options.onProgress?.('reading', done, total),
        })
      : { items: [], missing: [] };
  // A folder written by `journal export --format md` brings its quotes and settings in journal.json.
  const sidecars = notes.filter((p) => {
    try {
      return statSync(p).isDirectory() && markdownSidecarIn(p) !== null;
    } catch {
      return false;
    }
  });
  const results = applyAll(store, items, sidecars, plans, options);
  return report([...missing, ...results], plans, options.dryRun === true);
}

/**
 * Imports one uploaded export (`/essay import` with a .zip or .json): the
 * same readers and the same store path as `journal import`.
 */
export async function importUploadedExport(
  store: Store,
  source: ExportSource,
  options: FormatOptions,
): Promise<JournalImport> {
  let plan: Plan;
  if (source.name.toLowerCase().endsWith('.zip'))
    plan = {
      kind: 'entries',
      path: source.name,
      read: await readDayOneZip({ bytes: source.bytes }, source.name, options),
    };
  else {
    const read = readJsonExport(source, options);
    plan =
      read === 'journal-bot'
        ? refusedPlan(
            source.name,
            'a journal-bot export is restored on the command line (journal import FILE.json)',
          )
        : { kind: 'entries', path: source.name, read };
  }
  const results = applyAll(store, [], [], [plan], options);
  return report(results, [plan], false);
}
