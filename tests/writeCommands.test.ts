/**
 * Writing from Discord at the handler level: the same dispatch the adapter
 * and the console use, a real SQLite store, a frozen clock, and the real
 * downloader against the fake Discord's CDN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComponentType, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { fixedClock } from '../src/clock.js';
import {
  findSubcommand,
  runAutocomplete,
  runComponent,
  runSubcommand,
} from '../src/commands/index.js';
import type { AttachmentOption, HandlerContext } from '../src/commands/types.js';
import type { Reply } from '../src/messages/payload.js';
import { createDownloader } from '../src/discord/download.js';
import type { Store } from '../src/store/index.js';
import { startFakeDiscord, type FakeAttachment, type FakeDiscord } from './fakeDiscord/index.js';
import { dayOneZip, jrnlExport } from './helpers/journalExports.js';
import { AUTHOR, MANAGER, STRANGER, contextWith, refusal, runner } from './helpers/handlers.js';
import { memoryStore } from './helpers/store.js';
import { buttonsOf, leadOf, textOf, titleOf } from './helpers/messageText.js';

// 20:00 UTC is already the next morning in the author's zone.
const NOW = '2026-11-29T20:00:00Z';
const AUTHOR_TODAY = '2026-11-30';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(() => fake.close());

const context = contextWith({
  clock: fixedClock(NOW),
  // The fake starts in beforeAll: look its CDN up when a download happens.
  services: { download: (a) => createDownloader({ cdnUrl: fake.cdnUrl })(a) },
  random: () => 0,
});
const run = runner('essay');

function modalOf(reply: Reply): APIModalInteractionResponseCallbackData {
  if (reply.kind !== 'modal') throw new Error(`expected a modal, got ${reply.kind}`);
  return reply.modal;
}

/** The prefilled values of a modal's fields: a text input's value, a checkbox's default. */
function prefilled(
  modal: APIModalInteractionResponseCallbackData,
): Record<string, string | boolean | undefined> {
  return Object.fromEntries(
    modal.components
      .flatMap((c) => ('component' in c ? [c.component] : []))
      .map((c) => [
        c.custom_id,
        'value' in c
          ? c.value
          : c.type === ComponentType.Checkbox
            ? (c.default ?? false)
            : undefined,
      ]),
  );
}

/** The prefilled text inputs only, as a submission would carry them. */
function typed(modal: APIModalInteractionResponseCallbackData): Record<string, string> {
  return Object.fromEntries(
    Object.entries(prefilled(modal)).map(([k, v]) => [k, typeof v === 'string' ? v : '']),
  );
}

function payloadOf(reply: Reply) {
  if (reply.kind === 'modal') throw new Error('expected a message');
  return reply.payload;
}

function seeded(): Store {
  const store = memoryStore(fixedClock(NOW));
  store.essays.insert(
    { title: '一年前', body: '那天的事。', date: '2025-11-30', place: '上海', tags: ['旅行'] },
    'a.md',
  );
  return store;
}

const asOption = (a: FakeAttachment): AttachmentOption => ({
  id: a.id,
  filename: a.filename,
  size: a.size,
  url: a.url,
  contentType: a.content_type,
});

describe('who may write', () => {
  const WRITE_SUBCOMMANDS = ['add', 'import', 'edit', 'hide', 'unhide', 'delete'];

  it('marks every write subcommand and the form/button route as authors-only', () => {
    for (const sub of WRITE_SUBCOMMANDS)
      expect(findSubcommand('essay', sub)?.access, sub).toBe('author');
    expect(findSubcommand('journal', 'export')?.access).toBe('author');
  });

  it.each([
    ['a manager who is not an author', MANAGER],
    ['a member', STRANGER],
  ])('refuses %s with a sentence saying why, and changes nothing', async (_who, caller) => {
    const store = seeded();
    const ctx = context(store, { caller });
    for (const sub of WRITE_SUBCOMMANDS) {
      const err = await refusal(run(ctx, sub, { essay: '1' }));
      expect(err.key, sub).toBe('error.authorOnly');
    }
    expect((await refusal(runSubcommand(ctx, findSubcommand('journal', 'export')!, {}))).key).toBe(
      'error.authorOnly',
    );
    // A form or a button outlives the permission that opened it: the route checks again.
    for (const id of [
      `write:add:${AUTHOR_TODAY}`,
      'write:edit:1:2025-11-30',
      'write:delete:1',
      'write:undo:1',
    ]) {
      expect(
        (await refusal(runComponent(ctx, id, { body: '偷偷写的。', date: '2025-01-01' }))).key,
        id,
      ).toBe('error.authorOnly');
    }
    expect(runAutocomplete(ctx, 'essay', 'edit', { name: 'essay', value: '' }, {})).toEqual([]);
    expect(store.essays.count({ includeHidden: true })).toBe(1);
    expect(store.trash.list()).toEqual([]);
  });
});

describe('/essay add', () => {
  it("opens a five-row form of labelled fields dated today in the author's zone, and saves what was typed", async () => {
    const store = seeded();
    const ctx = context(store);
    const modal = modalOf(await run(ctx, 'add'));
    expect(modal.custom_id).toBe(`write:add:${AUTHOR_TODAY}`);
    expect(prefilled(modal)).toEqual({
      title: undefined,
      when: AUTHOR_TODAY,
      body: undefined,
      file: undefined,
      hidden: false,
    });
    expect(modal.components).toHaveLength(5);
    for (const row of modal.components) {
      expect(row.type).toBe(ComponentType.Label);
      expect('description' in row && row.description).toBeTruthy();
    }

    const reply = await runComponent(ctx, modal.custom_id, {
      title: '新的一天',
      when: `${AUTHOR_TODAY} · 北京`,
      body: '---\ntags: [生活, 随笔]\nwarning: 离别\n---\n今天写了一篇。',
      file: [],
      hidden: false,
    });
    const payload = payloadOf(reply);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: true });
    expect(leadOf(payload)).toMatch(/^Added essay #2/u);
    expect(store.essays.get(2)).toMatchObject({
      title: '新的一天',
      date: AUTHOR_TODAY,
      place: '北京',
      tags: ['生活', '随笔'],
      warning: '离别',
      body: '今天写了一篇。',
      source: 'discord',
      hidden: false,
    });
  });

  it.each(['en-US', 'zh-CN'] as const)(
    'fits every label and hint of the add and the long-essay edit form in %s without cutting it',
    async (locale) => {
      const store = seeded();
      store.essays.insert(
        { title: '长', body: '字'.repeat(4001), date: '2025-01-01', place: null, tags: [] },
        'long.md',
      );
      const ctx = context(store, { locale });
      for (const modal of [
        modalOf(await run(ctx, 'add')),
        modalOf(await run(ctx, 'edit', { essay: '2' })),
      ]) {
        for (const row of modal.components) {
          if (row.type !== ComponentType.Label) throw new Error('expected labels only');
          expect([...row.label].length).toBeLessThanOrEqual(45);
          expect([...(row.description ?? '')].length).toBeLessThanOrEqual(100);
          expect(`${row.label}${row.description ?? ''}`).not.toContain('…');
        }
      }
    },
  );

  it('takes the date and place from a footer line pasted with the text when the date was left as opened', async () => {
    const store = seeded();
    const ctx = context(store);
    await runComponent(ctx, `write:add:${AUTHOR_TODAY}`, {
      when: AUTHOR_TODAY,
      body: '出发\n\n今天去了北京。\n\n— 2025.11.1 于横跨太平洋的飞机上',
    });
    expect(store.essays.get(2)).toMatchObject({
      title: '出发',
      date: '2025-11-01',
      place: '横跨太平洋的飞机上',
      body: '今天去了北京。',
    });
  });

  it('lets a changed date and a typed place win over the footer of the text', async () => {
    const store = seeded();
    await runComponent(context(store), `write:add:${AUTHOR_TODAY}`, {
      when: '2024.5.4 于上海',
      body: '一段话。\n\n— 2025.11.1 于北京',
    });
    expect(store.essays.get(2)).toMatchObject({
      date: '2024-05-04',
      place: '上海',
      body: '一段话。',
    });
  });

  it('refuses a bad date and gives every typed word back, with the date · place line, in a code block and as a file to import', async () => {
    const store = seeded();
    const ctx = context(store, { locale: 'zh-CN' });
    const body = '写了很久的一段话,有 ```代码``` 也有 @everyone。\n第二段。';
    const reply = await runComponent(ctx, `write:add:${AUTHOR_TODAY}`, {
      title: '不能丢',
      when: '2025-13-45 · 家',
      body,
    });
    const payload = payloadOf(reply);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: true });
    expect(leadOf(payload)).toContain('没有保存');
    expect(leadOf(payload)).toContain('2025-13-45 不是真实存在的日期');
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    const shown = textOf(payload).replace(/\u200b/gu, '');
    expect(shown).toContain('写了很久的一段话');
    expect(shown).toContain('第二段。');
    expect(titleOf(payload)).toBe('不能丢 · 2025-13-45 · 家');
    const file = payload.files![0]!;
    expect(file.name).toBe('essay-draft.md');
    const text = file.data.toString('utf8');
    expect(text).toContain(body);
    expect(text).toContain('title: 不能丢');
    expect(text).toMatch(/\n— 2025-13-45 · 家\n$/u);
    expect(store.essays.count({ includeHidden: true })).toBe(1);
  });

  it('says in one sentence what is wrong with a line that does not start with a date', async () => {
    const store = seeded();
    const reply = await runComponent(context(store), `write:add:${AUTHOR_TODAY}`, {
      when: '北京',
      body: '一段。',
    });
    expect(leadOf(payloadOf(reply))).toMatch(/^Not saved: "北京" does not start with a date/u);
    expect(store.essays.count({ includeHidden: true })).toBe(1);
  });

  it('hands back a draft file that imports as what was typed once the date is fixed, front matter joined', async () => {
    const store = seeded();
    const reply = await runComponent(context(store), `write:add:${AUTHOR_TODAY}`, {
      title: '草稿',
      when: '2026-02-30 · 杭州',
      body: '---\ntags: [旅行]\nwarning: 离别\n---\n草稿的正文。',
    });
    const draft = payloadOf(reply).files![0]!.data.toString('utf8');
    const fixed = draft.replace('2026-02-30 · 杭州', '2026-02-28 · 杭州');
    const { parseEssayText } = await import('../src/journal/essayFile.js');
    expect(parseEssayText(fixed)).toMatchObject({
      title: '草稿',
      tags: ['旅行'],
      warning: '离别',
      body: '草稿的正文。',
    });
    // Front matter that does not parse comes back exactly as typed.
    const broken = '---\ntags: [旅行\n正文。';
    const again = await runComponent(context(store), `write:add:${AUTHOR_TODAY}`, {
      when: '2026-02-30',
      body: broken,
    });
    expect(payloadOf(again).files![0]!.data.toString('utf8')).toBe(broken);
  });

  it('refuses a form without any date, still handing the text back', async () => {
    const store = seeded();
    const reply = await runComponent(context(store), `write:add:${AUTHOR_TODAY}`, {
      when: '',
      body: '没有日期的一段。',
    });
    expect(leadOf(payloadOf(reply))).toMatch(/No date/u);
    expect(payloadOf(reply).files![0]!.data.toString()).toContain('没有日期的一段。');
  });

  it('refuses a form with neither text nor file in one sentence', async () => {
    const store = seeded();
    const reply = await runComponent(context(store), `write:add:${AUTHOR_TODAY}`, {
      when: AUTHOR_TODAY,
      body: '  ',
      file: [],
    });
    expect(leadOf(payloadOf(reply))).toBe(
      'Not saved: there is no text: write it in the box or attach a .md or .txt file.',
    );
    expect(payloadOf(reply).files ?? []).toEqual([]);
  });

  it('does not add the same text twice', async () => {
    const store = seeded();
    const reply = await runComponent(context(store), `write:add:${AUTHOR_TODAY}`, {
      title: '一年前',
      when: '2025-11-30 · 上海',
      body: '---\ntags: 旅行\n---\n那天的事。',
    });
    expect(leadOf(payloadOf(reply))).toMatch(/already essay #1/u);
    expect(store.essays.count()).toBe(1);
  });
});

describe('the form with a file and the checkbox', () => {
  const long = `${'很长的一段话。'.repeat(800)}\n\n— 2025.3.1 于杭州\n`;

  it('adds an essay from an attached file, hidden when the box is ticked, with a typed title winning', async () => {
    const store = seeded();
    const file = asOption(fake.registerAttachment('长文.md', `# 文件里的标题\n\n${long}`));
    const reply = await runComponent(context(store), `write:add:${AUTHOR_TODAY}`, {
      title: '我起的标题',
      when: AUTHOR_TODAY,
      body: '',
      file: [file],
      hidden: true,
    });
    expect(leadOf(payloadOf(reply))).toMatch(/^Added essay #2/u);
    const essay = store.essays.get(2, { includeHidden: true })!;
    expect(essay).toMatchObject({
      title: '我起的标题',
      date: '2025-03-01',
      place: '杭州',
      hidden: true,
    });
    expect(essay.body.length).toBeGreaterThan(4000);
    expect(store.essays.get(2)).toBeNull();
  });

  it('takes the date from the form for a file without one', async () => {
    const store = seeded();
    const file = asOption(fake.registerAttachment('无日期.txt', '没有落款的一段。'));
    await runComponent(context(store), `write:add:${AUTHOR_TODAY}`, {
      when: '2024-06-01 · 家',
      file: [file],
    });
    expect(store.essays.get(2)).toMatchObject({
      date: '2024-06-01',
      place: '家',
      body: '没有落款的一段。',
    });
  });

  it('refuses text and a file together, saving nothing and handing the text back', async () => {
    const store = seeded();
    const before = fake.cdnRequests.length;
    const file = asOption(fake.registerAttachment('a.md', '一段。\n\n— 2025.1.1'));
    const reply = await runComponent(
      context(store, { locale: 'zh-CN' }),
      `write:add:${AUTHOR_TODAY}`,
      {
        when: AUTHOR_TODAY,
        body: '框里也写了。',
        file: [file],
      },
    );
    const payload = payloadOf(reply);
    expect(leadOf(payload)).toContain('正文框和附件不能同时使用');
    expect(payload.files![0]!.data.toString()).toContain('框里也写了。');
    expect(store.essays.count({ includeHidden: true })).toBe(1);
    expect(fake.cdnRequests.length).toBe(before);
  });

  it.each([
    [
      'a .pdf',
      () => fake.registerAttachment('a.pdf', '%PDF-1.4'),
      /^Not saved: "a\.pdf" is not a \.md or \.txt file\.$/u,
    ],
    [
      'a GBK file',
      () => fake.registerAttachment('gbk.txt', Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a])),
      /^Not saved: "gbk\.txt" is not UTF-8 text\./u,
    ],
    [
      'a file over 1 MB',
      () => fake.registerLargeAttachment('huge.md', 3 * 1024 * 1024),
      /^Not saved: The file is larger than 1 MB/u,
    ],
  ])('refuses %s in one sentence, saving nothing', async (_what, make, sentence) => {
    const store = seeded();
    const reply = await runComponent(context(store), `write:add:${AUTHOR_TODAY}`, {
      when: AUTHOR_TODAY,
      file: [asOption(make())],
    });
    expect(leadOf(payloadOf(reply))).toMatch(sentence);
    expect(leadOf(payloadOf(reply)).split('\n')).toHaveLength(1);
    expect(store.essays.count({ includeHidden: true })).toBe(1);
  });

  it('defers the form submits (a file may be downloading) and not the delete buttons', async () => {
    const { resolveComponent, deferOf } = await import('../src/commands/index.js');
    const defer = (id: string) => {
      const { route, args } = resolveComponent(id);
      return deferOf(route, args);
    };
    expect(defer(`write:add:${AUTHOR_TODAY}`)).toBe('ephemeral');
    expect(defer('write:edit:1:2025-11-30')).toBe('ephemeral');
    expect(defer('write:delete:1')).toBeUndefined();
    expect(defer('write:undo:1')).toBeUndefined();
  });
});

describe('/essay edit', () => {
  it('opens the essay prefilled and saves the change under the same id', async () => {
    const store = seeded();
    const ctx = context(store);
    const modal = modalOf(await run(ctx, 'edit', { essay: '1' }));
    expect(prefilled(modal)).toEqual({
      title: '一年前',
      when: '2025-11-30 · 上海',
      body: '---\ntags:\n  - 旅行\n---\n那天的事。',
      file: undefined,
      hidden: false,
    });
    const reply = await runComponent(ctx, modal.custom_id, {
      ...typed(modal),
      body: '---\ntags:\n  - 旅行\n---\n那天的事,改了一个字。',
    });
    expect(leadOf(payloadOf(reply))).toMatch(/Saved essay #1/u);
    expect(store.essays.get(1)).toMatchObject({
      id: 1,
      body: '那天的事,改了一个字。',
      tags: ['旅行'],
      source: 'a.md',
    });
    expect(store.essays.count()).toBe(1);
  });

  it('round-trips tags (one holding a comma), the content warning and hidden through the prefilled form', async () => {
    const store = memoryStore(fixedClock(NOW));
    const e = store.essays.insert(
      {
        title: '标签',
        body: '正文。',
        date: '2025-01-01',
        place: null,
        tags: ['a,b', '旅行'],
        warning: '离别',
      },
      'a.md',
    );
    store.essays.setHidden(e.id, true);
    const ctx = context(store);
    const modal = modalOf(await run(ctx, 'edit', { essay: String(e.id) }));
    expect(prefilled(modal)).toMatchObject({ when: '2025-01-01', hidden: true });
    expect(prefilled(modal).body).toContain('warning: 离别');
    // Submitted as shown: nothing changed.
    const same = await runComponent(ctx, modal.custom_id, { ...typed(modal), hidden: true });
    expect(leadOf(payloadOf(same))).toBe(`Nothing changed in essay #${e.id}.`);
    await runComponent(ctx, modal.custom_id, {
      ...typed(modal),
      body: typed(modal).body!.replace('正文。', '改过的正文。'),
      hidden: true,
    });
    expect(store.essays.get(e.id, { includeHidden: true })).toMatchObject({
      tags: ['a,b', '旅行'],
      warning: '离别',
      hidden: true,
      body: '改过的正文。',
    });
  });

  it('saves a change of the checkbox alone, both ways', async () => {
    const store = seeded();
    const ctx = context(store);
    const modal = modalOf(await run(ctx, 'edit', { essay: '1' }));
    const hide = await runComponent(ctx, modal.custom_id, { ...typed(modal), hidden: true });
    expect(leadOf(payloadOf(hide))).toBe('Saved essay #1; it keeps its number.');
    expect(store.essays.get(1, { includeHidden: true })!.hidden).toBe(true);
    const reopened = modalOf(await run(ctx, 'edit', { essay: '1' }));
    expect(prefilled(reopened).hidden).toBe(true);
    await runComponent(ctx, reopened.custom_id, { ...typed(reopened), hidden: false });
    expect(store.essays.get(1)!.hidden).toBe(false);
  });

  it('drops the content warning when its line is taken out of the front matter', async () => {
    const store = memoryStore(fixedClock(NOW));
    const e = store.essays.insert(
      { title: null, body: '正文。', date: '2025-01-01', place: null, tags: [], warning: '离别' },
      'a.md',
    );
    const ctx = context(store);
    const modal = modalOf(await run(ctx, 'edit', { essay: String(e.id) }));
    await runComponent(ctx, modal.custom_id, { ...typed(modal), body: '正文。' });
    expect(store.essays.get(e.id)!.warning).toBeNull();
  });

  it('keeps an untitled essay untitled even when its first line could be a title', async () => {
    const store = memoryStore(fixedClock(NOW));
    const e = store.essays.insert(
      { title: null, body: '短短一行\n\n然后是正文。', date: '2025-01-01', place: null, tags: [] },
      'discord',
    );
    const ctx = context(store);
    const modal = modalOf(await run(ctx, 'edit', { essay: String(e.id) }));
    await runComponent(ctx, modal.custom_id, {
      ...typed(modal),
      body: '短短一行\n\n然后是改过的正文。',
    });
    expect(store.essays.get(e.id)).toMatchObject({
      title: null,
      body: '短短一行\n\n然后是改过的正文。',
    });
  });

  it('opens an essay longer than the box with the box empty, keeps its text on save, and takes a file to replace it', async () => {
    const store = memoryStore(fixedClock(NOW));
    const body = '字'.repeat(4001);
    const e = store.essays.insert(
      { title: '长文', body, date: '2025-01-01', place: null, tags: ['长'] },
      'long.md',
    );
    const ctx = context(store);
    const modal = modalOf(await run(ctx, 'edit', { essay: String(e.id) }));
    expect(prefilled(modal).body).toBeUndefined();
    expect(JSON.stringify(modal)).toContain('left empty, the text stays as it is');
    await runComponent(ctx, modal.custom_id, {
      ...typed(modal),
      title: '长文改名',
      when: '2025-01-02 · 家',
      hidden: true,
    });
    expect(store.essays.get(e.id, { includeHidden: true })).toMatchObject({
      title: '长文改名',
      date: '2025-01-02',
      place: '家',
      body,
      tags: ['长'],
      hidden: true,
    });
    const file = asOption(fake.registerAttachment('新.md', `${'新'.repeat(5000)}\n`));
    await runComponent(ctx, modal.custom_id, { ...typed(modal), file: [file], hidden: true });
    expect(store.essays.get(e.id, { includeHidden: true })!.body).toBe('新'.repeat(5000));
  });

  it('hands the text back when the essay was deleted while the form was open', async () => {
    const store = seeded();
    store.trash.put(1, null);
    const reply = await runComponent(context(store), 'write:edit:1:2025-11-30', {
      when: '2025-11-30',
      body: '改好的文字。',
    });
    expect(payloadOf(reply).files![0]!.data.toString()).toContain('改好的文字。');
  });

  it('offers essays by title in autocomplete, hidden ones included for authors', () => {
    const store = seeded();
    store.essays.setHidden(1, true);
    const choices = runAutocomplete(
      context(store),
      'essay',
      'edit',
      { name: 'essay', value: '一年' },
      {},
    );
    expect(choices).toEqual([{ name: expect.stringContaining('一年前') as string, value: '1' }]);
  });
});

describe('write custom ids', () => {
  it('reads back every id it writes, and nothing else', async () => {
    const { encodeWriteId, parseWriteId } = await import('../src/commands/essay/writeRoute.js');
    for (const args of [
      { action: 'add', openedDate: '2026-11-30' },
      { action: 'edit', id: 12, openedDate: '2025-01-01' },
      { action: 'delete', id: 3 },
      { action: 'keep', id: 3 },
      { action: 'undo', id: 3 },
    ] as const)
      expect(parseWriteId(encodeWriteId(args))).toEqual(args);
    for (const id of [
      'write:add:tomorrow',
      'write:edit:x:2025-01-01',
      'write:edit:1',
      'write:delete:0',
      'write:delete:1:2',
      'write:burn:1',
      'essay:add:2025-01-01',
    ])
      expect(parseWriteId(id), id).toBeNull();
  });
});

describe('/essay hide and unhide', () => {
  it('takes an essay out of /essay today (for everyone) and random, while authors still find it', async () => {
    const store = seeded();
    const author = context(store);
    const member = context(store, { caller: STRANGER });
    const todayText = async (ctx: HandlerContext) =>
      textOf(payloadOf(await run(ctx, 'today'))) ?? '';
    expect(await todayText(member)).toContain('那天的事');

    const reply = await run(author, 'hide', { essay: '1' });
    expect(leadOf(payloadOf(reply))).toMatch(/Essay #1 .* is hidden/u);
    expect(await todayText(member)).not.toContain('那天的事');
    expect(await todayText(author)).not.toContain('那天的事');
    expect((await refusal(run(member, 'random'))).key).toBe('essay.empty');
    expect(textOf(payloadOf(await run(author, 'show', { essay: '1' })))).toContain('那天的事');
    expect((await refusal(run(member, 'show', { essay: '1' }))).key).toBe('essay.unknownChoice');

    await run(author, 'unhide', { essay: '1' });
    expect(await todayText(member)).toContain('那天的事');
  });

  it("takes an essay's sentences and the quotes saved from it out of /quote random", async () => {
    const store = seeded();
    const other = store.essays.insert(
      { title: '另一篇', body: '这一篇可以被引用。', date: '2024-02-02', place: null, tags: [] },
      'b.md',
    );
    store.quotes.curated.add({ text: '那天的事,值得记住。', essayId: 1 });
    const draws = async (ctx: HandlerContext) => {
      const seen = new Set<string>();
      for (let i = 0; i < 12; i++)
        seen.add(
          JSON.stringify(
            payloadOf(
              await runSubcommand(
                { ...ctx, random: () => (i % 6) / 6 },
                findSubcommand('quote', 'random')!,
                {},
              ),
            ),
          ),
        );
      return [...seen].join('\n');
    };
    const member = context(store, { caller: STRANGER });
    expect(await draws(member)).toContain('那天的事');
    await run(context(store), 'hide', { essay: '1' });
    const after = await draws(member);
    expect(after).not.toContain('那天的事');
    expect(after).toContain('这一篇可以被引用');
    expect(other.id).toBe(2);
  });
});

describe('/essay delete', () => {
  it('asks first, moves the essay to the trash on confirm, and Undo brings it back under its id', async () => {
    const store = seeded();
    const ctx = context(store);
    const ask = payloadOf(await run(ctx, 'delete', { essay: '1' }));
    const ids = buttonsOf(ask).map((b) => b.custom_id);
    expect(ids).toEqual(['write:delete:1', 'write:keep:1']);
    expect(store.essays.count()).toBe(1);

    expect(leadOf(payloadOf(await runComponent(ctx, 'write:keep:1')))).toMatch(
      /nothing was deleted/u,
    );
    expect(store.essays.count()).toBe(1);

    const done = await runComponent(ctx, 'write:delete:1');
    expect(done.kind).toBe('update');
    expect(leadOf(payloadOf(done))).toMatch(/journal restore 1/u);
    expect(store.essays.get(1, { includeHidden: true })).toBeNull();
    expect(store.trash.get(1)).toMatchObject({ essayId: 1, deletedBy: AUTHOR.id });

    // Pressing Delete again on a stale message finds nothing to delete.
    expect((await refusal(runComponent(ctx, 'write:delete:1'))).key).toBe('essay.notFound');

    const undone = await runComponent(ctx, 'write:undo:1');
    expect(leadOf(payloadOf(undone))).toMatch(/Essay #1 .* is back/u);
    expect(store.essays.get(1)).toMatchObject({ id: 1, title: '一年前', tags: ['旅行'] });
  });
});

describe('/essay import', () => {
  it('defers (privately), adds a good UTF-8 file, then updates it in place when sent again edited', async () => {
    expect(findSubcommand('essay', 'import')!.defer).toBe('ephemeral');
    const store = seeded();
    const ctx = context(store);
    const first = fake.registerAttachment(
      'trip.md',
      '出发\n\n今天去了北京。\n\n— 2025.11.1 于北京\n',
    );
    const added = payloadOf(await run(ctx, 'import', { file: asOption(first) }));
    expect(leadOf(added)).toBe('Added essay #2 from "trip.md".');
    expect(titleOf(added)).toBe('出发');

    const again = payloadOf(await run(ctx, 'import', { file: asOption(first) }));
    expect(leadOf(again)).toMatch(/already essay #2; nothing changed/u);

    const edited = fake.registerAttachment(
      'trip.md',
      '出发\n\n今天去了上海。\n\n— 2025.11.1 于上海\n',
    );
    expect(leadOf(payloadOf(await run(ctx, 'import', { file: asOption(edited) })))).toMatch(
      /Updated essay #2 from "trip.md"/u,
    );
    expect(store.essays.get(2)).toMatchObject({ body: '今天去了上海。', place: '上海' });
    expect(store.essays.count()).toBe(2);
  });

  it("refuses a GBK file in the author's language, adding nothing", async () => {
    const store = seeded();
    const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a, 0x0a, ...Buffer.from('- 2025.11.1')]);
    const err = await refusal(
      run(context(store, { locale: 'zh-CN' }), 'import', {
        file: asOption(fake.registerAttachment('gbk.txt', gbk)),
      }),
    );
    expect(err.key).toBe('write.import.notUtf8');
    expect(store.essays.count()).toBe(1);
  });

  it('refuses a file over 1 MB and one not on the CDN, without a request', async () => {
    const store = seeded();
    const ctx = context(store);
    const before = fake.cdnRequests.length;
    const huge = fake.registerLargeAttachment('huge.md', 2 * 1024 * 1024);
    expect((await refusal(run(ctx, 'import', { file: asOption(huge) }))).key).toBe(
      'write.import.tooLarge',
    );
    const foreign = {
      ...asOption(fake.registerAttachment('x.md', 'x')),
      url: 'http://127.0.0.1:9/attachments/x.md',
    };
    expect((await refusal(run(ctx, 'import', { file: foreign }))).key).toBe(
      'write.import.wrongHost',
    );
    expect(fake.cdnRequests.length).toBe(before);
  });

  it("refuses a file that is not .md or .txt before downloading, and a refused essay with the parser's reason", async () => {
    const store = seeded();
    const ctx = context(store);
    const before = fake.cdnRequests.length;
    expect(
      (
        await refusal(
          run(ctx, 'import', { file: asOption(fake.registerAttachment('photo.jpg', 'x')) }),
        )
      ).key,
    ).toBe('write.import.notEssayFile');
    expect(fake.cdnRequests.length).toBe(before);
    const undated = payloadOf(
      await run(ctx, 'import', {
        file: asOption(fake.registerAttachment('undated.md', '没有日期的一段。')),
      }),
    );
    expect(leadOf(undated)).toMatch(/"undated\.md" was not imported: no date found/u);
  });

  it('tells the author to restore from the trash rather than adding a deleted essay twice', async () => {
    const store = seeded();
    const ctx = context(store);
    const a = fake.registerAttachment('back.md', '回来\n\n又是一篇。\n\n— 2024.5.5\n');
    await run(ctx, 'import', { file: asOption(a) });
    store.trash.put(2, AUTHOR.id);
    expect(leadOf(payloadOf(await run(ctx, 'import', { file: asOption(a) })))).toMatch(
      /in the trash: bring it back with journal restore 2/u,
    );
  });

  it("imports a Day One zip and a jrnl export, saying how many essays came in, in the author's language", async () => {
    const store = seeded();
    const zip = fake.registerAttachment('Export.zip', await dayOneZip(), 'application/zip');
    const reply = payloadOf(await run(context(store), 'import', { file: asOption(zip) }));
    expect(leadOf(reply)).toMatch(/From "Export\.zip": 4 added, .* 1 skipped, 0 refused\./u);
    expect(leadOf(reply)).toMatch(/3 photos were not imported/u);
    expect(store.essays.count()).toBe(5);
    const zh = payloadOf(
      await run(context(store, { locale: 'zh-CN' }), 'import', { file: asOption(zip) }),
    );
    expect(leadOf(zh)).toMatch(/来自"Export\.zip":新增 0 篇,更新 0 篇,未变 4 篇/u);

    const jrnl = fake.registerAttachment('jrnl.json', JSON.stringify(jrnlExport()));
    expect(
      leadOf(payloadOf(await run(context(store), 'import', { file: asOption(jrnl) }))),
    ).toMatch(/From "jrnl\.json": 2 added/u);
    const broken = fake.registerAttachment('broken.json', '{"entries": [');
    expect(
      leadOf(payloadOf(await run(context(store), 'import', { file: asOption(broken) }))),
    ).toMatch(/0 added.*1 refused\.\nFirst refused: broken\.json is not valid JSON/su);
    expect(store.essays.count()).toBe(7);
  });
});

describe('/journal export', () => {
  it('sends the whole journal, hidden essays included, as a private JSON file', async () => {
    const store = seeded();
    store.essays.setHidden(
      store.essays.insert(
        { title: '私密', body: '不给别人看。', date: '2024-01-01', place: null, tags: [] },
        'discord',
      ).id,
      true,
    );
    const reply = await runSubcommand(context(store), findSubcommand('journal', 'export')!, {});
    expect(reply).toMatchObject({ kind: 'message', ephemeral: true });
    const file = payloadOf(reply).files![0]!;
    expect(file.name).toBe(`journal-${AUTHOR_TODAY}.json`);
    const doc = JSON.parse(file.data.toString('utf8')) as {
      essays: Array<{ title: string; hidden: boolean }>;
    };
    expect(doc.essays.map((e) => [e.title, e.hidden])).toEqual([
      ['私密', true],
      ['一年前', false],
    ]);
    expect(leadOf(payloadOf(reply))).toMatch(/2 essays \(1 hidden\)/u);
  });
});
