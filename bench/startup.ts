/**
 * Startup: wall time from spawning the real bot (`node dist/bot/index.js`, what
 * `npm start` runs) to its "ready" log line, against the fake Discord —
 *
 * - empty: no essays, an empty journal folder (the baseline: node,
 *   discord.js, login, command registration);
 * - first sync: an empty database and a journal folder of N essay files,
 *   ready at once and the files imported after ready, in batches (timed to
 *   the "journal folder synced" line);
 * - restart: the same database (N essays stored) and folder, every file
 *   unchanged — the everyday restart the ≤ 2 s target is about.
 *
 * The restarted bot is left running for the interaction benchmark.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeDiscord } from '../tests/fakeDiscord/index.js';
import { launchBot, logTime, type RunningBot } from './botRun.js';
import type { CorpusFolder } from './corpus.js';
import { round, type memoryMb } from './measure.js';

type Memory = ReturnType<typeof memoryMb>;
import { atMost, fmt, ms, type SectionResult } from './report.js';

export interface StartupOutcome {
  section: SectionResult;
  /** The bot restarted on N stored essays, still running. */
  bot: RunningBot;
  memory: { empty: Memory; afterFirstSync: Memory; restart: Memory };
}

export async function benchStartup(
  fake: FakeDiscord,
  corpus: CorpusFolder,
  workDir: string,
  log: (line: string) => void,
): Promise<StartupOutcome> {
  const emptyDir = join(workDir, 'bot-empty');
  const emptyEssays = join(emptyDir, 'essays');
  mkdirSync(emptyEssays, { recursive: true });
  log('startup: empty journal');
  const empty = await launchBot(fake, emptyDir, { JOURNAL_DIR: emptyEssays });
  const emptyMemory = empty.memory();
  await empty.stop();

  const dir = join(workDir, 'bot');
  mkdirSync(dir, { recursive: true });
  log(`startup: first sync of ${corpus.files} files`);
  const first = await launchBot(fake, dir, { JOURNAL_DIR: corpus.dir });
  let syncedAt = logTime(first.bot, 'journal folder synced');
  while (syncedAt === null) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    syncedAt = logTime(first.bot, 'journal folder synced');
  }
  const syncedMs = syncedAt - first.spawnedAt;
  const firstMemory = first.memory();
  await first.stop();

  log('startup: restart with the essays stored');
  const restart = await launchBot(fake, dir, { JOURNAL_DIR: corpus.dir });
  const restartMemory = restart.memory();

  const n = corpus.files.toLocaleString('en-US');
  const section: SectionResult = {
    key: 'startup',
    name: `Startup (spawn → ready, fake Discord)`,
    rows: [
      {
        label: `restart, ${n} stored`,
        value: ms(restart.readyMs),
        target: atMost(restart.readyMs / 1000, 2, ' s'),
      },
      { label: `first sync of ${n} files: ready`, value: ms(first.readyMs) },
      { label: '  all files imported (after ready)', value: ms(syncedMs) },
      {
        label: '  sync rate',
        value: `${fmt(corpus.files / (Math.max(1, syncedMs - first.readyMs) / 1000))} essays/s`,
      },
      { label: 'empty journal (baseline)', value: ms(empty.readyMs) },
      { label: 'restart − empty', value: ms(restart.readyMs - empty.readyMs) },
    ],
    figures: {
      restartMs: Math.round(restart.readyMs),
      firstSyncReadyMs: Math.round(first.readyMs),
      firstSyncImportedMs: Math.round(syncedMs),
      emptyMs: Math.round(empty.readyMs),
      restartOverEmptyMs: Math.round(restart.readyMs - empty.readyMs),
      firstSyncEssaysPerSec: round(
        corpus.files / (Math.max(1, syncedMs - first.readyMs) / 1000),
        1,
      ),
    },
    notes: ['the compiled bot (npm start), built by the bench before this section'],
  };
  return {
    section,
    bot: restart,
    memory: { empty: emptyMemory, afterFirstSync: firstMemory, restart: restartMemory },
  };
}
