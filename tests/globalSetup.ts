/**
 * Runs once before the test files: compiles `src/` into the test build that
 * spawned processes run (see tests/helpers/testBuild.ts). esbuild only strips
 * types, file by file, in well under a second; `tsc --noEmit` in `npm test`
 * is what checks them. The bot itself is bundled as `npm run build` bundles it.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleBot } from '../scripts/bundleBot.js';
import { BOT_BUNDLE_DIR, TEST_BUILD_DIR } from './helpers/testBuild.js';

export default async function setup(): Promise<void> {
  const sources = readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join('src', file));
  rmSync(TEST_BUILD_DIR, { recursive: true, force: true });
  await build({
    entryPoints: sources,
    outdir: TEST_BUILD_DIR,
    outbase: 'src',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  // The bot as `npm start` runs it: one bundle (scripts/bundleBot.ts), so the tests that start it test that.
  await bundleBot({ outdir: BOT_BUNDLE_DIR, sourcemap: 'inline' });
}
