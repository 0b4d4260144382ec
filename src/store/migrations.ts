/**
 * The schema as an ordered list of steps. Step N brings a database from
 * user_version N to N+1; never edit a step that has shipped, append one.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  name: string;
  sql: string;
  /** Moves data SQL alone cannot (runs after `sql`, in the same transaction). */
  after?: (db: Database.Database) => void;
}

/**
 * Old "recently shown" keys of extracted quotes name the quote's start in
 * UTF-16 code units (`essayId:start`); spans count code points, as SQLite's
 * substr does. The same sentence keeps its place in every window.
 */
function historyKeysToCodePoints(db: Database.Database): void {
  const rows = db
    .prepare<[], { scope: string; quote_key: string }>(
      `SELECT scope, quote_key FROM quote_history WHERE source = 'extracted'`,
    )
    .all();
  const body = db.prepare<[number], { body: string }>(`SELECT body FROM essays WHERE id = ?`);
  const rename = db.prepare<[{ scope: string; from: string; to: string }]>(
    `UPDATE quote_history SET quote_key = @to WHERE scope = @scope AND quote_key = @from`,
  );
  for (const row of rows) {
    const m = /^(\d+):(\d+)$/u.exec(row.quote_key);
    const essay = m ? body.get(Number(m[1])) : undefined;
    if (!m || !essay) continue;
    const start = Array.from(essay.body.slice(0, Number(m[2]))).length;
    rename.run({ scope: row.scope, from: row.quote_key, to: `${m[1]}:${start}` });
  }
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'essays and the files they came from',
    sql: `
      CREATE TABLE essays (
        id           INTEGER PRIMARY KEY,
        title        TEXT,
        body         TEXT NOT NULL,
        written_on   TEXT NOT NULL CHECK (written_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        month_day    TEXT NOT NULL GENERATED ALWAYS AS (substr(written_on, 6, 5)) STORED,
        place        TEXT,
        tags         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
        source       TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        hidden       INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX essays_by_month_day ON essays (month_day, written_on);
      CREATE INDEX essays_by_date ON essays (written_on, id);

      -- Which file fed which essay, so a re-import is a no-op and an edit updates in place.
      CREATE TABLE essay_sources (
        path       TEXT PRIMARY KEY,
        essay_id   INTEGER NOT NULL REFERENCES essays (id) ON DELETE CASCADE,
        file_hash  TEXT NOT NULL,
        mtime_ms   INTEGER NOT NULL,
        synced_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX essay_sources_by_essay ON essay_sources (essay_id);
    `,
  },
  {
    name: 'small facts the bot remembers (hash of the registered commands)',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    name: 'anniversary posts: per-server schedule and one claimed row per server and local date',
    sql: `
      CREATE TABLE guild_settings (
        guild_id            TEXT PRIMARY KEY,
        channel_id          TEXT NOT NULL,
        post_time           TEXT NOT NULL CHECK (post_time GLOB '[0-2][0-9]:[0-5][0-9]'),
        time_zone           TEXT NOT NULL,
        enabled             INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        language            TEXT NOT NULL CHECK (language IN ('zh-CN', 'en-US')),
        empty_day           TEXT NOT NULL DEFAULT 'skip' CHECK (empty_day IN ('skip', 'nearest', 'quote')),
        starts_on           TEXT NOT NULL,
        disabled_reason     TEXT,
        last_failure_at     TEXT,
        last_failure_reason TEXT,
        last_failure_detail TEXT,
        updated_at          TEXT NOT NULL
      ) STRICT;

      -- The primary key is the exactly-once guarantee: a day is claimed here before anything is sent.
      CREATE TABLE anniversary_posts (
        guild_id    TEXT NOT NULL REFERENCES guild_settings (guild_id) ON DELETE CASCADE,
        local_date  TEXT NOT NULL CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        status      TEXT NOT NULL CHECK (status IN ('sending', 'retrying', 'sent', 'failed', 'skipped')),
        channel_id  TEXT NOT NULL,
        nonce       TEXT NOT NULL,
        message_id  TEXT,
        attempts    INTEGER NOT NULL DEFAULT 1,
        retry_at    TEXT,
        error       TEXT,
        claimed_at  TEXT NOT NULL,
        finished_at TEXT,
        PRIMARY KEY (guild_id, local_date)
      ) STRICT;
    `,
  },
  {
    name: 'trash: deleted essays kept whole, so one click never loses one',
    sql: `
      -- essay_id stays reserved while the essay is here: restore brings it back under the same id.
      CREATE TABLE trash (
        essay_id    INTEGER PRIMARY KEY,
        title       TEXT,
        written_on  TEXT NOT NULL,
        essay       TEXT NOT NULL CHECK (json_valid(essay)),
        deleted_at  TEXT NOT NULL,
        deleted_by  TEXT
      ) STRICT;
    `,
  },
  {
    name: 'search index: Han bigrams and Latin words, without a copy of the text',
    sql: `
      -- Tokens come from src/journal/text.ts (indexTokens); the ascii tokenizer keeps them exactly.
      -- prefix=1 serves one-character queries ("菜"*) from a single doclist.
      CREATE VIRTUAL TABLE essay_search USING fts5(
        title, body, place, tags,
        content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '1'
      );
    `,
  },
  {
    name: 'quotes: sentences extracted from visible essays, curated quotes, recently shown per channel',
    sql: `
      -- Filled from src/journal/quotes.ts by src/store/quotes.ts; a hidden essay has no rows here.
      CREATE TABLE essay_quotes (
        id            INTEGER PRIMARY KEY,
        essay_id      INTEGER NOT NULL REFERENCES essays (id) ON DELETE CASCADE,
        start_offset  INTEGER NOT NULL,
        end_offset    INTEGER NOT NULL CHECK (end_offset > start_offset),
        text          TEXT NOT NULL,
        quote_key     TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX essay_quotes_by_essay ON essay_quotes (essay_id, start_offset);

      -- The same tokens as essay_search (indexTokens), rowid = essay_quotes.id.
      CREATE VIRTUAL TABLE essay_quote_search USING fts5(
        text, content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '1'
      );

      -- No foreign key on essay_id: a curated quote follows its essay into the trash and back.
      CREATE TABLE curated_quotes (
        id                 INTEGER PRIMARY KEY,
        text               TEXT NOT NULL UNIQUE CHECK (length(text) > 0),
        essay_id           INTEGER,
        guild_id           TEXT,
        channel_id         TEXT,
        message_id         TEXT UNIQUE,
        message_url        TEXT,
        message_author_id  TEXT,
        saved_by           TEXT,
        created_at         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX curated_quotes_by_essay ON curated_quotes (essay_id);

      -- scope: a Discord channel id, or 'cli'. seq grows per scope; only the newest few of each source are kept.
      CREATE TABLE quote_history (
        scope      TEXT NOT NULL,
        quote_key  TEXT NOT NULL,
        source     TEXT NOT NULL CHECK (source IN ('curated', 'extracted')),
        seq        INTEGER NOT NULL,
        PRIMARY KEY (scope, quote_key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX quote_history_by_seq ON quote_history (scope, source, seq);
    `,
  },
  {
    name: 'hidden essays found without reading every row (search subtracts them by id)',
    sql: `
      CREATE INDEX essays_hidden ON essays (id) WHERE hidden = 1;
    `,
  },
  {
    name: 'quotes as spans into the essay body, found through the essay index; saved quotes keep when their message was sent',
    sql: `
      -- Filled from src/journal/quotes.ts by src/store/quoteSpans.ts; a hidden essay has no rows here.
      -- start and length count code points, as substr(body, start + 1, length) reads them.
      -- seq stays dense (1..n): a draw reads one random row by primary key.
      CREATE TABLE quote_spans (
        seq       INTEGER PRIMARY KEY,
        essay_id  INTEGER NOT NULL REFERENCES essays (id) ON DELETE CASCADE,
        start     INTEGER NOT NULL CHECK (start >= 0),
        length    INTEGER NOT NULL CHECK (length > 0)
      ) STRICT;
      CREATE INDEX quote_spans_by_essay ON quote_spans (essay_id, start);

      -- The spans are extracted again at open (the quote index version is forgotten here).
      DROP TABLE essay_quote_search;
      DROP TABLE essay_quotes;
      DELETE FROM meta WHERE key = 'quotes:index-version';

      ALTER TABLE curated_quotes ADD COLUMN message_sent_at TEXT;
    `,
    after: historyKeysToCodePoints,
  },
  {
    name: 'day lists read from one covering index, excerpt included, never the whole body',
    sql: `
      -- The expression must stay the one in src/store/essays.ts (DAY_COLUMNS) for SQLite to read it from here.
      DROP INDEX essays_by_month_day;
      CREATE INDEX essays_day_list ON essays (
        month_day, written_on, id, hidden, title, place, tags, substr(body, 1, 400), length(body)
      );
      `,
  },
  {
    name: 'content warnings: a few words shown before an essay whose text stays behind a spoiler',
    sql: `
      ALTER TABLE essays ADD COLUMN warning TEXT CHECK (warning IS NULL OR length(warning) > 0);
      -- Day lists show the warning, so it joins the covering index (same expression as DAY_COLUMNS).
      DROP INDEX essays_day_list;
      CREATE INDEX essays_day_list ON essays (
        month_day, written_on, id, hidden, title, place, tags, warning, substr(body, 1, 400), length(body)
      );
    `,
  },
  {
    name: "muted periods, and a pause of a server's posts recorded as paused days",
    sql: `
      -- Essays written from starts_on to ends_on (inclusive) never resurface unasked: src/store/mutes.ts (notMuted).
      CREATE TABLE muted_periods (
        id          INTEGER PRIMARY KEY,
        starts_on   TEXT NOT NULL CHECK (starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        ends_on     TEXT NOT NULL CHECK (ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND ends_on >= starts_on),
        note        TEXT CHECK (note IS NULL OR length(note) > 0),
        created_at  TEXT NOT NULL,
        UNIQUE (starts_on, ends_on)
      ) STRICT;

      -- The first local date posts go out again; NULL when not paused.
      ALTER TABLE guild_settings ADD COLUMN paused_until TEXT
        CHECK (paused_until IS NULL OR paused_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

      -- A paused day is recorded, so nothing posts it later: 'paused' joins the statuses (a CHECK
      -- cannot be altered, so the table is rebuilt with the same rows).
      CREATE TABLE anniversary_posts_v11 (
        guild_id    TEXT NOT NULL REFERENCES guild_settings (guild_id) ON DELETE CASCADE,
        local_date  TEXT NOT NULL CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        status      TEXT NOT NULL CHECK (status IN ('sending', 'retrying', 'sent', 'failed', 'skipped', 'paused')),
        channel_id  TEXT NOT NULL,
        nonce       TEXT NOT NULL,
        message_id  TEXT,
        attempts    INTEGER NOT NULL DEFAULT 1,
        retry_at    TEXT,
        error       TEXT,
        claimed_at  TEXT NOT NULL,
        finished_at TEXT,
        PRIMARY KEY (guild_id, local_date)
      ) STRICT;
      INSERT INTO anniversary_posts_v11 SELECT guild_id, local_date, status, channel_id, nonce, message_id,
        attempts, retry_at, error, claimed_at, finished_at FROM anniversary_posts;
      DROP TABLE anniversary_posts;
      ALTER TABLE anniversary_posts_v11 RENAME TO anniversary_posts;
    `,
  },
  {
    name: 'anniversaries by DM: who subscribed, when, and one claimed row per subscriber and local date',
    sql: `
      -- A row outlives its subscription (active = 0, with why and when), so its days stay claimed:
      -- unsubscribing and subscribing again on the same day never sends that day twice.
      CREATE TABLE dm_subscriptions (
        user_id       TEXT PRIMARY KEY,
        post_time     TEXT NOT NULL CHECK (post_time GLOB '[0-2][0-9]:[0-5][0-9]'),
        time_zone     TEXT NOT NULL,
        language      TEXT NOT NULL CHECK (language IN ('zh-CN', 'en-US')),
        starts_on     TEXT NOT NULL,
        active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        ended_reason  TEXT CHECK (ended_reason IN ('unsubscribed', 'recipient_closed')),
        ended_detail  TEXT,
        ended_at      TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX dm_subscriptions_active ON dm_subscriptions (user_id) WHERE active = 1;

      -- The same ledger as anniversary_posts (src/store/posts.ts), keyed by the subscriber;
      -- channel_id is the recipient, whose DM channel is opened on each send.
      CREATE TABLE dm_posts (
        user_id     TEXT NOT NULL REFERENCES dm_subscriptions (user_id) ON DELETE CASCADE,
        local_date  TEXT NOT NULL CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        status      TEXT NOT NULL CHECK (status IN ('sending', 'retrying', 'sent', 'failed', 'skipped')),
        channel_id  TEXT NOT NULL,
        nonce       TEXT NOT NULL,
        message_id  TEXT,
        attempts    INTEGER NOT NULL DEFAULT 1,
        retry_at    TEXT,
        error       TEXT,
        claimed_at  TEXT NOT NULL,
        finished_at TEXT,
        PRIMARY KEY (user_id, local_date)
      ) STRICT;
    `,
  },
  // 13, after the muted periods (11) and DM subscriptions (12).
  {
    name: 'how many essays use each search term, for related essays (FTS5 keeps no document counts)',
    sql: `
      -- Filled at open and kept in step by src/store/related.ts; a term in few essays is distinctive.
      CREATE TABLE search_terms (
        term   TEXT PRIMARY KEY,
        essays INTEGER NOT NULL CHECK (essays >= 0)
      ) STRICT, WITHOUT ROWID;
      -- Each essay's version, counted (1) or waiting to be counted with others in one sorted pass (0).
      -- Hiding an essay keeps its hash: nothing is counted twice.
      CREATE TABLE search_term_essays (
        essay_id     INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL,
        counted      INTEGER NOT NULL CHECK (counted IN (0, 1))
      ) STRICT;
      CREATE INDEX search_term_essays_pending ON search_term_essays (essay_id) WHERE counted = 0;
    `,
  },
  // 14
  {
    name: 'day lists read a slim index, the excerpts of the shown page alone come from the table',
    sql: `
      -- The expressions must stay DAY_COLUMNS in src/store/essays.ts. The 400-character excerpt made each
      -- entry overflow its index page (89 MB at 20,000 essays); without it the index is ~1 MB.
      DROP INDEX essays_day_list;
      CREATE INDEX essays_day_list ON essays (
        month_day, written_on, id, hidden, title, place, tags, warning, length(body)
      );
    `,
  },
];
