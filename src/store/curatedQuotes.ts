/**
 * The quotes authors curate: added by hand (/quote add) or saved from a
 * Discord message ("Save as quote"), with a link back to that message and
 * when it was sent.
 *
 * A curated quote tied to an essay follows that essay instead of outliving
 * it: the row is kept (no foreign key), but it is drawn, searched and listed
 * for everyone only while the essay is visible, and comes back when the
 * essay is unhidden or restored from the trash. Essay ids are never reused
 * while an essay is in the trash, so the link stays right.
 */
import { verifyMatch, type TranslatedQuery } from '../journal/search.js';
import { normalizeText } from '../journal/text.js';
import { atomic, type Db } from './database.js';

/** The Discord message a curated quote was saved from. */
export interface MessageLink {
  guildId: string | null;
  channelId: string;
  messageId: string;
  url: string;
  /** Who wrote the message. */
  authorId: string | null;
  /** When the message was sent (ISO instant); null for quotes saved before this was kept. */
  sentAt: string | null;
}

/** A quote an author added by hand or saved from a message. */
export interface CuratedQuote {
  kind: 'curated';
  id: number;
  key: string;
  text: string;
  /** The essay it is attributed to, if any. */
  essayId: number | null;
  message: MessageLink | null;
  /** Discord user id of the author who saved it; null from the command line. */
  savedBy: string | null;
  createdAt: string;
  /** False while its essay is hidden or in the trash: then only authors see it, in lists. */
  visible: boolean;
}

export interface NewCuratedQuote {
  text: string;
  essayId?: number | null;
  message?: MessageLink | null;
  savedBy?: string | null;
}

/** Whether a listing includes curated quotes whose essay is hidden or in the trash (authors). */
export interface CuratedVisibility {
  includeHidden?: boolean;
}

/** "Recently shown" key of a curated quote; extracted ones use quoteKey (src/journal/quotes.ts). */
export function curatedKey(id: number): string {
  return `curated:${id}`;
}

interface CuratedRow {
  id: number;
  text: string;
  essay_id: number | null;
  guild_id: string | null;
  channel_id: string | null;
  message_id: string | null;
  message_url: string | null;
  message_author_id: string | null;
  message_sent_at: string | null;
  saved_by: string | null;
  created_at: string;
  visible: number;
}

function toCurated(row: CuratedRow): CuratedQuote {
  const message =
    row.channel_id !== null && row.message_id !== null && row.message_url !== null
      ? {
          guildId: row.guild_id,
          channelId: row.channel_id,
          messageId: row.message_id,
          url: row.message_url,
          authorId: row.message_author_id,
          sentAt: row.message_sent_at,
        }
      : null;
  return {
    kind: 'curated',
    id: row.id,
    key: curatedKey(row.id),
    text: row.text,
    essayId: row.essay_id,
    message,
    savedBy: row.saved_by,
    createdAt: row.created_at,
    visible: row.visible === 1,
  };
}

// A curated quote is visible when it has no essay or its essay is visible (present and not hidden).
const VISIBLE =
  '(c.essay_id IS NULL OR EXISTS (SELECT 1 FROM essays e WHERE e.id = c.essay_id AND e.hidden = 0))';
const COLUMNS = `c.id, c.text, c.essay_id, c.guild_id, c.channel_id, c.message_id, c.message_url, c.message_author_id,
                 c.message_sent_at, c.saved_by, c.created_at, ${VISIBLE} AS visible`;

export function createCuratedQuoteStore(db: Db, now: () => Date) {
  const s = {
    insert: db.prepare<
      [
        {
          text: string;
          essay: number | null;
          guild: string | null;
          channel: string | null;
          message: string | null;
          url: string | null;
          author: string | null;
          sentAt: string | null;
          savedBy: string | null;
          at: string;
        },
      ],
      { id: number }
    >(
      `INSERT INTO curated_quotes (text, essay_id, guild_id, channel_id, message_id, message_url, message_author_id,
                                   message_sent_at, saved_by, created_at)
       VALUES (@text, @essay, @guild, @channel, @message, @url, @author, @sentAt, @savedBy, @at) RETURNING id`,
    ),
    byId: db.prepare<[number], CuratedRow>(
      `SELECT ${COLUMNS} FROM curated_quotes c WHERE c.id = ?`,
    ),
    byText: db.prepare<[string], CuratedRow>(
      `SELECT ${COLUMNS} FROM curated_quotes c WHERE c.text = ?`,
    ),
    byMessage: db.prepare<[string], CuratedRow>(
      `SELECT ${COLUMNS} FROM curated_quotes c WHERE c.message_id = ?`,
    ),
    delete: db.prepare<[number]>(`DELETE FROM curated_quotes WHERE id = ?`),
    list: db.prepare<[number, number, number], CuratedRow>(
      `SELECT ${COLUMNS} FROM curated_quotes c WHERE (? OR ${VISIBLE}) ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?`,
    ),
    count: db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM curated_quotes c WHERE (? OR ${VISIBLE})`,
    ),
    suggest: db.prepare<[{ all: number; like: string; id: number; limit: number }], CuratedRow>(
      `SELECT ${COLUMNS} FROM curated_quotes c
       WHERE (@all OR ${VISIBLE}) AND (c.text LIKE @like ESCAPE '\\' OR c.id = @id)
       ORDER BY c.id = @id DESC, c.created_at DESC, c.id DESC LIMIT @limit`,
    ),
    // Curated quotes are added one by one by hand: few enough to match by reading each.
    visible: db.prepare<[], CuratedRow>(
      `SELECT ${COLUMNS} FROM curated_quotes c WHERE ${VISIBLE} ORDER BY c.created_at DESC, c.id DESC`,
    ),
    idRange: db.prepare<[], { lo: number | null; hi: number | null }>(
      `SELECT min(id) AS lo, max(id) AS hi FROM curated_quotes`,
    ),
    // The first visible quote from an id on (by the primary key): a draw's pick and its next neighbour.
    from: db.prepare<[number], CuratedRow>(
      `SELECT ${COLUMNS} FROM curated_quotes c WHERE c.id >= ? AND ${VISIBLE} ORDER BY c.id LIMIT 1`,
    ),
  };
  const tx = atomic(db);
  const one = (row: CuratedRow | undefined) => (row ? toCurated(row) : null);
  const hidden = (v: CuratedVisibility) => (v.includeHidden ? 1 : 0);

  /** The first visible curated quote with an id of at least `id`, wrapping round to the lowest. */
  function fromId(id: number): CuratedQuote | null {
    return one(s.from.get(id)) ?? one(s.from.get(0));
  }

  return {
    /** Adds a curated quote. The caller checks length and duplicates first. */
    add: tx((quote: NewCuratedQuote): CuratedQuote => {
      const m = quote.message ?? null;
      const { id } = s.insert.get({
        text: quote.text,
        essay: quote.essayId ?? null,
        guild: m?.guildId ?? null,
        channel: m?.channelId ?? null,
        message: m?.messageId ?? null,
        url: m?.url ?? null,
        author: m?.authorId ?? null,
        sentAt: m?.sentAt ?? null,
        savedBy: quote.savedBy ?? null,
        at: now().toISOString(),
      })!;
      return toCurated(s.byId.get(id)!);
    }),

    get: (id: number): CuratedQuote | null => one(s.byId.get(id)),

    /** The curated quote with exactly this text, if any. */
    byText: (text: string): CuratedQuote | null => one(s.byText.get(text)),

    /** The curated quote saved from this Discord message, if any. */
    byMessage: (messageId: string): CuratedQuote | null => one(s.byMessage.get(messageId)),

    /** Removes a curated quote; returns it, or null when there was none. */
    remove: tx((id: number): CuratedQuote | null => {
      const row = s.byId.get(id);
      if (!row) return null;
      s.delete.run(id);
      return toCurated(row);
    }),

    /** Newest first. */
    list(options: CuratedVisibility & { limit?: number; offset?: number } = {}): CuratedQuote[] {
      return s.list.all(hidden(options), options.limit ?? -1, options.offset ?? 0).map(toCurated);
    },

    count(options: CuratedVisibility = {}): number {
      return s.count.get(hidden(options))!.n;
    },

    /** For autocomplete: quotes whose text contains `typed`, or whose id it is; newest first. */
    suggest(typed: string, limit: number, options: CuratedVisibility = {}): CuratedQuote[] {
      const text = typed.trim();
      const escaped = text.replace(/[\\%_]/gu, '\\$&');
      const id = /^#?\d{1,15}$/u.test(text) ? Number(text.replace('#', '')) : -1;
      return s.suggest
        .all({ all: hidden(options), like: `%${escaped}%`, id, limit })
        .map(toCurated);
    },

    /** Visible curated quotes containing every term, newest first. */
    search(query: TranslatedQuery): CuratedQuote[] {
      return s.visible
        .all()
        .filter((row) => verifyMatch(normalizeText(row.text), query.needles))
        .map(toCurated);
    },

    /**
     * A visible curated quote at a random point of the id range, by primary
     * key (the next visible one from there): curated quotes are few and
     * removed by hand, so the gaps removals leave weigh little.
     */
    pick(random: () => number): CuratedQuote | null {
      const { lo, hi } = s.idRange.get()!;
      if (lo === null || hi === null) return null;
      return fromId(lo + Math.min(hi - lo, Math.floor(random() * (hi - lo + 1))));
    },

    /** The visible curated quote after `quote` in id order, wrapping round. */
    next: (quote: CuratedQuote): CuratedQuote | null => fromId(quote.id + 1),
  };
}

export type CuratedQuoteStore = ReturnType<typeof createCuratedQuoteStore>;
