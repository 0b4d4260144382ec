/** Anniversaries by DM, in-process: the due plan, the claim, the send and what a refusal does, on a frozen clock. */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../src/clock.js';
import type { MessagePayload } from '../src/messages/payload.js';
import { PostError, postNonce, type ChannelPoster } from '../src/schedule/anniversary.js';
import { createDmScheduler, type DmScheduler } from '../src/schedule/dm.js';
import type { Store } from '../src/store/index.js';
import type { SubscriptionInput } from '../src/store/subscriptions.js';
import { memoryStore } from './helpers/store.js';
import { unspoileredText } from './helpers/spoilers.js';

const READER = '300000000000000003';
const AUTHOR = '300000000000000001';
const logger = pino({ level: process.env.DEBUG_TEST ? 'debug' : 'silent' });

/** Opens DMs and records what was sent; fails as told. Like Discord with enforce_nonce, a repeated nonce returns the earlier message. */
class FakeDms implements ChannelPoster {
  sent: Array<{ userId: string; payload: MessagePayload; nonce: string }> = [];
  attempts = 0;
  failures: Array<PostError | Error> = [];
  private next = 1;

  async send(userId: string, payload: MessagePayload, nonce: string): Promise<string> {
    this.attempts++;
    const failure = this.failures.shift();
    if (failure) throw failure;
    const earlier = this.sent.findIndex((s) => s.nonce === nonce);
    if (earlier >= 0) return `dm${earlier + 1}`;
    this.sent.push({ userId, payload, nonce });
    return `dm${this.next++}`;
  }
}

/** The system clock, which vitest's fake timers move. */
const clock: Clock = { now: () => new Date() };

let store: Store;
let dms: FakeDms;
let schedulers: DmScheduler[] = [];

function subscription(over: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return {
    userId: READER,
    time: '08:00',
    timeZone: 'Asia/Shanghai',
    language: 'zh-CN',
    startsOn: '2026-01-01',
    ...over,
  };
}

function scheduler(): DmScheduler {
  const s = createDmScheduler({ store, clock, logger, poster: dms, authorIds: [AUTHOR] });
  schedulers.push(s);
  return s;
}

/** Everything a DM shows, whatever its layout (embeds or Components V2). */
function shown(i: number): string {
  return unspoileredText(dms.sent[i]!.payload);
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-01T23:58:30Z') }); // 07:58:30 on Nov 2 in Shanghai
  store = memoryStore(clock);
  store.essays.insert(
    { title: '一年前的今天', body: '那天的事。', date: '2025-11-02', place: '上海', tags: [] },
    'a.md',
  );
  store.essays.insert(
    { title: '不公开的一篇', body: '只给自己看。', date: '2024-11-02', place: null, tags: [] },
    'b.md',
  );
  store.essays.setHidden(2, true);
  store.subscriptions.subscribe(subscription());
  dms = new FakeDms();
});

afterEach(async () => {
  for (const s of schedulers) await s.stop();
  schedulers = [];
  store.close();
  vi.useRealTimers();
});

describe('anniversaries by DM', () => {
  it('sends once when the tick reaches the subscriber’s minute, then stays quiet that day', async () => {
    await scheduler().start();
    expect(dms.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000); // 07:59:30
    expect(dms.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(31_000); // past 08:00
    expect(dms.sent).toHaveLength(1);
    expect(dms.sent[0]).toMatchObject({
      userId: READER,
      nonce: postNonce(READER, '2026-11-02', 'dm'),
    });
    expect(shown(0)).toContain('那年今日 · 11月2日');
    expect(shown(0)).toContain('一年前的今天');
    expect(dms.sent[0]!.payload.allowed_mentions).toEqual({ parse: [] });
    expect(store.dmPosts.get(READER, '2026-11-02')).toMatchObject({
      status: 'sent',
      messageId: 'dm1',
    });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(dms.sent).toHaveLength(1);
  });

  it('catches up at startup after downtime over the time, once, and a restart sends no second DM', async () => {
    vi.setSystemTime(new Date('2026-11-02T03:00:00Z')); // 11:00 in Shanghai: 08:00 passed while down
    await scheduler().start();
    expect(dms.sent).toHaveLength(1);
    await schedulers[0]!.stop();
    await scheduler().start();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(dms.sent).toHaveLength(1);
    expect(dms.attempts).toBe(1);
  });

  it('does not send late for a day that ended while the bot was down', async () => {
    vi.setSystemTime(new Date('2026-11-02T16:30:00Z')); // Nov 3, 00:30 in Shanghai: Nov 2 was missed
    await scheduler().start();
    expect(dms.sent).toHaveLength(0);
  });

  it('writes in the subscriber’s language, with hidden essays for authors only', async () => {
    store.subscriptions.subscribe(subscription({ userId: AUTHOR, language: 'en-US' }));
    vi.setSystemTime(new Date('2026-11-02T03:00:00Z'));
    await scheduler().start();
    const byUser = new Map(dms.sent.map((s, i) => [s.userId, shown(i)]));
    expect(byUser.get(READER)).toContain('那年今日');
    expect(byUser.get(READER)).not.toContain('不公开的一篇');
    expect(byUser.get(AUTHOR)).toContain('On this day');
    expect(byUser.get(AUTHOR)).toContain('不公开的一篇');
    expect(byUser.get(AUTHOR)).toContain('一年前的今天');
  });

  it('sends nothing on a day with nothing written, and records the day', async () => {
    vi.setSystemTime(new Date('2026-11-05T03:00:00Z'));
    await scheduler().start();
    expect(dms.sent).toHaveLength(0);
    expect(store.dmPosts.get(READER, '2026-11-05')).toMatchObject({ status: 'skipped' });
  });

  it('ends the subscription with the reason when the user’s DMs are closed (50007), and does not try again', async () => {
    dms.failures.push(
      new PostError('recipient_closed', '403 50007: Cannot send messages to this user'),
    );
    vi.setSystemTime(new Date('2026-11-02T03:00:00Z'));
    await scheduler().start();
    expect(dms.sent).toHaveLength(0);
    expect(store.subscriptions.get(READER)).toMatchObject({
      active: false,
      endedReason: 'recipient_closed',
      endedDetail: '403 50007: Cannot send messages to this user',
      endedAt: '2026-11-02T03:00:00.000Z',
    });
    expect(store.dmPosts.get(READER, '2026-11-02')).toMatchObject({ status: 'failed' });
    await vi.advanceTimersByTimeAsync(26 * 60 * 60_000); // the next day's 08:00 too
    expect(dms.attempts).toBe(1);
  });

  it('leaves the subscription as it was when recording the refusal fails halfway', async () => {
    // The day's record is written after the subscription is ended, in the same transaction.
    store.db.exec(
      `CREATE TEMP TRIGGER refuse_failed BEFORE UPDATE ON dm_posts WHEN NEW.status = 'failed'
       BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
    dms.failures.push(
      new PostError('recipient_closed', '403 50007: Cannot send messages to this user'),
    );
    vi.setSystemTime(new Date('2026-11-02T03:00:00Z'));
    expect(await scheduler().runDue()).toEqual([]);
    expect(store.subscriptions.get(READER)).toMatchObject({ active: true, endedReason: null });
    expect(store.dmPosts.get(READER, '2026-11-02')).toMatchObject({ status: 'sending' });
  });

  it('retries a passing outage later that day and delivers once', async () => {
    dms.failures.push(new PostError('unavailable', '503 0: Service Unavailable'));
    vi.setSystemTime(new Date('2026-11-02T03:00:00Z'));
    await scheduler().start();
    expect(store.dmPosts.get(READER, '2026-11-02')).toMatchObject({ status: 'retrying' });
    expect(store.subscriptions.get(READER)?.active).toBe(true);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(dms.sent).toHaveLength(1);
    expect(dms.attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(dms.attempts).toBe(2);
  });

  it('sends nothing to someone who unsubscribed, and a same-day subscribe again does not send that day twice', async () => {
    vi.setSystemTime(new Date('2026-11-02T03:00:00Z'));
    await scheduler().start();
    expect(dms.sent).toHaveLength(1);
    expect(store.subscriptions.end(READER, 'unsubscribed')).toBe(true);
    store.subscriptions.subscribe(subscription({ time: '12:00' }));
    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000); // past 12:00 the same day
    expect(dms.sent).toHaveLength(1);
    store.subscriptions.end(READER, 'unsubscribed');
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(dms.sent).toHaveLength(1);
  });
});
