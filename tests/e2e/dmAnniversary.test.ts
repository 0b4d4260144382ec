/**
 * Anniversaries by DM, end to end: the real bot process against the fake
 * Discord, registered globally so `/essay subscribe` works in a DM through
 * the user install.
 *
 * As in anniversary.test.ts, "now" is the real clock: subscriptions are
 * written into the database before the bot starts with the time at 00:00 in
 * a zone where it is well past midnight, so the minute passed while the bot
 * was down and the startup catch-up must send. The minute tick itself is
 * covered on a frozen clock in dmScheduler.test.ts.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { postNonce } from '../../src/schedule/anniversary.js';
import { openStore } from '../../src/store/index.js';
import type { DmSubscription } from '../../src/store/subscriptions.js';
import { waitFor, type FakeDiscord } from '../fakeDiscord/index.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { anniversaryJournal, answered, stableZone, todayIn } from '../helpers/e2e.js';
import { unspoileredText } from '../helpers/spoilers.js';
import { leadOf } from '../helpers/messageText.js';

const ZONE = stableZone();
const today = todayIn(ZONE);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

interface Scenario {
  fake: FakeDiscord;
  db: string;
  /** A reader, an author (JOURNAL_AUTHOR_IDS) and a reader whose DMs are closed. */
  reader: string;
  author: string;
  closed: string;
  start(): Promise<BotProcess>;
}

/** The anniversary journal (last year's essay and a hidden one); three subscribers at 00:00 today, written before the bot starts. */
async function scenario(): Promise<Scenario> {
  const { fake, dir, essays, cleanup } = await anniversaryJournal('journal-e2e-dm-', today);
  cleanups.push(cleanup);
  const reader = fake.addUser({ username: 'reader' }).id;
  const author = fake.userId;
  const closed = fake.addUser({ username: 'closed' }).id;
  fake.closeDms(closed);
  const db = join(dir, 'journal.db');
  const store = openStore(db, systemClock);
  for (const [userId, language] of [
    [reader, 'zh-CN'],
    [author, 'en-US'],
    [closed, 'zh-CN'],
  ] as const) {
    store.subscriptions.subscribe({
      userId,
      time: '00:00',
      timeZone: ZONE,
      language,
      startsOn: today,
    });
  }
  store.close();
  return {
    fake,
    db,
    reader,
    author,
    closed,
    async start() {
      const bot = await startBotProcess(fake, {
        dir: dir,
        env: {
          DISCORD_GUILD_ID: undefined,
          JOURNAL_DIR: essays,
          JOURNAL_TIMEZONE: ZONE,
          JOURNAL_AUTHOR_IDS: author,
        },
      });
      cleanups.push(() => void bot.stop());
      return bot;
    },
  };
}

/** Resolves once the bot's startup DM catch-up has finished, with what it reported. */
function catchUp(bot: BotProcess): Promise<Record<string, unknown>> {
  return waitFor(
    () => bot.logs().find((l) => l.msg === 'anniversary DM catch-up done'),
    10_000,
    `no DM catch-up:\n${bot.output()}`,
  );
}

/** Every button's custom id in a message's components, in order, however they are nested. */
function customIds(components: unknown): string[] {
  if (Array.isArray(components)) return components.flatMap(customIds);
  if (components === null || typeof components !== 'object') return [];
  const c = components as { custom_id?: unknown; components?: unknown; accessory?: unknown };
  return [
    ...(typeof c.custom_id === 'string' ? [c.custom_id] : []),
    ...customIds(c.accessory),
    ...customIds(c.components),
  ];
}

function subscriptionOf(db: string, userId: string): DmSubscription | null {
  const store = openStore(db, systemClock, { readOnly: true });
  try {
    return store.subscriptions.get(userId);
  } finally {
    store.close();
  }
}

describe('anniversaries by DM (real bot, fake Discord)', () => {
  it('catches up once after downtime, sends no second DM after a restart, keeps hidden essays to authors, and ends a subscription Discord refuses (50007)', async () => {
    const s = await scenario();
    const bot = await s.start();
    expect(await catchUp(bot)).toMatchObject({ sent: 2, failed: 1 });

    const [toReader, ...moreToReader] = s.fake.directMessages(s.reader);
    expect(moreToReader).toEqual([]);
    expect(toReader!.api.nonce).toBe(postNonce(s.reader, today, 'dm'));
    const readerText = unspoileredText(toReader!.api);
    expect(readerText).toMatch(/那年今日 · /u);
    expect(readerText).toContain('一年前的今天');
    expect(readerText).not.toContain('不公开的一篇');

    const toAuthor = s.fake.directMessages(s.author);
    expect(toAuthor).toHaveLength(1);
    const authorText = unspoileredText(toAuthor[0]!.api);
    expect(authorText).toMatch(/On this day · /u);
    expect(authorText).toContain('不公开的一篇');
    // Nobody is pinged from a DM either.
    const sends = s.fake.requests.filter(
      (r) => r.method === 'POST' && r.route.endsWith('/messages') && r.status === 200,
    );
    expect(sends.map((r) => (r.body as { allowed_mentions?: unknown }).allowed_mentions)).toEqual([
      { parse: [] },
      { parse: [] },
    ]);

    // The author opens each essay from their DM, privately: the hidden one too.
    const opens = customIds(toAuthor[0]!.api.components).filter((id) =>
      id.startsWith('essay:open:'),
    );
    expect(opens).toHaveLength(2);
    const opened: string[] = [];
    for (const customId of opens) {
      const read = answered(
        await s.fake.component({ message: toAuthor[0]!, customId, dm: true, userId: s.author }),
      );
      const page = await read.waitForMessage();
      expect(page.flags & 64).toBe(64);
      opened.push(unspoileredText(page.api));
    }
    expect(opened.join('\n')).toContain('只给自己看');

    // Closed DMs: refused once, the subscription ended with Discord's reason, logged.
    expect(s.fake.rejections.map((r) => r.code)).toEqual([50007]);
    expect(s.fake.directMessages(s.closed)).toEqual([]);
    expect(subscriptionOf(s.db, s.closed)).toMatchObject({
      active: false,
      endedReason: 'recipient_closed',
      endedDetail: expect.stringContaining('50007') as unknown,
    });
    expect(
      bot.logs().some((l) => l.msg === 'subscriber takes no DMs from the bot; subscription ended'),
    ).toBe(true);

    expect(await bot.stop()).toBe(0);
    const again = await s.start();
    expect(await catchUp(again)).toMatchObject({ sent: 0, skipped: 0, failed: 0 });
    expect(s.fake.directMessages(s.reader)).toHaveLength(1);
    expect(s.fake.directMessages(s.author)).toHaveLength(1);
    // Not retried: the closed user is asked nothing more.
    expect(s.fake.rejections).toHaveLength(1);
  });

  it('delivers each DM exactly once when Discord answers 500, then 429, before accepting', async () => {
    const s = await scenario();
    s.fake.failNext('POST /users/@me/channels', { status: 500 });
    s.fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.1 });
    const bot = await s.start();
    expect(await catchUp(bot)).toMatchObject({ sent: 2, failed: 1 });
    expect(s.fake.injectedFaults.map((f) => f.status)).toEqual([500, 429]);
    expect(s.fake.directMessages(s.reader)).toHaveLength(1);
    expect(s.fake.directMessages(s.author)).toHaveLength(1);
    expect(s.fake.rejections.map((r) => r.code)).toEqual([50007]);
  });

  it('subscribes and unsubscribes from a DM through the user install, in one private sentence, and refuses a bad time or zone', async () => {
    const s = await scenario();
    await catchUp(await s.start());
    await waitFor(() => s.fake.commands('global').length > 0, 20_000);
    const ask = async (subcommand: string, options: Record<string, string>, locale: string) => {
      const r = answered(
        await s.fake.command({
          name: 'essay',
          subcommand,
          options,
          locale,
          dm: true,
          install: 'user',
          userId: s.reader,
        }),
      );
      const reply = await r.waitForMessage();
      expect(reply.flags & 64).toBe(64);
      return leadOf(reply);
    };

    expect(await ask('subscribe', { time: '25:61' }, 'zh-CN')).toBe(
      '“25:61”不是时刻:请用 24 小时制的 HH:MM,例如 09:00 或 21:30。',
    );
    expect(await ask('subscribe', { time: '08:00', timezone: 'Mars/Olympus' }, 'en-US')).toBe(
      '"Mars/Olympus" is not a time zone: pick one from the list, such as Asia/Shanghai or America/Los_Angeles.',
    );
    expect(subscriptionOf(s.db, s.reader)).toMatchObject({ time: '00:00', language: 'zh-CN' });

    const saved = await ask('subscribe', { time: '23:59', timezone: ZONE }, 'en-US');
    expect(saved).toMatch(
      new RegExp(`^Every day at 23:59 \\(${ZONE}\\) I will DM you .+, starting <t:\\d+:f>;`, 'u'),
    );
    expect(subscriptionOf(s.db, s.reader)).toMatchObject({
      time: '23:59',
      timeZone: ZONE,
      language: 'en-US',
      active: true,
    });
    expect(await ask('unsubscribe', {}, 'zh-CN')).toBe('好的,不再私信你那年今日。');
    expect(subscriptionOf(s.db, s.reader)).toMatchObject({
      active: false,
      endedReason: 'unsubscribed',
    });
    // The catch-up's one refusal (the closed user) is the only one.
    expect(s.fake.rejections.map((r) => r.code)).toEqual([50007]);
  });
});
