/** Timing and summary statistics shared by the benchmarks. */
import { readFileSync } from 'node:fs';

/** Milliseconds since an arbitrary origin, sub-millisecond resolution. */
export const now = (): number => performance.now();

/** Runs `fn` and returns its result with the time it took. */
export function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = now();
  const result = fn();
  return { result, ms: now() - start };
}

/** The nearest-rank percentile `p` (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(values: readonly number[]): Distribution {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
    mean: values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length,
  };
}

/** A latency distribution as the JSON line reports it: count and percentiles in ms. */
export function latencyFigures(d: Distribution) {
  return {
    calls: d.n,
    p50Ms: round(d.p50, 4),
    p95Ms: round(d.p95, 4),
    p99Ms: round(d.p99, 4),
    maxMs: round(d.max, 4),
  };
}

/** Resident memory split into anonymous (heap, stacks) and file-backed (code, mapped libraries) pages, in MB. */
export function memoryMb(pid: number): { rss: number; anon: number; file: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'mu').exec(status)?.[1] ?? Number.NaN) / 1024;
    const rss = kb('VmRSS');
    return Number.isNaN(rss) ? null : { rss, anon: kb('RssAnon'), file: kb('RssFile') };
  } catch {
    return null;
  }
}

/** Rounds for the JSON figures: enough digits to compare, no float noise. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Lets the event loop and the garbage collector settle between measurements. */
export function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
