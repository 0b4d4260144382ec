/**
 * Importing essay files (the `journal import` command and the startup sync
 * of JOURNAL_DIR). Files are read and parsed first, then applied in one
 * transaction, so an interrupted run leaves all of it or none of it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { bytesHash } from '../journal/contentHash.js';
import type { Essay, EssayDraft } from '../journal/essay.js';
import { EssayParseError, parseEssayFile } from '../journal/essayFile.js';
import type { EssaySource } from '../store/essays.js';
import type { Store } from '../store/index.js';

export const ESSAY_EXTENSIONS = ['.md', '.txt', '.markdown'];

export type ImportStatus = 'added' | 'updated' | 'unchanged' | 'duplicate' | 'skipped' | 'refused';

export interface ImportResult {
  path: string;
  status: ImportStatus;
  essayId?: number;
  title?: string | null;
  date?: string;
  /** Why a file was refused or skipped, which essay already holds the same text, or how a conflict was settled. */
  reason?: string;
  /**
   * The essay was changed in Discord since the file was last read, and the
   * file changed too: the newer of the two was kept.
   */
  conflict?: 'kept the file' | 'kept the database';
}

/**
 * One note file or exported entry, read and parsed but not yet applied.
 * Every format (files, Obsidian, Logseq, Day One, jrnl) produces these, so
 * dedupe, update-in-place and refusals behave alike for all of them.
 */
export interface ImportItem {
  /** What the author is shown: the file, or `export.zip#Journal.json/UUID`. */
  path: string;
  /** The key the store remembers the source by (`dayone:UUID`); `path` when absent. */
  key?: string;
  /** Hash of what was read: the same hash next time means unchanged, without parsing. */
  fileHash: string;
  mtimeMs: number;
  draft?: EssayDraft;
  refusal?: string;
  /** Why this is not a note at all (an empty file, a template): counted, not refused. */
  skip?: string;
  /** The essay an exported entry says it came from (`journal export --format dayone`). */
  exportedFrom?: number;
}

/** How note files are read: Logseq pages get their outline syntax turned into prose. */
export type NoteFlavor = 'logseq' | 'plain';

/** Folders of note apps that hold settings, templates or backups, never the author's notes. */
const NOT_NOTES: Record<string, string> = {
  '.obsidian': "Obsidian's settings folder",
  '.trash': "a note app's trash",
  logseq: "Logseq's settings and backups",
  templates: 'a templates folder',
  template: 'a templates folder',
  _templates: 'a templates folder',
};

function notNotesFolder(name: string): string | undefined {
  return Object.hasOwn(NOT_NOTES, name.toLowerCase()) ? NOT_NOTES[name.toLowerCase()] : undefined;
}

/** Whether `dir` is the root of a Logseq graph (its `logseq/` folder beside `journals/` or `pages/`). */
function isLogseqGraph(dir: string): boolean {
  return (
    existsSync(join(dir, 'logseq', 'config.edn')) ||
    (existsSync(join(dir, 'logseq')) &&
      (existsSync(join(dir, 'journals')) || existsSync(join(dir, 'pages'))))
  );
}

/** Whether a path lies in a Logseq graph: the path itself or one of its folders is a graph's root. */
export function inLogseqGraph(path: string): boolean {
  for (let dir = resolve(path), depth = 0; depth < 4; depth++) {
    if (isLogseqGraph(dir)) return true;
    const up = dirname(dir);
    if (up === dir) return false;
    dir = up;
  }
  return false;
}

/** Whether a file name is one the importer reads (hidden files never are). */
export function isEssayFile(name: string): boolean {
  return !name.startsWith('.') && ESSAY_EXTENSIONS.includes(extname(name).toLowerCase());
}

/**
 * Essay files under the given paths, in a stable order; folders are walked
 * recursively. Files in note apps' own folders (`.obsidian/`, `logseq/`,
 * templates) come back in `skipped` with the reason; `logseq` holds the
 * files to read as Logseq pages (those of a graph, or all with that flavor).
 */
export function collectEssayFiles(
  paths: readonly string[],
  flavor?: NoteFlavor,
): {
  files: string[];
  missing: ImportResult[];
  skipped: Array<{ path: string; reason: string }>;
  logseq: Set<string>;
} {
  const files: string[] = [];
  const missing: ImportResult[] = [];
  const skipped: Array<{ path: string; reason: string }> = [];
  const logseq = new Set<string>();
  const sorted = (dir: string) =>
    readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  const skipAll = (dir: string, reason: string) => {
    for (const entry of sorted(dir)) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) skipAll(full, reason);
      else if (entry.isFile() && isEssayFile(entry.name)) skipped.push({ path: full, reason });
    }
  };
  const walk = (dir: string, asLogseq: boolean) => {
    for (const entry of sorted(dir)) {
      const full = join(dir, entry.name);
      const notNotes = entry.isDirectory() ? notNotesFolder(entry.name) : undefined;
      if (notNotes) skipAll(full, `in ${notNotes}, not a note`);
      else if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
        walk(full, asLogseq);
      else if (entry.isFile() && isEssayFile(entry.name)) {
        files.push(full);
        if (asLogseq) logseq.add(full);
      }
    }
  };
  for (const given of paths) {
    const path = resolve(given);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      missing.push({ path: given, status: 'refused', reason: 'no such file or folder' });
      continue;
    }
    const asLogseq = flavor ? flavor === 'logseq' : inLogseqGraph(path);
    if (stat.isDirectory()) walk(path, asLogseq);
    else if (isEssayFile(path)) {
      files.push(path);
      if (asLogseq) logseq.add(path);
    } else
      missing.push({
        path: given,
        status: 'refused',
        reason: `not an essay file (expected ${ESSAY_EXTENSIONS.join(', ')})`,
      });
  }
  return { files: [...new Set(files)], missing, skipped, logseq };
}

function readEssayFile(
  path: string,
  known: { fileHash: string; mtimeMs: number } | null,
  trustMtime: boolean,
  flavor: NoteFlavor,
): ImportItem {
  const mtimeMs = Math.trunc(statSync(path).mtimeMs);
  // A sync need not read a file whose modification time is the one it recorded (like make and rsync).
  if (trustMtime && known && known.mtimeMs === mtimeMs)
    return { path, fileHash: known.fileHash, mtimeMs };
  return readEssayBytes(path, readFileSync(path), mtimeMs, known?.fileHash, { path, flavor });
}

function readEssayBytes(
  path: string,
  bytes: Uint8Array,
  mtimeMs: number,
  knownHash: string | undefined,
  how: { path: string; flavor: NoteFlavor },
): ImportItem {
  // The same bytes read another way are another essay, so the way is part of the hash.
  const fileHash = (how.flavor === 'logseq' ? 'logseq:' : '') + bytesHash(bytes);
  if (fileHash === knownHash) return { path, fileHash, mtimeMs };
  try {
    const draft = parseEssayFile(bytes, { path: how.path, logseq: how.flavor === 'logseq' });
    return { path, fileHash, mtimeMs, draft };
  } catch (err) {
    if (err instanceof EssayParseError)
      return { path, fileHash, mtimeMs, [err.empty ? 'skip' : 'refusal']: err.message };
    throw err;
  }
}

/** Applies one read item to the store; must run inside a transaction. */
export function applyItem(store: Store, file: ImportItem): ImportResult {
  const { essays } = store;
  const key = file.key ?? file.path;
  const source = essays.getSource(key);
  const base = { path: file.path };
  if (file.refusal !== undefined) return { ...base, status: 'refused', reason: file.refusal };
  if (file.skip !== undefined) return { ...base, status: 'skipped', reason: file.skip };
  if (!file.draft) {
    // Bytes unchanged since the last sync.
    const essay = source ? essays.get(source.essayId, { includeHidden: true }) : null;
    return {
      ...base,
      status: 'unchanged',
      essayId: source?.essayId,
      title: essay?.title,
      date: essay?.date,
    };
  }
  const draft = file.draft;
  const summary = { title: draft.title, date: draft.date };
  const same = essays.findByContent(draft);
  const record = (essayId: number) =>
    essays.putSource({ path: key, essayId, fileHash: file.fileHash, mtimeMs: file.mtimeMs });
  // `hidden:` in front matter (exports write it) sets the flag; without it the flag is left alone.
  const applyHidden = (essay: Essay) =>
    draft.hidden !== undefined && essay.hidden !== draft.hidden
      ? essays.setHidden(essay.id, draft.hidden)
      : null;

  if (same) {
    record(same.id);
    const flagged = applyHidden(same) !== null;
    if (source?.essayId === same.id || same.source === key || file.exportedFrom === same.id)
      return { ...base, ...summary, status: flagged ? 'updated' : 'unchanged', essayId: same.id };
    const where = same.source === 'discord' ? 'added from Discord' : same.source;
    return {
      ...base,
      ...summary,
      status: 'duplicate',
      essayId: same.id,
      reason: `same text as essay #${same.id} (${where})`,
    };
  }
  const existing = source ? essays.get(source.essayId, { includeHidden: true }) : null;
  if (existing) {
    const conflict = settleConflict(existing, source!, file);
    if (conflict?.conflict === 'kept the database') {
      record(existing.id);
      return { ...base, ...summary, status: 'unchanged', essayId: existing.id, ...conflict };
    }
    applyHidden(essays.update(existing.id, draft));
    record(existing.id);
    return { ...base, ...summary, status: 'updated', essayId: existing.id, ...conflict };
  }
  const trashed = source ? null : store.trash.fedBy(key);
  if (
    trashed &&
    (trashed.fileHash === file.fileHash || file.mtimeMs <= Date.parse(trashed.deletedAt))
  ) {
    // Deleted in Discord while the file stayed in the folder: the deletion is the newer change.
    return {
      ...base,
      ...summary,
      status: 'unchanged',
      essayId: trashed.essayId,
      reason: `essay #${trashed.essayId} is in the trash (journal restore ${trashed.essayId} brings it back)`,
    };
  }
  const added = essays.insert(draft, key);
  applyHidden(added);
  record(added.id);
  return { ...base, ...summary, status: 'added', essayId: added.id };
}

/**
 * When an essay was changed in Discord after its file was last read and the
 * file changed as well, the newer change wins: the file's mtime against the
 * essay's last update. Null when only the file changed.
 */
function settleConflict(
  essay: Essay,
  source: EssaySource,
  file: ImportItem,
): Pick<ImportResult, 'conflict' | 'reason'> | null {
  if (source.syncedAt === undefined || essay.updatedAt <= source.syncedAt) return null;
  const fileTime = new Date(file.mtimeMs).toISOString();
  if (Date.parse(essay.updatedAt) > file.mtimeMs) {
    return {
      conflict: 'kept the database',
      reason: `essay #${essay.id} was changed in Discord at ${essay.updatedAt}, after the file (${fileTime}); kept the Discord version`,
    };
  }
  return {
    conflict: 'kept the file',
    reason: `the file (${fileTime}) is newer than the Discord change to essay #${essay.id} at ${essay.updatedAt}; kept the file`,
  };
}

/**
 * Imports files and folders. A refused file never stops the others; the
 * writes of the whole run commit together. With `trustMtime` (the folder
 * sync at startup and while watching), a file whose modification time is
 * unchanged since it was last read is not read again; an explicit import
 * always reads every file.
 */
export function importPaths(
  store: Store,
  paths: readonly string[],
  options: NoteReadOptions = {},
): ImportResult[] {
  const { items, missing } = readNoteFiles(store, paths, options);
  const results = store.transaction(() => items.map((item) => applyItem(store, item)));
  return [...missing, ...results];
}

export interface NoteReadOptions {
  trustMtime?: boolean;
  /** Read every file this way instead of telling Logseq graphs by their `logseq/` folder. */
  flavor?: NoteFlavor;
  /** Called after each file is read (progress bars). */
  onRead?: (done: number, total: number) => void;
}

/** Reads and parses the note files under `paths` (the first half of importPaths). */
export function readNoteFiles(
  store: Store,
  paths: readonly string[],
  options: NoteReadOptions = {},
): { items: ImportItem[]; missing: ImportResult[] } {
  const { files, missing, skipped, logseq } = collectEssayFiles(paths, options.flavor);
  const total = files.length + skipped.length;
  const read = files.map((path, i) => {
    options.onRead?.(i + 1, total);
    try {
      return readEssayFile(
        path,
        store.essays.getSource(path),
        options.trustMtime === true,
        logseq.has(path) ? 'logseq' : 'plain',
      );
    } catch (err) {
      return {
        path,
        fileHash: '',
        mtimeMs: 0,
        refusal: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      };
    }
  });
  const skips = skipped.map(({ path, reason }) => ({
    path,
    fileHash: '',
    mtimeMs: 0,
    skip: reason,
  }));
  return { items: [...read, ...skips], missing };
}

/**
 * Imports one file's bytes that did not come from disk (an attachment
 * uploaded in Discord), exactly as a file of the journal folder would be.
 * `path` names its origin (e.g. `upload:trip.md`): uploading a file of the
 * same name again updates the essay it fed.
 */
export function importFileBytes(
  store: Store,
  path: string,
  bytes: Uint8Array,
  mtimeMs: number,
  name: string = path,
): ImportResult {
  const file = readEssayBytes(path, bytes, mtimeMs, store.essays.getSource(path)?.fileHash, {
    path: name,
    flavor: 'plain',
  });
  return store.transaction(() => applyItem(store, file));
}

/** Counts per status, for the closing line of an import. */
export function summarizeImport(results: readonly ImportResult[]): Record<ImportStatus, number> {
  const totals: Record<ImportStatus, number> = {
    added: 0,
    updated: 0,
    unchanged: 0,
    duplicate: 0,
    skipped: 0,
    refused: 0,
  };
  for (const r of results) totals[r.status]++;
  return totals;
}
