/**
 * The read jobs a worker thread runs: work over the whole journal that
 * would hold the bot's event loop for longer than an interaction may wait.
 * Each is a plain function of a store and structured-cloneable arguments,
 * returning a structured-cloneable result, so the same function runs on a
 * worker's read-only connection (the bot) or inline (console, tests).
 */
import { gzipSync } from 'node:zlib';
import { buildJournalExport, journalExportText } from '../export/journalExport.js';
import type { Locale } from '../i18n/index.js';
import { statsFor } from '../commands/journal/statsReport.js';
import { renderStats } from '../messages/stats.js';
import { UPLOAD_LIMIT_BYTES } from '../messages/limits.js';
import type { MessagePayload } from '../messages/payload.js';
import type { Store } from '../store/index.js';
import { renderSearchPage } from '../commands/essay/search.js';
import { renderQuoteSearchPage } from '../commands/quote/search.js';

/** What a search page lists. */
export type SearchKind = 'essay' | 'quote';

/** A whole-journal export, ready to send. */
export interface ExportFile {
  data: Buffer;
  /** Gzipped because the JSON was over the upload limit. */
  compressed: boolean;
  essays: number;
  hidden: number;
}

export const READ_JOBS = {
  /** `/journal stats`: figures over every essay and the heatmap picture. */
  stats(
    store: Store,
    args: { today: string; year?: number; includeHidden: boolean; locale: Locale },
  ): MessagePayload {
    return renderStats(statsFor({ store, ...args }, args.year), args.locale);
  },

  /** `/essay search` and `/quote search`: one page, with the exact count of every match. */
  searchPage(
    store: Store,
    args: { kind: SearchKind; query: string; page: number; locale: Locale },
  ): MessagePayload {
    const ctx = { store, locale: args.locale };
    return args.kind === 'essay'
      ? renderSearchPage(ctx, args.query, args.page)
      : renderQuoteSearchPage(ctx, args.query, args.page);
  },

  /** `/journal export`: the whole journal as JSON, gzipped when it would not fit in one upload. */
  journalExport(store: Store, args: { now: string }): ExportFile {
    const doc = buildJournalExport(store, new Date(args.now));
    const json = Buffer.from(journalExportText(doc), 'utf8');
    // Chinese text compresses to about a third: most journals fit in one file either way.
    const compressed = json.length > UPLOAD_LIMIT_BYTES;
    return {
      data: compressed ? gzipSync(json) : json,
      compressed,
      essays: doc.essays.length,
      hidden: doc.essays.filter((e) => e.hidden).length,
    };
  },
};

export type ReadJobs = typeof READ_JOBS;
export type ReadJobName = keyof ReadJobs;
export type ReadJobArgs<K extends ReadJobName> = Parameters<ReadJobs[K]>[1];
export type ReadJobResult<K extends ReadJobName> = ReturnType<ReadJobs[K]>;

/** Runs a job on the caller's thread. */
export function runReadJobInline<K extends ReadJobName>(
  store: Store,
  name: K,
  args: ReadJobArgs<K>,
): ReadJobResult<K> {
  const job = READ_JOBS[name] as (store: Store, args: ReadJobArgs<K>) => ReadJobResult<K>;
  return job(store, args);
}
