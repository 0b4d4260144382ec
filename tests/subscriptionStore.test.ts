/** The DM subscription table and its export section, against a real SQLite database. */
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../src/errors.js';
import { subscriptionsSection } from '../src/export/subscriptionsSection.js';
import { memoryStore } from './helpers/store.js';

const USER = '300000000000000003';
const input = {
  userId: USER,
  time: '08:00',
  timeZone: 'Asia/Shanghai',
  language: 'zh-CN' as const,
  startsOn: '2026-11-30',
};

describe('DM subscriptions', () => {
  it('updates one row per user, and keeps it inactive with the reason when it ends', () => {
    const store = memoryStore();
    store.subscriptions.subscribe(input);
    store.subscriptions.subscribe({ ...input, time: '21:00', language: 'en-US' });
    expect(store.subscriptions.listActive()).toMatchObject([{ time: '21:00', language: 'en-US' }]);
    expect(store.subscriptions.end(USER, 'recipient_closed', '403 50007')).toBe(true);
    expect(store.subscriptions.end(USER, 'unsubscribed')).toBe(false);
    expect(store.subscriptions.get(USER)).toMatchObject({
      active: false,
      endedReason: 'recipient_closed',
      endedDetail: '403 50007',
    });
    expect(store.subscriptions.countActive()).toBe(0);
    // Subscribing again clears why it ended.
    store.subscriptions.subscribe(input);
    expect(store.subscriptions.get(USER)).toMatchObject({ active: true, endedReason: null });
  });

  it('refuses a malformed export section whole, in one sentence, writing nothing', () => {
    const store = memoryStore();
    const data = {
      dms: [input, { ...input, userId: '300000000000000004', timeZone: 'Mars/Olympus' }],
    };
    expect(() =>
      store.transaction(() => subscriptionsSection.restore(store, data, new Map())),
    ).toThrow(UserFacingError);
    expect(() => subscriptionsSection.restore(store, data, new Map())).toThrow(
      /^the export's subscriptions are malformed \(not an IANA time zone\); nothing was imported$/u,
    );
    expect(store.subscriptions.listActive()).toEqual([]);
  });
});
