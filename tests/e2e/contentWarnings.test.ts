/**
 * Content warnings end to end: the real bot against the fake Discord, every
 * surface an essay reaches in public (day lists, the anniversary post,
 * lists, search, random picks, quotes, the card), and then one check over
 * every payload the bot sent in the whole run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { openStore } from '../../src/store/index.js';
import {
  MANAGER_PERMISSIONS,
  startFakeDiscord,
  waitFor,
  type FakeDiscord,
} from '../fakeDiscord/index.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { answered, buttons, oneYearBefore, stableZone, todayIn } from '../helpers/e2e.js';
import { sentencesOf, unspoileredText } from '../helpers/spoilers.js';
import { tempDir } from '../helpers/store.js';
import { textOf, titleOf } from '../helpers/messageText.js';

const ZONE = stableZone();
const today = todayIn(ZONE);
const lastYear = oneYearBefore(today);
const WARNED_BODY =
  '机场的灯光一直亮着,我们没有再说话。\n\n离开的时候天还没有亮,行李箱的轮子很响。\n\n后来我再也没有回去过那座城市。';
const t = tempDir('journal-e2e-warnings-');
let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  const essays = join(t.dir, 'essays');
  mkdirSync(essays);
  // Untitled on purpose: its first words must not become its public name either.
  writeFileSync(
    join(essays, 'warned.md'),
    `---\ntitle:\ndate: ${lastYear}\nplace: 首都机场\nwarning: 离别\n---\n${WARNED_BODY}\n`,
  );
  writeFileSync(
    join(essays, 'plain.md'),
    `晴天\n\n今天的阳光很好,灯光也不必开。我在窗边读了一下午书。\n\n— ${lastYear.replaceAll('-', '.')} 于上海\n`,
  );
  fake = await startFakeDiscord();
  const store = openStore(join(t.dir, 'journal.db'), systemClock);
  store.guilds.save({
    guildId: fake.guildId,
    channelId: fake.channelId,
    time: '00:00',
    timeZone: ZONE,
    enabled: true,
    language: 'zh-CN',
    emptyDay: 'quote',
    startsOn: today,
  });
  store.close();
  bot = await startBotProcess(fake, {
    dir: t.dir,
    env: { JOURNAL_DIR: essays, JOURNAL_TIMEZONE: ZONE },
  });
  await waitFor(
    () => bot.logs().find((l) => l.msg === 'anniversary catch-up done'),
    10_000,
    `no catch-up:\n${bot.output()}`,
  );
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  t.cleanup();
});

async function run(name: string, subcommand: string, options: Record<string, string> = {}) {
  const r = answered(await fake.command({ name, subcommand, options, locale: 'zh-CN' }));
  return r.waitForMessage();
}

describe('content warnings (real bot, fake Discord)', () => {
  it('shows the warning and keeps the text behind a spoiler on every surface', async () => {
    const [post] = fake.messages(fake.channelId, { source: 'channel' });
    expect(textOf(post)).toContain('内容提示:离别');
    expect(textOf(post)).toContain('||机场的灯光');

    const day = await run('essay', 'today');
    expect(textOf(day)).toContain('内容提示:离别');
    await run('essay', 'on', { date: today.slice(5) });
    await run('essay', 'list');
    const found = await run('essay', 'search', { query: '灯光' });
    expect(textOf(found)).toMatch(/\|\|[^|]*\*\*灯光\*\*/u);
    for (let i = 0; i < 6; i++) await run('essay', 'random');
    for (let i = 0; i < 6; i++) await run('quote', 'random');

    const warnedButton = buttons(day).find((b) => b.custom_id.startsWith('essay:open:'))!;
    const id = warnedButton.custom_id.split(':')[2]!;
    const card = await run('essay', 'show', { essay: id });
    const opened = answered(
      await fake.component({ message: day, customId: warnedButton.custom_id, locale: 'en-US' }),
    );
    const reader = await opened.waitForMessage();
    expect(textOf(reader)).toContain('Content warning: 离别');
    expect([card, reader].map((m) => titleOf(m))).not.toContain(expect.stringContaining('机场'));
    answered(
      await fake.command({
        name: 'journal',
        subcommand: 'post-now',
        locale: 'zh-CN',
        permissions: MANAGER_PERMISSIONS,
      }),
    );
  });

  it("never sends a warned essay's words outside a spoiler, in any payload of the run", () => {
    const payloads = fake.requests
      .filter((r) => r.method !== 'GET' && r.body !== undefined)
      .map((r) => r.body);
    expect(payloads.length).toBeGreaterThan(20);
    const sentences = sentencesOf(WARNED_BODY);
    expect(sentences.length).toBe(3);
    // The same words in the plain essay's payloads prove the check can see text at all.
    expect(payloads.some((p) => unspoileredText(p).includes('我在窗边读了一下午书'))).toBe(true);
    for (const payload of payloads) {
      const shown = unspoileredText(payload);
      for (const sentence of sentences) expect(shown).not.toContain(sentence);
    }
  });
});
