/**
 * Taking the whole journal out: one JSON document (essays, curated quotes,
 * settings) or one Markdown file per essay. `journal import` of either
 * restores a journal equal in every field users see.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserFacingError } from '../errors.js';
import type { Essay } from '../journal/essay.js';
import { essayJson, type EssayJson } from '../journal/essayJson.js';
import { exportFileNames, formatEssayFile } from '../journal/essayWriter.js';
import type { Store } from '../store/index.js';
import { EXPORT_SECTIONS } from './sections.js';

/** Marks a JSON file as a journal export, so `journal import` knows what it holds. */
export const EXPORT_FORMAT = 'journal-bot export';
export const EXPORT_VERSION = 1;

/** An essay in an export: its public JSON plus everything needed to restore it exactly. */
export interface ExportedEssay extends EssayJson {
  body: string;
  /** The file it came from, `discord`, or `upload:<name>`. */
  source: string;
  createdAt: string;
  updatedAt: string;
}

export interface JournalExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  essays: ExportedEssay[];
  /** Curated quotes (filled by a registered section). */
  quotes: unknown;
  /** Per-server settings (filled by a registered section). */
  settings: unknown;
  [section: string]: unknown;
}

function exportedEssay(e: Essay): ExportedEssay {
  return {
    ...essayJson(e),
    body: e.body,
    source: e.source,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

/** The whole journal, hidden essays included, oldest first. */
export function buildJournalExport(store: Store, now: Date): JournalExport {
  const doc: JournalExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    essays: store.essays.all({ includeHidden: true }).map(exportedEssay),
    quotes: [],
    settings: {},
  };
  for (const section of EXPORT_SECTIONS) doc[section.key] = section.dump(store);
  return doc;
}

/** The JSON text of an export (pretty-printed: people read and diff these). */
export function journalExportText(doc: JournalExport): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * What a Markdown export carries besides the essay files, in `journal.json`
 * beside them: the registered sections, and which file holds which exported
 * essay id (so curated quotes find their essays again).
 */
export const MARKDOWN_SIDECAR = 'journal.json';

export interface MarkdownSidecar {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  /** File name → the essay's id in the exported journal. */
  files: Record<string, number>;
  [section: string]: unknown;
}

export interface ExportSummary {
  format: 'md' | 'json' | 'dayone';
  path: string;
  essays: number;
  hidden: number;
  /** Markdown: the files written, in date order. */
  files?: string[];
}

function refuseExisting(path: string, force: boolean, what: string): void {
  if (!existsSync(path) || force) return;
  throw new UserFacingError(`${path} already exists; ${what} (or pass --force to overwrite)`);
}

/** Writes the JSON export to `path` atomically (a temporary file, then a rename). */
export function writeJsonExport(
  store: Store,
  path: string,
  now: Date,
  options: { force?: boolean } = {},
): ExportSummary {
  refuseExisting(path, options.force === true, 'choose a new file name');
  const doc = buildJournalExport(store, now);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, journalExportText(doc));
  renameSync(tmp, path);
  return {
    format: 'json',
    path,
    essays: doc.essays.length,
    hidden: doc.essays.filter((e) => e.hidden).length,
  };
}

/**
 * Writes one `YYYY-MM-DD-title.md` per essay into `dir` (created if
 * missing), and `journal.json` with what is not an essay (curated quotes,
 * settings). Refuses a folder that already holds files, so an export never
 * mixes with, or overwrites, other files — unless `force`.
 */
export function writeMarkdownExport(
  store: Store,
  dir: string,
  now: Date,
  options: { force?: boolean } = {},
): ExportSummary {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory())
      throw new UserFacingError(`${dir} is a file; --format md writes a folder of files`);
    if (readdirSync(dir).length > 0 && options.force !== true) {
      throw new UserFacingError(
        `${dir} is not empty; export into a new or empty folder (or pass --force to write into it anyway)`,
      );
    }
  }
  mkdirSync(dir, { recursive: true });
  const essays = store.essays.all({ includeHidden: true });
  const names = exportFileNames(essays);
  essays.forEach((essay, i) => writeFileSync(join(dir, names[i]!), formatEssayFile(essay)));
  const sidecar: MarkdownSidecar = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    files: Object.fromEntries(essays.map((e, i) => [names[i]!, e.id])),
  };
  for (const section of EXPORT_SECTIONS) sidecar[section.key] = section.dump(store);
  writeFileSync(join(dir, MARKDOWN_SIDECAR), `${JSON.stringify(sidecar, null, 2)}\n`);
  return {
    format: 'md',
    path: dir,
    essays: essays.length,
    hidden: essays.filter((e) => e.hidden).length,
    files: names,
  };
}
