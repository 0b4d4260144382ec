import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, type Clock } from '../../src/clock.js';
import { openStore, type Store } from '../../src/store/index.js';

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'journal-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real SQLite store in memory with a frozen clock. */
export function memoryStore(clock: Clock = fixedClock('2026-11-29T07:30:00Z')): Store {
  return openStore(':memory:', clock);
}
