/**
 * Discord misbehaving while the real bot (`src/index.ts`) runs against the
 * fake: 5xx and 429 on interaction callbacks, webhook edits and channel
 * posts; a dropped gateway; a token revoked mid-run.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { addDays } from '../../src/journal/dates.js';
import { TOKEN_REJECTED_MESSAGE } from '../../src/discord/client.js';
import { openStore } from '../../src/store/index.js';
import {
  MANAGER_PERMISSIONS,
  startFakeDiscord,
  waitFor,
  type FakeDiscord,
  type InteractionResult,
} from '../fakeDiscord/index.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { tempDir } from '../helpers/store.js';
import { ANNIVERSARY_TITLE, ZONE, today, writeJournal } from '../helpers/journal.js';
import { answered, buttons } from '../helpers/e2e.js';
import { leadOf, textOf } from '../helpers/messageText.js';

const t = tempDir('journal-faults-');
let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  const essays = writeJournal(t.dir);
  // Posts are configured but not due before tomorrow: only post-now sends here.
  const store = openStore(join(t.dir, 'journal.db'), systemClock);
  fake = await startFakeDiscord();
  store.guilds.save({
    guildId: fake.guildId,
    channelId: fake.channelId,
    time: '00:00',
    timeZone: ZONE,
    enabled: true,
    language: 'en-US',
    emptyDay: 'skip',
    startsOn: addDays(today, 1),
  });
  store.close();
  bot = await startBotProcess(fake, {
    dir: t.dir,
    env: { JOURNAL_DIR: essays, JOURNAL_TIMEZONE: ZONE },
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  t.cleanup();
});

/** Exactly one accepted callback, and no second attempt Discord would refuse (40060). */
function acknowledgedOnce(r: InteractionResult): void {
  expect(r.callbacks.filter((c) => c.accepted)).toHaveLength(1);
  expect(r.callbacks.filter((c) => !c.accepted)).toEqual([]);
}

/** As if the bot had crashed after sending today's post but before recording it. */
function forgetTodaysPost(): void {
  const store = openStore(join(t.dir, 'journal.db'), systemClock);
  store.db.prepare('DELETE FROM anniversary_posts').run();
  store.close();
}

function channelPosts() {
  return fake.messages(fake.channelId, { source: 'channel' });
}

describe('Discord answers 500 or 429 to an interaction', () => {
  it('retries a callback that got a 500 and answers exactly once', async () => {
    fake.failNext('POST /interactions/:id/:token/callback', { status: 500 });
    const r = answered(await fake.command({ name: 'essay', subcommand: 'today', locale: 'en-US' }));
    expect(textOf(await r.waitForMessage())).toContain(ANNIVERSARY_TITLE);
    acknowledgedOnce(r);
    expect(fake.injectedFaults.at(-1)).toMatchObject({
      status: 500,
      path: `/interactions/${r.id}/${r.token}/callback`,
    });
  });

  it('waits out a 429 with retry_after on a callback and answers exactly once, still inside 3 s', async () => {
    fake.failNext('POST /interactions/:id/:token/callback', { status: 429, retryAfter: 0.3 });
    const r = answered(
      await fake.command({ name: 'essay', subcommand: 'random', locale: 'zh-CN' }),
    );
    await r.waitForMessage();
    acknowledgedOnce(r);
    expect(r.ms).toBeGreaterThanOrEqual(300);
    expect(fake.injectedFaults.at(-1)).toMatchObject({ status: 429 });
  });

  it('retries a button press whose update got 500 then 429', async () => {
    const list = answered(
      await fake.command({ name: 'essay', subcommand: 'list', locale: 'en-US' }),
    );
    const message = await list.waitForMessage();
    const open = buttons(message).find((b) => b.custom_id.startsWith('essay:open:'))!;
    fake.failNext('POST /interactions/:id/:token/callback', { status: 500 });
    fake.failNext('POST /interactions/:id/:token/callback', { status: 429, retryAfter: 0.1 });
    const r = answered(
      await fake.component({ message, customId: open.custom_id, locale: 'en-US' }),
    );
    expect((await r.waitForMessage()).flags & 64).toBe(64);
    acknowledgedOnce(r);
  });

  it('retries the edit after a defer (500, then 429) and delivers the reply, with its picture, exactly once', async () => {
    fake.failNext('PATCH /webhooks/:app/:token/messages/:message', { status: 500 });
    fake.failNext('PATCH /webhooks/:app/:token/messages/:message', {
      status: 429,
      retryAfter: 0.2,
    });
    const r = answered(
      await fake.command({ name: 'journal', subcommand: 'stats', locale: 'en-US' }),
    );
    expect(r.type).toBe(5);
    const reply = await r.waitForMessage((m) => m.files.length > 0);
    expect(reply.files).toHaveLength(1);
    acknowledgedOnce(r);
    expect(reply.edits).toBe(1);
    expect(r.followUps).toEqual([]);
    const edits = fake.requests.filter(
      (q) =>
        q.method === 'PATCH' && q.route.startsWith(`/webhooks/${fake.applicationId}/${r.token}/`),
    );
    expect(edits.map((q) => q.status)).toEqual([500, 429, 200]);
  });
});

describe('Discord answers 500 or 429 to a channel post', () => {
  it('post-now retries inside discord.js (500, 429) and posts exactly once', async () => {
    fake.failNext('POST /channels/:id/messages', { status: 500 });
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.2 });
    const before = channelPosts().length;
    const r = answered(
      await fake.command({
        name: 'journal',
        subcommand: 'post-now',
        locale: 'en-US',
        permissions: MANAGER_PERMISSIONS,
      }),
    );
    const reply = await r.waitForMessage();
    expect(reply.flags & 64).toBe(64);
    const posts = channelPosts();
    expect(posts).toHaveLength(before + 1);
    expect(textOf(posts.at(-1))).toContain(ANNIVERSARY_TITLE);
    expect(leadOf(reply)).toContain(posts.at(-1)!.id);
  });

  it('a post sent but never recorded (a crash in between) is not sent twice: the nonce returns the same message', async () => {
    const [posted] = channelPosts();
    forgetTodaysPost();
    const r = answered(
      await fake.command({
        name: 'journal',
        subcommand: 'post-now',
        locale: 'en-US',
        permissions: MANAGER_PERMISSIONS,
      }),
    );
    expect(leadOf(await r.waitForMessage())).toContain(posted!.id);
    expect(channelPosts()).toHaveLength(1);
  });

  it('after a post-now that Discord never accepted (four 500s), the next post-now posts once, and the one after says "already"', async () => {
    forgetTodaysPost();
    // Past the nonce's window (Discord dedupes for a few minutes), so a second message would really appear.
    fake.advanceClock(6 * 60_000);
    // discord.js tries 1 + 3 retries: four 500s exhaust it, and the bot records a failure to retry later.
    fake.failNext('POST /channels/:id/messages', { status: 500, count: 4 });
    const failed = answered(
      await fake.command({
        name: 'journal',
        subcommand: 'post-now',
        locale: 'en-US',
        permissions: MANAGER_PERMISSIONS,
      }),
    );
    expect(leadOf(await failed.waitForMessage(undefined, 20_000))).toMatch(
      /unavailable|again|retry/iu,
    );
    expect(channelPosts()).toHaveLength(1);

    const again = answered(
      await fake.command({
        name: 'journal',
        subcommand: 'post-now',
        locale: 'en-US',
        permissions: MANAGER_PERMISSIONS,
      }),
    );
    const posted = await again.waitForMessage();
    expect(channelPosts()).toHaveLength(2);
    expect(leadOf(posted)).toContain(channelPosts()[1]!.id);
    const third = answered(
      await fake.command({
        name: 'journal',
        subcommand: 'post-now',
        locale: 'en-US',
        permissions: MANAGER_PERMISSIONS,
      }),
    );
    expect(leadOf(await third.waitForMessage())).toMatch(/already/u);
    expect(channelPosts()).toHaveLength(2);
  }, 40_000);
});

describe('the gateway connection drops', () => {
  it('resumes and keeps answering, including an interaction sent while it was down', async () => {
    const resumes = fake.gatewayLog.resumes.length;
    fake.dropGatewayConnections();
    // Sent into the gap: the fake replays it on RESUME, as Discord does.
    const during = await fake.command({
      name: 'essay',
      subcommand: 'today',
      locale: 'en-US',
      timeoutMs: 20_000,
    });
    expect(during.accepted).toBe(true);
    await during.waitForMessage();
    await waitFor(
      () => fake.gatewayLog.resumes.length > resumes,
      20_000,
      'no RESUME after the drop',
    );
    expect(fake.gatewayLog.resumes.at(-1)!.replayed).toBeGreaterThanOrEqual(1);
    const after = answered(
      await fake.command({ name: 'essay', subcommand: 'random', locale: 'en-US' }),
    );
    await after.waitForMessage();
    expect(bot.child.exitCode).toBeNull();
  }, 40_000);

  it('reconnects when Discord asks it to (op 7) and keeps answering', async () => {
    const resumes = fake.gatewayLog.resumes.length;
    fake.requestGatewayReconnect();
    await waitFor(() => fake.gatewayLog.resumes.length > resumes, 20_000, 'no RESUME after op 7');
    answered(await fake.command({ name: 'essay', subcommand: 'list', locale: 'en-US' }));
  }, 30_000);

  it('made no request Discord would refuse through all of the above', () => {
    expect(fake.rejections).toEqual([]);
  });
});

describe("another program holds the journal's write lock (a long journal import)", () => {
  it('reads still answer at once; a write answers inside 3 s with the "busy" sentence and saves nothing', async () => {
    const holder = openStore(join(t.dir, 'journal.db'), systemClock);
    const before = holder.essays.count({ includeHidden: true });
    holder.db.exec('BEGIN IMMEDIATE');
    try {
      answered(
        await fake.command({
          name: 'essay',
          subcommand: 'search',
          options: { query: '热爱' },
          locale: 'en-US',
        }),
      );
      const form = answered(
        await fake.command({
          name: 'essay',
          subcommand: 'add',
          locale: 'en-US',
          permissions: MANAGER_PERMISSIONS,
        }),
      );
      const submit = answered(
        await fake.modalSubmit({
          modal: form,
          fields: {
            title: '锁住的时候',
            when: today,
            body: '写不进去的一篇。',
          },
          permissions: MANAGER_PERMISSIONS,
          locale: 'en-US',
        }),
      );
      const reply = await submit.waitForMessage();
      expect(reply.flags & 64).toBe(64);
      expect(leadOf(reply)).toBe(
        'Another program is writing to the journal right now, so nothing was saved. Try again in a moment.',
      );
    } finally {
      holder.db.exec('ROLLBACK');
    }
    expect(holder.essays.count({ includeHidden: true })).toBe(before);
    holder.close();
  }, 30_000);
});

describe('the token is revoked while the bot runs', () => {
  it('logs one clear line and exits non-zero, cleanly, never printing the token', async () => {
    const other = await startFakeDiscord();
    const dir = tempDir('journal-revoked-');
    try {
      const running = await startBotProcess(other, { dir: dir.dir, env: { LOG_LEVEL: 'debug' } });
      other.invalidateToken();
      const code = await Promise.race([
        running.exited,
        new Promise((resolve) => setTimeout(() => resolve('still running'), 15_000)),
      ]);
      if (code === 'still running') await running.stop('SIGKILL');
      expect(code).toBe(1);
      const output = running.output();
      const lines = output.split('\n').filter((line) => line.includes('DISCORD_TOKEN'));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({
        level: 60,
        msg: TOKEN_REJECTED_MESSAGE,
        code: 4004,
      });
      expect(output).not.toContain(other.token);
      for (const part of other.token.split('.')) expect(output).not.toContain(part);
      // Clean: the database was closed (its WAL checkpointed away), so nothing is left to recover.
      const store = openStore(join(dir.dir, 'journal.db'), systemClock);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      store.close();
    } finally {
      await other.close();
      dir.cleanup();
    }
  }, 40_000);
});
