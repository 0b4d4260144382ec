/**
 * Writing from Discord end to end: the real bot process (`src/index.ts`)
 * against the fake Discord — who may write, the form, attachments, edit,
 * hide, delete and restore, the watched folder, and /journal export.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MANAGER_PERMISSIONS,
  startFakeDiscord,
  waitFor,
  type FakeDiscord,
  type StoredMessage,
} from '../fakeDiscord/index.js';
import { answered, buttons, oneYearBefore, todayIn } from '../helpers/e2e.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { runJournal } from '../helpers/run.js';
import { tempDir } from '../helpers/store.js';
import { leadOf, textOf } from '../helpers/messageText.js';

const ZONE = 'Asia/Shanghai';
const t = tempDir('journal-e2e-write-');
const essaysDir = join(t.dir, 'essays');
const dbPath = join(t.dir, 'journal.db');
const today = todayIn(ZONE);
const lastYear = oneYearBefore(today);

let fake: FakeDiscord;
let bot: BotProcess;
let author: string;
let manager: string;
let stranger: string;

beforeAll(async () => {
  mkdirSync(essaysDir);
  writeFileSync(
    join(essaysDir, 'anniversary.md'),
    `一年前的今天\n\n那天发生了一件难过的事。\n\n— ${lastYear.replaceAll('-', '.')} 于上海\n`,
  );
  fake = await startFakeDiscord();
  author = fake.userId;
  manager = fake.addUser({ username: 'manager' }).id;
  stranger = fake.addUser({ username: 'stranger' }).id;
  bot = await startBotProcess(fake, {
    dir: t.dir,
    env: { JOURNAL_DIR: essaysDir, JOURNAL_TIMEZONE: ZONE, JOURNAL_AUTHOR_IDS: author },
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  t.cleanup();
});

const buttonIds = (message: StoredMessage): string[] => buttons(message).map((b) => b.custom_id);

const as = (userId: string) => ({
  userId,
  permissions: userId === manager ? MANAGER_PERMISSIONS : undefined,
  locale: 'en-US',
});

/** Answers an essay autocomplete with the id of the choice naming `text`, if any. */
async function essayIdFor(text: string): Promise<string | undefined> {
  const ac = answered(
    await fake.autocomplete({
      name: 'essay',
      subcommand: 'show',
      focused: 'essay',
      value: text,
      ...as(author),
    }),
  );
  return (ac.choices as Array<{ name: string; value: string }>).find((c) => c.name.includes(text))
    ?.value;
}

describe('who may write (JOURNAL_AUTHOR_IDS set)', () => {
  it('gives the author the form and refuses a manager and a member, privately and saying why', async () => {
    const mine = answered(await fake.command({ name: 'essay', subcommand: 'add', ...as(author) }));
    expect(mine.type).toBe(9);
    for (const who of [manager, stranger]) {
      for (const sub of ['add', 'edit', 'hide', 'delete']) {
        const options = sub === 'add' ? undefined : { essay: '1' };
        const r = answered(
          await fake.command({ name: 'essay', subcommand: sub, options, ...as(who) }),
        );
        const reply = await r.waitForMessage();
        expect(reply.flags & 64, `${sub} by ${who}`).toBe(64);
        expect(leadOf(reply)).toBe("Only the journal's authors can do that.");
      }
      const exp = answered(
        await fake.command({ name: 'journal', subcommand: 'export', ...as(who) }),
      );
      expect(leadOf(await exp.waitForMessage())).toMatch(/authors/u);
    }
  });
});

describe('writing as the author', () => {
  it('refuses a bad date in the form and hands the text back, then saves the corrected form', async () => {
    const opened = answered(
      await fake.command({ name: 'essay', subcommand: 'add', ...as(author), locale: 'zh-CN' }),
    );
    const body = '在手机上写了很久的一段话。\n\n第二段也很长。';
    const bad = answered(
      await fake.modalSubmit({
        modal: opened,
        fields: { title: '手机上写的', when: '2026-02-30 · 地铁上', body },
        ...as(author),
        locale: 'zh-CN',
      }),
    );
    const reply = await bad.waitForMessage();
    expect(reply.flags & 64).toBe(64);
    expect(leadOf(reply)).toContain('没有保存');
    expect(textOf(reply)).toContain('在手机上写了很久的一段话。');
    expect(reply.files.map((f) => f.filename)).toEqual(['essay-draft.md']);
    expect(reply.files[0]!.bytes.toString('utf8')).toContain(body);

    const good = answered(
      await fake.modalSubmit({
        modal: opened,
        fields: { title: '手机上写的', when: '2026-02-28 · 地铁上', body },
        ...as(author),
      }),
    );
    expect(leadOf(await good.waitForMessage())).toMatch(/^Added essay #\d+\.$/u);
    expect(await essayIdFor('手机上写的')).toBeDefined();
  });

  it('imports a good attachment; refuses GBK, a file over 1 MB and one off the CDN (without requesting those two)', async () => {
    const good = fake.registerAttachment(
      'trip.md',
      '出发\n\n今天去了北京。\n\n— 2025.11.1 于北京\n',
    );
    const r = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'import',
        options: { file: good },
        ...as(author),
      }),
    );
    expect(r.type).toBe(5); // deferred: downloads may take a while
    expect(leadOf(await r.waitForMessage())).toMatch(/^Added essay #\d+ from "trip\.md"\.$/u);

    const gbk = fake.registerAttachment(
      'gbk.txt',
      Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a, 0x0a, ...Buffer.from('- 2025.11.1')]),
    );
    const g = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'import',
        options: { file: gbk },
        ...as(author),
      }),
    );
    expect(leadOf(await g.waitForMessage())).toMatch(/not UTF-8 text/u);

    const before = fake.cdnRequests.length;
    const huge = fake.registerLargeAttachment('huge.md', 3 * 1024 * 1024);
    const h = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'import',
        options: { file: huge },
        ...as(author),
      }),
    );
    expect(leadOf(await h.waitForMessage())).toMatch(/larger than 1 MB/u);
    const foreign = {
      ...fake.registerAttachment('elsewhere.md', 'x'),
      url: 'http://127.0.0.1:9/attachments/1/2/elsewhere.md',
    };
    const f = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'import',
        options: { file: foreign },
        ...as(author),
      }),
    );
    expect(leadOf(await f.waitForMessage())).toMatch(/not on Discord's file server/u);
    expect(fake.cdnRequests.length).toBe(before);
  });

  it('edits an essay in a prefilled form and keeps its id', async () => {
    const id = (await essayIdFor('出发'))!;
    const opened = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'edit',
        options: { essay: id },
        ...as(author),
      }),
    );
    const inputs = (
      opened.modal!.components as Array<{ component: { custom_id: string; value?: string } }>
    ).map((label) => label.component);
    expect(inputs.find((i) => i.custom_id === 'body')?.value).toBe('今天去了北京。');
    expect(inputs.find((i) => i.custom_id === 'when')?.value).toBe('2025-11-01 · 北京');
    const saved = answered(
      await fake.modalSubmit({
        modal: opened,
        fields: { title: '出发', when: '2025-11-01 · 北京', body: '今天去了北京,改了。' },
        ...as(author),
      }),
    );
    expect(leadOf(await saved.waitForMessage())).toBe(`Saved essay #${id}; it keeps its number.`);
    const show = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'show',
        options: { essay: id },
        ...as(stranger),
      }),
    );
    expect(textOf(await show.waitForMessage())).toMatch(/^今天去了北京,改了。$/mu);
  });

  it('hides an essay from /essay today and /quote random, and shows it again on unhide', async () => {
    const todayText = async () => {
      const r = answered(
        await fake.command({ name: 'essay', subcommand: 'today', ...as(stranger) }),
      );
      return textOf(await r.waitForMessage());
    };
    expect(await todayText()).toContain('难过的事');
    const id = (await essayIdFor('一年前的今天'))!;
    answered(
      await fake.command({
        name: 'essay',
        subcommand: 'hide',
        options: { essay: id },
        ...as(author),
      }),
    );
    await waitFor(
      async () => !(await todayText()).includes('难过的事'),
      5000,
      'hidden essay still in /essay today',
    );
    for (let i = 0; i < 5; i++) {
      const q = answered(
        await fake.command({ name: 'quote', subcommand: 'random', ...as(stranger) }),
      );
      const m = await q.waitForMessage();
      expect(JSON.stringify(m.components)).not.toContain('难过的事');
    }
    answered(
      await fake.command({
        name: 'essay',
        subcommand: 'unhide',
        options: { essay: id },
        ...as(author),
      }),
    );
    await waitFor(
      async () => (await todayText()).includes('难过的事'),
      5000,
      'unhidden essay not back in /essay today',
    );
  });

  it('deletes only after confirming, and journal restore brings the essay back with its id', async () => {
    const id = (await essayIdFor('手机上写的'))!;
    const ask = answered(
      await fake.command({
        name: 'essay',
        subcommand: 'delete',
        options: { essay: id },
        ...as(author),
      }),
    );
    const confirm = await ask.waitForMessage();
    expect(buttonIds(confirm)).toEqual([`write:delete:${id}`, `write:keep:${id}`]);
    answered(
      await fake.component({ message: confirm, customId: `write:delete:${id}`, ...as(author) }),
    );
    await waitFor(
      () => textOf(fake.message(confirm.id)).includes(`journal restore ${id}`),
      5000,
      'no deletion notice',
    );
    expect(await essayIdFor('手机上写的')).toBeUndefined();

    // The command line works on the live database while the bot runs.
    const listed = await runJournal(['restore', '--db', dbPath]);
    expect(listed.stdout).toContain(`#${id}`);
    const restored = await runJournal(['restore', '--db', dbPath, id]);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(new RegExp(`restored #${id} 手机上写的`, 'u'));
    expect(await essayIdFor('手机上写的')).toBe(id);
  });

  it('imports a file dropped into the journal folder while running', async () => {
    writeFileSync(
      join(essaysDir, 'dropped.md'),
      '放进文件夹\n\n机器人运行时放进来的一篇。\n\n— 2024.6.1 于杭州\n',
    );
    await waitFor(() => essayIdFor('放进文件夹'), 10_000, 'the dropped file was not imported');
  });

  it('sends /journal export privately as a JSON file with every essay, hidden ones included', async () => {
    const id = (await essayIdFor('一年前的今天'))!;
    answered(
      await fake.command({
        name: 'essay',
        subcommand: 'hide',
        options: { essay: id },
        ...as(author),
      }),
    );
    const r = answered(
      await fake.command({ name: 'journal', subcommand: 'export', ...as(author) }),
    );
    const message = await r.waitForMessage();
    expect(message.flags & 64).toBe(64);
    expect(message.files[0]!.filename).toBe(`journal-${today}.json`);
    const doc = JSON.parse(message.files[0]!.bytes.toString('utf8')) as {
      essays: Array<{ id: number; title: string; hidden: boolean }>;
    };
    expect(doc.essays.find((e) => String(e.id) === id)).toMatchObject({
      title: '一年前的今天',
      hidden: true,
    });
    expect(doc.essays.map((e) => e.title)).toEqual(
      expect.arrayContaining(['出发', '手机上写的', '放进文件夹']),
    );
  });

  it('made no request Discord would reject', () => {
    expect(fake.rejections).toEqual([]);
  });
});

describe('who may write (no JOURNAL_AUTHOR_IDS: server managers)', () => {
  it('lets a manager write and still refuses a member', async () => {
    await bot.stop();
    bot = await startBotProcess(fake, {
      dir: t.dir,
      env: { JOURNAL_DIR: essaysDir, JOURNAL_TIMEZONE: ZONE, JOURNAL_AUTHOR_IDS: '' },
    });
    expect(
      answered(await fake.command({ name: 'essay', subcommand: 'add', ...as(manager) })).type,
    ).toBe(9);
    const r = answered(await fake.command({ name: 'essay', subcommand: 'add', ...as(stranger) }));
    expect(leadOf(await r.waitForMessage())).toBe("Only the journal's authors can do that.");
    const a = answered(await fake.command({ name: 'essay', subcommand: 'add', ...as(author) }));
    expect(leadOf(await a.waitForMessage())).toBe("Only the journal's authors can do that.");
    expect(fake.rejections).toEqual([]);
  });
});
