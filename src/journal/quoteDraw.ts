/**
 * How `/quote random` (and `journal quote`) choose the next quote, given
 * what the store counts. Pure: counts and a random source in, a choice out.
 *
 * - No repeat of the quotes most recently shown in the same place (a
 *   Discord channel, or the command line): of each kind, the last
 *   {@link recentWindow} shown there are skipped, and the very last quote
 *   shown is never shown again next while there is another one.
 * - Curated quotes are preferred when there are any: while both kinds have
 *   quotes left to show, half the draws are curated ({@link CURATED_SHARE}),
 *   so a handful of hand-picked lines shows far more often than any one of
 *   the many extracted sentences, without crowding them out. The window is
 *   per kind for this reason: one window over both would hide five curated
 *   quotes for most of any 20 draws and undo the preference.
 * - Uniform within the chosen kind.
 */

/** How many recently shown quotes of each kind are remembered per scope. */
export const RECENT_LIMIT = 20;

/** Share of draws taken from curated quotes while both kinds have quotes left to show. */
export const CURATED_SHARE = 0.5;

export type QuoteSource = 'curated' | 'extracted';

/**
 * How many of the most recently shown quotes of one kind a draw skips, for
 * a kind with `poolSize` quotes: {@link RECENT_LIMIT}, or half the pool when
 * it is small, so a draw always has a choice (a pool of 2 alternates).
 */
export function recentWindow(poolSize: number): number {
  return Math.max(0, Math.min(RECENT_LIMIT, Math.floor(poolSize / 2)));
}

/**
 * Which kind to draw from and which of its eligible quotes (0-based, in the
 * store's stable order), given how many of each kind may be shown now.
 * Null when there is nothing to show.
 */
export function planDraw(
  eligible: Readonly<Record<QuoteSource, number>>,
  random: () => number,
): { source: QuoteSource; index: number } | null {
  const { curated, extracted } = eligible;
  if (curated <= 0 && extracted <= 0) return null;
  let source: QuoteSource;
  if (curated <= 0) source = 'extracted';
  else if (extracted <= 0) source = 'curated';
  else source = random() < CURATED_SHARE ? 'curated' : 'extracted';
  const count = eligible[source];
  // min() guards a random() that returns exactly 1 (a badly seeded test source).
  return { source, index: Math.min(count - 1, Math.floor(random() * count)) };
}
