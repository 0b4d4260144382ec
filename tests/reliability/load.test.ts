/**
 * A burst: 40 interactions at once (search, today, random, show, page
 * presses, autocomplete, list) against the real bot on a journal of a few
 * hundred essays. Every first response inside Discord's 3 s, every reply
 * delivered, nothing Discord would refuse.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord, StoredMessage } from '../fakeDiscord/index.js';
import type { BotProcess } from '../helpers/botProcess.js';
import { answered } from '../helpers/e2e.js';
import { mixedInteraction, startLoadRun, type LoadMix } from './botLoad.js';
import { textOf } from '../helpers/messageText.js';

let fake: FakeDiscord;
let bot: BotProcess;
let mix: LoadMix;

beforeAll(async () => {
  const run = await startLoadRun({
    prefix: 'journal-load-',
    corpus: 300,
    listed: 20,
    readyTimeoutMs: 60_000,
  });
  ({ fake, bot, mix } = run);
  return run.stop;
}, 90_000);

describe('40 interactions at once', () => {
  it('answers every one inside 3 s, delivers every reply, and sends nothing Discord would refuse', async () => {
    fake.clearRecords();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => mixedInteraction(fake, mix, i)),
    );
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    console.log(
      `40 at once: first responses in ${times[0]!.toFixed(0)}–${times.at(-1)!.toFixed(0)} ms (median ${times[20]!.toFixed(0)} ms)`,
    );
    for (const r of results) answered(r);
    const replies = await Promise.all(
      results
        .filter((r) => r.kind !== 'autocomplete')
        .map((r) =>
          r.type === 7
            ? Promise.resolve(r.message as StoredMessage)
            : r.waitForMessage(undefined, 15_000),
        ),
    );
    for (const reply of replies) expect(textOf(reply).length).toBeGreaterThan(0);
    expect(
      results.filter((r) => r.kind === 'autocomplete').every((r) => Array.isArray(r.choices)),
    ).toBe(true);
    expect(fake.rejections).toEqual([]);
    expect(bot.logs().filter((l) => (l.level as number) >= 40)).toEqual([]);
  }, 60_000);
});
