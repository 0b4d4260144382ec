/**
 * Importing essay files (the `journal import` command and the startup sync
 * of JOURNAL_DIR). Files are read and parsed first, then applied in one
 * transaction, so an interrupted run leaves all of it or none of it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { bytesHash } from '../journal/contentHash.js';
import type { EssayDraft } from '../journal/essay.js';
import { EssayParseError, parseEssayFile } from '../journal/essayFile.js';
import type { Store } from '../store/index.js';

export const ESSAY_EXTENSIONS = ['.md', '.txt', '.markdown'];

export type ImportStatus = 'added' | 'updated' | 'unchanged' | 'duplicate' | 'refused';

export interface ImportResult {
  path: string;
  status: ImportStatus;
  essayId?: number;
  title?: string | null;
  date?: string;
  /** Why a file was refused, or which essay already holds the same text. */
  reason?: string;
}

interface ReadFile {
  path: string;
  fileHash: string;
  mtimeMs: number;
  draft?: EssayDraft;
  refusal?: string;
}

function isEssayFile(name: string): boolean {
  return !name.startsWith('.') && ESSAY_EXTENSIONS.includes(extname(name).toLowerCase());
}

/** Essay files under the given paths, in a stable order; folders are walked recursively. */
export function collectEssayFiles(paths: readonly string[]): { files: string[]; missing: ImportResult[] } {
  const files: string[] = [];
  const missing: ImportResult[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(full);
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
    else missing.push({ path: given, status: 'refused', reason: `not an essay file (expected ${ESSAY_EXTENSIONS.join(', ')})` });
  }
  return { files: [...new Set(files)], missing };
}

function readEssayFile(path: string, knownHash: string | undefined): ReadFile {
  const bytes = readFileSync(path);
  const mtimeMs = Math.trunc(statSync(path).mtimeMs);
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
    return { ...base, status: 'unchanged', essayId: source?.essayId, title: essay?.title, date: essay?.date };
  }
  const draft = file.draft;
  const summary = { title: draft.title, date: draft.date };
  const same = essays.findByContent(draft);
  const record = (essayId: number) => essays.putSource({ path: file.path, essayId, fileHash: file.fileHash, mtimeMs: file.mtimeMs });

  if (same) {
    record(same.id);
    if (source?.essayId === same.id || same.source === file.path) return { ...base, ...summary, status: 'unchanged', essayId: same.id };
    const where = same.source === 'discord' ? 'added from Discord' : same.source;
    return { ...base, ...summary, status: 'duplicate', essayId: same.id, reason: `same text as essay #${same.id} (${where})` };
  }
  const existing = source ? essays.get(source.essayId, { includeHidden: true }) : null;
  if (existing) {
    essays.update(existing.id, draft);
    record(existing.id);
    return { ...base, ...summary, status: 'updated', essayId: existing.id };
  }
  const added = essays.insert(draft, file.path);
  record(added.id);
  return { ...base, ...summary, status: 'added', essayId: added.id };
}

/**
 * Imports files and folders. A refused file never stops the others; the
 * writes of the whole run commit together.
 */
export function importPaths(store: Store, paths: readonly string[]): ImportResult[] {
  const { files, missing } = collectEssayFiles(paths);
  const read = files.map((path) => {
    try {
      return readEssayFile(path, store.essays.getSource(path)?.fileHash);
    } catch (err) {
      return { path, fileHash: '', mtimeMs: 0, refusal: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
  });
  const results = store.transaction(() => read.map((file) => applyFile(store, file)));
  return [...missing, ...results];
}

/** Counts per status, for the closing line of an import. */
export function summarizeImport(results: readonly ImportResult[]): Record<ImportStatus, number> {
  const totals: Record<ImportStatus, number> = { added: 0, updated: 0, unchanged: 0, duplicate: 0, refused: 0 };
  for (const r of results) totals[r.status]++;
  return totals;
}
