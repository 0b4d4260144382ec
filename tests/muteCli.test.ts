/**
 * `journal mute|mutes|unmute` as real processes: a round trip in text and
 * `--json`, what a muted period hides from `journal today` and the post
 * preview (and not from search), the one-line refusals that store nothing,
 * and `journal post --dry-run` for a paused server.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.js';
import { openStore } from '../src/store/index.js';
import { expectOneLineRefusal, journalJson, runJournal } from './helpers/run.js';
import { tempDir } from './helpers/store.js';

const t = tempDir('journal-mute-cli-');
const db = join(t.dir, 'journal.db');
const env = { JOURNAL_DB: db, JOURNAL_TIMEZONE: 'Asia/Shanghai', LANG: 'en_US.UTF-8' };
// --db: the database as it is (the shipped essays are imported once, below).
const withDb = (...args: string[]) => [...args, '--db', db];
afterAll(() => t.cleanup());

beforeAll(async () => {
  expect((await runJournal(['import', 'data/essays'], { env })).code).toBe(0);
});

describe('journal mute, mutes and unmute', () => {
  it('mute a range, list it, keep its essays out of today and the post but not out of search, and lift it', async () => {
    const before = await journalJson(withDb('today', '--date', '2026-11-01', '--json'), { env });
    expect(before.essays.map((e: { id: number }) => e.id)).toEqual([1]);

    const muted = await journalJson(
      withDb('mute', '2025.11.1', '2025-11-01', '--note', '离别', '--json'),
      { env },
    );
    expect(muted.muted).toMatchObject({
      id: 1,
      from: '2025-11-01',
      to: '2025-11-01',
      note: '离别',
    });
    const list = await journalJson(withDb('mutes', '--json'), { env });
    expect(list.mutes).toEqual([muted.muted]);
    const text = await runJournal(withDb('mutes'), { env });
    expect(text.stdout).toContain('#1 · 2025-11-01 – 2025-11-01 · 离别');

    const during = await journalJson(withDb('today', '--date', '2026-11-01', '--json'), { env });
    expect(during.essays).toEqual([]);
    expect(during.nearest).toEqual([]);
    const post = await journalJson(withDb('post', '--dry-run', '--date', '2026-11-01', '--json'), {
      env,
    });
    expect(post.posted).toBe(false);
    const search = await journalJson(withDb('search', '热爱', '--json'), { env });
    expect(search.results.map((e: { id: number }) => e.id)).toEqual([1]);

    const lifted = await journalJson(withDb('unmute', '1', '--json'), { env });
    expect(lifted.unmuted).toEqual(muted.muted);
    expect((await journalJson(withDb('mutes', '--json'), { env })).mutes).toEqual([]);
    const after = await journalJson(withDb('today', '--date', '2026-11-01', '--json'), { env });
    expect(after.essays.map((e: { id: number }) => e.id)).toEqual([1]);
  });

  it('refuses a reversed, impossible, undated or over-100-year range and an unknown id in one line, storing nothing', async () => {
    expectOneLineRefusal(
      await runJournal(withDb('mute', '2025-11-02', '2025-11-01'), { env }),
      /ends \(2025-11-01\) before it starts \(2025-11-02\)/u,
    );
    expectOneLineRefusal(
      await runJournal(withDb('mute', '2023-02-29', '2023-03-01'), { env }),
      /2023-02-29 is not a real calendar date/u,
    );
    expectOneLineRefusal(
      await runJournal(withDb('mute', 'soon', '2023-03-01'), { env }),
      /"soon" is not a date/u,
    );
    expectOneLineRefusal(
      await runJournal(withDb('mute', '1900-01-01', '2000-01-01'), { env }),
      /at most 100 years/u,
    );
    expectOneLineRefusal(await runJournal(withDb('unmute', '99'), { env }), /no muted period #99/u);
    expect((await journalJson(withDb('mutes', '--json'), { env })).mutes).toEqual([]);
  });

  it('says a paused server posts nothing on its paused days', async () => {
    const store = openStore(db, fixedClock('2026-11-01T00:00:00Z'));
    store.guilds.save({
      guildId: '100000000000000001',
      channelId: '200000000000000001',
      time: '09:00',
      timeZone: 'Asia/Shanghai',
      enabled: true,
      language: 'en-US',
      emptyDay: 'skip',
      startsOn: '2026-01-01',
    });
    store.guilds.pause('100000000000000001', '2026-11-03');
    store.close();
    const guild = ['--guild', '100000000000000001'];
    const paused = await runJournal(withDb('post', '--dry-run', '--date', '2026-11-01', ...guild), {
      env,
    });
    expect(paused.stdout).toContain('paused until 2026-11-03');
    const json = await journalJson(
      withDb('post', '--dry-run', '--date', '2026-11-01', '--json', ...guild),
      { env },
    );
    expect(json).toMatchObject({ posted: false, pausedUntil: '2026-11-03' });
    const later = await journalJson(
      withDb('post', '--dry-run', '--date', '2027-11-01', '--json', ...guild),
      { env },
    );
    expect(later.posted).toBe(true);
  });
});
