/**
 * Security, end to end: the real bot process (`src/index.ts`, LOG_LEVEL=trace)
 * against the fake Discord. Nobody is pinged by any message the bot sends;
 * forged buttons get one polite private line; a reader never meets a hidden
 * essay; exports go to authors only, privately; attachments come only from
 * the CDN; and neither the bot token nor an interaction token appears in
 * any line the process writes, errors included.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { addDays } from '../../src/journal/dates.js';
import { redactSecrets, serializeError } from '../../src/logger.js';
import { openStore } from '../../src/store/index.js';
import {
  MANAGER_PERMISSIONS,
  startFakeDiscord,
  waitFor,
  type FakeDiscord,
  type InteractionResult,
  type OptionValue,
  type StoredMessage,
} from '../fakeDiscord/index.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { tempDir } from '../helpers/store.js';
import {
  ANNIVERSARY_TITLE,
  HIDDEN_QUOTE,
  HIDDEN_TITLE,
  HIDDEN_WORD,
  ROLE_ID,
  ZONE,
  lastYear,
  today,
  writeJournal,
} from '../helpers/journal.js';
import { answered, buttons, shownText } from '../helpers/e2e.js';
import { leadOf } from '../helpers/messageText.js';

const t = tempDir('journal-security-');
const dbPath = join(t.dir, 'journal.db');
let fake: FakeDiscord;
let bot: BotProcess;
let author: string;
let manager: string;
let reader: string;
let hiddenId: string;
let anniversaryId: string;
/** Every interaction token the fake handed out: secrets for 15 minutes, so they must stay out of logs too. */
const interactionTokens: string[] = [];
/** A loopback server that must never be contacted (a refused download URL points here). */
let trap: Server;
let trapUrl: string;
let trapHits = 0;

beforeAll(async () => {
  const essays = writeJournal(t.dir);
  fake = await startFakeDiscord();
  author = fake.addUser({ username: 'author' }).id;
  manager = fake.addUser({ username: 'manager' }).id;
  reader = fake.userId;
  const store = openStore(dbPath, systemClock);
  // Posts configured, not due before tomorrow: only post-now sends.
  store.guilds.save({
    guildId: fake.guildId,
    channelId: fake.channelId,
    time: '00:00',
    timeZone: ZONE,
    enabled: true,
    language: 'zh-CN',
    emptyDay: 'skip',
    startsOn: addDays(today, 1),
  });
  store.close();
  trap = createServer((_req, res) => {
    trapHits++;
    res.end('---\ndate: 2025-11-01\n---\n不该被下载。');
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
  bot = await startBotProcess(fake, {
    dir: t.dir,
    env: {
      JOURNAL_DIR: essays,
      JOURNAL_TIMEZONE: ZONE,
      JOURNAL_AUTHOR_IDS: author,
      LOG_LEVEL: 'trace',
    },
  });
  const ids = openStore(dbPath, systemClock);
  const all = ids.essays.list({ includeHidden: true });
  hiddenId = String(all.find((e) => e.hidden)!.id);
  anniversaryId = String(all.find((e) => e.title === ANNIVERSARY_TITLE)!.id);
  ids.close();
});

afterAll(async () => {
  await bot?.stop('SIGKILL');
  await fake?.close();
  await new Promise((resolve) => trap?.close(resolve));
  t.cleanup();
});

const as = (userId: string, locale = 'en-US') => ({
  userId,
  locale,
  permissions: userId === reader ? undefined : MANAGER_PERMISSIONS,
});

/** Sends an interaction, remembering its token for the log check. */
async function send<T extends Promise<InteractionResult>>(p: T): Promise<InteractionResult> {
  const r = await p;
  interactionTokens.push(r.token);
  return answered(r);
}

const command = (
  userId: string,
  name: string,
  subcommand: string,
  options?: Record<string, OptionValue>,
  locale?: string,
) => send(fake.command({ name, subcommand, options, ...as(userId, locale) }));

async function replyOf(r: InteractionResult): Promise<StoredMessage> {
  return r.waitForMessage(undefined, 15_000);
}

function hasHidden(text: string): boolean {
  return [HIDDEN_TITLE, HIDDEN_WORD, HIDDEN_QUOTE, '私密'].some((m) => text.includes(m));
}

describe('mentions', () => {
  it('an essay with @everyone, @here, <@&role> and <@user> pings nobody anywhere the bot shows it', async () => {
    await replyOf(await command(reader, 'essay', 'today'));
    const shown = await replyOf(await command(reader, 'essay', 'show', { essay: anniversaryId }));
    expect(shownText(shown)).toContain('@everyone');
    await replyOf(await command(reader, 'essay', 'on', { date: lastYear.slice(5) }));
    await replyOf(await command(reader, 'essay', 'search', { query: 'everyone' }));
    for (let i = 0; i < 4; i++) await replyOf(await command(reader, 'quote', 'random'));
    await replyOf(await command(reader, 'quote', 'search', { query: 'everyone' }));
    const open = buttons(shown).find((b) => b.custom_id.startsWith('essay:open:'));
    if (open)
      await replyOf(
        await send(fake.component({ message: shown, customId: open.custom_id, ...as(reader) })),
      );
    // A channel post and a form submit, both carrying the mentions.
    await replyOf(await command(author, 'journal', 'post-now'));
    expect(
      fake
        .messages(fake.channelId, { source: 'channel' })
        .some((m) => shownText(m).includes('@everyone')),
    ).toBe(true);
    const form = await send(fake.command({ name: 'essay', subcommand: 'add', ...as(author) }));
    const body = `@everyone 来看 <@&${ROLE_ID}> 和 <@${reader}>,还有 @here。`;
    await replyOf(
      await send(
        fake.modalSubmit({
          modal: form,
          fields: { title: '提醒', when: today, body },
          ...as(author),
        }),
      ),
    );

    const bodies = fake.requests
      .filter((q) => q.status < 300 && q.body !== undefined)
      .flatMap((q) => messageBodiesOf(q.method, q.route, q.body));
    expect(bodies.length).toBeGreaterThan(10);
    const offenders = bodies.filter((b) => !pingsNobody(b));
    expect(offenders).toEqual([]);
    // And the fake saw no mention come through.
    for (const m of fake.world.messages.values()) {
      if (m.api.author.id !== fake.botUserId) continue;
      expect(m.api.mention_everyone).toBe(false);
      expect(m.api.mention_roles).toEqual([]);
      expect(m.api.mentions).toEqual([]);
    }
  }, 60_000);
});

/** The message bodies inside a request: callback data (reply/update), webhook edits and follow-ups, channel posts and edits. */
function messageBodiesOf(
  method: string,
  route: string,
  body: unknown,
): Array<Record<string, unknown>> {
  const b = body as Record<string, unknown>;
  if (route.endsWith('/callback')) {
    const data = b.data as Record<string, unknown> | undefined;
    return (b.type === 4 || b.type === 7) && data ? [data] : [];
  }
  if (route.startsWith('/webhooks/') && (method === 'PATCH' || method === 'POST')) return [b];
  if (
    /^\/channels\/\d+\/messages(\/\d+)?$/u.test(route) &&
    (method === 'POST' || method === 'PATCH')
  )
    return [b];
  return [];
}

/** Discord's rule: without allowed_mentions, content pings what it names; with it, only what it lists. */
function pingsNobody(body: Record<string, unknown>): boolean {
  const allowed = body.allowed_mentions as
    { parse?: unknown[]; users?: unknown[]; roles?: unknown[]; replied_user?: boolean } | undefined;
  if (!allowed)
    return typeof body.content !== 'string' || !/@everyone|@here|<@&?\d+>/u.test(body.content);
  return (
    (allowed.parse ?? []).length === 0 &&
    (allowed.users ?? []).length === 0 &&
    (allowed.roles ?? []).length === 0 &&
    allowed.replied_user !== true
  );
}

describe('forged buttons, end to end', () => {
  it('another essay, a hidden essay, page −1 and 10⁹, junk and 100-character ids: answered in time, one private line or a clamped page, nothing hidden', async () => {
    const list = await replyOf(await command(reader, 'essay', 'list'));
    const forged = [
      `essay:open:${hiddenId}`,
      `essay:page:${hiddenId}:0`,
      `essay:open:${anniversaryId}`,
      `essay:page:${anniversaryId}:-1`,
      `essay:page:${anniversaryId}:1000000000`,
      `write:delete:${anniversaryId}`,
      `write:edit:${hiddenId}:2026-01-01`,
      'quote:list:-1',
      'essay:search:0:NEAR("x',
      `essay:${'9'.repeat(94)}`,
      'x'.repeat(100),
      '💥:💥:💥',
    ];
    for (const id of forged) {
      // As a modified client would send it: the message's components replaced (again: an update rewrites them).
      list.api.components = [
        { type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: id }] },
      ] as never;
      const r = await send(fake.component({ message: list, customId: id, ...as(reader) }));
      const after = r.type === 7 ? fake.message(list.id)! : await replyOf(r);
      const text = shownText(after);
      expect(hasHidden(text), `${id}: ${text}`).toBe(false);
      if (r.type !== 7) {
        expect(after.flags & 64, id).toBe(64);
        expect(leadOf(after).split('\n'), id).toHaveLength(1);
      }
    }
    expect(fake.messages().filter((m) => m.source === 'channel')).toHaveLength(1); // only the post above
    expect(bot.child.exitCode).toBeNull();
  }, 60_000);
});

describe('hidden essays, end to end', () => {
  it('a reader meets it in no command, autocomplete included', async () => {
    const texts: string[] = [];
    for (const [name, sub, options] of [
      ['essay', 'today', undefined],
      ['essay', 'list', undefined],
      ['essay', 'on', { date: lastYear }],
      ['essay', 'search', { query: HIDDEN_WORD }],
      ['essay', 'search', { query: '热爱' }],
      ['essay', 'show', { essay: hiddenId }],
      ['journal', 'stats', undefined],
      ['quote', 'list', undefined],
      ['quote', 'search', { query: '从不告诉' }],
    ] as const) {
      texts.push(shownText(await replyOf(await command(reader, name, sub, options))));
    }
    for (let i = 0; i < 8; i++) {
      texts.push(shownText(await replyOf(await command(reader, 'essay', 'random'))));
      texts.push(shownText(await replyOf(await command(reader, 'quote', 'random'))));
    }
    for (const typed of ['', '不公开', hiddenId, lastYear]) {
      const ac = await send(
        fake.autocomplete({
          name: 'essay',
          subcommand: 'show',
          focused: 'essay',
          value: typed,
          ...as(reader),
        }),
      );
      texts.push(JSON.stringify(ac.choices));
    }
    // The search echoes the query it was given; nothing else of the essay may show.
    expect(texts.filter((text) => hasHidden(text.replaceAll(HIDDEN_WORD, '')))).toEqual([]);
  }, 60_000);

  it('an author sees it privately, and their public replies leave it out', async () => {
    const shown = await replyOf(await command(author, 'essay', 'show', { essay: hiddenId }));
    expect(shownText(shown)).toContain(HIDDEN_WORD);
    expect(shown.flags & 64).toBe(64);
    for (const [sub, options] of [
      ['list', undefined],
      ['search', { query: HIDDEN_WORD }],
      ['on', { date: lastYear }],
    ] as const) {
      const reply = await replyOf(await command(author, 'essay', sub, options));
      if ((reply.flags & 64) === 0)
        expect(hasHidden(shownText(reply).replaceAll(HIDDEN_WORD, '')), sub).toBe(false);
    }
  }, 30_000);
});

describe('exports', () => {
  it('go to authors only, privately: a reader and a manager are refused in one private line', async () => {
    for (const who of [reader, manager]) {
      const r = await command(who, 'journal', 'export');
      const reply = await replyOf(r);
      expect(reply.flags & 64).toBe(64);
      expect(reply.files).toEqual([]);
      expect(leadOf(reply).split('\n')).toHaveLength(1);
    }
    const mine = await command(author, 'journal', 'export');
    expect(mine.type).toBe(5);
    expect((mine.data as { flags?: number }).flags! & 64).toBe(64);
    const file = await replyOf(mine);
    expect(file.flags & 64).toBe(64);
    expect(file.files).toHaveLength(1);
    expect(file.files[0]!.bytes.toString('utf8')).toContain(HIDDEN_WORD);
  }, 30_000);
});

describe('attachments', () => {
  it('are fetched only from the CDN: hostile URLs are refused in one line and never requested', async () => {
    const base = fake.registerAttachment(
      'trip.md',
      '出发\n\n今天去了北京。\n\n— 2025.11.1 于北京\n',
    );
    const cdn = new URL(fake.cdnUrl);
    const hostile = [
      'http://127.0.0.1:1/attachments/1/2/a.md',
      `${trapUrl}/cdn/attachments/1/2/a.md`,
      `${cdn.protocol}//${cdn.host}.evil.example/cdn/attachments/a.md`,
      `${cdn.protocol}//user:pw@${cdn.host}/cdn/attachments/a.md`,
      `${cdn.protocol}//${cdn.host}@127.0.0.1:${new URL(trapUrl).port}/cdn/attachments/a.md`,
      `${fake.apiUrl}/v10/users/@me`,
      `${fake.cdnUrl}/../api/v10/gateway/bot`,
      'file:///etc/passwd',
    ];
    const cdnBefore = fake.cdnRequests.length;
    for (const url of hostile) {
      const r = await command(author, 'essay', 'import', { file: { ...base, url } });
      const reply = await replyOf(r);
      expect(leadOf(reply).split('\n'), url).toHaveLength(1);
      expect(leadOf(reply), url).toBe(
        "That file is not on Discord's file server, so it was not downloaded.",
      );
    }
    expect(trapHits).toBe(0);
    expect(fake.cdnRequests.length).toBe(cdnBefore);
  }, 60_000);
});

describe('secrets in the log', () => {
  it('with LOG_LEVEL=trace, through failed callbacks, failed posts and a revoked token, no line carries the bot token, a part of it, or an interaction token', async () => {
    // A callback that fails for good (1 + 3 retries, and again for the error reply): logged with the error.
    fake.failNext('POST /interactions/:id/:token/callback', { status: 500, count: 8 });
    await fake
      .command({ name: 'essay', subcommand: 'list', ...as(reader), timeoutMs: 5_000 })
      .catch(() => null);
    await waitFor(
      () => bot.logs().some((l) => l.msg === 'could not deliver an error message'),
      20_000,
      `no error logged:\n${bot.output()}`,
    );
    // An edit that fails for good after a defer.
    fake.failNext('PATCH /webhooks/:app/:token/messages/:message', { status: 500, count: 8 });
    await fake.command({ name: 'journal', subcommand: 'stats', ...as(reader), timeoutMs: 20_000 });
    // Stats runs on the read worker, so its failing edits may still be under way: let all
    // eight fail before the next command, or that command's edits would take some of them.
    await waitFor(
      () => bot.logs().filter((l) => l.msg === 'could not deliver an error message').length >= 2,
      20_000,
      `the failed edit was not logged:\n${bot.output()}`,
    );
    // A channel post that fails for good.
    const store = openStore(dbPath, systemClock);
    store.db.prepare('DELETE FROM anniversary_posts').run();
    store.close();
    fake.advanceClock(6 * 60_000);
    fake.failNext('POST /channels/:id/messages', { status: 500, count: 4 });
    await replyOf(await command(author, 'journal', 'post-now'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // And the token revoked: one fatal line, exit 1.
    fake.invalidateToken();
    expect(
      await Promise.race([
        bot.exited,
        new Promise((resolve) => setTimeout(() => resolve('running'), 15_000)),
      ]),
    ).toBe(1);

    const output = bot.output();
    expect(bot.logs().some((l) => (l.level as number) <= 20)).toBe(true);
    // Every interaction token the bot was given, from the routes it called back on.
    const tokens = fake.requests.flatMap(
      (q) => /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/u.exec(q.route)?.slice(1) ?? [],
    );
    expect(tokens.length).toBeGreaterThan(10);
    const secrets = [fake.token, ...fake.token.split('.'), ...interactionTokens, ...tokens];
    const leaked = secrets.filter((s) => output.includes(s));
    expect(leaked).toEqual([]);
    // Every line is JSON (no stray stack traces or warnings that skip redaction).
    const stray = output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));
    expect(stray).toEqual([]);
  }, 90_000);
});

describe('the log redaction itself', () => {
  it('hides interaction tokens in callback and webhook URLs, and the secrets given, wherever they are', () => {
    // Assembled at run time so the repository holds nothing shaped like a real token.
    const token = [
      'MTIzNDU2Nzg5MDEyMzQ1Njc4',
      'GabcDe',
      'abcdefghijklmnopqrstuvwxyz0123456789AB',
    ].join('.');
    const line = JSON.stringify({
      url: 'http://127.0.0.1:1/api/v10/interactions/1576484206668812288/aW50ZXJhY3Rpb24abc-_DEF/callback?with_response=false',
      other:
        'https://discord.com/api/v10/webhooks/1576484200184418304/aW50ZXJhY3Rpb24zCh/messages/%40original',
      msg: `Bot ${token} failed`,
    });
    const out = redactSecrets(line, [token]);
    expect(out).not.toContain('aW50ZXJhY3Rpb24');
    expect(out).not.toContain(token);
    expect(out).toContain('/interactions/1576484206668812288/[redacted]/callback');
    expect(out).toContain('/webhooks/1576484200184418304/[redacted]/messages');
  });

  it('logs a discord.js error without the request body it carries', () => {
    const err = Object.assign(new Error('Internal Server Error'), {
      status: 500,
      method: 'PATCH',
      url: 'http://x/api/v10/webhooks/1/tok',
      requestBody: { files: [{ data: Buffer.alloc(10) }], json: { content: '私密' } },
    });
    const out = serializeError(err) as Record<string, unknown>;
    expect(out).toMatchObject({ message: 'Internal Server Error', status: 500, method: 'PATCH' });
    expect(out).not.toHaveProperty('requestBody');
  });
});
