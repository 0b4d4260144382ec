/**
 * Restoring a JSON export (`journal import journal.json`): the sibling of
 * importPaths for what `journal export --format json` writes. Essays keep
 * their ids where those are free, their hidden flags and timestamps; the
 * registered sections (curated quotes, settings) follow. One transaction.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import { contentHash } from '../journal/contentHash.js';
import type { EssayDraft } from '../journal/essay.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../export/journalExport.js';
import { EXPORT_SECTIONS } from '../export/sections.js';
import type { Store } from '../store/index.js';
import type { ImportResult } from './importFiles.js';

const essaySchema = z.object({
  id: z.number().int().positive(),
  title: z.string().trim().min(1).nullable(),
  date: z.iso.date(),
  place: z.string().trim().min(1).nullable(),
  tags: z.array(z.string().trim().min(1)),
  hidden: z.boolean(),
  body: z.string().refine((b) => b.trim() !== '', 'the essay has no text'),
  source: z.string().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const exportSchema = z.looseObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  essays: z.array(essaySchema),
});

/** True when a path names a JSON file (what `journal import` hands to restoreJournalExport). */
export function isJsonExportPath(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

function readExport(path: string): z.infer<typeof exportSchema> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserFacingError(code ? `cannot read ${path}: ${code}` : `${path} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = exportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.');
    throw new UserFacingError(`${path} is not a journal-bot export (${where ? `${where}: ` : ''}${issue.message}); nothing was imported`);
  }
  return parsed.data;
}

/** Whether a section's data is empty: then a section nobody restores loses nothing. */
function isEmptySection(data: unknown): boolean {
  if (data === null || data === undefined) return true;
  if (Array.isArray(data)) return data.length === 0;
  return typeof data === 'object' && Object.keys(data).length === 0;
}

/**
 * Restores a JSON export into the store. An essay already present (same
 * text) only takes the export's hidden flag; the others are added under
 * their exported id when it is free (neither used nor in the trash).
 */
export function restoreJournalExport(store: Store, path: string): ImportResult[] {
  const doc = readExport(path);
  const { essays, trash } = store;
  return store.transaction(() => {
    const ids = new Map<number, number>();
    const results: ImportResult[] = doc.essays.map((e) => {
      const draft: EssayDraft = { title: e.title, body: e.body, date: e.date, place: e.place, tags: e.tags };
      const base = { path: `${path}#${e.id}`, title: e.title, date: e.date };
      const same = essays.findByContent(draft);
      if (same) {
        ids.set(e.id, same.id);
        if (same.hidden === e.hidden) return { ...base, status: 'unchanged', essayId: same.id };
        essays.setHidden(same.id, e.hidden);
        return { ...base, status: 'updated', essayId: same.id };
      }
      const idFree = !essays.get(e.id, { includeHidden: true }) && !trash.get(e.id);
      const added = idFree
        ? essays.restore({ ...e, contentHash: contentHash(draft) })
        : essays.insert(draft, e.source);
      if (!idFree && e.hidden) essays.setHidden(added.id, true);
      ids.set(e.id, added.id);
      return { ...base, status: 'added', essayId: added.id };
    });

    const known = new Set(EXPORT_SECTIONS.map((s) => s.key));
    for (const section of EXPORT_SECTIONS) {
      if (doc[section.key] !== undefined) section.restore(store, doc[section.key], ids);
    }
    for (const [key, data] of Object.entries(doc)) {
      if (['format', 'version', 'exportedAt', 'essays'].includes(key) || known.has(key) || isEmptySection(data)) continue;
      results.push({ path: `${path}#${key}`, status: 'refused', reason: `this journal-bot cannot restore "${key}" yet; it was left out` });
    }
    return results;
  });
}
