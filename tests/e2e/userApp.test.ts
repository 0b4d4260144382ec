/**
 * The user-installable app end to end: the real bot, registered globally
 * (DISCORD_GUILD_ID unset), used in a DM with the bot, in a private channel
 * and in a server that never added it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, waitFor, type FakeDiscord } from '../fakeDiscord/index.js';
import { answered, shownText } from '../helpers/e2e.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { tempDir } from '../helpers/store.js';
import { leadOf } from '../helpers/messageText.js';

const t = tempDir('journal-e2e-userapp-');
const essaysDir = join(t.dir, 'essays');
let fake: FakeDiscord;
let bot: BotProcess;
let author: string;
let reader: string;

beforeAll(async () => {
  mkdirSync(essaysDir);
  writeFileSync(
    join(essaysDir, 'secret.md'),
    '---\ntitle: 不给别人看的\nhidden: true\n---\n只写给自己的一段话。\n\n— 2025.03.01 于上海\n',
  );
  fake = await startFakeDiscord();
  author = fake.userId;
  reader = fake.addUser({ username: 'reader' }).id;
  bot = await startBotProcess(fake, {
    dir: t.dir,
    env: {
      DISCORD_GUILD_ID: undefined,
      JOURNAL_DIR: essaysDir,
      JOURNAL_AUTHOR_IDS: author,
    },
  });
  await waitFor(() => fake.commands('global').length > 0, 20_000);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  t.cleanup();
});

describe('the user-installable app', () => {
  it('registers every command globally for both installs and all three contexts', () => {
    for (const cmd of fake.commands('global')) {
      const json = cmd as unknown as Record<string, unknown>;
      expect(json.integration_types, cmd.name).toEqual([0, 1]);
      expect(json.contexts, cmd.name).toEqual([0, 1, 2]);
    }
    expect(fake.warnings).toEqual([]);
  });

  it('answers /essay random in a DM with the bot, through the user install', async () => {
    for (const userId of [author, reader]) {
      const r = answered(
        await fake.command({
          name: 'essay',
          subcommand: 'random',
          dm: true,
          install: 'user',
          userId,
        }),
      );
      const reply = await r.waitForMessage();
      expect(shownText(reply).length).toBeGreaterThan(0);
    }
    expect(fake.rejections).toEqual([]);
  });

  it('shows a hidden essay to the author in the DM, privately, and never to anyone else', async () => {
    const mine = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'show',
        options: { essay: '不给别人看的' },
        dm: true,
        install: 'user',
        userId: author,
      }),
    );
    const seen = await mine.waitForMessage();
    expect(shownText(seen)).toContain('只写给自己的一段话');
    expect(seen.flags & 64).toBe(64);

    for (const spec of [
      { dm: true as const },
      { context: 'privateChannel' as const },
      { externalAppsAllowed: false },
    ]) {
      const theirs = answered(
        await fake.command({
          name: 'essay',
          subcommand: 'show',
          options: { essay: '不给别人看的' },
          install: 'user',
          userId: reader,
          ...spec,
        }),
      );
      expect(shownText(await theirs.waitForMessage())).not.toContain('只写给自己的一段话');
    }
    expect(fake.rejections).toEqual([]);
  });

  it('refuses writing in a DM and in a server without the bot, in one sentence, even to the author', async () => {
    for (const spec of [{ dm: true as const }, { externalAppsAllowed: false }]) {
      const r = answered(
        await fake.command({
          name: 'essay',
          subcommand: 'add',
          install: 'user',
          userId: author,
          ...spec,
        }),
      );
      const reply = await r.waitForMessage();
      expect(reply.flags & 64).toBe(64);
      expect(leadOf(reply)).toBe(
        'This works only in a server that has journal-bot; here you can read, search and see quotes.',
      );
    }
    const zh = answered(
      await fake.command({
        name: 'journal',
        subcommand: 'status',
        dm: true,
        install: 'user',
        locale: 'zh-CN',
      }),
    );
    expect(leadOf(await zh.waitForMessage())).toContain('服务器');
    expect(fake.rejections).toEqual([]);
  });

  it('still lets the author write in the server that has the bot', async () => {
    const r = answered(await fake.command({ name: 'essay', subcommand: 'add', userId: author }));
    expect(r.type).toBe(9);
  });
});
