/**
 * The essay form end to end: the real bot process against the fake Discord,
 * which validates the modal (Label, TextInput, FileUpload, Checkbox) and
 * submits it as Discord does (attachments resolved, checkbox true/false).
 * What was stored is read from the bot's own database file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import type { Essay } from '../../src/journal/essay.js';
import { openStore } from '../../src/store/index.js';
import { startFakeDiscord, type FakeDiscord, type StoredMessage } from '../fakeDiscord/index.js';
import { answered, shownText, stableZone, todayIn } from '../helpers/e2e.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { tempDir } from '../helpers/store.js';

const ZONE = stableZone();
const t = tempDir('journal-e2e-forms-');
const essaysDir = join(t.dir, 'essays');
const dbPath = join(t.dir, 'journal.db');
const today = todayIn(ZONE);

let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  mkdirSync(essaysDir);
  writeFileSync(
    join(essaysDir, 'warned.md'),
    '---\ntitle: 机场\ndate: 2024-05-01\nplace: 首都机场\ntags: [离别, 旅行]\nwarning: 离别\nhidden: true\n---\n送别的那天。\n',
  );
  fake = await startFakeDiscord();
  bot = await startBotProcess(fake, {
    dir: t.dir,
    env: { JOURNAL_DIR: essaysDir, JOURNAL_TIMEZONE: ZONE, JOURNAL_AUTHOR_IDS: fake.userId },
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  t.cleanup();
});

/** Every essay as stored, hidden ones included, read from the bot's database. */
function stored(): Essay[] {
  const store = openStore(dbPath, systemClock);
  try {
    return store.essays.all({ includeHidden: true });
  } finally {
    store.close();
  }
}

interface LabelJson {
  type: number;
  label: string;
  description?: string;
  component: {
    type: number;
    custom_id: string;
    value?: string;
    default?: boolean;
    file_types?: string[];
  };
}

const labels = (modal: Record<string, unknown> | null) => modal!.components as LabelJson[];
const prefill = (modal: Record<string, unknown> | null, id: string) =>
  labels(modal).find((l) => l.component.custom_id === id)!.component;

async function openAdd(locale = 'en-US') {
  return answered(await fake.command({ name: 'essay', subcommand: 'add', locale }));
}

async function submit(
  opened: Awaited<ReturnType<typeof openAdd>>,
  fields: Parameters<FakeDiscord['modalSubmit']>[0]['fields'],
  locale = 'en-US',
): Promise<StoredMessage> {
  const r = answered(await fake.modalSubmit({ modal: opened, fields, locale }));
  // Deferred first: an attached file is downloaded before anything is read.
  expect(r.type).toBe(5);
  const reply = await r.waitForMessage();
  expect(reply.flags & 64).toBe(64);
  return reply;
}

describe('the essay form (real bot, fake Discord)', () => {
  it('is five labelled fields with a description each, a file upload and a checkbox, in the reader’s language', async () => {
    const opened = await openAdd('zh-CN');
    expect(opened.type).toBe(9);
    const rows = labels(opened.modal);
    expect(rows.map((l) => l.type)).toEqual([18, 18, 18, 18, 18]);
    expect(rows.map((l) => l.component.type)).toEqual([4, 4, 4, 19, 23]);
    expect(rows.every((l) => (l.description ?? '').length > 0)).toBe(true);
    expect(rows[4]!.label).toBe('不出现在“那年今日”和随机推荐里');
    // One optional file, and the picker offers essay files only.
    expect(rows[3]!.component).toMatchObject({ min_values: 0, max_values: 1, required: false });
    expect(rows[3]!.component.file_types).toEqual(expect.arrayContaining(['.md', '.txt']));
    expect(prefill(opened.modal, 'when').value).toBe(today);
    const en = await openAdd();
    expect(labels(en.modal)[4]!.label).toBe('Keep out of anniversaries and random picks');
    expect(fake.rejections).toEqual([]);
  });

  it('adds a hidden essay from an attached file longer than the text box', async () => {
    const text = `${'春天来了,风很软。'.repeat(600)}`;
    const file = fake.registerAttachment('春.md', `# 春\n\n${text}\n\n— 2025.3.1 于杭州\n`);
    const reply = await submit(await openAdd(), { file: [file], hidden: true });
    expect(shownText(reply)).toMatch(/Added essay #\d+\./u);
    const essay = stored().find((e) => e.title === '春')!;
    expect(essay).toMatchObject({ date: '2025-03-01', place: '杭州', hidden: true, body: text });
    expect(essay.body.length).toBeGreaterThan(4000);
  });

  it('prefills the edit form with tags, warning and hidden, saves a hidden-only change, and keeps the rest', async () => {
    const essay = stored().find((e) => e.title === '机场')!;
    const opened = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'edit',
        options: { essay: String(essay.id) },
        locale: 'en-US',
      }),
    );
    const body = prefill(opened.modal, 'body').value!;
    expect(body).toContain('warning: 离别');
    expect(body).toContain('- 离别\n  - 旅行');
    expect(body.endsWith('送别的那天。')).toBe(true);
    expect(prefill(opened.modal, 'when').value).toBe('2024-05-01 · 首都机场');
    expect(prefill(opened.modal, 'hidden').default).toBe(true);
    const asShown = { title: '机场', when: '2024-05-01 · 首都机场', body };

    const same = await submit(opened, { ...asShown, hidden: true });
    expect(shownText(same)).toContain(`Nothing changed in essay #${essay.id}.`);

    const shown = await submit(opened, { ...asShown, hidden: false });
    expect(shownText(shown)).toContain(`Saved essay #${essay.id}; it keeps its number.`);
    expect(stored().find((e) => e.id === essay.id)).toMatchObject({
      hidden: false,
      tags: ['离别', '旅行'],
      warning: '离别',
      body: '送别的那天。',
      contentHash: essay.contentHash,
    });
  });

  it('hands the text back with the date · place line when the date is not real', async () => {
    const before = stored().length;
    const body = '地铁上写的一段。';
    const reply = await submit(
      await openAdd('zh-CN'),
      { title: '手机上', when: '2026-02-30 · 地铁上', body },
      'zh-CN',
    );
    expect(shownText(reply)).toContain('没有保存:2026-02-30 不是真实存在的日期。');
    expect(shownText(reply)).toContain('手机上 · 2026-02-30 · 地铁上');
    const draft = reply.files.find((f) => f.filename === 'essay-draft.md')!;
    expect(draft.bytes.toString('utf8')).toContain(body);
    expect(draft.bytes.toString('utf8')).toContain('— 2026-02-30 · 地铁上');
    expect(stored()).toHaveLength(before);
  });

  it('refuses text and a file together, storing nothing', async () => {
    const before = stored().length;
    const file = fake.registerAttachment('两份.md', '文件里的。\n\n— 2025.1.1\n');
    const reply = await submit(await openAdd(), { body: '框里的。', file: [file] });
    expect(shownText(reply)).toContain(
      'Not saved: the text box and an attached file cannot both be used',
    );
    expect(reply.files.map((f) => f.filename)).toEqual(['essay-draft.md']);
    expect(stored()).toHaveLength(before);
  });

  it('refuses a .pdf and a file that is not UTF-8, each in one sentence', async () => {
    const before = stored().length;
    const pdf = fake.registerAttachment('scan.pdf', '%PDF-1.4', 'application/pdf');
    const gbk = fake.registerAttachment('gbk.txt', Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a]));
    const p = await submit(await openAdd(), { file: [pdf] });
    expect(shownText(p).trim()).toBe('Not saved: "scan.pdf" is not a .md or .txt file.');
    const g = await submit(await openAdd(), { file: [gbk] });
    expect(shownText(g).trim()).toMatch(/^Not saved: "gbk\.txt" is not UTF-8 text\.[^\n]*$/u);
    expect(stored()).toHaveLength(before);
  });

  it('made no request Discord would reject', () => {
    expect(fake.rejections).toEqual([]);
  });
});
