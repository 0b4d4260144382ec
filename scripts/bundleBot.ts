/**
 * The bot `npm start` runs, as one bundle (esbuild): `dist/bot/index.js`,
 * with its read worker's entry beside it and code only loaded on demand
 * (the import of an export, the worker's jobs) split into chunks there.
 *
 * Why a bundle: most of a start used to be Node resolving, reading and
 * compiling some 800 files one by one (discord.js and its dependencies
 * alone are 558); from one file the same code starts in about half the CPU
 * time. Packages that are native or locate files of their own at run time
 * stay outside and load from node_modules as usual: better-sqlite3 and
 * resvg (native addons), harfbuzzjs and the font package (the stats picture
 * reads their files), and the optional native helpers of ws and discord.js
 * that are not installed. Modules the code loads through `createRequire`
 * on first use (yaml, node-cron) are not bundled either, so they still load
 * only when needed.
 *
 * Also used by the tests' global setup, so the end-to-end tests spawn the
 * same bundle (`tsx scripts/bundleBot.ts [outdir]`, default dist/bot).
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BOT_BUNDLE_EXTERNAL = [
  'better-sqlite3',
  '@resvg/resvg-js',
  'harfbuzzjs',
  '@embedpdf/fonts-sc',
  'bufferutil',
  'utf-8-validate',
  'zlib-sync',
];

/** Bundles `src/index.ts` and the read worker into `outdir`. */
export async function bundleBot({
  outdir,
  sourcemap = 'linked',
}: {
  outdir: string;
  sourcemap?: 'inline' | 'linked';
}): Promise<void> {
  // Chunk names carry a hash: without this, every build would leave the previous chunks behind.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
    // readWorker sits beside the chunk that starts it: readJobRunner finds it as ./readWorker.js.
    entryPoints: { index: 'src/index.ts', readWorker: 'src/worker/readWorker.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: BOT_BUNDLE_EXTERNAL,
    sourcemap,
    // The CommonJS packages inside (discord.js, pino…) call require() for Node's modules; an ES module has none.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
    // V8 keeps every script's source for lazy compilation: whitespace and syntax minified (names kept,
    // so stack traces still say which function) took the bundle from 3.2 to 1.9 MB and an empty
    // journal's RSS from 99.7 to 94.5 MB (mean of 8 starts).
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleBot({ outdir: process.argv[2] ?? 'dist/bot' });
}
