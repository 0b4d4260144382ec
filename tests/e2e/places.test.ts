/**
 * The real bot process against the fake Discord: `/essay places` and
 * `/essay list place:` on a journal whose places come in several spellings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord/index.js';
import { answered, buttons, shownText } from '../helpers/e2e.js';
import { footerOf, leadOf, textOf, titleOf } from '../helpers/messageText.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { HIDDEN_PLACE, MANY_PLACES, writePlacesJournal } from '../helpers/placesJournal.js';
import { tempDir } from '../helpers/store.js';

const t = tempDir('journal-e2e-places-');
let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  const essays = writePlacesJournal(t.dir);
  fake = await startFakeDiscord();
  bot = await startBotProcess(fake, {
    dir: t.dir,
    env: { JOURNAL_DIR: essays, JOURNAL_TIMEZONE: 'Asia/Shanghai' },
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  t.cleanup();
});

describe('places on Discord (fake)', () => {
  it('lists places with counts and years, paged, the hidden essay’s place left out', async () => {
    const r = answered(
      await fake.command({ name: 'essay', subcommand: 'places', locale: 'en-US' }),
    );
    const message = await r.waitForMessage();
    expect(titleOf(message)).toBe('Places');
    expect(textOf(message)).toContain('`1` **臺北** · 3 essays · 2019–2021');
    expect(footerOf(message)).toBe(`${2 + MANY_PLACES} places`);
    expect(shownText(message)).not.toContain(HIDDEN_PLACE);
    const next = buttons(message).find((b) => b.label === '▶')!;
    answered(await fake.component({ message, customId: next.custom_id, locale: 'en-US' }));
    expect(textOf(fake.message(message.id))).toContain('`11`');
  });

  it('opens one place’s essays from its button, in Chinese', async () => {
    const r = answered(
      await fake.command({ name: 'essay', subcommand: 'places', locale: 'zh-CN' }),
    );
    const message = await r.waitForMessage();
    const taipei = buttons(message).find((b) => b.label?.includes('臺北'))!;
    answered(await fake.component({ message, customId: taipei.custom_id, locale: 'zh-CN' }));
    const list = fake.message(message.id)!;
    expect(titleOf(list)).toBe('写于臺北');
    expect(footerOf(list)).toBe('共 3 篇');
  });

  it('autocompletes place: with at most 25 choices, matching any spelling', async () => {
    const all = answered(
      await fake.autocomplete({
        name: 'essay',
        subcommand: 'list',
        focused: 'place',
        value: '',
        locale: 'en-US',
      }),
    ).choices as Array<{ name: string; value: string }>;
    expect(all).toHaveLength(25);
    const typed = answered(
      await fake.autocomplete({
        name: 'essay',
        subcommand: 'list',
        focused: 'place',
        value: '台',
        locale: 'en-US',
      }),
    ).choices as Array<{ name: string; value: string }>;
    expect(typed).toEqual([{ name: '臺北 · 3', value: '臺北' }]);
  });

  it('lists /essay list place: typed in another spelling, and by year', async () => {
    const r = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'list',
        options: { place: '台北' },
        locale: 'en-US',
      }),
    );
    const taipei = await r.waitForMessage();
    expect(titleOf(taipei)).toBe('Written at 臺北');
    expect(footerOf(taipei)).toBe('3 essays');
    expect(textOf(taipei).indexOf('2021-05-02')).toBeLessThan(textOf(taipei).indexOf('2019-03-01'));

    const fw = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'list',
        options: { place: 'ｔｏｋｙｏ', year: 2023 },
        locale: 'en-US',
      }),
    );
    const tokyo = await fw.waitForMessage();
    expect(titleOf(tokyo)).toBe('Written at Tokyo in 2023');
    expect(footerOf(tokyo)).toBe('1 essays');
  });

  it('answers an unknown place in one private sentence, the hidden essay’s place included', async () => {
    for (const place of ['月球', HIDDEN_PLACE]) {
      const r = answered(
        await fake.command({
          name: 'essay',
          subcommand: 'list',
          options: { place },
          locale: 'zh-CN',
        }),
      );
      const reply = await r.waitForMessage();
      expect(reply.flags & 64).toBe(64);
      expect(leadOf(reply)).toBe(`没有写于"${place}"的文章。输入几个字,从列表里选一个地方。`);
    }
  });

  it('lists related essays privately from the essay card’s Related button, each opening', async () => {
    const card = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'show',
        options: { essay: 'taipei-2019' },
        locale: 'zh-CN',
      }),
    );
    const message = await card.waitForMessage();
    const relatedButton = buttons(message).find((b) => b.label === '相关')!;
    const r = answered(
      await fake.component({ message, customId: relatedButton.custom_id, locale: 'zh-CN' }),
    );
    const list = await r.waitForMessage();
    expect(list.flags & 64).toBe(64);
    expect(titleOf(list)).toBe('与「taipei-2019」相关');
    // The two other Taipei essays share the word and the place; nothing hidden shows.
    expect(textOf(list)).toContain('taipei-2021');
    expect(textOf(list)).toContain('taipei-2020');
    expect(textOf(list)).toContain('taipei');
    expect(shownText(list)).not.toContain(HIDDEN_PLACE);
    const open = buttons(list).find((b) => b.custom_id.startsWith('essay:open:'))!;
    const opened = answered(
      await fake.component({ message: list, customId: open.custom_id, locale: 'zh-CN' }),
    );
    expect(titleOf(await opened.waitForMessage())).toMatch(/^taipei-202[01]$/u);
  });

  it('made no request Discord would reject', () => {
    expect(fake.rejections).toEqual([]);
  });
});
