/**
 * jrnl's JSON export (`jrnl --format json`): `entries[]` with `date`,
 * `time`, `title`, `body`, `tags`, `starred`. jrnl has no entry ids, so an
 * entry is known by its date and time: exporting the journal again after
 * editing an entry updates that essay in place.
 */
import { z } from 'zod';
import { normalizeTags, titleLine } from '../../journal/essayFile.js';
import type { ImportItem } from '../importFiles.js';
import {
  entryHash,
  firstIssue,
  STARRED_TAG,
  type ExportRead,
  type FormatOptions,
} from './source.js';

const entrySchema = z.looseObject({
  date: z.iso.date(),
  time: z.string().regex(/^\d{1,2}:\d{2}/u, 'expected a time like 09:30'),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()).optional(),
  starred: z.boolean().optional(),
});

const exportSchema = z.looseObject({ entries: z.array(entrySchema) });

type JrnlEntry = z.infer<typeof entrySchema>;

/**
 * jrnl splits an entry at its first sentence; that sentence is a title only
 * when it reads like one (short, no closing punctuation), else the entry's
 * text is whole again.
 */
function titleAndBody(entry: JrnlEntry): { title: string | null; body: string } {
  const title = entry.title.trim();
  const body = entry.body.replace(/\r\n?/gu, '\n').trim();
  if (titleLine(title) && body !== '') return { title, body };
  return { title: null, body: [title, body].filter((p) => p !== '').join(' ') };
}

function entryItem(
  entry: JrnlEntry,
  key: string,
  where: string,
  options: FormatOptions,
): ImportItem {
  const item: ImportItem = {
    path: `${where}#${key}`,
    key: `jrnl:${key}`,
    fileHash: entryHash(entry, options),
    mtimeMs: Date.parse(`${entry.date}T00:00:00Z`),
  };
  const { title, body } = titleAndBody(entry);
  if (body === '') return { ...item, refusal: `the entry of ${entry.date} has no text` };
  // jrnl writes tags with their marker (`@work`).
  const tags = [
    ...(entry.tags ?? []).map((t) => t.replace(/^[@#]/u, '')),
    ...(entry.starred ? [STARRED_TAG] : []),
  ];
  item.draft = { title, body, date: entry.date, place: null, tags: normalizeTags(tags) };
  return item;
}

/** Whether a parsed JSON document is a jrnl export. */
export function looksLikeJrnl(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null || !('entries' in doc)) return false;
  const { entries } = doc;
  const first: unknown = Array.isArray(entries) ? entries[0] : undefined;
  return typeof first === 'object' && first !== null && 'date' in first && 'body' in first;
}

/** Items of a jrnl export; `where` names the file. */
export function readJrnlExport(doc: unknown, where: string, options: FormatOptions): ExportRead {
  const parsed = exportSchema.safeParse(doc);
  if (!parsed.success)
    return {
      refusal: `not a jrnl export this version reads (${firstIssue(parsed.error)}); nothing from it was imported`,
    };
  const seen = new Map<string, number>();
  const items = parsed.data.entries.map((entry) => {
    const at = `${entry.date} ${entry.time}`;
    const n = (seen.get(at) ?? 0) + 1;
    seen.set(at, n);
    return entryItem(entry, n === 1 ? at : `${at} #${n}`, where, options);
  });
  return { items, photos: 0 };
}
