/**
 * An order-2 character Markov chain: the next character is drawn with the
 * frequency it followed the previous two in real text. Generated text then
 * has the bigram and trigram statistics of the training text (common words
 * common, rare ones rare), which is what a search benchmark needs; uniformly
 * random characters would make every bigram equally rare.
 */
import type { Random } from './random.js';

/** Where an English word goes: the chain learns the positions, the corpus fills in the words. */
export const LATIN_SLOT = '\u0001';

const SENTENCE_END = new Set(['。', '！', '？', '!', '?']);

interface Successors {
  chars: string[];
  /** Running totals of the counts, for sampling by binary search. */
  cumulative: number[];
}

export function isSentenceEnd(ch: string): boolean {
  return SENTENCE_END.has(ch);
}

export class CharChain {
  private readonly counts = new Map<string, Map<string, number>>();
  private table = new Map<string, Successors>();
  /** Contexts that begin a sentence: where generation starts and restarts. */
  private starts: string[] = [];
  private readonly startSet = new Set<string>();

  /** Learns `text` (one run of prose without line breaks), counting every transition `weight` times. */
  train(text: string, weight = 1): void {
    const chars = Array.from(text);
    for (let i = 2; i < chars.length; i++) {
      const context = chars[i - 2]! + chars[i - 1]!;
      let next = this.counts.get(context);
      if (!next) this.counts.set(context, (next = new Map()));
      next.set(chars[i]!, (next.get(chars[i]!) ?? 0) + weight);
      const atStart = i === 2 || isSentenceEnd(chars[i - 3]!);
      if (atStart && !this.startSet.has(context)) {
        this.startSet.add(context);
        this.starts.push(context);
      }
    }
    this.table = new Map();
  }

  private successors(context: string): Successors | undefined {
    if (this.table.size === 0) this.freeze();
    return this.table.get(context);
  }

  private freeze(): void {
    // Sorted so the sampling order never depends on insertion order.
    for (const [context, next] of [...this.counts].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )) {
      const entries = [...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      let total = 0;
      this.table.set(context, {
        chars: entries.map(([c]) => c),
        cumulative: entries.map(([, n]) => (total += n)),
      });
    }
    this.starts = [...this.startSet].sort();
  }

  /** A context that starts a sentence. */
  start(random: Random): string {
    if (this.table.size === 0) this.freeze();
    return random.pick(this.starts);
  }

  /**
   * A source of characters that never runs dry, starting at a sentence
   * start; at a dead end (a context seen only at the end of the training
   * text) it starts a new sentence. A closure rather than a generator: this
   * runs 40 million times for the full corpus.
   */
  stream(random: Random): () => string {
    let pending: string[] = Array.from(this.start(random));
    let a = pending[0]!;
    let b = pending[1]!;
    return () => {
      if (pending.length > 0) return pending.shift()!;
      const next = this.successors(a + b);
      if (!next) {
        pending = Array.from(this.start(random));
        a = pending[0]!;
        b = pending[1]!;
        return pending.shift()!;
      }
      const r = random.next() * next.cumulative[next.cumulative.length - 1]!;
      let lo = 0;
      let hi = next.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (next.cumulative[mid]! > r) hi = mid;
        else lo = mid + 1;
      }
      const ch = next.chars[lo]!;
      a = b;
      b = ch;
      return ch;
    };
  }
}
