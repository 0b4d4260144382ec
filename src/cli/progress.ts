/**
 * The one-line progress counter of long imports: on a terminal only (the
 * entry point gives CliIO a `status` line there), never with --json, and
 * only past a size where waiting is noticeable.
 */
import type { CliIO } from './command.js';

/** Imports with more items than this show a counter. */
export const PROGRESS_THRESHOLD = 200;
const WIDTH = 24;

/** `importing [########----------------]  1200/3000`. */
export function progressLine(phase: string, done: number, total: number): string {
  const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
  const count = `${done}/${total}`.padStart(String(total).length * 2 + 1);
  return `${phase.padEnd(9)} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${count}`;
}

/**
 * A progress callback for `io`, or undefined when no counter is shown. The
 * line is redrawn each percent, and `done()` clears it before the summary.
 */
export function createProgress(
  io: CliIO,
  json: boolean,
): { update: (phase: string, done: number, total: number) => void; done: () => void } | undefined {
  const status = io.status;
  if (json || !status) return undefined;
  let shown = false;
  let last = '';
  return {
    update(phase, done, total) {
      if (total <= PROGRESS_THRESHOLD) return;
      const step = Math.max(1, Math.floor(total / 100));
      if (done % step !== 0 && done !== total) return;
      const line = progressLine(phase, done, total);
      if (line === last) return;
      last = line;
      shown = true;
      status(line);
    },
    done() {
      if (shown) status('');
    },
  };
}
