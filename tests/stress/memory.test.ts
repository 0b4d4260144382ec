/**
 * 2,000 interactions (the load test's mix, 20 at a time) against the real
 * bot on a journal of 1,000 essays. Its resident memory after them stays
 * within half again of what it was after a warm-up, and every first
 * response stays inside Discord's 3 s.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../fakeDiscord/index.js';
import type { BotProcess } from '../helpers/botProcess.js';
import { answered } from '../helpers/e2e.js';
import {
  botRssBytes,
  mb,
  mixedInteraction,
  startLoadRun,
  type LoadMix,
} from '../reliability/botLoad.js';

const WARM_UP = 200;
const RUN = 2000;
const AT_ONCE = 20;

let fake: FakeDiscord;
let bot: BotProcess;
let mix: LoadMix;

beforeAll(async () => {
  const run = await startLoadRun({
    prefix: 'journal-memory-',
    corpus: 1000,
    listed: 50,
    readyTimeoutMs: 90_000,
  });
  ({ fake, bot, mix } = run);
  return run.stop;
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
