/**
 * Muted periods (migration 11): date ranges whose essays never come back
 * unasked. The exclusion is one SQL condition, {@link notMuted}, that every
 * resurfacing query of the store carries — the day lists (`/essay today`,
 * `/essay on`, anniversary posts), the random essay and the quote draw — so
 * no surface can forget it. Search, lists and `/essay show` do not use it.
 *
 * The table holds a handful of rows, so the correlated NOT EXISTS costs one
 * tiny scan per candidate row and leaves the day list on its covering index.
 */
import { UserFacingError } from '../errors.js';
import type { MutedPeriod } from '../journal/mutedPeriods.js';
import { atomic, type Db } from './database.js';

export type { MutedPeriod } from '../journal/mutedPeriods.js';

/**
 * SQL condition: the essay whose date is the column `writtenOn` (default
 * `written_on`; pass `e.written_on` under an alias) lies in no muted period.
 * Any query that brings essays back without being asked for them (related
 * essays too) must AND this in.
 */
export function notMuted(writtenOn = 'written_on'): string {
  return `NOT EXISTS (SELECT 1 FROM muted_periods WHERE ${writtenOn} BETWEEN muted_periods.starts_on AND muted_periods.ends_on)`;
}

interface MuteRow {
  id: number;
  starts_on: string;
  ends_on: string;
  note: string | null;
  created_at: string;
}

function toPeriod(row: MuteRow): MutedPeriod {
  return {
    id: row.id,
    from: row.starts_on,
    to: row.ends_on,
    note: row.note,
    createdAt: row.created_at,
  };
}

/** A period to add: canonical dates already checked by `readMuteRange` (src/journal/mutedPeriods.ts). */
export interface NewMutedPeriod {
  from: string;
  to: string;
  note?: string | null;
  /** Restoring an export keeps the original stamp. */
  createdAt?: string;
}

const COLUMNS = 'id, starts_on, ends_on, note, created_at';

export function createMuteStore(db: Db, now: () => Date) {
  const s = {
    list: db.prepare<[], MuteRow>(
      `SELECT ${COLUMNS} FROM muted_periods ORDER BY starts_on, ends_on, id`,
    ),
    get: db.prepare<[number], MuteRow>(`SELECT ${COLUMNS} FROM muted_periods WHERE id = ?`),
    byRange: db.prepare<[string, string], MuteRow>(
      `SELECT ${COLUMNS} FROM muted_periods WHERE starts_on = ? AND ends_on = ?`,
    ),
    insert: db.prepare<[{ from: string; to: string; note: string | null; at: string }], MuteRow>(
      `INSERT INTO muted_periods (starts_on, ends_on, note, created_at) VALUES (@from, @to, @note, @at)
       RETURNING ${COLUMNS}`,
    ),
    remove: db.prepare<[number]>(`DELETE FROM muted_periods WHERE id = ?`),
    covers: db.prepare<[string], { n: number }>(`SELECT 1 AS n WHERE NOT ${notMuted('?')}`),
  };
  const tx = atomic(db);

  return {
    /** Every muted period, earliest first. */
    list(): MutedPeriod[] {
      return s.list.all().map(toPeriod);
    },

    get(id: number): MutedPeriod | null {
      const row = s.get.get(id);
      return row ? toPeriod(row) : null;
    },

    /** Whether essays written on `date` (`YYYY-MM-DD`) are muted. */
    isMuted(date: string): boolean {
      return s.covers.get(date) !== undefined;
    },

    /** Mutes a range; the same range twice is refused with the id it already has. */
    add: tx((period: NewMutedPeriod): MutedPeriod => {
      const same = s.byRange.get(period.from, period.to);
      if (same)
        throw new UserFacingError(
          `${period.from} – ${period.to} is already muted (#${same.id})`,
          'mute.duplicate',
          { id: same.id, from: period.from, to: period.to },
        );
      const note = period.note?.trim() ? period.note.trim() : null;
      return toPeriod(
        s.insert.get({
          from: period.from,
          to: period.to,
          note,
          at: period.createdAt ?? now().toISOString(),
        })!,
      );
    }),

    /** Lifts a muted period; an unknown id is refused in one sentence. */
    remove: tx((id: number): MutedPeriod => {
      const row = s.get.get(id);
      if (!row) throw new UserFacingError(`no muted period #${id}`, 'mute.unknown', { id });
      s.remove.run(id);
      return toPeriod(row);
    }),
  };
}

export type MuteStore = ReturnType<typeof createMuteStore>;
