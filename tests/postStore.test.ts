import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../src/clock.js';
import { openStore, type Store } from '../src/store/index.js';
import type { GuildSettingsInput } from '../src/store/guilds.js';
import { memoryStore, tempDir } from './helpers/store.js';

/** A clock tests move by hand. */
function movableClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return { now: () => new Date(at), set: (next) => void (at = new Date(next)) };
}

const GUILD = '100000000000000001';
const settings = (over: Partial<GuildSettingsInput> = {}): GuildSettingsInput => ({
  guildId: GUILD,
  channelId: '200000000000000001',
  time: '09:00',
  timeZone: 'Asia/Shanghai',
  enabled: true,
  language: 'zh-CN',
  emptyDay: 'skip',
  startsOn: '2026-11-01',
  ...over,
});
const claimFor = (date: string, force = false) => ({
  guildId: GUILD,
  date,
  channelId: '200000000000000001',
  nonce: `n-${date}`,
  leaseMs: 120_000,
  force,
});

let stores: Store[] = [];
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const s of stores) s.close();
  for (const c of cleanups) c();
  stores = [];
  cleanups = [];
});

function open(clock: Clock): Store {
  const store = memoryStore(clock);
  stores.push(store);
  store.guilds.save(settings());
  return store;
}

describe('server settings', () => {
  it('saves, reads back and lists enabled servers', () => {
    const store = open(movableClock('2026-11-01T00:00:00Z'));
    expect(store.guilds.get(GUILD)).toMatchObject({
      channelId: '200000000000000001',
      time: '09:00',
      timeZone: 'Asia/Shanghai',
      enabled: true,
      language: 'zh-CN',
      emptyDay: 'skip',
      lastFailure: null,
    });
    expect(store.guilds.listEnabled().map((g) => g.guildId)).toEqual([GUILD]);
    store.guilds.disable(GUILD, 'unknown_channel');
    expect(store.guilds.listEnabled()).toEqual([]);
    expect(store.guilds.get(GUILD)?.disabledReason).toBe('unknown_channel');
  });

  it('keeps the last failure with its reason, and a new setup clears why the bot switched posts off', () => {
    const store = open(movableClock('2026-11-01T01:00:00Z'));
    store.guilds.recordFailure(GUILD, 'missing_permissions', 'Missing Permissions');
    store.guilds.disable(GUILD, 'unknown_channel');
    expect(store.guilds.get(GUILD)?.lastFailure).toEqual({
      at: '2026-11-01T01:00:00.000Z',
      reason: 'missing_permissions',
      detail: 'Missing Permissions',
    });
    const again = store.guilds.save(settings({ channelId: '200000000000000002' }));
    expect(again).toMatchObject({
      enabled: true,
      disabledReason: null,
      channelId: '200000000000000002',
    });
  });

  it('refuses a malformed time at the database level too', () => {
    const store = open(movableClock('2026-11-01T00:00:00Z'));
    expect(() => store.guilds.save(settings({ time: '9am' }))).toThrow(/CHECK/u);
  });
});

describe('claiming a day before sending', () => {
  it("lets only the first claim of a server's local date through", () => {
    const store = open(movableClock('2026-11-01T01:00:00Z'));
    expect(store.posts.claim(claimFor('2026-11-01'))).toMatchObject({
      status: 'sending',
      attempts: 1,
      nonce: 'n-2026-11-01',
    });
    expect(store.posts.claim(claimFor('2026-11-01'))).toBeNull();
    store.posts.markSent(GUILD, '2026-11-01', '300000000000000001');
    expect(store.posts.claim(claimFor('2026-11-01'))).toBeNull();
    expect(store.posts.claim(claimFor('2026-11-01', true))).toBeNull();
    // Another day is its own claim.
    expect(store.posts.claim(claimFor('2026-11-02'))).not.toBeNull();
  });

  it("hands a crashed sender's claim over only after its lease, keeping the nonce", () => {
    const clock = movableClock('2026-11-01T01:00:00Z');
    const store = open(clock);
    store.posts.claim(claimFor('2026-11-01'));
    clock.set('2026-11-01T01:01:59Z');
    expect(store.posts.claim({ ...claimFor('2026-11-01'), nonce: 'other' })).toBeNull();
    clock.set('2026-11-01T01:02:00Z');
    expect(store.posts.claim({ ...claimFor('2026-11-01'), nonce: 'other' })).toMatchObject({
      attempts: 2,
      nonce: 'n-2026-11-01',
    });
  });

  it('retries a passing failure at its retry time, or at once when a manager forces it', () => {
    const clock = movableClock('2026-11-01T01:00:00Z');
    const store = open(clock);
    store.posts.claim(claimFor('2026-11-01'));
    store.posts.markRetry(
      GUILD,
      '2026-11-01',
      new Date('2026-11-01T01:05:00Z'),
      '500 Internal Server Error',
    );
    expect(store.posts.latest(GUILD)).toMatchObject({
      status: 'retrying',
      retryAt: new Date('2026-11-01T01:05:00Z'),
    });
    expect(store.posts.claim(claimFor('2026-11-01'))).toBeNull();
    expect(store.posts.claim(claimFor('2026-11-01', true))).toMatchObject({
      status: 'sending',
      attempts: 2,
    });
    store.posts.markRetry(GUILD, '2026-11-01', new Date('2026-11-01T01:05:00Z'), 'again');
    clock.set('2026-11-01T01:05:00Z');
    expect(store.posts.claim(claimFor('2026-11-01'))).toMatchObject({ attempts: 3 });
  });

  it('leaves a failed or skipped day alone unless forced', () => {
    const store = open(movableClock('2026-11-01T01:00:00Z'));
    store.posts.claim(claimFor('2026-11-01'));
    store.posts.markFailed(GUILD, '2026-11-01', 'Missing Permissions');
    expect(store.posts.claim(claimFor('2026-11-01'))).toBeNull();
    expect(store.posts.claim(claimFor('2026-11-01', true))).toMatchObject({ status: 'sending' });
    store.posts.markSkipped(GUILD, '2026-11-01');
    expect(store.posts.claim(claimFor('2026-11-01'))).toBeNull();
  });

  it('remembers the newest record and the newest delivered post separately', () => {
    const store = open(movableClock('2026-11-02T01:00:00Z'));
    store.posts.claim(claimFor('2026-11-01'));
    store.posts.markSent(GUILD, '2026-11-01', '300000000000000001');
    store.posts.claim(claimFor('2026-11-02'));
    store.posts.markFailed(GUILD, '2026-11-02', 'Missing Access');
    expect(store.posts.latest(GUILD)).toMatchObject({
      date: '2026-11-02',
      status: 'failed',
      retryAt: null,
    });
    expect(store.posts.lastSent(GUILD)).toMatchObject({
      date: '2026-11-01',
      messageId: '300000000000000001',
    });
  });

  it('still refuses a second claim after the database is closed and opened again (a restart)', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'journal.db');
    const clock = movableClock('2026-11-01T01:00:00Z');
    const first = openStore(path, clock);
    first.guilds.save(settings());
    first.posts.claim(claimFor('2026-11-01'));
    first.posts.markSent(GUILD, '2026-11-01', '300000000000000001');
    first.close();
    const second = openStore(path, clock);
    stores.push(second);
    expect(second.posts.claim(claimFor('2026-11-01'))).toBeNull();
    expect(second.posts.get(GUILD, '2026-11-01')).toMatchObject({
      status: 'sent',
      messageId: '300000000000000001',
    });
  });

  it('lets exactly one of two connections to the same file claim the day', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'journal.db');
    const clock = movableClock('2026-11-01T01:00:00Z');
    const a = openStore(path, clock);
    const b = openStore(path, clock);
    stores.push(a, b);
    a.guilds.save(settings());
    const results = [a.posts.claim(claimFor('2026-11-01')), b.posts.claim(claimFor('2026-11-01'))];
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });
});
