/**
 * The store: one database and the modules that own its tables. This is the
 * composition root for indexers that must follow every essay write.
 */
import type { Clock } from '../clock.js';
import { openDatabase, openReadOnlyDatabase, type Db } from './database.js';
import { createEssayStore } from './essays.js';
import { createMetaStore } from './meta.js';
import { createTrashStore } from './trash.js';
import { createGuildStore } from './guilds.js';
import { createPostStore, DM_POSTS } from './posts.js';
import { createSubscriptionStore } from './subscriptions.js';
import { createPlaceStore } from './places.js';
import { createRelatedIndexer, createRelatedStore } from './related.js';
import { createSearchIndexer, createSearchStore, rebuildSearchIndexIfStale } from './search.js';
import { createQuoteStore, type Quote } from './quotes.js';
import { createMuteStore } from './mutes.js';
import type { Essay } from '../journal/essay.js';

export interface Store {
  db: Db;
  essays: ReturnType<typeof createEssayStore>;
  meta: ReturnType<typeof createMetaStore>;
  /** Deleted essays, kept whole until restored. */
  trash: ReturnType<typeof createTrashStore>;
  /** Per-server anniversary-post settings. */
  guilds: ReturnType<typeof createGuildStore>;
  /** Anniversary posts claimed and sent, one per server and local date. */
  posts: ReturnType<typeof createPostStore>;
  /** Who receives their own anniversaries by DM, and when. */
  subscriptions: ReturnType<typeof createSubscriptionStore>;
  /** Anniversary DMs claimed and sent, one per subscriber and local date. */
  dmPosts: ReturnType<typeof createPostStore>;
  /** Chinese-first full-text search over essays. */
  search: ReturnType<typeof createSearchStore>;
  /** Places the essays were written in, grouped by their normalized form. */
  places: ReturnType<typeof createPlaceStore>;
  /** Essays that share the most distinctive words with one essay. */
  related: ReturnType<typeof createRelatedStore> & {
    /** Counts the essays still waiting to be counted (tests; otherwise done in batches and at open). */
    flush(): void;
  };
  /** Quotes: extracted from visible essays, curated by authors, and what each channel saw last. */
  quotes: ReturnType<typeof createQuoteStore>;
  /** Muted periods: date ranges kept out of anniversaries, day lists, random picks and quotes. */
  mutes: ReturnType<typeof createMuteStore>;
  /**
   * Runs `fn` in one transaction (nested calls join the outer one). Term
   * counts for related essays are brought up to date once, at its end.
   */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/**
 * Opens the journal at `path` (`:memory:` for tests) and wires its modules.
 * `readOnly` opens a second connection for reading beside the bot's (a
 * worker thread's): no migration, no index rebuild, and any write throws.
 */
export function openStore(path: string, clock: Clock, options: { readOnly?: boolean } = {}): Store {
  const db = options.readOnly ? openReadOnlyDatabase(path) : openDatabase(path);
  const now = () => clock.now();
  const searchIndexer = createSearchIndexer(db);
  const quotes = createQuoteStore(db, now);
  const relatedIndexer = createRelatedIndexer(db);
  const essays = createEssayStore(db, now, [searchIndexer, quotes.indexer, relatedIndexer]);
  const meta = createMetaStore(db);
  if (!options.readOnly) {
    rebuildSearchIndexIfStale(db, meta, essays, searchIndexer);
    quotes.rebuildIfStale(meta);
    relatedIndexer.rebuildIfStale(meta, essays);
  }
  return {
    db,
    essays,
    meta,
    search: createSearchStore(db, (ids, v) => essays.getMany(ids, v)),
    related: {
      ...createRelatedStore(db, (ids, v) => essays.getMany(ids, v)),
      flush: () => relatedIndexer.flush(),
    },
    places: createPlaceStore(db, (ids, v) => essays.getMany(ids, v)),
    quotes,
    trash: createTrashStore(db, essays, now),
    guilds: createGuildStore(db, now),
    posts: createPostStore(db, now),
    subscriptions: createSubscriptionStore(db, now),
    dmPosts: createPostStore(db, now, DM_POSTS),
    mutes: createMuteStore(db, now),
    transaction: <T>(fn: () => T): T => db.transaction(() => relatedIndexer.holding(fn))(),
    close: () => db.close(),
  };
}

/**
 * The essay a quote is attributed to, if it may be shown. Visible essays
 * only, even for authors: an attribution must never reveal a hidden essay in
 * a channel.
 */
export function essayOf(ctx: { store: Pick<Store, 'essays'> }, quote: Quote): Essay | null {
  return quote.essayId === null ? null : ctx.store.essays.get(quote.essayId);
}
