import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../src/clock.js';
import type { MessagePayload } from '../src/messages/payload.js';
import {
  createAnniversaryScheduler,
  PostError,
  postNonce,
  retryDelayMs,
  type AnniversaryScheduler,
  type ChannelPoster,
} from '../src/schedule/anniversary.js';
import type { GuildSettingsInput } from '../src/store/guilds.js';
import type { Store } from '../src/store/index.js';
import { memoryStore } from './helpers/store.js';
import { textOf } from './helpers/messageText.js';

const GUILD = '100000000000000001';
const CHANNEL = '200000000000000001';
const logger = pino({ level: process.env.DEBUG_TEST ? 'debug' : 'silent' });

/** A channel that records what was sent, and fails as told. */
class FakePoster implements ChannelPoster {
  sent: Array<{ channelId: string; payload: MessagePayload; nonce: string }> = [];
  failures: Array<PostError | Error> = [];
  /** Resolves sends only when released, to observe a send in flight. */
  gate: Promise<void> | null = null;
  private next = 1;

  async send(channelId: string, payload: MessagePayload, nonce: string): Promise<string> {
    if (this.gate) await this.gate;
    const failure = this.failures.shift();
    if (failure) throw failure;
    // Like Discord with enforce_nonce: a repeated nonce returns the earlier message.
    const earlier = this.sent.findIndex((s) => s.nonce === nonce && s.channelId === channelId);
    if (earlier >= 0) return `m${earlier + 1}`;
    this.sent.push({ channelId, payload, nonce });
    return `m${this.next++}`;
  }
}

/** The system clock, which vitest's fake timers move. */
const clock: Clock = { now: () => new Date() };

let store: Store;
let poster: FakePoster;
let schedulers: AnniversaryScheduler[] = [];

function settings(over: Partial<GuildSettingsInput> = {}): GuildSettingsInput {
  return {
    guildId: GUILD,
    channelId: CHANNEL,
    time: '09:00',
    timeZone: 'Asia/Shanghai',
    enabled: true,
    language: 'zh-CN',
    emptyDay: 'skip',
    startsOn: '2026-01-01',
    ...over,
  };
}

function scheduler(): AnniversaryScheduler {
  const s = createAnniversaryScheduler({ store, clock, logger, poster, random: () => 0 });
  schedulers.push(s);
  return s;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-01T00:58:30Z') });
  store = memoryStore(clock);
  store.essays.insert(
    { title: '一年前', body: '那天的事。', date: '2025-11-01', place: '上海', tags: [] },
    'a.md',
  );
  store.essays.insert(
    { title: '两年前的第二天', body: '另一天。', date: '2024-11-02', place: null, tags: [] },
    'b.md',
  );
  store.guilds.save(settings());
  poster = new FakePoster();
});

afterEach(async () => {
  for (const s of schedulers) await s.stop();
  schedulers = [];
  store.close();
  vi.useRealTimers();
});

describe('the anniversary scheduler', () => {
  it('posts once when the cron tick reaches the configured minute, then stays quiet that day', async () => {
    await scheduler().start();
    expect(poster.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000); // 00:59:30 UTC = 08:59:30 in Shanghai
    expect(poster.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(31_000); // past 09:00
    expect(poster.sent).toHaveLength(1);
    expect(poster.sent[0]).toMatchObject({
      channelId: CHANNEL,
      nonce: postNonce(GUILD, '2026-11-01'),
    });
    expect(textOf(poster.sent[0]!.payload)).toContain('## 那年今日 · 11月1日');
    expect(poster.sent[0]!.payload.allowed_mentions).toEqual({ parse: [] });
    expect(store.posts.get(GUILD, '2026-11-01')).toMatchObject({ status: 'sent', messageId: 'm1' });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(poster.sent).toHaveLength(1);
  });

  it('posts the next day at its minute too (a new local date)', async () => {
    await scheduler().start();
    await vi.advanceTimersByTimeAsync(25 * 60 * 60_000);
    expect(poster.sent.map((s) => s.nonce)).toEqual([
      postNonce(GUILD, '2026-11-01'),
      postNonce(GUILD, '2026-11-02'),
    ]);
    expect(textOf(poster.sent[1]!.payload)).toContain('两年前的第二天');
  });

  it('catches up at startup when the minute passed while the bot was down, and a restart does not post again', async () => {
    vi.setSystemTime(new Date('2026-11-01T03:00:00Z')); // 11:00 in Shanghai
    await scheduler().start();
    expect(poster.sent).toHaveLength(1);
    await schedulers[0]!.stop();
    await scheduler().start();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(poster.sent).toHaveLength(1);
  });

  it('does not post for a day that ended while the bot was down', async () => {
    store.posts.claim({
      guildId: GUILD,
      date: '2026-10-30',
      channelId: CHANNEL,
      nonce: 'x',
      leaseMs: 0,
    });
    store.posts.markSent(GUILD, '2026-10-30', 'old');
    vi.setSystemTime(new Date('2026-10-31T16:30:00Z')); // Nov 1, 00:30 in Shanghai: Oct 31 was missed
    await scheduler().start();
    expect(poster.sent).toHaveLength(0);
    expect(store.posts.get(GUILD, '2026-10-31')).toBeNull();
  });

  it('retries a passing failure with backoff and the same nonce, delivering exactly once', async () => {
    vi.setSystemTime(new Date('2026-11-01T01:00:10Z'));
    poster.failures.push(
      new PostError('unavailable', '500 Internal Server Error'),
      new PostError('unavailable', '503'),
    );
    await scheduler().start();
    expect(store.posts.latest(GUILD)).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(store.guilds.get(GUILD)?.lastFailure).toMatchObject({
      reason: 'unavailable',
      detail: '500 Internal Server Error',
    });
    // The retry waits for the first tick after its time: never earlier.
    await vi.advanceTimersByTimeAsync(55_000); // 01:01:05: the 01:01 tick came before the retry time
    expect(store.posts.latest(GUILD)).toMatchObject({ status: 'retrying', attempts: 1 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(store.posts.latest(GUILD)).toMatchObject({ status: 'retrying', attempts: 2 });
    await vi.advanceTimersByTimeAsync(retryDelayMs(2) + 60_000);
    expect(poster.sent).toHaveLength(1);
    expect(store.posts.latest(GUILD)).toMatchObject({ status: 'sent', attempts: 3 });
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(poster.sent).toHaveLength(1);
  });

  it('records a missing permission, shows it as the last failure and does not retry that day', async () => {
    vi.setSystemTime(new Date('2026-11-01T01:00:10Z'));
    poster.failures.push(new PostError('missing_permissions', '403 50013: Missing Permissions'));
    await scheduler().start();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(poster.sent).toHaveLength(0);
    expect(store.posts.latest(GUILD)).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: '403 50013: Missing Permissions',
    });
    expect(store.guilds.get(GUILD)).toMatchObject({
      enabled: true,
      lastFailure: { reason: 'missing_permissions' },
    });
    // The next day is tried afresh (perhaps the permission was granted meanwhile).
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(poster.sent).toHaveLength(1);
  });

  it('switches posts off with the reason when the channel was deleted', async () => {
    vi.setSystemTime(new Date('2026-11-01T01:00:10Z'));
    poster.failures.push(new PostError('unknown_channel', '404 10003: Unknown Channel'));
    await scheduler().start();
    expect(store.guilds.get(GUILD)).toMatchObject({
      enabled: false,
      disabledReason: 'unknown_channel',
      lastFailure: { reason: 'unknown_channel' },
    });
    await vi.advanceTimersByTimeAsync(2 * 24 * 60 * 60_000);
    expect(poster.sent).toHaveLength(0);
  });

  it('treats an unexpected error from the sender as passing and retries it', async () => {
    vi.setSystemTime(new Date('2026-11-01T01:00:10Z'));
    poster.failures.push(new Error('socket hang up'));
    await scheduler().start();
    expect(store.posts.latest(GUILD)).toMatchObject({ status: 'retrying' });
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(poster.sent).toHaveLength(1);
  });

  it('records a day with nothing to post as skipped and sends nothing', async () => {
    vi.setSystemTime(new Date('2026-11-03T01:00:10Z'));
    await scheduler().start();
    expect(poster.sent).toHaveLength(0);
    expect(store.posts.latest(GUILD)).toMatchObject({ date: '2026-11-03', status: 'skipped' });
  });

  it("posts now on request, before the minute, and that counts as today's post", async () => {
    const s = scheduler();
    await s.start();
    const outcome = await s.postNow(GUILD);
    expect(outcome).toEqual({
      kind: 'posted',
      date: '2026-11-01',
      channelId: CHANNEL,
      messageId: 'm1',
    });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(poster.sent).toHaveLength(1);
    expect(await s.postNow(GUILD)).toEqual({
      kind: 'already',
      date: '2026-11-01',
      channelId: CHANNEL,
      messageId: 'm1',
    });
  });

  it('lets a manager retry a failed day at once with post-now', async () => {
    vi.setSystemTime(new Date('2026-11-01T01:00:10Z'));
    poster.failures.push(new PostError('missing_permissions', 'Missing Permissions'));
    const s = scheduler();
    await s.start();
    expect(await s.postNow(GUILD)).toMatchObject({ kind: 'posted', messageId: 'm1' });
  });

  it('answers post-now with "busy" while the scheduled send is in flight, and sends once', async () => {
    vi.setSystemTime(new Date('2026-11-01T01:00:10Z'));
    let release = () => {};
    poster.gate = new Promise((resolve) => (release = resolve));
    const s = scheduler();
    const catchUp = s.start();
    expect(await s.postNow(GUILD)).toEqual({ kind: 'busy', date: '2026-11-01' });
    release();
    await catchUp;
    expect(poster.sent).toHaveLength(1);
  });

  it('reports a server without settings to post-now', async () => {
    expect(await scheduler().postNow('100000000000000999')).toEqual({ kind: 'notConfigured' });
  });

  it('waits for a send in flight when stopped, so the outcome is recorded before the database closes', async () => {
    vi.setSystemTime(new Date('2026-11-01T01:00:10Z'));
    let release = () => {};
    poster.gate = new Promise((resolve) => (release = resolve));
    const s = scheduler();
    void s.start();
    const stopping = s.stop();
    release();
    await stopping;
    expect(store.posts.latest(GUILD)).toMatchObject({ status: 'sent' });
  });
});

describe('a paused server (/journal pause)', () => {
  it('posts nothing at the minute, records the day as paused, and posts again the day the pause ends', async () => {
    store.guilds.pause(GUILD, '2026-11-02'); // holds Nov 1 only
    await scheduler().start();
    await vi.advanceTimersByTimeAsync(5 * 60_000); // past 09:00 in Shanghai
    expect(poster.sent).toHaveLength(0);
    expect(store.posts.get(GUILD, '2026-11-01')).toMatchObject({ status: 'paused' });
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(poster.sent.map((s) => s.nonce)).toEqual([postNonce(GUILD, '2026-11-02')]);
  });

  it('does not catch up a paused day when the pause is lifted and the bot restarts that day', async () => {
    store.guilds.pause(GUILD, '2026-11-03');
    await scheduler().start();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(store.posts.get(GUILD, '2026-11-01')).toMatchObject({ status: 'paused' });
    await schedulers[0]!.stop();
    store.guilds.pause(GUILD, null); // /journal pause days:0, the same day
    vi.setSystemTime(new Date('2026-11-01T06:00:00Z')); // 14:00 in Shanghai
    await scheduler().start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(poster.sent).toHaveLength(0);
  });

  it('after a pause the bot was down for, posts only the day it comes back, once', async () => {
    store.guilds.pause(GUILD, '2026-11-02'); // holds Nov 1
    vi.setSystemTime(new Date('2026-11-02T03:00:00Z')); // Nov 2, 11:00 in Shanghai
    await scheduler().start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(poster.sent.map((s) => s.nonce)).toEqual([postNonce(GUILD, '2026-11-02')]);
    expect(store.posts.get(GUILD, '2026-11-01')).toBeNull();
  });

  it('turns a retry waiting when the pause begins into a paused day, never sent', async () => {
    vi.setSystemTime(new Date('2026-11-01T01:00:10Z'));
    poster.failures.push(new PostError('unavailable', '503'));
    await scheduler().start();
    expect(store.posts.get(GUILD, '2026-11-01')).toMatchObject({ status: 'retrying' });
    store.guilds.pause(GUILD, '2026-11-02');
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(poster.sent).toHaveLength(0);
    expect(store.posts.get(GUILD, '2026-11-01')).toMatchObject({ status: 'paused' });
  });

  it('answers post-now with "paused" and records nothing; after resuming, post-now posts', async () => {
    store.guilds.pause(GUILD, '2026-11-04');
    const s = scheduler();
    expect(await s.postNow(GUILD)).toEqual({
      kind: 'paused',
      date: '2026-11-01',
      until: '2026-11-04',
    });
    expect(store.posts.get(GUILD, '2026-11-01')).toBeNull();
    store.guilds.pause(GUILD, null);
    expect(await s.postNow(GUILD)).toMatchObject({ kind: 'posted' });
  });

  it('is lifted by /journal setup (saving the settings again)', () => {
    store.guilds.pause(GUILD, '2026-11-04');
    expect(store.guilds.get(GUILD)!.pausedUntil).toBe('2026-11-04');
    store.guilds.save(settings());
    expect(store.guilds.get(GUILD)!.pausedUntil).toBeNull();
  });
});
