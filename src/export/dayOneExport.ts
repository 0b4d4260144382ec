/**
 * `journal export --format dayone`: the journal as a Day One JSON export
 * (a zip holding `Journal.json`), so an author can take it to Day One.
 * Each entry is dated at noon of its day in JOURNAL_TIMEZONE, so every zone
 * near it reads the same calendar date; importing the zip back changes
 * nothing (essays that came from Day One keep their uuid, the others get
 * one that names their id).
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { UserFacingError } from '../errors.js';
import { writeDayOneText } from '../journal/dayOneText.js';
import type { Essay } from '../journal/essay.js';
import { dayOneKey, exportedUuid } from '../import/formats/dayOne.js';
import { STARRED_TAG } from '../import/formats/source.js';
import { postInstant } from '../schedule/due.js';
import type { Store } from '../store/index.js';
import type { ExportSummary } from './journalExport.js';

/** The Day One journal file inside the zip. */
export const DAY_ONE_JOURNAL = 'Journal.json';

export interface DayOneEntry {
  uuid: string;
  creationDate: string;
  modifiedDate: string;
  timeZone: string;
  text: string;
  starred: boolean;
  tags: string[];
  location?: { placeName: string };
}

/** The uuid an essay goes out under: its Day One uuid when it came from Day One. */
function uuidOf(essay: Essay, sources: readonly string[]): string {
  const prefix = dayOneKey('');
  const fromDayOne = [essay.source, ...sources].find((s) => s.startsWith(prefix));
  return fromDayOne ? fromDayOne.slice(prefix.length) : exportedUuid(essay.id);
}

/** Day One's instants: whole seconds, UTC. */
function dayOneInstant(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}

export function dayOneEntry(
  essay: Essay,
  sources: readonly string[],
  timeZone: string,
): DayOneEntry {
  return {
    uuid: uuidOf(essay, sources),
    creationDate: dayOneInstant(postInstant(essay.date, '12:00', timeZone)),
    modifiedDate: dayOneInstant(new Date(essay.updatedAt)),
    timeZone,
    text: writeDayOneText(essay.title, essay.body),
    starred: essay.tags.includes(STARRED_TAG),
    tags: essay.tags,
    ...(essay.place ? { location: { placeName: essay.place } } : {}),
  };
}

/** The Day One journal document of these essays. */
export function buildDayOneJournal(
  store: Store,
  essays: readonly Essay[],
  timeZone: string,
): { metadata: { version: string }; entries: DayOneEntry[] } {
  return {
    metadata: { version: '1.0' },
    entries: essays.map((e) => dayOneEntry(e, store.essays.sourcesOf(e.id), timeZone)),
  };
}

/** Writes the zip to `path` atomically (a temporary file, then a rename). */
export async function writeDayOneExport(
  store: Store,
  path: string,
  now: Date,
  options: { timeZone: string; force?: boolean },
): Promise<ExportSummary> {
  if (existsSync(path) && options.force !== true)
    throw new UserFacingError(
      `${path} already exists; choose a new file name (or pass --force to overwrite)`,
    );
  // Hidden essays too: this is the whole journal leaving.
  const essays = store.essays.all({ includeHidden: true });
  const doc = buildDayOneJournal(store, essays, options.timeZone);
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(doc, null, 2)}\n`), DAY_ONE_JOURNAL, { mtime: now });
  zip.end();
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await pipeline(zip.outputStream, createWriteStream(tmp));
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return {
    format: 'dayone',
    path,
    essays: essays.length,
    hidden: essays.filter((e) => e.hidden).length,
  };
}
