/**
 * Restoring a JSON export (`journal import journal.json`): the sibling of
 * importPaths for what `journal export --format json` writes. Essays keep
 * their ids where those are free, their hidden flags and timestamps; the
 * registered sections (curated quotes, settings) follow. One transaction.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import { contentHash } from '../journal/contentHash.js';
import type { EssayDraft } from '../journal/essay.js';
import { EXPORT_FORMAT, EXPORT_VERSION, MARKDOWN_SIDECAR } from '../export/journalExport.js';
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
  // Exports made before content warnings have none.
  warning: z.string().trim().min(1).nullable().default(null),
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

const sidecarSchema = z.looseObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  files: z.record(z.string(), z.number().int().positive()),
});

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserFacingError(
      code
        ? `cannot read ${path}: ${code}`
        : `${path} is not valid JSON: ${(err as Error).message}`,
    );
  }
}

function readExport(path: string): z.infer<typeof exportSchema> {
  const parsed = exportSchema.safeParse(readJson(path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.');
    throw new UserFacingError(
      `${path} is not a journal-bot export (${where ? `${where}: ` : ''}${issue.message}); nothing was imported`,
    );
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
      const draft: EssayDraft = {
        title: e.title,
        body: e.body,
        date: e.date,
        place: e.place,
        tags: e.tags,
        warning: e.warning,
      };
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

    return [...results, ...restoreSections(store, doc, ids, path)];
  });
}

/** Restores the registered sections of an export; a section nobody here restores is reported, not dropped silently. */
function restoreSections(
  store: Store,
  doc: Record<string, unknown>,
  ids: ReadonlyMap<number, number>,
  path: string,
): ImportResult[] {
  const known = new Set(EXPORT_SECTIONS.map((s) => s.key));
  for (const section of EXPORT_SECTIONS) {
    if (doc[section.key] !== undefined) section.restore(store, doc[section.key], ids);
  }
  return Object.entries(doc)
    .filter(
      ([key, data]) =>
        !['format', 'version', 'exportedAt', 'essays', 'files'].includes(key) &&
        !known.has(key) &&
        !isEmptySection(data),
    )
    .map(([key]) => ({
      path: `${path}#${key}`,
      status: 'refused',
      reason: `this journal-bot cannot restore "${key}" yet; it was left out`,
    }));
}

/** The `journal.json` a Markdown export left in `dir`, if there is one. */
export function markdownSidecarIn(dir: string): string | null {
  const path = join(dir, MARKDOWN_SIDECAR);
  return existsSync(path) ? path : null;
}

/**
 * After the essay files of a Markdown export were imported (`results`),
 * restores what its `journal.json` carries (curated quotes, settings),
 * finding each quote's essay through the file it was exported to.
 */
export function restoreMarkdownSidecar(
  store: Store,
  dir: string,
  results: readonly ImportResult[],
): ImportResult[] {
  const path = join(dir, MARKDOWN_SIDECAR);
  const parsed = sidecarSchema.safeParse(readJson(path));
  if (!parsed.success) {
    return [
      {
        path,
        status: 'refused',
        reason: `not the journal.json of a journal-bot export (${parsed.error.issues[0]?.message ?? 'bad value'}); quotes and settings were not restored`,
      },
    ];
  }
  const byPath = new Map(results.map((r) => [resolve(r.path), r.essayId]));
  const ids = new Map<number, number>();
  for (const [file, oldId] of Object.entries(parsed.data.files)) {
    const newId = byPath.get(resolve(dir, file));
    if (newId !== undefined) ids.set(oldId, newId);
  }
  return store.transaction(() => restoreSections(store, parsed.data, ids, path));
}
