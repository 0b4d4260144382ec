/**
 * Muted periods and the pause, end to end: the real bot process against the
 * fake Discord. A muted period's essays vanish from `/essay today` and the
 * anniversary post but not from search; a bad range is refused in one
 * sentence and nothing is stored; a paused server posts nothing, says until
 * when, and its startup catch-up records the day as paused instead of
 * posting it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { addDays } from '../../src/journal/dates.js';
import { openStore } from '../../src/store/index.js';
import {
  MANAGER_PERMISSIONS,
  startFakeDiscord,
  waitFor,
  type FakeDiscord,
  type StoredMessage,
} from '../fakeDiscord/index.js';
import { answered, oneYearBefore, shownText, stableZone, todayIn } from '../helpers/e2e.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { tempDir } from '../helpers/store.js';

const ZONE = stableZone();
const today = todayIn(ZONE);
const lastYear = oneYearBefore(today);
const twoYearsAgo = oneYearBefore(lastYear);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

/** A journal with an essay on this day last year (to be muted) and two years ago; the bot started on it. */
async function start(
  prepare?: (dir: string, fake: FakeDiscord) => void,
): Promise<{ fake: FakeDiscord; bot: BotProcess; dir: string }> {
  const fake = await startFakeDiscord();
  const t = tempDir('journal-e2e-mutes-');
  cleanups.push(async () => {
    await fake.close();
    t.cleanup();
  });
  const essays = join(t.dir, 'essays');
  mkdirSync(essays);
  writeFileSync(
    join(essays, 'last-year.md'),
    `不想再想起的一天\n\n那天的事。\n\n— ${lastYear.replaceAll('-', '.')} 于上海\n`,
  );
  writeFileSync(
    join(essays, 'two-years.md'),
    `两年前的今天\n\n阳光很好。\n\n— ${twoYearsAgo.replaceAll('-', '.')} 于北京\n`,
  );
  prepare?.(t.dir, fake);
  const bot = await startBotProcess(fake, {
    dir: t.dir,
    env: { JOURNAL_DIR: essays, JOURNAL_TIMEZONE: ZONE, JOURNAL_AUTHOR_IDS: '' },
  });
  cleanups.push(async () => {
    await bot.stop();
  });
  return { fake, bot, dir: t.dir };
}

/** A manager (with no JOURNAL_AUTHOR_IDS, also an author) runs `/command sub`, and the reply is read. */
async function run(
  fake: FakeDiscord,
  command: string,
  subcommand: string,
  options: Record<string, string | number> = {},
): Promise<string> {
  const r = answered(
    await fake.command({
      name: command,
      subcommand,
      options,
      locale: 'en-US',
      permissions: MANAGER_PERMISSIONS,
    }),
  );
  return shownText(await r.waitForMessage());
}

function posts(fake: FakeDiscord): StoredMessage[] {
  return fake.messages(fake.channelId, { source: 'channel' });
}

describe('muted periods (real bot, fake Discord)', () => {
  it("keep last year's essay out of /essay today and the anniversary post, not out of search, until unmuted", async () => {
    const { fake } = await start();
    expect(await run(fake, 'essay', 'today')).toContain('不想再想起的一天');

    const muted = await run(fake, 'journal', 'mute', {
      from: lastYear,
      to: lastYear,
      note: '离别',
    });
    expect(muted).toContain(`Muted #1: essays written from ${lastYear} to ${lastYear}`);

    const day = await run(fake, 'essay', 'today');
    expect(day).toContain('两年前的今天');
    expect(day).not.toContain('不想再想起的一天');
    expect(await run(fake, 'essay', 'search', { query: '想起' })).toContain('不想再想起的一天');

    await run(fake, 'journal', 'setup', { channel: fake.channelId, time: '00:00', timezone: ZONE });
    await run(fake, 'journal', 'post-now');
    const [post, ...more] = posts(fake);
    expect(more).toEqual([]);
    expect(shownText(post!)).toContain('两年前的今天');
    expect(shownText(post!)).not.toContain('不想再想起的一天');

    expect(await run(fake, 'journal', 'status')).toContain(`#1 · ${lastYear} – ${lastYear} · 离别`);

    const ac = answered(
      await fake.autocomplete({
        name: 'journal',
        subcommand: 'unmute',
        focused: 'id',
        value: '离别',
        permissions: MANAGER_PERMISSIONS,
      }),
    );
    const choice = (ac.choices as Array<{ name: string; value: string }>)[0]!;
    expect(choice.name).toContain(lastYear);
    expect(await run(fake, 'journal', 'unmute', { id: choice.value })).toContain(
      'Lifted muted period #1',
    );
    expect(await run(fake, 'essay', 'today')).toContain('不想再想起的一天');
  });

  it('refuses a reversed range, one over 100 years and an unknown id in one sentence, storing nothing', async () => {
    const { fake, dir } = await start();
    const reversed = await run(fake, 'journal', 'mute', { from: today, to: lastYear });
    expect(reversed).toBe(
      `The period ends (${lastYear}) before it starts (${today}): put the earlier date first; nothing was muted.`,
    );
    expect(await run(fake, 'journal', 'mute', { from: '1900-01-01', to: today })).toMatch(
      /^A muted period spans at most 100 years, .*; nothing was muted\.$/u,
    );
    expect(await run(fake, 'journal', 'mute', { from: '2023-02-29', to: today })).toBe(
      '2023-02-29 is not a real calendar date; nothing was muted.',
    );
    expect(await run(fake, 'journal', 'unmute', { id: '7' })).toBe(
      'There is no muted period #7; nothing changed.',
    );
    const store = openStore(join(dir, 'journal.db'), systemClock);
    try {
      expect(store.mutes.list()).toEqual([]);
    } finally {
      store.close();
    }
  });
});

describe('a paused server (real bot, fake Discord)', () => {
  it('records the day as paused at the startup catch-up instead of posting it', async () => {
    const { fake, bot } = await start((dir, fake) => {
      const store = openStore(join(dir, 'journal.db'), systemClock);
      store.guilds.save({
        guildId: fake.guildId,
        channelId: fake.channelId,
        time: '00:00',
        timeZone: ZONE,
        enabled: true,
        language: 'en-US',
        emptyDay: 'skip',
        startsOn: today,
      });
      store.guilds.pause(fake.guildId, addDays(today, 1));
      store.close();
    });
    const done = await waitFor(
      () => bot.logs().find((l) => l.msg === 'anniversary catch-up done'),
      10_000,
      `no catch-up:\n${bot.output()}`,
    );
    expect(done).toMatchObject({ posted: 0, paused: 1 });
    expect(posts(fake)).toEqual([]);
    expect(await run(fake, 'journal', 'status')).toContain(
      `no posts until ${addDays(today, 1)}; they resume that day`,
    );
    expect(await run(fake, 'journal', 'post-now')).toContain(
      `paused until ${addDays(today, 1)}, so nothing was posted`,
    );
    expect(posts(fake)).toEqual([]);
  });

  it('pauses with /journal pause days:, and /journal setup or days:0 resumes', async () => {
    const { fake } = await start();
    await run(fake, 'journal', 'setup', { channel: fake.channelId, time: '23:59', timezone: ZONE });
    expect(await run(fake, 'journal', 'pause', { days: 3 })).toContain(
      `nothing is posted before ${addDays(today, 3)}`,
    );
    expect(await run(fake, 'journal', 'status')).toContain('Paused');
    expect(await run(fake, 'journal', 'pause', { days: 0 })).toContain(
      'Anniversary posts are on again',
    );
    expect(await run(fake, 'journal', 'status')).not.toContain('Paused');
    await run(fake, 'journal', 'pause', { days: 1 });
    await run(fake, 'journal', 'setup', { channel: fake.channelId, time: '23:59', timezone: ZONE });
    expect(await run(fake, 'journal', 'status')).not.toContain('Paused');
  });
});
