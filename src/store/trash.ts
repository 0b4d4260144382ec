/**
 * The trash: a deleted essay is kept whole (text, flags, timestamps and the
 * files it came from) until `journal restore ID` puts it back under its own
 * id. Deleting is a move, never a loss.
 */
import { UserFacingError } from '../errors.js';
import type { Essay } from '../journal/essay.js';
import { atomic, type Db } from './database.js';
import type { EssaySource, EssayStore } from './essays.js';

/** What the trash remembers of one essay. */
export interface TrashEntry {
  essayId: number;
  title: string | null;
  date: string;
  deletedAt: string;
  /** Discord user id, or null for the command line. */
  deletedBy: string | null;
}

interface TrashedEssay {
  essay: Essay;
  sources: EssaySource[];
}

interface TrashRow {
  essay_id: number;
  title: string | null;
  written_on: string;
  essay: string;
  deleted_at: string;
  deleted_by: string | null;
}

function toEntry(row: TrashRow): TrashEntry {
  return {
    essayId: row.essay_id,
    title: row.title,
    date: row.written_on,
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
  };
}

export function createTrashStore(db: Db, essays: EssayStore, now: () => Date) {
  const s = {
    put: db.prepare<
      [
        {
          id: number;
          title: string | null;
          date: string;
          essay: string;
          at: string;
          by: string | null;
        },
      ]
    >(
      `INSERT INTO trash (essay_id, title, written_on, essay, deleted_at, deleted_by)
       VALUES (@id, @title, @date, @essay, @at, @by)`,
    ),
    get: db.prepare<[number], TrashRow>(`SELECT * FROM trash WHERE essay_id = ?`),
    list: db.prepare<[], TrashRow>(`SELECT * FROM trash ORDER BY deleted_at DESC, essay_id DESC`),
    remove: db.prepare<[number]>(`DELETE FROM trash WHERE essay_id = ?`),
    // The trash is small and this runs only for files the database has never seen: a scan is fine.
    bySourcePath: db.prepare<[string], { essay_id: number; file_hash: string; deleted_at: string }>(
      `SELECT t.essay_id, s.value ->> 'fileHash' AS file_hash, t.deleted_at
       FROM trash t, json_each(t.essay, '$.sources') s
       WHERE s.value ->> 'path' = ? ORDER BY t.deleted_at DESC LIMIT 1`,
    ),
  };
  const tx = atomic(db);

  return {
    /**
     * Moves an essay (hidden or not) to the trash; its indexes forget it in
     * the same transaction. Returns null when there is no such essay.
     */
    put: tx((id: number, deletedBy: string | null): TrashEntry | null => {
      const essay = essays.get(id, { includeHidden: true });
      if (!essay) return null;
      const sources = essays.sourcesOf(id).flatMap((path) => essays.getSource(path) ?? []);
      const kept: TrashedEssay = { essay, sources };
      const deletedAt = now().toISOString();
      s.put.run({
        id,
        title: essay.title,
        date: essay.date,
        essay: JSON.stringify(kept),
        at: deletedAt,
        by: deletedBy,
      });
      essays.delete(id);
      return { essayId: id, title: essay.title, date: essay.date, deletedAt, deletedBy };
    }),

    get(id: number): TrashEntry | null {
      const row = s.get.get(id);
      return row ? toEntry(row) : null;
    },

    /** Newest deletion first. */
    list(): TrashEntry[] {
      return s.list.all().map(toEntry);
    },

    /**
     * Brings an essay back under its own id, with its flags, timestamps and
     * file links. Refuses (UserFacingError) when it is not in the trash or
     * when the same text was added again meanwhile.
     */
    restore: tx((id: number): Essay => {
      const row = s.get.get(id);
      if (!row)
        throw new UserFacingError(`essay #${id} is not in the trash`, 'trash.notFound', { id });
      const { essay, sources } = JSON.parse(row.essay) as TrashedEssay;
      const twin = essays.findByContent(essay);
      if (twin) {
        throw new UserFacingError(
          `the same text is already essay #${twin.id}; nothing to restore`,
          'trash.twin',
          { id, twin: twin.id },
        );
      }
      const restored = essays.restore(essay);
      // A file that now feeds another essay keeps feeding that one.
      for (const source of sources)
        if (!essays.getSource(source.path)) essays.putSource({ ...source, essayId: id });
      s.remove.run(id);
      return restored;
    }),

    /**
     * The trashed essay a journal-folder file fed, if any: the folder sync
     * uses it so deleting in Discord is not undone by the file still lying there.
     */
    fedBy(path: string): { essayId: number; fileHash: string; deletedAt: string } | null {
      const row = s.bySourcePath.get(path);
      return row
        ? { essayId: row.essay_id, fileHash: row.file_hash, deletedAt: row.deleted_at }
        : null;
    },
  };
}
