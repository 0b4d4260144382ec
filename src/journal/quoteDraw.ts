/**
 * How `/quote random`, `journal quote` and the empty-day anniversary post
 * choose the next quote. Pure: the store hands in each kind's pool (its
 * size, a random pick and the neighbour of a pick, each one indexed read)
 * and what was shown recently; no count of eligible quotes is ever needed,
 * so a draw costs the same at 50 quotes and at 2 million.
 *
 * - No repeat of the quotes most recently shown in the same place (a
 *   Discord channel, or the command line): of each kind, the last
 *   {@link recentWindow} shown there are skipped, and the very last quote
 *   shown is never shown again next while there is another one. A pick
 *   that is recent is drawn again, at most {@link DRAW_TRIES} times; then
 *   the picks' neighbours are walked, at most {@link RECENT_LIMIT} + 2
 *   steps, which always passes a quote that is not recent.
 * - Curated quotes are preferred when there are any: while both kinds have
 *   quotes, half the draws are curated ({@link CURATED_SHARE}), so a
 *   handful of hand-picked lines shows far more often than any one of the
 *   many extracted sentences, without crowding them out. The window is per
 *   kind for this reason: one window over both would hide five curated
 *   quotes for most of any 20 draws and undo the preference.
 * - Uniform within the chosen kind (as the store's pick is).
 */

/** How many recently shown quotes of each kind are remembered per scope. */
export const RECENT_LIMIT = 20;

/** Share of draws taken from curated quotes while both kinds have quotes. */
export const CURATED_SHARE = 0.5;

/** Random picks tried before walking neighbours: with at most half of a pool recent, 8 misses in a row are 1 in 256. */
export const DRAW_TRIES = 8;

export type QuoteSource = 'curated' | 'extracted';

/**
 * How many of the most recently shown quotes of one kind a draw skips, for
 * a kind with `poolSize` quotes: {@link RECENT_LIMIT}, or half the pool when
 * it is small, so a draw always has a choice (a pool of 2 alternates).
 */
export function recentWindow(poolSize: number): number {
  return Math.max(0, Math.min(RECENT_LIMIT, Math.floor(poolSize / 2)));
}

/** One kind of quote as the store offers it to a draw. */
export interface QuotePool<Q> {
  /** How many quotes a pick chooses from. */
  size: number;
  /** A uniformly random quote of the pool (null only when it is empty). */
  pick(random: () => number): Q | null;
  /** The quote after `quote` in the pool's order, wrapping round. */
  next(quote: Q): Q | null;
  /** Keys of this kind shown recently in the scope, within its window. */
  recent: ReadonlySet<string>;
  /**
   * Whether a quote may be shown at all (its essay is not muted or behind a
   * content warning); absent means every quote may. An ineligible pick is
   * drawn again like a recent one, and never becomes the fallback.
   */
  eligible?: (quote: Q) => boolean;
}

/** Which kind a draw takes from, given how many quotes each has. */
export function chooseSource(
  sizes: Readonly<Record<QuoteSource, number>>,
  random: () => number,
): QuoteSource | null {
  if (sizes.curated <= 0 && sizes.extracted <= 0) return null;
  if (sizes.curated <= 0) return 'extracted';
  if (sizes.extracted <= 0) return 'curated';
  return random() < CURATED_SHARE ? 'curated' : 'extracted';
}

/**
 * The quote to show next, or null when there is none. `last` is the key of
 * the quote shown last in the scope, of either kind.
 */
export function drawQuote<Q extends { key: string }>(
  pools: Readonly<Record<QuoteSource, QuotePool<Q>>>,
  last: string | null,
  random: () => number,
): Q | null {
  const sizes = { curated: pools.curated.size, extracted: pools.extracted.size };
  const first = chooseSource(sizes, random);
  if (first === null) return null;
  const several = sizes.curated + sizes.extracted > 1;
  const eligible = (source: QuoteSource, q: Q) => pools[source].eligible?.(q) ?? true;
  const fresh = (source: QuoteSource, q: Q) =>
    !(several && q.key === last) && !pools[source].recent.has(q.key) && eligible(source, q);

  for (let i = 0; i < DRAW_TRIES; i++) {
    const source = i === 0 ? first : chooseSource(sizes, random)!;
    const q = pools[source].pick(random);
    if (q && fresh(source, q)) return q;
  }
  // Unlucky (or a pool nearly all recent): walk from a pick; the chosen kind first.
  const other: QuoteSource = first === 'curated' ? 'extracted' : 'curated';
  let fallback: Q | null = null;
  for (const source of [first, other]) {
    let q = pools[source].size > 0 ? pools[source].pick(random) : null;
    for (let step = 0; q && step < RECENT_LIMIT + 2; step++) {
      if (fresh(source, q)) return q;
      if (!(several && q.key === last) && eligible(source, q)) fallback ??= q;
      q = pools[source].next(q);
    }
  }
  return fallback;
}
