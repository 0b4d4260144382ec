/**
 * A burst: 40 interactions at once (search, today, random, show, page
 * presses, autocomplete, list) against the real bot on a journal of a few
 * hundred essays. Every first response inside Discord's 3 s, every reply
 * delivered, nothing Discord would refuse.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { openStore } from '../../src/store/index.js';
import { startFakeDiscord, type FakeDiscord, type StoredMessage } from '../fakeDiscord/index.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { tempDir } from '../helpers/store.js';
import { LONG_TITLE, ZONE, answered, writeJournal } from './journalFixture.js';
import { writeCorpus } from './corpus.js';
import { mixedInteraction, type LoadMix } from './botLoad.js';

const t = tempDir('journal-load-');
let fake: FakeDiscord;
let bot: BotProcess;
const mix: LoadMix = { pageable: [], essayIds: [] };

beforeAll(async () => {
  const essays = writeJournal(t.dir);
  writeCorpus(join(essays, 'corpus'), 300, 1500);
  fake = await startFakeDiscord();
  bot = await startBotProcess(fake, {
    dir: t.dir,
    env: { JOURNAL_DIR: essays, JOURNAL_TIMEZONE: ZONE },
    readyTimeoutMs: 60_000,
  });
  const store = openStore(join(t.dir, 'journal.db'), systemClock);
  const longId = String(store.essays.list().find((e) => e.title === LONG_TITLE)!.id);
  mix.essayIds = store.essays.list({ limit: 20 }).map((e) => String(e.id));
  store.close();
  for (let i = 0; i < 3; i++) {
    const r = answered(
      await fake.command({ name: 'essay', subcommand: 'show', options: { essay: longId } }),
    );
    mix.pageable.push(await r.waitForMessage());
  }
}, 90_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  t.cleanup();
});

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
    for (const reply of replies)
      expect(reply.embeds.length + reply.content.length).toBeGreaterThan(0);
    expect(
      results.filter((r) => r.kind === 'autocomplete').every((r) => Array.isArray(r.choices)),
    ).toBe(true);
    expect(fake.rejections).toEqual([]);
    expect(bot.logs().filter((l) => (l.level as number) >= 40)).toEqual([]);
  }, 60_000);
});
