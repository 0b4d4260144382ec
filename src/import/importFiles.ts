/**
 * Importing essay files (the `journal import` command and the startup sync
 * of JOURNAL_DIR). Files are read and parsed first, then applied in one
 * transaction, so an interrupted run leaves all of it or none of it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { bytesHash } from '../journal/contentHash.js';
import type { Essay, EssayDraft } from '../journal/essay.js';
import { EssayParseError, parseEssayFile } from '../journal/essayFile.js';
import type { EssaySource } from '../store/essays.js';
import type { Store } from '../store/index.js';

export const ESSAY_EXTENSIONS = ['.md', '.txt', '.markdown'];

export type ImportStatus = 'added' | 'updated' | 'unchanged' | 'duplicate' | 'refused';

export interface ImportResult {
  path: string;
  status: ImportStatus;
  essayId?: number;
  title?: string | null;
  date?: string;
  /** Why a file was refused, which essay already holds the same text, or how a conflict was settled. */
  reason?: string;
  /**
   * The essay was changed in Discord since the file was last read, and the
   * file changed too: the newer of the two was kept.
   */
  conflict?: 'kept the file' | 'kept the database';
}

interface ReadFile {
  path: string;
  fileHash: string;
  mtimeMs: number;
  draft?: EssayDraft;
  refusal?: string;
}

/** Whether a file name is one the importer reads (hidden files never are). */
export function isEssayFile(name: string): boolean {
  return !name.startsWith('.') && ESSAY_EXTENSIONS.includes(extname(name).toLowerCase());
}

/** Essay files under the given paths, in a stable order; folders are walked recursively. */
export function collectEssayFiles(paths: readonly string[]): {
  files: string[];
  missing: ImportResult[];
} {
  const files: string[] = [];
  const missing: ImportResult[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
        walk(full);
      else if (entry.isFile() && isEssayFile(entry.name)) files.push(full);
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
    if (stat.isDirectory()) walk(path);
    else if (isEssayFile(path)) files.push(path);
    else
      missing.push({
        path: given,
        status: 'refused',
        reason: `not an essay file (expected ${ESSAY_EXTENSIONS.join(', ')})`,
      });
  }
  return { files: [...new Set(files)], missing };
}

function readEssayFile(
  path: string,
  known: { fileHash: string; mtimeMs: number } | null,
  trustMtime: boolean,
): ReadFile {
  const mtimeMs = Math.trunc(statSync(path).mtimeMs);
  // A sync need not read a file whose modification time is the one it recorded (like make and rsync).
  if (trustMtime && known && known.mtimeMs === mtimeMs)
    return { path, fileHash: known.fileHash, mtimeMs };
  return readEssayBytes(path, readFileSync(path), mtimeMs, known?.fileHash);
}

function readEssayBytes(
  path: string,
  bytes: Uint8Array,
  mtimeMs: number,
  knownHash: string | undefined,
): ReadFile {
  const fileHash = bytesHash(bytes);
  if (fileHash === knownHash) return { path, fileHash, mtimeMs };
  try {
    return { path, fileHash, mtimeMs, draft: parseEssayFile(bytes) };
  } catch (err) {
    if (err instanceof EssayParseError) return { path, fileHash, mtimeMs, refusal: err.message };
    throw err;
  }
}

/** Applies one read file to the store; must run inside a transaction. */
function applyFile(store: Store, file: ReadFile): ImportResult {
  const { essays } = store;
  const source = essays.getSource(file.path);
  const base = { path: file.path };
  if (file.refusal !== undefined) return { ...base, status: 'refused', reason: file.refusal };
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
    essays.putSource({ path: file.path, essayId, fileHash: file.fileHash, mtimeMs: file.mtimeMs });
  // `hidden:` in front matter (exports write it) sets the flag; without it the flag is left alone.
  const applyHidden = (essay: Essay) =>
    draft.hidden !== undefined && essay.hidden !== draft.hidden
      ? essays.setHidden(essay.id, draft.hidden)
      : null;

  if (same) {
    record(same.id);
    const flagged = applyHidden(same) !== null;
    if (source?.essayId === same.id || same.source === file.path)
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
  const trashed = source ? null : store.trash.fedBy(file.path);
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
  const added = essays.insert(draft, file.path);
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
  file: ReadFile,
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
  options: { trustMtime?: boolean } = {},
): ImportResult[] {
  const { files, missing } = collectEssayFiles(paths);
  const read = files.map((path) => {
    try {
      return readEssayFile(path, store.essays.getSource(path), options.trustMtime === true);
    } catch (err) {
      return {
        path,
        fileHash: '',
        mtimeMs: 0,
        refusal: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      };
    }
  });
  const results = store.transaction(() => read.map((file) => applyFile(store, file)));
  return [...missing, ...results];
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
): ImportResult {
  const file = readEssayBytes(path, bytes, mtimeMs, store.essays.getSource(path)?.fileHash);
  return store.transaction(() => applyFile(store, file));
}

/** Counts per status, for the closing line of an import. */
export function summarizeImport(results: readonly ImportResult[]): Record<ImportStatus, number> {
  const totals: Record<ImportStatus, number> = {
    added: 0,
    updated: 0,
    unchanged: 0,
    duplicate: 0,
    refused: 0,
  };
  for (const r of results) totals[r.status]++;
  return totals;
}
