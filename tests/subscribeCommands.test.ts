/** `/essay subscribe` and `/essay unsubscribe` through the shared dispatch: one private sentence each, bad input changes nothing. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../src/messages/payload.js';
import type { Store } from '../src/store/index.js';
import {
  GUILD_ID,
  CHANNEL_ID,
  MANAGER,
  OWNER,
  STRANGER,
  handlerContext,
  refusal,
  runner,
  shownError,
} from './helpers/handlers.js';
import { memoryStore } from './helpers/store.js';
import { textOf } from './helpers/messageText.js';

const run = runner('essay');
const journal = runner('journal');
let store: Store;

beforeEach(() => {
  store = memoryStore();
});

/** The reply's one sentence; it must be private. */
function sentence(reply: Reply): string {
  expect(reply).toMatchObject({ kind: 'message', ephemeral: true });
  return reply.kind === 'message' ? textOf(reply.payload) : '';
}

// The handlers' clock: 2026-11-29T07:30:00Z, 15:30 in Shanghai.
describe('/essay subscribe', () => {
  it('subscribes a reader in a DM with the bot, in their language, from tomorrow when the time has passed today', async () => {
    const ctx = handlerContext(store, {
      caller: STRANGER,
      place: 'botDm',
      guildId: null,
      locale: 'zh-CN',
    });
    const text = sentence(await run(ctx, 'subscribe', { time: '8:00' }));
    const tomorrow = Date.parse('2026-11-30T00:00:00Z') / 1000;
    expect(text).toBe(
      `每天 08:00(Asia/Shanghai)私信你往年这一天写下的文章,<t:${tomorrow}:f>开始;那天没有写过文章就不发。`,
    );
    expect(store.subscriptions.get(STRANGER.id)).toMatchObject({
      time: '08:00',
      timeZone: 'Asia/Shanghai',
      language: 'zh-CN',
      startsOn: '2026-11-30',
      active: true,
    });
  });

  it('updates the time and zone when subscribing again, and starts today while the new time is ahead', async () => {
    const ctx = handlerContext(store, { caller: STRANGER, place: 'userApp', guildId: null });
    await run(ctx, 'subscribe', { time: '08:00' });
    const text = sentence(
      await run(ctx, 'subscribe', { time: '21:30', timezone: 'europe/london' }),
    );
    expect(text).toContain('Every day at 21:30 (Europe/London) I will DM you');
    expect(store.subscriptions.get(STRANGER.id)).toMatchObject({
      time: '21:30',
      timeZone: 'Europe/London',
      startsOn: '2026-11-29',
    });
  });

  it.each([
    [{ time: '25:61' }, '"25:61" is not a time of day'],
    [{ time: '08:00', timezone: 'Mars/Olympus' }, '"Mars/Olympus" is not a time zone'],
  ])('refuses %j in one sentence and changes nothing', async (options, said) => {
    const ctx = handlerContext(store, { caller: STRANGER });
    await run(ctx, 'subscribe', { time: '07:00' });
    const before = store.subscriptions.get(STRANGER.id);
    const err = await refusal(run(ctx, 'subscribe', options));
    expect(shownError(err)).toContain(said);
    expect(shownError(err, 'zh-CN')).toMatch(/^“.+”不是时(刻|区)/u);
    expect(store.subscriptions.get(STRANGER.id)).toEqual(before);
  });

  it('refuses in the offline console, where nobody could receive a DM', async () => {
    const ctx = handlerContext(store, { place: 'local', guildId: null });
    const err = await refusal(run(ctx, 'subscribe', { time: '08:00' }));
    expect(shownError(err)).toBe('DMs come from Discord: subscribe there with /essay subscribe.');
    expect(store.subscriptions.countActive()).toBe(0);
  });
});

describe('/essay unsubscribe', () => {
  it('ends the subscription with its reason, and says so when there was none', async () => {
    const ctx = handlerContext(store, { caller: STRANGER, place: 'botDm', guildId: null });
    expect(sentence(await run(ctx, 'unsubscribe'))).toBe(
      'You are not subscribed to "on this day" DMs, so nothing changed.',
    );
    await run(ctx, 'subscribe', { time: '08:00' });
    expect(sentence(await run(ctx, 'unsubscribe'))).toBe('Done: no more "on this day" DMs.');
    expect(store.subscriptions.get(STRANGER.id)).toMatchObject({
      active: false,
      endedReason: 'unsubscribed',
      endedAt: '2026-11-29T07:30:00.000Z',
    });
    expect(store.subscriptions.listActive()).toEqual([]);
  });
});

describe('/journal status', () => {
  it('tells authors how many readers get their anniversaries by DM, and nobody else', async () => {
    store.guilds.save({
      guildId: GUILD_ID,
      channelId: CHANNEL_ID,
      time: '08:00',
      timeZone: 'Asia/Shanghai',
      enabled: true,
      language: 'en-US',
      emptyDay: 'skip',
      startsOn: '2026-11-29',
    });
    for (const caller of [STRANGER, OWNER])
      await run(handlerContext(store, { caller }), 'subscribe', { time: '08:00' });
    const fields = async (caller: typeof OWNER) => {
      const reply = await journal(handlerContext(store, { caller }), 'status');
      return reply.kind === 'message' ? textOf(reply.payload) : '';
    };
    expect(await fields(OWNER)).toContain('**Anniversary DMs**\n2 subscribed');
    expect(await fields(MANAGER)).not.toContain('Anniversary DMs');
  });
});
