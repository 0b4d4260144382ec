/** What each export format's reader hands the importer: items to apply, or one reason to take none. */
import { bytesHash } from '../../journal/contentHash.js';
import type { ImportItem } from '../importFiles.js';

/** The tag a starred entry gets (a star has no place of its own in an essay). */
export const STARRED_TAG = 'starred';

/** An export as read: its entries as items, or why none of it is imported. */
export type ExportRead =
  { items: ImportItem[]; photos: number; refusal?: undefined } | { refusal: string };

/** An export file, from disk or an upload. */
export interface ExportSource {
  /** Shown to the author, and the prefix of each entry's path. */
  name: string;
  bytes: Buffer;
  mtimeMs: number;
}

/** What readers need beyond the bytes. */
export interface FormatOptions {
  /** JOURNAL_TIMEZONE: the zone for entries that do not name their own. */
  timeZone: string;
}

/** A hash of an entry as exported: the same entry exported again is unchanged, without parsing. */
export function entryHash(entry: unknown, options: FormatOptions): string {
  return bytesHash(Buffer.from(JSON.stringify([entry, options.timeZone])));
}

/** The first schema problem, as `where: what`. */
export function firstIssue(error: {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}): string {
  const issue = error.issues[0];
  if (!issue) return 'bad value';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** A JSON document, or why it is refused (`what` names the file). */
export function parseJson(bytes: Buffer, what: string): { doc: unknown } | { refusal: string } {
  try {
    return { doc: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (err) {
    return {
      refusal: `${what} is not valid JSON (${(err as Error).message}); nothing from it was imported`,
    };
  }
}
