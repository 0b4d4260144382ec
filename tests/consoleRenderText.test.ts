import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { essayIds, renderEssayPage } from '../src/messages/essay.js';
import {
  container,
  heading,
  mediaGallery,
  message,
  separator,
  small,
  textDisplay,
} from '../src/messages/builders.js';
import { renderEssayList } from '../src/messages/list.js';
import { markdownToText, renderPayload, type RenderOptions } from '../src/console/renderText.js';
import { memoryStore } from './helpers/store.js';

const plain: RenderOptions = { style: 'plain', locale: 'en-US', timeZone: 'UTC' };
const ansi: RenderOptions = { ...plain, style: 'ansi' };
const BOLD_ON = '\x1b[1m';

function storeWith(body: string, title: string | null = '标题 *not emphasis*') {
  const store = memoryStore();
  const essay = store.essays.insert(
    { title, body, date: '2025-11-01', place: '北京', tags: ['旅行'] },
    'a.md',
  );
  return { store, essay };
}

describe('renderPayload', () => {
  it('shows an essay page as written: markdown escapes undone, title, body, footer', () => {
    const { essay } = storeWith('第一行 *星号* 和 _下划线_\n# 不是标题\n1. 不是列表\nC:\\path');
    const { text, actions } = renderPayload(renderEssayPage(essay, 0, 'en-US'), plain);
    expect(text).toBe(
      [
        '标题 *not emphasis*',
        '2025-11-01 · 北京 · #旅行',
        '第一行 *星号* 和 _下划线_\n# 不是标题\n1. 不是列表\nC:\\path',
        '─'.repeat(24),
        '[1] 🔗 Related',
      ].join('\n\n'),
    );
    expect(actions.map((a) => a.customId)).toEqual([`essay:related:${essay.id}`]);
  });

  it('numbers the pager buttons, marks the disabled ones, and each pressable one carries its custom id', () => {
    const { essay } = storeWith('很长的一段话。'.repeat(600));
    const { text, actions } = renderPayload(renderEssayPage(essay, 0, 'en-US'), plain);
    expect(text.split('\n').at(-1)).toBe(
      '[1] ◀ (disabled)  [2] 1/2 (disabled)  [3] ▶  [4] 🔗 Related',
    );
    expect(text).toContain('page 1/2');
    expect(actions.map((a) => [a.number, a.disabled, a.customId])).toEqual([
      [1, true, essayIds.page(essay.id, -1)],
      [2, true, `noop:${essayIds.page(essay.id, 0)}`],
      [3, false, essayIds.page(essay.id, 1)],
      [4, false, `essay:related:${essay.id}`],
    ]);
  });

  it('keeps list markdown as Discord would get it when piped, and makes it bold on a terminal', () => {
    const { essay } = storeWith('正文');
    const payload = renderEssayList({
      title: 'On this day',
      items: [{ essay, lead: '1 year ago' }],
      page: 0,
      pageCount: 1,
      locale: 'en-US',
    });
    const piped = renderPayload(payload, plain);
    expect(piped.text).toContain(
      '**1 year ago** · 标题 *not emphasis* · 北京\n正文\n[1] 📖 1 · 2025-11-01',
    );
    expect(piped.text.split('\n').at(-1)).toBe('[1] 📖 1 · 2025-11-01');
    expect(piped.actions[0]?.customId).toBe(essayIds.open(essay.id));

    const terminal = renderPayload(payload, ansi);
    expect(terminal.text).toContain(`${BOLD_ON}On this day\x1b[22m`);
    expect(terminal.text).toContain(`${BOLD_ON}1 year ago\x1b[22m · 标题 *not emphasis*`);
  });

  it('never lets an essay send control sequences to the terminal', () => {
    const { essay } = storeWith('red \x1b[31malert\x1b[0m bell\x07', 'title\x1b]0;pwned\x07');
    const { text } = renderPayload(renderEssayPage(essay, 0, 'en-US'), ansi);
    expect(text).not.toMatch(/\x1b\[3|\x1b\]|\x07/u);
    expect(text).toContain('red [31malert[0m bell');
  });

  it('shows fields, pictures and other files by the paths they were saved at', () => {
    const payload = message({
      components: [
        textDisplay('Done <#123456789012345678>, at <t:0:D>'),
        container([
          heading('Stats'),
          textDisplay('**Essays**\n3\n\n**Streak**\n2 days\n1 week'),
          mediaGallery([{ url: 'attachment://heat.png' }]),
          separator(),
          small('note'),
        ]),
      ],
      files: [
        { name: 'heat.png', data: Buffer.from('') },
        { name: 'export.json', data: Buffer.from('{}') },
      ],
    });
    const saved = new Map([
      ['heat.png', '/tmp/out/heat.png'],
      ['export.json', '/tmp/out/export.json'],
    ]);
    expect(renderPayload(payload, { ...plain, savedFiles: saved }).text).toBe(
      [
        'Done #123456789012345678, at January 1, 1970',
        'Stats',
        '**Essays**\n3\n\n**Streak**\n2 days\n1 week',
        'Picture: /tmp/out/heat.png',
        '─'.repeat(24),
        'note',
        'File: /tmp/out/export.json',
      ].join('\n\n'),
    );
  });

  it('offers link buttons by their address and says when a menu cannot be shown', () => {
    const payload = message({
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Link,
              url: 'https://example.com/m/1',
              label: 'Open',
            },
          ],
        },
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.StringSelect,
              custom_id: 'pick',
              options: [{ label: 'a', value: 'a' }],
            },
          ],
        },
      ],
    });
    const { text, actions } = renderPayload(payload, plain);
    expect(text).toBe('[1] Open ↗\n\nThis message has a menu, which the console cannot show.');
    expect(actions).toEqual([
      { number: 1, label: 'Open', disabled: false, url: 'https://example.com/m/1' },
    ]);
  });

  it("speaks the reader's language for its own words", () => {
    const { essay } = storeWith('很长的一段话。'.repeat(600));
    expect(
      renderPayload(renderEssayPage(essay, 1, 'zh-CN'), { ...plain, locale: 'zh-CN' }).text,
    ).toContain('[3] ▶ (不可用)');
  });
});

describe('markdownToText', () => {
  it.each([
    ['\\*\\*not bold\\*\\*', '**not bold**'],
    ['a \\_b\\_ \\# c \\\\ d', 'a _b_ # c \\ d'],
    ['`code \\* kept`', '`code \\* kept`'],
    [
      '<@123456789012345678> and <@&123456789012345678>',
      '@123456789012345678 and @&123456789012345678',
    ],
    ['\\<t:0\\> stays', '<t:0> stays'],
  ])('reads %j as %j when piped', (markdown, text) => {
    expect(markdownToText(markdown, plain)).toBe(text);
  });

  it('closes bold left open, so the terminal is not left bold', () => {
    expect(markdownToText('**open', ansi)).toBe(`${BOLD_ON}open\x1b[22m`);
  });
});
