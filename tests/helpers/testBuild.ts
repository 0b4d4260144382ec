/**
 * The project's sources compiled for the processes tests spawn (the bot, the
 * `journal` CLI). Vitest's global setup (`tests/globalSetup.ts`) rebuilds it
 * from `src/` before every run, so a spawned process never runs stale code;
 * `node` then starts each process in about half the time the `tsx` loader
 * takes, which is most of what the process-spawning suites cost.
 *
 * It lives under node_modules/ so the compiled files resolve packages
 * exactly as `src/` does, and lint, format and git leave it alone.
 */
import { resolve } from 'node:path';

export const TEST_BUILD_DIR = resolve('node_modules/.cache/journal-bot-tests');

/** The bot bundled as `npm start` runs it (scripts/bundleBot.mjs): its entry is `index.js` there. */
export const BOT_BUNDLE_DIR = resolve(TEST_BUILD_DIR, 'bot-bundle');

/** The compiled file for a source entry: `src/cli.ts` → `…/cli.js`; the bot's `src/index.ts` → its bundle. */
export function builtEntry(sourceEntry: string): string {
  if (sourceEntry === 'src/index.ts') return resolve(BOT_BUNDLE_DIR, 'index.js');
  const match = /^src\/(.+)\.ts$/.exec(sourceEntry);
  if (!match) throw new Error(`not a source entry under src/: ${sourceEntry}`);
  return resolve(TEST_BUILD_DIR, `${match[1]}.js`);
}
