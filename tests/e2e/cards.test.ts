/**
 * Components V2 cards from the real bot against the fake Discord: the flag
 * on every reply (never content or embeds beside it), the card in both
 * languages, a 20,000-character essay paged to its last line without a
 * character lost or repeated, and the stats heatmap in a media gallery.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type StoredMessage } from '../fakeDiscord/index.js';
import { answered, buttons, expectV2, oneYearBefore, todayIn } from '../helpers/e2e.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { tempDir } from '../helpers/store.js';
import { textOf, titleOf, unescaped } from '../helpers/messageText.js';

const ZONE = 'Asia/Shanghai';
const t = tempDir('journal-cards-');
const essaysDir = join(t.dir, 'essays');
let fake: FakeDiscord;
let bot: BotProcess;

const today = todayIn(ZONE);
const lastYear = oneYearBefore(today);
const LAST_LINE = '最后一行:终于写到了这里,一个字也没有丢。';
const LONG_BODY = [
  ...Array.from(
    { length: 240 },
    (_, i) => `第${i + 1}段,${'这一段写得很长,只为了看看长文能不能一页一页读到最后。'.repeat(3)}`,
  ),
  LAST_LINE,
].join('\n\n');
const CONTAINER = 17;

beforeAll(async () => {
  mkdirSync(essaysDir);
  writeFileSync(
    join(essaysDir, 'anniversary.md'),
    `---\ntitle: 一年前的今天\ndate: ${lastYear}\nplace: 上海\n---\n那天写下了一些话。\n`,
  );
  writeFileSync(
    join(essaysDir, 'long.md'),
    `---\ntitle: 很长的一篇\ndate: ${lastYear}\nplace: 北京\n---\n${LONG_BODY}\n`,
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

/** A V2 card: the flag, nothing legacy beside it, and one accented container holding it. */
function expectCard(message: StoredMessage): void {
  expectV2(message);
  expect(message.components.map((c) => c.type)).toContain(CONTAINER);
}

/** The page of the body a card shows: its text less the heading and the subtle meta line. */
function bodyOf(message: StoredMessage): string {
  return unescaped(
    textOf(message)
      .split('\n')
      .filter((l) => !l.startsWith('## ') && !l.startsWith('-# '))
      .join('\n'),
  );
}

async function essayIdFor(title: string, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<string> {
  const ac = answered(
    await fake.autocomplete({
      name: 'essay',
      subcommand: 'show',
      focused: 'essay',
      value: title,
      locale,
    }),
  );
  return (ac.choices as Array<{ name: string; value: string }>).find((c) => c.name.includes(title))!
    .value;
}

describe('Components V2 cards (fake Discord)', () => {
  it.each([
    ['zh-CN', '那年今日 · ', '1 年前'],
    ['en-US', 'On this day · ', '1 year ago'],
  ] as const)('answers /essay today in %s with a card of sections', async (locale, title, ago) => {
    const r = answered(await fake.command({ name: 'essay', subcommand: 'today', locale }));
    const message = await r.waitForMessage();
    expectCard(message);
    expect(titleOf(message)).toMatch(new RegExp(`^${title}`, 'u'));
    expect(textOf(message)).toContain(`**${ago}** · 一年前的今天 · 上海`);
    expect(buttons(message).map((b) => b.custom_id)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^essay:open:\d+$/u)]),
    );
    expect(fake.rejections).toEqual([]);
  });

  it.each([
    ['zh-CN', '1 年前'],
    ['en-US', '1 year ago'],
  ] as const)(
    'answers /essay show in %s with the essay card: heading, meta line, body',
    async (locale, ago) => {
      const id = await essayIdFor('一年前的今天', locale);
      const r = answered(
        await fake.command({ name: 'essay', subcommand: 'show', options: { essay: id }, locale }),
      );
      const message = await r.waitForMessage();
      expectCard(message);
      expect(titleOf(message)).toBe('一年前的今天');
      expect(textOf(message)).toContain(`-# ${lastYear} · 上海 · ${ago}`);
      expect(bodyOf(message)).toContain('那天写下了一些话。');
      expect(fake.rejections).toEqual([]);
    },
  );

  it('pages a 20,000-character essay with ▶ to its last line, every character once and in order', async () => {
    expect(LONG_BODY.length).toBeGreaterThan(20_000);
    const id = await essayIdFor('很长的一篇');
    const r = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'show',
        options: { essay: id },
        locale: 'en-US',
      }),
    );
    let message = await r.waitForMessage();
    const pages: string[] = [];
    for (;;) {
      expectCard(message);
      expect(textOf(message).length).toBeLessThanOrEqual(4000);
      pages.push(bodyOf(message));
      const next = buttons(message).find((b) => b.label === '▶')!;
      if (next.disabled) break;
      expect(pages.length).toBeLessThan(20);
      answered(await fake.component({ message, customId: next.custom_id, locale: 'en-US' }));
      message = fake.message(message.id)!;
    }
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.at(-1)).toContain(LAST_LINE);
    expect(textOf(message)).toContain(`page ${pages.length}/${pages.length}`);
    // Pages break at paragraph ends, where the blank lines fall: compare all but whitespace.
    const squeeze = (s: string) => s.replace(/\s+/gu, '');
    expect(squeeze(pages.join(''))).toBe(squeeze(LONG_BODY));
    expect(fake.rejections).toEqual([]);
  });

  it('sends /journal stats with the heatmap PNG shown in a media gallery by attachment://', async () => {
    const r = answered(
      await fake.command({ name: 'journal', subcommand: 'stats', locale: 'zh-CN' }),
    );
    const message = await r.waitForMessage((m) => m.files.length > 0);
    expectCard(message);
    expect(message.files).toHaveLength(1);
    const file = message.files[0]!;
    expect(file.bytes.subarray(1, 4).toString()).toBe('PNG');
    const gallery = JSON.stringify(message.components);
    expect(gallery).toContain('"type":12');
    expect(gallery).toContain(`"url":"attachment://${file.filename}"`);
    expect(titleOf(message)).toMatch(/年的日记$/u);
    expect(fake.warnings.filter((w) => /attachment|file/iu.test(w))).toEqual([]);
    expect(fake.rejections).toEqual([]);
  });
});
