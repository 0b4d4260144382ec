import { describe, expect, it } from 'vitest';
import { fixedClock, type Clock } from '../src/clock.js';
import { findSubcommand, runAutocomplete, runSubcommand } from '../src/commands/index.js';
import type { HandlerContext, Services } from '../src/commands/types.js';
import type { Reply } from '../src/messages/payload.js';
import type { PostOutcome } from '../src/schedule/anniversary.js';
import type { Store } from '../src/store/index.js';
import {
  AUTHOR,
  CHANNEL_ID,
  GUILD_ID,
  MANAGER,
  STRANGER,
  handlerContext,
  refusal,
  runner,
  shownError,
} from './helpers/handlers.js';
import { memoryStore } from './helpers/store.js';
import { textOf } from './helpers/messageText.js';

/** A manager's context, on the clock the store was made with. */
function context(store: Store, over: Partial<HandlerContext> = {}): HandlerContext {
  return handlerContext(store, {
    clock: clockOf.get(store) ?? fixedClock('2026-11-01T00:30:00Z'),
    caller: MANAGER,
    random: () => 0,
    ...over,
  });
}

const clockOf = new Map<Store, Clock>();
function freshStore(at = '2026-11-01T00:30:00Z'): Store {
  const clock = fixedClock(at);
  const store = memoryStore(clock);
  clockOf.set(store, clock);
  store.essays.insert(
    { title: '一年前', body: '那天的事。', date: '2025-11-01', place: '上海', tags: [] },
    'a.md',
  );
  return store;
}

const run = runner('journal');

function text(reply: Reply): string {
  if (reply.kind === 'modal') throw new Error('unexpected modal');
  return textOf(reply.payload);
}

describe('/journal setup', () => {
  it('saves the schedule and confirms the next post in local time and as a Discord timestamp', async () => {
    const store = freshStore();
    const reply = await run(context(store), 'setup', {
      channel: CHANNEL_ID,
      time: '09:00',
      timezone: 'asia/shanghai',
    });
    expect(store.guilds.get(GUILD_ID)).toMatchObject({
      channelId: CHANNEL_ID,
      time: '09:00',
      timeZone: 'Asia/Shanghai',
      enabled: true,
      language: 'en-US',
      emptyDay: 'skip',
    });
    const said = text(reply);
    expect(said).toContain(`<#${CHANNEL_ID}>`);
    expect(said).toContain('09:00 (Asia/Shanghai)');
    // 09:00 in Shanghai on Nov 1 2026 is 01:00 UTC.
    expect(said).toContain(`<t:${Date.parse('2026-11-01T01:00:00Z') / 1000}:F>`);
    expect(said).toMatch(/Sunday, November 1, 2026.*09:00/u);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: true });
  });

  it("starts tomorrow when switched on after today's minute, so setup never posts at once", async () => {
    const store = freshStore('2026-11-01T02:00:00Z'); // 10:00 in Shanghai
    const said = text(await run(context(store), 'setup', { channel: CHANNEL_ID, time: '09:00' }));
    expect(said).toContain(`<t:${Date.parse('2026-11-02T01:00:00Z') / 1000}:F>`);
    expect(store.guilds.get(GUILD_ID)?.startsOn).toBe('2026-11-02');
  });

  it('defaults the zone to JOURNAL_TIMEZONE and takes language and empty-day options', async () => {
    const store = freshStore();
    await run(context(store, { locale: 'zh-CN' }), 'setup', {
      channel: CHANNEL_ID,
      time: '7:05',
      language: 'en-US',
      'empty-day': 'quote',
    });
    expect(store.guilds.get(GUILD_ID)).toMatchObject({
      time: '07:05',
      timeZone: 'Asia/Shanghai',
      language: 'en-US',
      emptyDay: 'quote',
    });
  });

  it.each([
    ['25:00', 'schedule.badTime', '"25:00" is not a time of day'],
    ['9am', 'schedule.badTime', '"9am" is not a time of day'],
  ])('refuses the time %j with one line naming it', async (time, key, line) => {
    const r = await refusal(run(context(freshStore()), 'setup', { channel: CHANNEL_ID, time }));
    expect(r.key).toBe(key);
    expect(shownError(r, 'en-US')).toContain(line);
    expect(shownError(r, 'en-US').split('\n')).toHaveLength(1);
    expect(shownError(r, 'zh-CN')).toContain(`“${time}”不是时刻`);
  });

  it('refuses an unknown time zone with one line naming it', async () => {
    const r = await refusal(
      run(context(freshStore()), 'setup', {
        channel: CHANNEL_ID,
        time: '09:00',
        timezone: 'Mars/Olympus',
      }),
    );
    expect(r.key).toBe('schedule.badZone');
    expect(shownError(r, 'en-US')).toMatch(/^"Mars\/Olympus" is not a time zone/u);
  });

  it('is for server managers only, and only in a server', async () => {
    const store = freshStore();
    expect(
      (
        await refusal(
          run(context(store, { caller: AUTHOR }), 'setup', {
            channel: CHANNEL_ID,
            time: '09:00',
          }),
        )
      ).key,
    ).toBe('error.managerOnly');
    expect(
      (
        await refusal(
          run(context(store, { guildId: null }), 'setup', { channel: CHANNEL_ID, time: '09:00' }),
        )
      ).key,
    ).toBe('schedule.guildOnly');
    for (const sub of ['setup', 'status', 'post-now', 'disable'])
      expect(findSubcommand('journal', sub)!.access).toBe('manager');
  });

  it('autocompletes time zones from what was typed, at most 25, with their offsets', () => {
    const store = freshStore();
    const choices = runAutocomplete(
      context(store),
      'journal',
      'setup',
      { name: 'timezone', value: 'los ang' },
      {},
    );
    expect(choices[0]).toEqual({
      name: 'America/Los_Angeles (UTC-07:00)',
      value: 'America/Los_Angeles',
    });
    const many = runAutocomplete(
      context(store),
      'journal',
      'setup',
      { name: 'timezone', value: 'a' },
      {},
    );
    expect(many).toHaveLength(25);
    for (const c of many) expect(String(c.name).length).toBeLessThanOrEqual(100);
    expect(
      runAutocomplete(context(store), 'journal', 'setup', { name: 'timezone', value: '' }, {})[0]!
        .value,
    ).toBe('Asia/Shanghai');
    expect(
      runAutocomplete(
        context(store),
        'journal',
        'setup',
        { name: 'timezone', value: 'utc' },
        {},
      )[0],
    ).toEqual({ name: 'UTC (UTC+00:00)', value: 'UTC' });
    expect(
      runAutocomplete(
        context(store, { caller: STRANGER }),
        'journal',
        'setup',
        { name: 'timezone', value: 'asia' },
        {},
      ),
    ).toEqual([]);
  });
});

describe('/journal status', () => {
  it('points to setup when nothing is configured', async () => {
    expect((await refusal(run(context(freshStore()), 'status'))).key).toBe(
      'schedule.notConfigured',
    );
  });

  it('shows channel, time, next post, last post with a link, and the last failure with its reason', async () => {
    const store = freshStore('2026-11-02T03:00:00Z');
    store.guilds.save({
      guildId: GUILD_ID,
      channelId: CHANNEL_ID,
      time: '09:00',
      timeZone: 'Asia/Shanghai',
      enabled: true,
      language: 'zh-CN',
      emptyDay: 'skip',
      startsOn: '2026-11-01',
    });
    store.posts.claim({
      guildId: GUILD_ID,
      date: '2026-11-01',
      channelId: CHANNEL_ID,
      nonce: 'n',
      leaseMs: 0,
    });
    store.posts.markSent(GUILD_ID, '2026-11-01', '400000000000000001');
    store.posts.claim({
      guildId: GUILD_ID,
      date: '2026-11-02',
      channelId: CHANNEL_ID,
      nonce: 'n2',
      leaseMs: 0,
    });
    store.posts.markFailed(GUILD_ID, '2026-11-02', '403 50013: Missing Permissions');
    store.guilds.recordFailure(GUILD_ID, 'missing_permissions', '403 50013: Missing Permissions');
    const said = text(await run(context(store), 'status'));
    expect(said).toContain(`<#${CHANNEL_ID}>`);
    expect(said).toContain('09:00 · Asia/Shanghai');
    expect(said).toContain(`<t:${Date.parse('2026-11-03T01:00:00Z') / 1000}:F>`);
    expect(said).toContain(
      `2026-11-01 · https://discord.com/channels/${GUILD_ID}/${CHANNEL_ID}/400000000000000001`,
    );
    expect(said).toContain('needs View Channel, Send Messages and Embed Links');
    expect(said).toContain('50013');
    const zh = text(await run(context(store, { locale: 'zh-CN' }), 'status'));
    expect(zh).toContain('机器人无权在');
  });

  it('says why posts are off when the bot switched them off', async () => {
    const store = freshStore();
    await run(context(store), 'setup', { channel: CHANNEL_ID, time: '09:00' });
    store.guilds.recordFailure(GUILD_ID, 'unknown_channel', '404 10003: Unknown Channel');
    store.guilds.disable(GUILD_ID, 'unknown_channel');
    expect(text(await run(context(store), 'status'))).toContain('off: The channel');
  });
});

describe('/journal disable and post-now', () => {
  it('switches posts off, and setup switches them back on', async () => {
    const store = freshStore();
    await run(context(store), 'setup', { channel: CHANNEL_ID, time: '09:00' });
    expect(text(await run(context(store), 'disable'))).toContain('Anniversary posts are off');
    expect(store.guilds.get(GUILD_ID)?.enabled).toBe(false);
    await run(context(store), 'setup', { channel: CHANNEL_ID, time: '09:00' });
    expect(store.guilds.get(GUILD_ID)?.enabled).toBe(true);
  });

  it('asks the front end to post and reports the link', async () => {
    const store = freshStore();
    await run(context(store), 'setup', { channel: CHANNEL_ID, time: '09:00' });
    const asked: string[] = [];
    const services: Services = {
      postAnniversary: async (guildId): Promise<PostOutcome> => {
        asked.push(guildId);
        return {
          kind: 'posted',
          date: '2026-11-01',
          channelId: CHANNEL_ID,
          messageId: '400000000000000001',
        };
      },
    };
    const said = text(await run(context(store, { services }), 'post-now'));
    expect(asked).toEqual([GUILD_ID]);
    expect(said).toContain(
      `https://discord.com/channels/${GUILD_ID}/${CHANNEL_ID}/400000000000000001`,
    );
    expect(findSubcommand('journal', 'post-now')!.defer).toBe('ephemeral');
  });

  it('explains a failure in words a manager can act on', async () => {
    const store = freshStore();
    await run(context(store), 'setup', { channel: CHANNEL_ID, time: '09:00' });
    const services: Services = {
      postAnniversary: async () => ({
        kind: 'failed',
        date: '2026-11-01',
        reason: 'missing_access',
        detail: '403 50001: Missing Access',
        retryAt: null,
      }),
    };
    expect(text(await run(context(store, { services }), 'post-now'))).toContain('cannot see');
  });

  it('shows a preview without a front end that posts (the console)', async () => {
    const store = freshStore();
    await run(context(store), 'setup', { channel: CHANNEL_ID, time: '09:00', language: 'zh-CN' });
    const reply = await run(context(store), 'post-now');
    expect(reply).toMatchObject({ kind: 'message', ephemeral: true });
    expect(text(reply)).toContain('Preview only');
    expect(text(reply)).toContain('那年今日 · 11月1日');
    expect(store.posts.latest(GUILD_ID)).toBeNull();
  });

  it('previews the post a server would get in the offline console, which has no server', async () => {
    const store = freshStore();
    const reply = await run(context(store, { guildId: null, locale: 'zh-CN' }), 'post-now');
    expect(text(reply)).toContain('仅为预览');
    expect(text(reply)).toContain('那年今日 · 11月1日');
    expect(text(reply)).toContain('1 年前');
  });
});

describe('"today" in a server', () => {
  it("is computed in the server's configured zone, else the author's", async () => {
    // 2026-11-01T00:30Z is Nov 1 in Shanghai (the author) and still Oct 31 in Los Angeles.
    const store = freshStore();
    const today = async () =>
      text(await runSubcommand(context(store), findSubcommand('essay', 'today')!, {}));
    expect(await today()).toContain('On this day · November 1');
    await run(context(store), 'setup', {
      channel: CHANNEL_ID,
      time: '09:00',
      timezone: 'America/Los_Angeles',
    });
    expect(await today()).toContain('Nearest to October 31');
  });
});
