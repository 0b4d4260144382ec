/**
 * Quotes end to end: the real bot process (`src/index.ts`) against the fake
 * Discord — /quote random in both languages, search, the "Save as quote"
 * message menu by an author and by a stranger, /quote list and removal.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type StoredMessage } from '../fakeDiscord/index.js';
import { answered, buttons } from '../helpers/e2e.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { tempDir } from '../helpers/store.js';
import { footerOf, leadOf, textOf, titleOf } from '../helpers/messageText.js';

const t = tempDir('journal-e2e-quotes-');
const essaysDir = join(t.dir, 'essays');
const SEED_PLACE = '横跨太平洋飞往北京的波音777上';
const SAVED =
  '<@400000000000000009> 说得对: **慢慢来**,比较快,这是我今年学到的最重要的一件事。@everyone';

let fake: FakeDiscord;
let bot: BotProcess;
let author: string;
let stranger: string;
let friend: string;

beforeAll(async () => {
  mkdirSync(essaysDir);
  copyFileSync('data/essays/000_ef05097fed792a6c.txt', join(essaysDir, 'seed.txt'));
  fake = await startFakeDiscord();
  author = fake.userId;
  stranger = fake.addUser({ username: 'stranger' }).id;
  friend = fake.addUser({ username: 'friend' }).id;
  bot = await startBotProcess(fake, {
    dir: t.dir,
    env: { JOURNAL_DIR: essaysDir, JOURNAL_TIMEZONE: 'Asia/Shanghai', JOURNAL_AUTHOR_IDS: author },
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  t.cleanup();
});

/** What Discord counts towards the 4,000 characters of a V2 message's text. */
function textLength(message: StoredMessage): number {
  return textOf(message).length;
}

describe('quotes on Discord (fake)', () => {
  it('registers /quote and the Save as quote menu with Chinese names, the menu for Manage Server', () => {
    const commands = fake.commands('guild');
    const quote = commands.find((c) => c.name === 'quote')!;
    expect(quote.name_localizations?.['zh-CN']).toBe('语录');
    expect(quote.options?.map((o) => o.name)).toEqual([
      'random',
      'search',
      'list',
      'add',
      'remove',
    ]);
    const menu = commands.find((c) => c.name === 'Save as quote')!;
    expect(menu).toMatchObject({
      type: 3,
      default_member_permissions: '32',
      name_localizations: { 'zh-CN': '保存为语录' },
    });
    expect(fake.rejections).toEqual([]);
  });

  it('answers /quote random in Chinese and English with a whole sentence, its essay and a button that opens it', async () => {
    const seen = new Set<string>();
    for (const locale of ['zh-CN', 'en-US', 'zh-CN', 'en-US']) {
      const r = answered(
        await fake.command({ name: 'quote', subcommand: 'random', locale, userId: stranger }),
      );
      const message = await r.waitForMessage();
      expect(message.flags & 64).toBe(0);
      const embed = message;
      expect(textOf(embed).length).toBeGreaterThan(0);
      expect(textOf(embed).length).toBeLessThanOrEqual(4000);
      expect(textLength(message)).toBeLessThanOrEqual(4000);
      expect(footerOf(embed)).toMatch(new RegExp(` · 2025-11-01 · ${SEED_PLACE}$`, 'u'));
      expect(r.data).toMatchObject({ allowed_mentions: { parse: [] } });
      seen.add(textOf(embed));

      const open = buttons(message).find((b) => b.custom_id?.startsWith('essay:open:'))!;
      expect(open.label).toBe(locale === 'zh-CN' ? '阅读原文' : 'Read the essay');
      if (locale === 'en-US' && seen.size === 2) {
        const opened = answered(
          await fake.component({ message, customId: open.custom_id, locale, userId: stranger }),
        );
        const reader = await opened.waitForMessage();
        expect(reader.flags & 64).toBe(64);
        expect(textOf(reader)).toContain('很久没有写点什么了');
      }
    }
    // The channel's window: four draws, four different sentences.
    expect(seen.size).toBe(4);
    expect(fake.rejections).toEqual([]);
  });

  it('finds "菜" with /quote search, in bold', async () => {
    const r = answered(
      await fake.command({
        name: 'quote',
        subcommand: 'search',
        options: { query: '菜' },
        locale: 'zh-CN',
        userId: stranger,
      }),
    );
    const embed = await r.waitForMessage();
    expect(titleOf(embed)).toBe('语录:菜');
    expect(textOf(embed)).toContain('我没有自己想象的那么**菜**,也没有自己想象的那么强');
  });

  it('saves a message as a quote for an author, shows it in /quote list, and removes it', async () => {
    const target = fake.postUserMessage({ content: SAVED, userId: friend });
    const saved = answered(
      await fake.messageMenu({ name: 'Save as quote', target, userId: author, locale: 'zh-CN' }),
    );
    const confirmation = await saved.waitForMessage();
    expect(confirmation.flags & 64).toBe(64);
    expect(leadOf(confirmation)).toMatch(/^已保存为语录 #1。/u);
    // Shown as written: the mention and the markdown are text, and nobody is pinged.
    expect(textOf(confirmation)).toContain('\\<@400000000000000009\\> 说得对: \\*\\*慢慢来\\*\\*');
    // Who said it and when: the message's time (from its snowflake id) as a Discord timestamp.
    const sentMs = Number((BigInt(target.id) >> 22n) + 1420070400000n);
    expect(textOf(confirmation)).toContain(`— <@${friend}> · <t:${Math.floor(sentMs / 1000)}:D>`);
    expect(saved.data).toMatchObject({ allowed_mentions: { parse: [] } });
    const link = buttons(confirmation).find((b) => b.url);
    expect(link?.url).toContain(target.id);

    const again = answered(
      await fake.messageMenu({ name: 'Save as quote', target, userId: author, locale: 'en-US' }),
    );
    expect(leadOf(await again.waitForMessage())).toBe('This message is already saved as quote #1.');

    const listed = answered(
      await fake.command({ name: 'quote', subcommand: 'list', locale: 'en-US', userId: stranger }),
    );
    const list = await listed.waitForMessage();
    expect(titleOf(list)).toBe('Saved quotes');
    expect(textOf(list)).toContain('`1 #1` \\<@400000000000000009\\> 说得对');
    expect(footerOf(list)).toBe('Total: 1');

    const ac = answered(
      await fake.autocomplete({
        name: 'quote',
        subcommand: 'remove',
        focused: 'quote',
        value: '慢慢来',
        userId: author,
      }),
    );
    const choices = ac.choices as Array<{ name: string; value: string }>;
    expect(choices).toEqual([{ name: expect.stringMatching(/^#1 · /u), value: '1' }]);
    const removed = answered(
      await fake.command({
        name: 'quote',
        subcommand: 'remove',
        options: { quote: choices[0]!.value },
        locale: 'en-US',
        userId: author,
      }),
    );
    expect(leadOf(await removed.waitForMessage())).toMatch(/^Removed quote #1: /u);

    const after = answered(
      await fake.command({ name: 'quote', subcommand: 'list', locale: 'zh-CN', userId: stranger }),
    );
    expect(textOf(await after.waitForMessage())).toMatch(/^还没有收藏任何语录/mu);
    expect(fake.rejections).toEqual([]);
  });

  it('refuses Save as quote to a stranger, privately and saying why, and saves nothing', async () => {
    const target = fake.postUserMessage({
      content: '这句话写得很好,值得被好好记住,也值得被再读一遍。',
      userId: friend,
    });
    const r = answered(
      await fake.messageMenu({ name: 'Save as quote', target, userId: stranger, locale: 'en-US' }),
    );
    const reply = await r.waitForMessage();
    expect(reply.flags & 64).toBe(64);
    expect(leadOf(reply)).toBe("Only the journal's authors can do that.");
    const listed = answered(
      await fake.command({ name: 'quote', subcommand: 'list', locale: 'en-US', userId: author }),
    );
    expect(textOf(await listed.waitForMessage())).toMatch(/^No quotes have been saved yet/mu);
  });

  it('refuses to save an empty or overlong message with one clear sentence', async () => {
    const empty = fake.postUserMessage({ content: '', userId: friend });
    const r1 = answered(
      await fake.messageMenu({
        name: 'Save as quote',
        target: empty,
        userId: author,
        locale: 'en-US',
      }),
    );
    expect(leadOf(await r1.waitForMessage())).toMatch(/^That message has no text to save/u);
    const long = fake.postUserMessage({
      content: '这是一段很长很长的话。'.repeat(20),
      userId: friend,
    });
    const r2 = answered(
      await fake.messageMenu({
        name: 'Save as quote',
        target: long,
        userId: author,
        locale: 'zh-CN',
      }),
    );
    expect(leadOf(await r2.waitForMessage())).toMatch(/^语录是一句长短适中的话/u);
    expect(fake.rejections).toEqual([]);
  });
});
