/**
 * Day One's JSON export: the `.zip` it writes (one `*.json` per journal,
 * plus `photos/`) or one of those JSON files alone. Each entry becomes an
 * item keyed by its uuid, so a later export of the same journal updates
 * essays in place; photos are not imported, only counted.
 */
import { z } from 'zod';
import { isValidTimeZone, localDate } from '../../journal/dates.js';
import { readDayOneText } from '../../journal/dayOneText.js';
import { normalizeTags } from '../../journal/essayFile.js';
import type { ImportItem } from '../importFiles.js';
import { readZipEntries, ZipRefusal } from '../zip.js';
import {
  entryHash,
  firstIssue,
  parseJson,
  STARRED_TAG,
  type ExportRead,
  type FormatOptions,
} from './source.js';

/**
 * The uuid `journal export --format dayone` gives an essay that did not come
 * from Day One: "JBOT" in hex, then the essay id, so importing the export
 * back recognises each essay.
 */
const EXPORTED_UUID = /^4A424F54([0-9A-F]{24})$/u;

export function exportedUuid(essayId: number): string {
  return `4A424F54${essayId.toString(16).toUpperCase().padStart(24, '0')}`;
}

/** The essay-source key of a Day One entry. */
export function dayOneKey(uuid: string): string {
  return `dayone:${uuid}`;
}

const optionalText = z.string().optional();

const entrySchema = z.looseObject({
  uuid: z.string().regex(/^[0-9A-Za-z-]{1,64}$/u, 'expected a Day One entry uuid'),
  creationDate: z.iso.datetime({ offset: true }),
  modifiedDate: z.iso.datetime({ offset: true }).optional(),
  timeZone: optionalText,
  text: optionalText,
  starred: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
  location: z
    .looseObject({
      placeName: optionalText,
      localityName: optionalText,
      administrativeArea: optionalText,
    })
    .optional(),
  photos: z.array(z.unknown()).optional(),
});

const journalSchema = z.looseObject({
  metadata: z.looseObject({ version: z.string().optional() }).optional(),
  entries: z.array(entrySchema),
});

type DayOneEntry = z.infer<typeof entrySchema>;

/** Whether a parsed JSON document is shaped like a Day One journal rather than a jrnl export. */
export function looksLikeDayOne(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null || !('entries' in doc)) return false;
  const { entries } = doc;
  const first: unknown = Array.isArray(entries) ? entries[0] : undefined;
  return (
    'metadata' in doc ||
    (typeof first === 'object' && first !== null && ('creationDate' in first || 'uuid' in first))
  );
}

function placeOf(entry: DayOneEntry): string | null {
  const l = entry.location;
  const place = [l?.placeName, l?.localityName, l?.administrativeArea]
    .map((p) => p?.trim())
    .find((p) => p !== undefined && p !== '');
  return place ?? null;
}

function entryItem(entry: DayOneEntry, where: string, options: FormatOptions): ImportItem {
  // The calendar day where it was written: 23:30 in Shanghai is that day, not the UTC one.
  const zone =
    entry.timeZone && isValidTimeZone(entry.timeZone) ? entry.timeZone : options.timeZone;
  const date = localDate(new Date(entry.creationDate), zone);
  const text = readDayOneText(entry.text ?? '');
  const photos = Math.max(text.photos, entry.photos?.length ?? 0);
  const exported = EXPORTED_UUID.exec(entry.uuid);
  const item: ImportItem = {
    path: `${where}/${entry.uuid}`,
    key: dayOneKey(entry.uuid),
    fileHash: entryHash(entry, options),
    mtimeMs: Date.parse(entry.modifiedDate ?? entry.creationDate),
    ...(exported ? { exportedFrom: parseInt(exported[1]!, 16) } : {}),
  };
  if (text.body.trim() === '') {
    if (photos > 0) return { ...item, skip: `the entry of ${date} holds only photos, no text` };
    return { ...item, refusal: `the entry of ${date} has no text` };
  }
  const tags = [...(entry.tags ?? []), ...(entry.starred ? [STARRED_TAG] : [])];
  item.draft = {
    title: text.title,
    body: text.body,
    date,
    place: placeOf(entry),
    tags: normalizeTags(tags),
  };
  return item;
}

/** Items of one Day One journal document; `where` names it (`export.zip#Journal.json`). */
export function readDayOneJournal(doc: unknown, where: string, options: FormatOptions): ExportRead {
  const parsed = journalSchema.safeParse(doc);
  if (!parsed.success)
    return {
      refusal: `not a Day One export this version reads (${firstIssue(parsed.error)}); nothing from it was imported`,
    };
  const items = parsed.data.entries.map((entry) => entryItem(entry, where, options));
  // Photos counted once per entry, whether or not the entry itself is imported.
  const photos = parsed.data.entries.reduce(
    (sum, e) => sum + Math.max(readDayOneText(e.text ?? '').photos, e.photos?.length ?? 0),
    0,
  );
  return { items, photos };
}

/** A Day One export zip: every `*.json` journal in it, read together or not at all. */
export async function readDayOneZip(
  zip: { path: string } | { bytes: Buffer },
  name: string,
  options: FormatOptions,
): Promise<ExportRead> {
  let journals: Map<string, Buffer>;
  try {
    journals = await readZipEntries(
      zip,
      (entry) => entry.toLowerCase().endsWith('.json') && !entry.startsWith('__MACOSX/'),
    );
  } catch (err) {
    if (err instanceof ZipRefusal)
      return { refusal: `${err.message}; nothing from it was imported` };
    throw err;
  }
  if (journals.size === 0)
    return { refusal: 'it holds no Day One journal (*.json); nothing was imported' };
  const items: ImportItem[] = [];
  let photos = 0;
  for (const [file, bytes] of [...journals].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const json = parseJson(bytes, file);
    if ('refusal' in json) return json;
    const read = readDayOneJournal(json.doc, `${name}#${file}`, options);
    if (read.refusal !== undefined) return { refusal: `${file}: ${read.refusal}` };
    items.push(...read.items);
    photos += read.photos;
  }
  return { items, photos };
}
