/**
 * `npm run bench [-- --quick] [--essays N] [--seed S] [--only a,b] [--keep] [--db PATH]`: the
 * speed and memory of the whole product, each against a baseline measured
 * in the same run. Prints a table, then as its last line one JSON object
 * with every figure. Progress goes to stderr.
 *
 * Sections: corpus, import, storage (prose and a verse-like corpus),
 * onthisday, search, related, interactions, startup.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { killLiveBots } from './botRun.js';
import { ensureCorpus } from './corpus.js';
import { benchImport } from './import.js';
import { benchOnThisDay } from './onThisDay.js';
import { benchRelated } from './related.js';
import { startFakeDiscord } from '../tests/fakeDiscord/index.js';
import { benchInteractions } from './interactions.js';
import { benchSearch } from './search.js';
import { benchStartup } from './startup.js';
import { benchStorage } from './storage.js';
import { bundleBot } from '../scripts/bundleBot.js';
import { importPaths } from '../src/import/importFiles.js';
import { openStore } from '../src/store/index.js';
import { BENCH_CLOCK } from './import.js';
import { formatTable, targets, type SectionResult } from './report.js';

const SECTIONS = [
  'import',
  'storage',
  'onthisday',
  'search',
  'related',
  'interactions',
  'startup',
] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    essays: { type: 'string' },
    seed: { type: 'string', default: '20251101' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    db: { type: 'string' },
  },
});

const quick = values.quick ?? false;
const essays = values.essays !== undefined ? Number(values.essays) : quick ? 2_000 : 20_000;
const seed = Number(values.seed);
const only = new Set((values.only?.split(',') ?? SECTIONS) as Section[]);
for (const name of only)
  if (!SECTIONS.includes(name))
    throw new Error(`unknown section ${name} (known: ${SECTIONS.join(', ')})`);
if (!Number.isInteger(essays) || essays < 400)
  throw new Error('--essays must be an integer ≥ 400 (every month-day needs an essay)');

const started = performance.now();
const progress = (line: string) =>
  process.stderr.write(`[bench +${Math.round((performance.now() - started) / 1000)}s] ${line}\n`);
// Other work on the machine skews every figure: record the load so a reader can tell.
const loadAtStart = loadavg()[0]!;
if (loadAtStart > cpus().length * 0.5)
  progress(
    `warning: load average ${loadAtStart.toFixed(2)} on ${cpus().length} cores; figures will be noisy`,
  );
const workDir = mkdtempSync(join(tmpdir(), 'journal-bench-'));
// Interrupted: leave no bot running and no gigabyte of databases behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killLiveBots();
    if (!values.keep) rmSync(workDir, { recursive: true, force: true });
    process.exit(130);
  });
}
const sections: SectionResult[] = [];
const phaseSeconds: Record<string, number> = {};

/** Runs one phase, reporting its duration on stderr and in the JSON line. */
async function phase<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  progress(name);
  const t = performance.now();
  try {
    return await fn();
  } finally {
    phaseSeconds[name] = Math.round((performance.now() - t) / 100) / 10;
    progress(`${name}: ${phaseSeconds[name]} s`);
  }
}

try {
  progress(`corpus: ${essays} essays, seed ${seed}`);
  const corpus = ensureCorpus(essays, seed);
  progress(
    corpus.cached
      ? `corpus: reused ${corpus.dir}`
      : `corpus: generated in ${Math.round(corpus.ms)} ms`,
  );

  // Every later section reads the database the real import wrote (or, with --db, a copy of one
  // an earlier run kept: sections other than import and storage then start at once).
  const reused = values.db;
  if (reused !== undefined && (only.has('import') || only.has('storage')))
    throw new Error(
      '--db skips the import: it cannot be combined with the import or storage sections',
    );
  const imported =
    reused !== undefined
      ? { dbPath: join(workDir, 'import.db'), section: null }
      : await phase('import', () => benchImport(corpus, workDir));
  if (reused !== undefined) copyFileSync(reused, imported.dbPath);
  if (imported.section && only.has('import')) sections.push(imported.section);
  if (only.has('storage')) {
    const rate = imported.section!.figures.importEssaysPerSec as number;
    sections.push(
      await phase('storage (prose)', () =>
        benchStorage({
          corpus: 'prose',
          dbPath: imported.dbPath,
          essays,
          importEssaysPerSec: rate,
          quick,
          seed,
        }),
      ),
    );
    // Verse-like text: ten times the sentences per essay, where a quote store that grows with sentences shows.
    const verse = ensureCorpus(essays, seed, 'verse');
    const versePath = join(workDir, 'verse.db');
    const verseRate = await phase('import (verse)', () => {
      const store = openStore(versePath, BENCH_CLOCK);
      try {
        const t = performance.now();
        importPaths(store, [verse.dir]);
        return essays / ((performance.now() - t) / 1000);
      } finally {
        store.close();
      }
    });
    sections.push(
      await phase('storage (verse)', () =>
        benchStorage({
          corpus: 'verse',
          dbPath: versePath,
          essays,
          importEssaysPerSec: verseRate,
          quick,
          seed,
        }),
      ),
    );
  }
  if (only.has('onthisday'))
    sections.push(await phase('on this day', () => benchOnThisDay(imported.dbPath, quick)));
  if (only.has('related'))
    sections.push(await phase('related', () => benchRelated(imported.dbPath, quick, seed)));
  if (only.has('search'))
    sections.push(
      await phase('search', () => benchSearch(imported.dbPath, workDir, quick, seed, progress)),
    );

  if (only.has('startup') || only.has('interactions')) {
    // The bot runs as npm start runs it, from dist/: built now so it is the code of this checkout.
    await phase('build', async () => {
      execFileSync(
        process.execPath,
        ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
        {
          stdio: ['ignore', 2, 2],
        },
      );
      await bundleBot({ outdir: 'dist/bot' });
    });
    const fake = await startFakeDiscord();
    try {
      const startup = await phase('startup', () => benchStartup(fake, corpus, workDir, progress));
      if (only.has('startup')) sections.push(startup.section);
      if (only.has('interactions')) {
        sections.push(
          await phase('interactions', () =>
            benchInteractions(fake, startup, essays, seed, progress),
          ),
        );
      } else {
        await startup.bot.stop();
      }
    } finally {
      await fake.close();
    }
  }

  const totalMs = performance.now() - started;
  process.stdout.write(`${formatTable(sections)}\n`);
  const all = targets(sections);
  const missed = all.filter((t) => !t.target.met);
  process.stdout.write(
    `\n${all.length - missed.length}/${all.length} targets met${quick ? ' (quick run: targets are set for 20,000 essays)' : ''}; ${Math.round(totalMs / 1000)} s in all; load average ${loadAtStart.toFixed(2)} → ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores\n`,
  );
  for (const m of missed)
    process.stdout.write(
      `  ✗ ${m.section}: ${m.label.trim()} ${m.value} (target ${m.target.text})\n`,
    );
  const figures = Object.fromEntries(sections.map((s) => [s.key, s.figures]));
  process.stdout.write(
    `${JSON.stringify({
      quick,
      essays,
      seed,
      corpus: {
        dir: corpus.dir,
        megabytes: corpus.bytes / 1e6,
        generatedMs: Math.round(corpus.ms),
      },
      ...figures,
      targets: all.map((t) => ({
        section: t.section,
        label: t.label.trim(),
        value: t.value,
        target: t.target.text,
        met: t.target.met,
      })),
      totalSeconds: Math.round(totalMs / 100) / 10,
      phaseSeconds,
      machine: {
        node: process.version,
        cores: cpus().length,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadavg()[0],
      },
    })}\n`,
  );
} finally {
  if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  else progress(`kept ${workDir}`);
}
