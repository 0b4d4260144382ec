/**
 * `npm run bench:profile [-- --essays N] [--seed S]`: the interactions
 * benchmark against the real bot run under `node --cpu-prof`, then the
 * longest stretches its main thread was busy (what the event-loop delay
 * figure measures), each with the functions that took the time. The
 * profile is kept in bench/.profiles/ for Chrome DevTools or speedscope.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importPaths } from '../src/import/importFiles.js';
import { openStore } from '../src/store/index.js';
import { startFakeDiscord } from '../tests/fakeDiscord/index.js';
import { launchBot } from './botRun.js';
import { ensureCorpus } from './corpus.js';
import { BENCH_CLOCK } from './import.js';
import { benchInteractions } from './interactions.js';
import { formatTable } from './report.js';
import { busyStretches } from './stretches.js';

const { values } = parseArgs({
  options: {
    essays: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '20251101' },
  },
});
const essays = Number(values.essays);
const seed = Number(values.seed);
const log = (line: string) => process.stderr.write(`[profile] ${line}\n`);

const corpus = ensureCorpus(essays, seed);
const dir = join('bench', '.cache', `profile-n${essays}-s${seed}`);
const dbPath = join(dir, 'journal.db');
if (!existsSync(dbPath)) {
  mkdirSync(dir, { recursive: true });
  log(`importing ${essays} essays into ${dbPath} (once)`);
  const store = openStore(dbPath, BENCH_CLOCK);
  importPaths(store, [corpus.dir]);
  store.close();
}
const out = join('bench', '.profiles');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const fake = await startFakeDiscord();
try {
  const bot = await launchBot(fake, dir, { JOURNAL_DIR: corpus.dir }, undefined, [
    '--cpu-prof',
    `--cpu-prof-dir=${out}`,
  ]);
  const memory = { empty: null, afterFirstSync: null, restart: bot.memory() };
  const section = await benchInteractions(
    fake,
    { bot, memory, section: { key: 'startup', name: 'startup', rows: [], figures: {} } },
    essays,
    seed,
    log,
  );
  process.stdout.write(`${formatTable([section])}\n`);
} finally {
  await fake.close();
}
// The main thread's profile is the first one the process wrote (workers number theirs after it).
const [main] = readdirSync(out)
  .filter((f) => f.endsWith('.cpuprofile'))
  .sort();
if (!main) throw new Error('the bot wrote no profile');
process.stdout.write(`\nprofile: ${join(out, main)}\n`);
for (const stretch of busyStretches(join(out, main), 8)) process.stdout.write(`${stretch}\n`);
