/**
 * Essays in SQLite. Every write goes through here so the indexes kept by
 * other modules (search, quotes) stay in step: each public write runs in a
 * transaction of its own (a savepoint when the caller already holds one),
 * so an indexer that fails halfway leaves the essay as it was.
 */
import type { Essay, EssayDraft } from '../journal/essay.js';
import { contentHash } from '../journal/contentHash.js';
import { countText, type StatsEssay } from '../journal/stats.js';
import {
  anniversaryMonthDays,
  DAY_EXCERPT_CHARS,
  nearestMonthDays,
  yearsAgo,
  type DayEntry,
  type DayList,
  type ShownDayEntry,
} from '../journal/onThisDay.js';
import { atomic, type Db } from './database.js';
import { notMuted } from './mutes.js';
import { createNewestMatching } from './search.js';

/** Something kept in sync with each essay (the search index, extracted quotes). */
export interface EssayIndexer {
  /** Called after an essay is inserted or changed (including its hidden flag). */
  put(essay: Essay): void;
  /** Called before an essay row is deleted. */
  remove(id: number): void;
  /** Called before an essay's content is replaced in place, while the row still holds the old text. */
  beforeUpdate?(id: number): void;
}

/** An `essays` row as SQLite returns it (snake_case; tags as JSON). */
export interface EssayRow {
  id: number;
  title: string | null;
  body: string;
  written_on: string;
  place: string | null;
  tags: string;
  source: string;
  content_hash: string;
  hidden: number;
  warning: string | null;
  created_at: string;
  updated_at: string;
}

function toEssay(row: EssayRow): Essay {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    date: row.written_on,
    place: row.place,
    tags: JSON.parse(row.tags) as string[],
    source: row.source,
    contentHash: row.content_hash,
    hidden: row.hidden === 1,
    warning: row.warning,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** An essay's identity and dates without its body: for lists, buttons and autocomplete. */
export type EssaySummary = Omit<Essay, 'body'> & { excerpt: string };

/** Summary rows carry the body's first 200 characters in `body`. */
function toSummary(row: EssayRow): EssaySummary {
  const { body, ...rest } = toEssay(row);
  return { ...rest, excerpt: body };
}

/** A day-list row: the columns of the `essays_day_list` index (migration 14), nothing read from the table. */
interface DayRow {
  id: number;
  title: string | null;
  written_on: string;
  place: string | null;
  tags: string;
  hidden: number;
  warning: string | null;
  length: number;
}

/**
 * Exactly the index's expressions, so SQLite reads them from the index
 * instead of loading bodies (tests/onThisDay.test.ts checks the plan). No
 * excerpt: 400 Chinese characters made each index entry ~1.2 kB, past the
 * ~1 kB an index cell holds on a 4 kB page, so every entry of a day read an
 * overflow page (SQLite compares whole keys while it walks an index).
 */
export const DAY_COLUMNS = `id, title, written_on, place, tags, hidden, warning, length(body) AS length`;

function toDayEntry(row: DayRow, today: string): DayEntry {
  return {
    id: row.id,
    title: row.title,
    date: row.written_on,
    place: row.place,
    tags: JSON.parse(row.tags) as string[],
    hidden: row.hidden === 1,
    warning: row.warning,
    length: row.length,
    yearsAgo: yearsAgo(row.written_on, today),
  };
}

/** Which essays a query may see. Hidden essays are for authors only. */
export interface Visibility {
  includeHidden?: boolean;
}

export interface ListOptions extends Visibility {
  year?: number;
  limit?: number;
  offset?: number;
}

export interface EssaySource {
  path: string;
  essayId: number;
  fileHash: string;
  mtimeMs: number;
  /** When the file was last read (ISO instant); an essay updated after this was changed elsewhere (Discord). */
  syncedAt?: string;
}

/** What a list or count filters on: hidden essays (1 = included) and a year as `[from, to)` dates. */
interface YearFilter {
  hidden: number;
  from: string | null;
  to: string | null;
}

/** An essay's content as bound to `@title`, `@body`, `@date`, `@place`, `@tags`, `@hash`. */
interface ContentParams {
  title: string | null;
  body: string;
  date: string;
  place: string | null;
  tags: string;
  warning: string | null;
  hash: string;
}

function contentParams(draft: EssayDraft): ContentParams {
  return {
    title: draft.title,
    body: draft.body,
    date: draft.date,
    place: draft.place,
    tags: JSON.stringify(draft.tags),
    warning: draft.warning ?? null,
    hash: contentHash(draft),
  };
}

const COLUMNS =
  'id, title, body, written_on, place, tags, source, content_hash, hidden, warning, created_at, updated_at';
const SUMMARY_COLUMNS = `id, title, substr(body, 1, 200) AS body, written_on, place, tags, source, content_hash, hidden, warning, created_at, updated_at`;

export function createEssayStore(db: Db, now: () => Date, indexers: readonly EssayIndexer[] = []) {
  const newestMatching = createNewestMatching(db);
  const s = {
    get: db.prepare<[number], EssayRow>(`SELECT ${COLUMNS} FROM essays WHERE id = ?`),
    byHash: db.prepare<[string], EssayRow>(`SELECT ${COLUMNS} FROM essays WHERE content_hash = ?`),
    // Up to today only: an essay dated later is not an anniversary yet. Muted periods never show here.
    byMonthDay: db.prepare<[{ md: string; today: string; hidden: number }], DayRow>(
      `SELECT ${DAY_COLUMNS} FROM essays INDEXED BY essays_day_list
       WHERE month_day = @md AND written_on <= @today AND (hidden = 0 OR @hidden) AND ${notMuted()}
       ORDER BY written_on DESC, id DESC`,
    ),
    // By rowid from the table: ten shown entries cost less than the excerpts of a whole day read from an index.
    excerpts: db.prepare<[string], { id: number; excerpt: string }>(
      `SELECT id, substr(body, 1, ${DAY_EXCERPT_CHARS}) AS excerpt FROM essays
       WHERE id IN (SELECT value FROM json_each(?))`,
    ),
    monthDays: db.prepare<[number], { month_day: string }>(
      `SELECT DISTINCT month_day FROM essays WHERE (hidden = 0 OR ?) AND ${notMuted()} ORDER BY month_day`,
    ),
    list: db.prepare<[YearFilter & { limit: number; offset: number }], EssayRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM essays
       WHERE (hidden = 0 OR @hidden) AND (@from IS NULL OR written_on >= @from) AND (@to IS NULL OR written_on < @to)
       ORDER BY written_on DESC, id DESC LIMIT @limit OFFSET @offset`,
    ),
    // From the date index alone, like nth: a hidden flag read per row is a body read per row.
    count: db.prepare<[YearFilter], { n: number }>(
      `SELECT count(*) AS n FROM essays INDEXED BY essays_by_date
       WHERE (@from IS NULL OR written_on >= @from) AND (@to IS NULL OR written_on < @to)
         AND (@hidden OR id NOT IN (SELECT id FROM essays INDEXED BY essays_hidden WHERE hidden = 1))`,
    ),
    newest: db.prepare<[{ hidden: number; limit: number }], EssayRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM essays INDEXED BY essays_by_date
       WHERE (hidden = 0 OR @hidden) ORDER BY written_on DESC, id DESC LIMIT @limit`,
    ),
    // A date typed in part (2019, 2019-03) names the essays of that year or month.
    byDatePrefix: db.prepare<
      [{ hidden: number; from: string; to: string; limit: number }],
      { id: number }
    >(
      `SELECT id FROM essays INDEXED BY essays_by_date
       WHERE written_on >= @from AND written_on < @to AND (hidden = 0 OR @hidden)
       ORDER BY written_on DESC, id DESC LIMIT @limit`,
    ),
    summaries: db.prepare<[string], EssayRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM essays WHERE id IN (SELECT value FROM json_each(?))
       ORDER BY written_on DESC, id DESC`,
    ),
    forStats: db.prepare<
      [number],
      { written_on: string; title: string | null; body: string; place: string | null; tags: string }
    >(
      `SELECT written_on, title, body, place, tags FROM essays WHERE (hidden = 0 OR ?) ORDER BY written_on`,
    ),
    // Random picks: visible and not muted. Counted and counted off through the small date index,
    // never the table: stepping over table rows reads every essay's body on the way (about 20 ms
    // at 20,000 essays). Hidden ones are few and come from their partial index.
    drawable: db.prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM essays INDEXED BY essays_by_date
       WHERE id NOT IN (SELECT id FROM essays INDEXED BY essays_hidden WHERE hidden = 1) AND ${notMuted()}`,
    ),
    nthDrawable: db.prepare<[number], EssayRow>(
      `SELECT ${COLUMNS} FROM essays WHERE id = (
         SELECT id FROM essays INDEXED BY essays_by_date
         WHERE id NOT IN (SELECT id FROM essays INDEXED BY essays_hidden WHERE hidden = 1) AND ${notMuted()}
         ORDER BY written_on, id LIMIT 1 OFFSET ?)`,
    ),
    // New ids continue past the trash too, so a deleted essay can always come back under its own id.
    insert: db.prepare<[ContentParams & { source: string; at: string }], { id: number }>(
      `INSERT INTO essays (id, title, body, written_on, place, tags, warning, source, content_hash, created_at, updated_at)
       VALUES (max(coalesce((SELECT max(id) FROM essays), 0), coalesce((SELECT max(essay_id) FROM trash), 0)) + 1,
               @title, @body, @date, @place, @tags, @warning, @source, @hash, @at, @at) RETURNING id`,
    ),
    restore: db.prepare<
      [
        ContentParams & {
          id: number;
          source: string;
          hidden: number;
          createdAt: string;
          updatedAt: string;
        },
      ]
    >(
      `INSERT INTO essays (id, title, body, written_on, place, tags, warning, source, content_hash, hidden, created_at, updated_at)
       VALUES (@id, @title, @body, @date, @place, @tags, @warning, @source, @hash, @hidden, @createdAt, @updatedAt)`,
    ),
    all: db.prepare<[number], EssayRow>(
      `SELECT ${COLUMNS} FROM essays WHERE (hidden = 0 OR ?) ORDER BY written_on, id`,
    ),
    update: db.prepare<[ContentParams & { id: number; at: string }]>(
      `UPDATE essays SET title = @title, body = @body, written_on = @date, place = @place, tags = @tags,
         warning = @warning, content_hash = @hash, updated_at = @at WHERE id = @id`,
    ),
    setHidden: db.prepare<[number, string, number]>(
      `UPDATE essays SET hidden = ?, updated_at = ? WHERE id = ?`,
    ),
    delete: db.prepare<[number]>(`DELETE FROM essays WHERE id = ?`),
    sourceMtimes: db.prepare<[], { path: string; mtime_ms: number }>(
      'SELECT path, mtime_ms FROM essay_sources',
    ),
    getSource: db.prepare<
      [string],
      { path: string; essay_id: number; file_hash: string; mtime_ms: number; synced_at: string }
    >(`SELECT path, essay_id, file_hash, mtime_ms, synced_at FROM essay_sources WHERE path = ?`),
    putSource: db.prepare<
      [{ path: string; essay: number; hash: string; mtime: number; at: string }]
    >(
      `INSERT INTO essay_sources (path, essay_id, file_hash, mtime_ms, synced_at) VALUES (@path, @essay, @hash, @mtime, @at)
       ON CONFLICT (path) DO UPDATE SET essay_id = excluded.essay_id, file_hash = excluded.file_hash,
         mtime_ms = excluded.mtime_ms, synced_at = excluded.synced_at`,
    ),
    sourcesOf: db.prepare<[number], { path: string }>(
      `SELECT path FROM essay_sources WHERE essay_id = ? ORDER BY path`,
    ),
  };

  const stamp = () => now().toISOString();
  const tx = atomic(db);
  const visible = (v?: Visibility) => (v?.includeHidden ? 1 : 0);
  const yearFilter = (options: Visibility & { year?: number }): YearFilter => ({
    hidden: visible(options),
    from: options.year === undefined ? null : `${options.year}-01-01`,
    to: options.year === undefined ? null : `${options.year + 1}-01-01`,
  });

  function notifyPut(id: number): Essay {
    const essay = toEssay(s.get.get(id)!);
    for (const indexer of indexers) indexer.put(essay);
    return essay;
  }

  return {
    get(id: number, v?: Visibility): Essay | null {
      const row = s.get.get(id);
      if (!row || (row.hidden === 1 && !v?.includeHidden)) return null;
      return toEssay(row);
    },

    findByContent(draft: EssayDraft): Essay | null {
      const row = s.byHash.get(contentHash(draft));
      return row ? toEssay(row) : null;
    },

    /** Day-list entries of essays written on any of these `MM-DD` keys up to `today`, newest first. */
    onMonthDays(monthDays: readonly string[], today: string, v?: Visibility): DayEntry[] {
      const hidden = visible(v);
      return monthDays
        .flatMap((md) => s.byMonthDay.all({ md, today, hidden }))
        .sort((a, b) =>
          a.written_on < b.written_on ? 1 : a.written_on > b.written_on ? -1 : b.id - a.id,
        )
        .map((row) => toDayEntry(row, today));
    },

    /**
     * What was written on `today`'s month-day in earlier years (and this
     * year), newest first; when nothing was, the essays of the nearest days.
     * Entries carry neither body nor excerpt: {@link withExcerpts} adds the
     * excerpts of the page shown (see {@link DayEntry}).
     */
    onThisDay(today: string, v?: Visibility & { nearest?: number }): DayList {
      const essays = this.onMonthDays(anniversaryMonthDays(today), today, v);
      if (essays.length > 0) return { date: today, essays, nearest: [] };
      const want = v?.nearest ?? 5;
      const nearest = this.onMonthDays(
        nearestMonthDays(today, this.monthDays(v), want),
        today,
        v,
      ).slice(0, want);
      return { date: today, essays, nearest };
    },

    /**
     * The entries a page of a day list shows, with their excerpts (one read
     * by id, in the order given). Ask only for the shown ones: see {@link DayEntry}.
     */
    withExcerpts(entries: readonly DayEntry[]): ShownDayEntry[] {
      if (entries.length === 0) return [];
      const byId = new Map(
        s.excerpts.all(JSON.stringify(entries.map((e) => e.id))).map((r) => [r.id, r.excerpt]),
      );
      // An essay deleted since the list was read shows with no excerpt rather than failing the page.
      return entries.map((e) => ({ ...e, excerpt: byId.get(e.id) ?? '' }));
    },

    /** Every `MM-DD` that has at least one essay (at most 366 rows, read from the index). */
    monthDays(v?: Visibility): string[] {
      return s.monthDays.all(visible(v)).map((r) => r.month_day);
    },

    list(options: ListOptions = {}): EssaySummary[] {
      return s.list
        .all({ ...yearFilter(options), limit: options.limit ?? -1, offset: options.offset ?? 0 })
        .map(toSummary);
    },

    count(options: Omit<ListOptions, 'limit' | 'offset'> = {}): number {
      return s.count.get(yearFilter(options))!.n;
    },

    /** Essays whose title, date or opening words contain `text` (autocomplete), newest first. */
    /**
     * Essays for an autocomplete: newest first, those whose title, text, place
     * or tags hold `text` (through the search index: a LIKE over every row read
     * up to 20,000 bodies, 350 ms for a word no essay has), and those whose date
     * starts with it.
     */
    suggest(text: string, limit: number, v?: Visibility): EssaySummary[] {
      const hidden = visible(v);
      if (text === '') return s.newest.all({ hidden, limit }).map(toSummary);
      const ids = newestMatching(text, limit, hidden === 1);
      if (/^\d{4}(?:-\d{0,2}){0,2}$/u.test(text))
        ids.push(
          ...s.byDatePrefix
            .all({ hidden, from: text, to: `${text}\uffff`, limit })
            .map((r) => r.id),
        );
      return s.summaries
        .all(JSON.stringify([...new Set(ids)]))
        .slice(0, limit)
        .map(toSummary);
    },

    /** Essays by id, in the order given (missing or invisible ones skipped). */
    getMany(ids: readonly number[], v?: Visibility): Essay[] {
      return ids.flatMap((id) => this.get(id, v) ?? []);
    },

    /**
     * What statistics need of every essay, oldest first: each body's character
     * count, counted row by row as they are read, so no more than one body is
     * held at a time (all of them at 20,000 essays is ~80 MB of strings in the
     * read worker's heap, which stayed in its RSS).
     */
    forStats(v?: Visibility): StatsEssay[] {
      const rows: StatsEssay[] = [];
      for (const r of s.forStats.iterate(visible(v)))
        rows.push({
          date: r.written_on,
          title: r.title,
          chars: countText(r.body).chars,
          place: r.place,
          tags: JSON.parse(r.tags) as string[],
        });
      return rows;
    },

    /**
     * A uniformly random essay for `/essay random`: never hidden (not even
     * for authors) and never from a muted period. Null when there is none.
     */
    pickRandom(random: () => number): Essay | null {
      const count = s.drawable.get()!.n;
      if (count === 0) return null;
      const row = s.nthDrawable.get(Math.min(count - 1, Math.floor(random() * count)));
      return row ? toEssay(row) : null;
    },

    insert: tx((draft: EssayDraft, source: string): Essay => {
      const { id } = s.insert.get({ ...contentParams(draft), source, at: stamp() })!;
      return notifyPut(id);
    }),

    /** Replaces an essay's content, keeping its id. */
    update: tx((id: number, draft: EssayDraft): Essay => {
      for (const indexer of indexers) indexer.beforeUpdate?.(id);
      s.update.run({ ...contentParams(draft), id, at: stamp() });
      return notifyPut(id);
    }),

    /**
     * Puts back a whole essay under its own id, with its hidden flag and
     * timestamps (the trash, restoring an export). The id must be free.
     */
    restore: tx((essay: Essay): Essay => {
      s.restore.run({
        ...contentParams(essay),
        id: essay.id,
        source: essay.source,
        hidden: essay.hidden ? 1 : 0,
        createdAt: essay.createdAt,
        updatedAt: essay.updatedAt,
      });
      return notifyPut(essay.id);
    }),

    /** Every essay with its whole body, oldest first (exports). */
    all(v?: Visibility): Essay[] {
      return s.all.all(visible(v)).map(toEssay);
    },

    setHidden: tx((id: number, hidden: boolean): Essay => {
      s.setHidden.run(hidden ? 1 : 0, stamp(), id);
      return notifyPut(id);
    }),

    delete: tx((id: number): void => {
      for (const indexer of indexers) indexer.remove(id);
      s.delete.run(id);
    }),

    /** Every recorded file's modification time, by path: a folder sync compares against these in one read. */
    sourceMtimes(): Map<string, number> {
      return new Map(s.sourceMtimes.all().map((r) => [r.path, r.mtime_ms]));
    },

    getSource(path: string): EssaySource | null {
      const row = s.getSource.get(path);
      return row
        ? {
            path: row.path,
            essayId: row.essay_id,
            fileHash: row.file_hash,
            mtimeMs: row.mtime_ms,
            syncedAt: row.synced_at,
          }
        : null;
    },

    putSource: tx((source: EssaySource): void => {
      s.putSource.run({
        path: source.path,
        essay: source.essayId,
        hash: source.fileHash,
        mtime: source.mtimeMs,
        at: stamp(),
      });
    }),

    sourcesOf(id: number): string[] {
      return s.sourcesOf.all(id).map((r) => r.path);
    },
  };
}

export type EssayStore = ReturnType<typeof createEssayStore>;
