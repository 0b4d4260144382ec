/**
 * The real bot process (`src/index.ts`) against the fake Discord: every
 * reading command in both languages, within Discord's limits and deadlines.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/journal/dates.js';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord/index.js';
import { answered, buttons, oneYearBefore, todayIn } from '../helpers/e2e.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { runEntry } from '../helpers/run.js';
import { tempDir } from '../helpers/store.js';
import { footerOf, leadOf, textOf, titleOf } from '../helpers/messageText.js';

const ZONE = 'Asia/Shanghai';
const t = tempDir('journal-e2e-');
const essaysDir = join(t.dir, 'essays');
let fake: FakeDiscord;
let bot: BotProcess;

const today = todayIn(ZONE);
const lastYear = oneYearBefore(today);
const LONG_TITLE = '很长的一篇';

beforeAll(async () => {
  mkdirSync(essaysDir);
  copyFileSync('data/essays/000_ef05097fed792a6c.txt', join(essaysDir, 'seed.txt'));
  writeFileSync(
    join(essaysDir, 'anniversary.md'),
    `一年前的今天\n\n那天写下了 **这些** 话,还有 @everyone 和 <@&123456789012345678>。\n\n— ${lastYear.replaceAll('-', '.')} 于上海\n`,
  );
  const paragraphs = Array.from(
    { length: 170 },
    (_, i) => `第${i + 1}段。${'热爱是一种能力,也是一种不断给自己设立目标的动力。'.repeat(5)}`,
  );
  expect(paragraphs.join('\n\n').length).toBeGreaterThan(20_000);
  writeFileSync(
    join(essaysDir, 'long.md'),
    `${LONG_TITLE}\n\n${paragraphs.join('\n\n')}\n\n— ${addDays(today, -40).replaceAll('-', '.')} 于北京\n`,
  );
  fake = await startFakeDiscord();
  bot = await startBotProcess(fake, {
    dir: t.dir,
    env: { JOURNAL_DIR: essaysDir, JOURNAL_TIMEZONE: ZONE },
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  t.cleanup();
});

describe('the bot on Discord (fake)', () => {
  it('registers its commands in the guild with Chinese localizations', () => {
    const commands = fake.commands('guild');
    const essay = commands.find((c) => c.name === 'essay');
    expect(essay?.name_localizations?.['zh-CN']).toBe('文章');
    expect(essay?.options?.map((o) => o.name)).toEqual(
      expect.arrayContaining(['today', 'on', 'show', 'random', 'list', 'search']),
    );
  });

  it('answers /essay today with last year\'s essay, "1 year ago", in English and Chinese', async () => {
    const en = answered(
      await fake.command({ name: 'essay', subcommand: 'today', locale: 'en-US' }),
    );
    const enMessage = await en.waitForMessage();
    const embed = enMessage;
    expect(titleOf(embed)).toMatch(/^On this day/u);
    expect(textOf(embed)).toContain('**1 year ago**');
    expect(textOf(embed)).toContain('一年前的今天');
    // Markdown in the essay shows as written; mentions stay inert.
    expect(textOf(embed)).toContain('\\*\\*这些\\*\\*');
    expect(en.data).toMatchObject({ allowed_mentions: { parse: [] } });

    const zh = answered(
      await fake.command({ name: 'essay', subcommand: 'today', locale: 'zh-CN' }),
    );
    const zhEmbed = await zh.waitForMessage();
    expect(titleOf(zhEmbed)).toMatch(/^那年今日/u);
    expect(textOf(zhEmbed)).toContain('**1 年前**');
  });

  it('opens the whole essay from the button, privately', async () => {
    const r = answered(await fake.command({ name: 'essay', subcommand: 'today', locale: 'en-US' }));
    const message = await r.waitForMessage();
    const open = buttons(message).find((b) => b.custom_id.startsWith('essay:open:'))!;
    const opened = answered(
      await fake.component({ message, customId: open.custom_id, locale: 'en-US' }),
    );
    const reader = await opened.waitForMessage();
    expect(reader.flags & 64).toBe(64);
    expect(titleOf(reader)).toBe('一年前的今天');
    expect(textOf(reader)).toContain('那天写下了');
  });

  it('answers /essay on date:11-01 with the seed essay and its place', async () => {
    const r = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'on',
        options: { date: '11-01' },
        locale: 'zh-CN',
      }),
    );
    const embed = await r.waitForMessage();
    expect(titleOf(embed)).toContain('11月1日');
    expect(textOf(embed)).toContain('横跨太平洋飞往北京的波音777上');
  });

  it('refuses a date that does not exist with one clear, private line', async () => {
    const r = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'on',
        options: { date: '02-30' },
        locale: 'en-US',
      }),
    );
    const message = await r.waitForMessage();
    expect(message.flags & 64).toBe(64);
    expect(leadOf(message)).toMatch(/not a real calendar date/u);
  });

  it('autocompletes essays and pages a 20,000-character essay to its last page', async () => {
    const ac = answered(
      await fake.autocomplete({
        name: 'essay',
        subcommand: 'show',
        focused: 'essay',
        value: '很长',
        locale: 'zh-CN',
      }),
    );
    const choices = ac.choices as Array<{ name: string; value: string }>;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    const choice = choices.find((c) => c.name.includes(LONG_TITLE))!;

    const r = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'show',
        options: { essay: choice.value },
        locale: 'zh-CN',
      }),
    );
    let message = await r.waitForMessage();
    const pageLabel = () => buttons(message).find((b) => /^\d+\/\d+$/u.test(b.label ?? ''))!.label!;
    const pages = Number(pageLabel().split('/')[1]);
    expect(pages).toBeGreaterThan(4);
    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      expect(pageLabel()).toBe(`${page}/${pages}`);
      const description = textOf(message);
      expect(description.length).toBeLessThanOrEqual(4000);
      seen.push(description);
      const next = buttons(message).find((b) => b.label === '▶')!;
      if (page === pages) {
        expect(next.disabled).toBe(true);
        break;
      }
      answered(await fake.component({ message, customId: next.custom_id, locale: 'zh-CN' }));
      message = fake.message(message.id)!;
    }
    // Nothing is cut off: every paragraph appears, the last one on the last page.
    const all = seen.join('\n');
    expect(all).toContain('第1段');
    expect(all).toContain('第170段');
    expect(seen.at(-1)).toContain('第170段');
  });

  it('shows a random essay and the list of essays', async () => {
    const random = answered(
      await fake.command({ name: 'essay', subcommand: 'random', locale: 'en-US' }),
    );
    expect(textOf(await random.waitForMessage()).length).toBeGreaterThan(0);
    const list = answered(
      await fake.command({ name: 'essay', subcommand: 'list', locale: 'en-US' }),
    );
    const embed = await list.waitForMessage();
    expect(titleOf(embed)).toBe('Essays');
    expect(footerOf(embed)).toBe('3 essays');
  });

  it('searches /essay search query:热爱 and shows the word in bold, Chinese queries of one character too', async () => {
    const r = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'search',
        options: { query: '热爱' },
        locale: 'zh-CN',
      }),
    );
    const embed = await r.waitForMessage();
    expect(titleOf(embed)).toBe('搜索:热爱');
    expect(textOf(embed)).toContain('**热爱**');
    expect(textOf(embed)).toContain('2025-11-01');
    expect(footerOf(embed)).toBe('2 篇文章包含它');
    const one = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'search',
        options: { query: '菜' },
        locale: 'en-US',
      }),
    );
    expect(textOf(await one.waitForMessage())).toContain('**菜**');
    const none = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'search',
        options: { query: 'NEAR("x' },
        locale: 'en-US',
      }),
    );
    expect(textOf(await none.waitForMessage())).toMatch(/No essay contains/u);
  });

  it('made no request Discord would reject', () => {
    expect(fake.rejections).toEqual([]);
  });
});

describe('starting with a bad token', () => {
  it('exits non-zero with one line that says the token was rejected, never printing it', async () => {
    const other = await startFakeDiscord();
    const dir = tempDir('journal-e2e-token-');
    const badToken = `${Buffer.from(other.botUserId).toString('base64url')}.AAAAAA.${'x'.repeat(38)}`;
    const r = await runEntry('src/index.ts', [], {
      env: {
        DISCORD_TOKEN: badToken,
        DISCORD_API_URL: other.apiUrl,
        DISCORD_GUILD_ID: other.guildId,
        JOURNAL_DB: join(dir.dir, 'j.db'),
        JOURNAL_DIR: 'data/essays',
        LOG_LEVEL: 'warn',
      },
    });
    await other.close();
    dir.cleanup();
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Discord rejected DISCORD_TOKEN/u);
    expect(r.stdout + r.stderr).not.toContain(badToken);
    expect(r.stdout + r.stderr).not.toContain(badToken.split('.')[2]);
  });
});
