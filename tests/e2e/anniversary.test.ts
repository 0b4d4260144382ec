/**
 * Scheduled anniversary posts, end to end: the real bot process
 * (`src/index.ts`) against the fake Discord, on the real clock.
 *
 * "Now" is not faked in the bot. Each scenario writes the server's settings
 * into the database before the bot starts, with the post time at 00:00 in a
 * zone where it is well past midnight: the minute has passed while the bot
 * was down, so the startup catch-up must post. The minute-by-minute cron
 * tick itself is covered with fake timers in anniversaryScheduler.test.ts.
 */
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { buttonsOf, leadOf, textOf, titleOf } from '../helpers/messageText.js';

import { postNonce } from '../../src/schedule/anniversary.js';
import { openStore } from '../../src/store/index.js';
import {
  MANAGER_PERMISSIONS,
  MEMBER_PERMISSIONS,
  waitFor,
  type FakeDiscord,
  type StoredMessage,
} from '../fakeDiscord/index.js';
import { anniversaryJournal, answered, stableZone, todayIn } from '../helpers/e2e.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';

const ZONE = stableZone();
const today = todayIn(ZONE);

interface Scenario {
  fake: FakeDiscord;
  dir: string;
  /** Starts (or restarts) the bot on this scenario's database. */
  start(): Promise<BotProcess>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

/** A fake Discord, a journal with last year's essay (and a hidden one), and the server's settings written before the bot starts. */
async function scenario(opts: { channel?: (fake: FakeDiscord) => string } = {}): Promise<Scenario> {
  const { fake, dir, essays, cleanup } = await anniversaryJournal(
    'journal-e2e-anniversary-',
    today,
  );
  cleanups.push(cleanup);
  const channelId = opts.channel?.(fake) ?? fake.channelId;
  const store = openStore(join(dir, 'journal.db'), systemClock);
  store.guilds.save({
    guildId: fake.guildId,
    channelId,
    time: '00:00',
    timeZone: ZONE,
    enabled: true,
    language: 'zh-CN',
    emptyDay: 'skip',
    startsOn: today,
  });
  store.close();
  return {
    fake,
    dir,
    async start() {
      const bot = await startBotProcess(fake, {
        dir,
        env: { JOURNAL_DIR: essays, JOURNAL_TIMEZONE: ZONE },
      });
      cleanups.push(() => void bot.stop());
      return bot;
    },
  };
}

/** Resolves once the bot's startup catch-up has finished, with what it reported. */
async function catchUp(bot: BotProcess): Promise<Record<string, unknown>> {
  return waitFor(
    () => bot.logs().find((l) => l.msg === 'anniversary catch-up done'),
    10_000,
    `no catch-up:\n${bot.output()}`,
  );
}

function posts(fake: FakeDiscord, channelId = fake.channelId): StoredMessage[] {
  return fake.messages(channelId, { source: 'channel' });
}

async function asManager(
  fake: FakeDiscord,
  subcommand: string,
  options: Record<string, string> = {},
  locale = 'en-US',
): Promise<StoredMessage> {
  const r = answered(
    await fake.command({
      name: 'journal',
      subcommand,
      options,
      locale,
      permissions: MANAGER_PERMISSIONS,
    }),
  );
  return r.waitForMessage();
}

function shownCardText(message: StoredMessage): string {
  return textOf(message);
}

describe('scheduled anniversary posts (real bot, fake Discord)', () => {
  it('posts at startup when the configured minute passed while the bot was down, once, and not again after a restart', async () => {
    const s = await scenario();
    const bot = await s.start();
    expect(await catchUp(bot)).toMatchObject({ posted: 1 });
    const [post, ...others] = posts(s.fake);
    expect(others).toEqual([]);
    expect(titleOf(post)).toMatch(/^那年今日 · /u);
    expect(textOf(post)).toContain('**1 年前** · 一年前的今天 · 上海');
    expect(textOf(post)).not.toContain('不公开的一篇');
    expect(post!.api.nonce).toBe(postNonce(s.fake.guildId, today));
    const buttons = buttonsOf(post);
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.custom_id).toMatch(/^essay:open:\d+$/u);

    // Anyone can open the essay from the post, privately.
    const opened = answered(
      await s.fake.component({ message: post!, customId: buttons[0]!.custom_id, locale: 'zh-CN' }),
    );
    const reader = await opened.waitForMessage();
    expect(reader.flags & 64).toBe(64);
    expect(textOf(reader)).toContain('那天写下了');

    // post-now counts today's scheduled post as today's.
    expect(leadOf(await asManager(s.fake, 'post-now'))).toContain(
      `already went out: https://discord.com/channels/${s.fake.guildId}/${s.fake.channelId}/${post!.id}`,
    );

    expect(await bot.stop()).toBe(0);
    const again = await s.start();
    expect(await catchUp(again)).toMatchObject({ posted: 0 });
    expect(posts(s.fake)).toHaveLength(1);

    const status = shownCardText(await asManager(s.fake, 'status'));
    expect(status).toContain(
      `${today} · https://discord.com/channels/${s.fake.guildId}/${s.fake.channelId}/${post!.id}`,
    );
    expect(s.fake.rejections).toEqual([]);
  });

  it('delivers exactly once when Discord answers 500, then 429, before accepting', async () => {
    const s = await scenario();
    s.fake.failNext('POST /channels/:id/messages', { status: 500 });
    s.fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.1 });
    const bot = await s.start();
    expect(await catchUp(bot)).toMatchObject({ posted: 1 });
    expect(s.fake.injectedFaults.map((f) => f.status)).toEqual([500, 429]);
    expect(
      s.fake.requests.filter(
        (r) => r.method === 'POST' && r.route === `/channels/${s.fake.channelId}/messages`,
      ),
    ).toHaveLength(3);
    expect(posts(s.fake)).toHaveLength(1);
    expect(s.fake.rejections).toEqual([]);
  });

  it('reports a channel it may not post in (50013) in /journal status, keeps serving, and posts after a manager fixes it', async () => {
    let locked = '';
    const s = await scenario({
      channel: (fake) =>
        (locked = fake.addChannel({
          name: 'locked',
          botPermissions: MEMBER_PERMISSIONS & ~PermissionFlagsBits.SendMessages,
        }).id),
    });
    const bot = await s.start();
    expect(await catchUp(bot)).toMatchObject({ posted: 0, failed: 1 });
    expect(s.fake.rejections.map((r) => r.code)).toEqual([50013]);
    expect(posts(s.fake, locked)).toEqual([]);

    const status = shownCardText(await asManager(s.fake, 'status'));
    expect(status).toContain(`The bot may not post in <#${locked}>`);
    expect(status).toContain('50013');

    // Still serving, and not retrying the refused post in a storm.
    const reading = answered(
      await s.fake.command({ name: 'essay', subcommand: 'today', locale: 'zh-CN' }),
    );
    expect(titleOf(await reading.waitForMessage())).toMatch(/^那年今日/u);
    expect(s.fake.rejections).toHaveLength(1);

    // A manager points the posts at a channel the bot can use, then posts today's at once.
    const badZone = await asManager(s.fake, 'setup', {
      channel: s.fake.channelId,
      time: '09:00',
      timezone: 'Mars/Olympus',
    });
    expect(leadOf(badZone)).toBe(
      '"Mars/Olympus" is not a time zone: pick one from the list, such as Asia/Shanghai or America/Los_Angeles.',
    );
    const setup = await asManager(s.fake, 'setup', {
      channel: s.fake.channelId,
      time: '23:59',
      timezone: ZONE,
    });
    expect(leadOf(setup)).toContain(`<#${s.fake.channelId}>`);
    expect(leadOf(setup)).toMatch(/<t:\d+:F>/u);
    const posted = await asManager(s.fake, 'post-now');
    expect(leadOf(posted)).toContain("Today's anniversary post is in");
    expect(posts(s.fake)).toHaveLength(1);
    expect(s.fake.rejections).toHaveLength(1);
  });

  it('switches posts off, with the reason in /journal status, when the channel was deleted', async () => {
    let gone = '';
    const s = await scenario({
      channel: (fake) => {
        gone = fake.addChannel({ name: 'deleted-later' }).id;
        fake.world.channels.delete(gone);
        return gone;
      },
    });
    const bot = await s.start();
    expect(await catchUp(bot)).toMatchObject({ failed: 1 });
    expect(s.fake.rejections.map((r) => r.code)).toEqual([10003]);
    const status = shownCardText(await asManager(s.fake, 'status'));
    expect(status).toContain(`off: The channel <#${gone}> no longer exists`);
  });

  it('does not post an empty message where the bot lacks Embed Links (Discord would drop the embeds silently)', async () => {
    let plain = '';
    const s = await scenario({
      channel: (fake) =>
        (plain = fake.addChannel({
          name: 'no-embeds',
          botPermissions: MEMBER_PERMISSIONS & ~PermissionFlagsBits.EmbedLinks,
        }).id),
    });
    const bot = await s.start();
    expect(await catchUp(bot)).toMatchObject({ failed: 1 });
    expect(posts(s.fake, plain)).toEqual([]);
    expect(s.fake.warnings).toEqual([]);
    const status = shownCardText(await asManager(s.fake, 'status', {}, 'zh-CN'));
    expect(status).toContain(`机器人无权在 <#${plain}> 发帖`);
    expect(status).toContain('Embed Links');
  });
});
