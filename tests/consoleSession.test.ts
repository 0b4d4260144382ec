import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import {
  ComponentType,
  TextInputStyle,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.js';
import { UserFacingError } from '../src/errors.js';
import { silentLogger } from '../src/logger.js';
import { noticePayload } from '../src/messages/builders.js';
import { consoleContext } from '../src/console/start.js';
import { runRepl } from '../src/console/repl.js';
import type { Dispatch } from '../src/console/session.js';
import type { ModalFields } from '../src/commands/types.js';
import type { Reply } from '../src/messages/payload.js';
import type { Locale } from '../src/i18n/index.js';
import type { Store } from '../src/store/index.js';
import { memoryStore, tempDir } from './helpers/store.js';

const clock = fixedClock('2026-11-29T07:30:00Z');
let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

/** Runs a whole console session in-process over piped streams; returns everything it printed. */
async function session(
  lines: string[],
  options: {
    locale?: Locale;
    dispatch?: Dispatch;
    definitions?: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  } = {},
) {
  store ??= memoryStore(clock);
  const ctx = consoleContext({
    store,
    clock,
    timeZone: 'Asia/Shanghai',
    logger: silentLogger,
    locale: options.locale ?? 'en-US',
  });
  const input = new PassThrough();
  let out = '';
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  input.end(lines.map((l) => `${l}\n`).join(''));
  const code = await runRepl({
    ctx,
    input,
    output,
    saveFile: (f) => `/saved/${f.name}`,
    ...(options.dispatch ? { dispatch: options.dispatch } : {}),
    ...(options.definitions ? { definitions: options.definitions } : {}),
  });
  return { code, out, blocks: out.split('\n\n').filter((b) => b.trim() !== '') };
}

describe('the console over the shared dispatch', () => {
  it('pages a long essay with its buttons, in place, and refuses buttons that are not there', async () => {
    store = memoryStore(clock);
    const essay = store.essays.insert(
      {
        title: '长文',
        body: '很长的一段话。'.repeat(600),
        date: '2025-11-01',
        place: null,
        tags: [],
      },
      'long.md',
    );
    const { code, out } = await session([`/essay show essay:${essay.id}`, '3', '3', '1', '9', '2']);
    expect(code).toBe(0);
    const pagers = out.split('\n').filter((l) => l.startsWith('[1] ◀'));
    expect(pagers).toEqual([
      '[1] ◀ (disabled)  [2] 1/2 (disabled)  [3] ▶  [4] 🔗 Related',
      '[1] ◀  [2] 2/2 (disabled)  [3] ▶ (disabled)  [4] 🔗 Related',
      '[1] ◀ (disabled)  [2] 1/2 (disabled)  [3] ▶  [4] 🔗 Related',
    ]);
    expect(out).toContain('Button 3 (▶) cannot be pressed right now.');
    expect(out).toContain('There is no button 9; the last message has buttons 1–4.');
    expect(out).toContain('Button 2 (1/2) cannot be pressed right now.');
  });

  it('answers a bad line in one line and goes on with the next, with no prompt in piped output', async () => {
    const { code, out, blocks } = await session([
      '/essay on',
      '/essay on date:13-45',
      '/nope',
      '/essay list',
    ]);
    expect(code).toBe(0);
    expect(blocks.slice(0, 3)).toEqual([
      '/essay on needs date: (MM-DD or YYYY-MM-DD)',
      '13-45 is not a real calendar date.',
      expect.stringMatching(/^There is no command \/nope\. Commands: \/essay, /u),
    ]);
    expect(out).not.toContain('journal>');
    expect(out).toContain('Essays');
  });

  it('answers in Chinese with --locale zh-CN', async () => {
    const { out } = await session(['/essay on'], { locale: 'zh-CN' });
    expect(out).toBe('/essay on 需要 date:(MM-DD 或 YYYY-MM-DD)\n\n');
  });

  it('stops at /quit even with lines left', async () => {
    const { code, out } = await session(['/quit', '/essay on']);
    expect(code).toBe(0);
    expect(out).toBe('');
  });
});

describe('forms and failures in the console', () => {
  const form: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    name: 'form',
    description: 'A form',
    options: [
      { type: 1, name: 'open', description: 'Open it' },
      { type: 1, name: 'crash', description: 'Fails' },
      { type: 1, name: 'refuse', description: 'Refuses' },
    ],
  };
  const submitted: ModalFields[] = [];
  const dispatch: Dispatch = {
    async command(_ctx, _command, sub): Promise<Reply> {
      if (sub === 'crash') throw new Error('boom');
      if (sub === 'refuse') throw new UserFacingError('no', 'error.authorOnly');
      return {
        kind: 'modal',
        modal: {
          custom_id: 'form:submit',
          title: 'New essay',
          components: [
            {
              type: ComponentType.Label,
              label: 'Title',
              component: {
                type: ComponentType.TextInput,
                custom_id: 'title',
                style: TextInputStyle.Short,
                value: 'Draft',
                max_length: 10,
              },
            },
            {
              type: ComponentType.Label,
              label: 'Body',
              component: {
                type: ComponentType.TextInput,
                custom_id: 'body',
                style: TextInputStyle.Paragraph,
              },
            },
          ],
        },
      };
    },
    async component(_ctx, customId, fields = {}) {
      submitted.push(fields);
      return {
        kind: 'message',
        payload: noticePayload(`${customId} got ${Object.keys(fields).join(',')}`),
      };
    },
  };

  it('asks each field, keeps a prefilled value on an empty answer, reads long text up to a lone "."', async () => {
    submitted.length = 0;
    const { out } = await session(
      [
        '/form open',
        'a title that is too long',
        '',
        '.',
        'line one',
        '',
        'line three',
        '.',
        '/form refuse',
      ],
      { dispatch, definitions: [form] },
    );
    expect(submitted).toEqual([{ title: 'Draft', body: 'line one\n\nline three' }]);
    // Listed up front, since piped input shows no prompts.
    expect(out).toContain(
      'Form: New essay\nAnswer each field; an empty answer keeps the value shown in [brackets]. End long text with a line holding only ".". /cancel drops the form.\n  1. Title [Draft] — required\n  2. Body — required; several lines, ended by a line holding only "."\n',
    );
    expect(out).toContain('Title: must be at most 10 characters long.');
    // An empty answer to the required Body is refused, and it is asked again.
    expect(out).toContain('Body is required.');
    expect(out).toContain('form:submit got title,body');
    expect(out).toContain("Only the journal's authors can do that.");
  });

  it('drops a form on /cancel, or when the input ends before a field is answered', async () => {
    submitted.length = 0;
    const cancelled = await session(['/form open', '/cancel', '/form open', 'x'], {
      dispatch,
      definitions: [form],
    });
    expect(submitted).toEqual([]);
    expect(cancelled.out.match(/Form dropped; nothing was sent\./gu)).toHaveLength(2);
    expect(cancelled.code).toBe(0);
  });

  it('takes the end of input as the end of the last long text, so a form can be piped in whole', async () => {
    submitted.length = 0;
    await session(['/form open', 'x', 'last line'], { dispatch, definitions: [form] });
    expect(submitted).toEqual([{ title: 'x', body: 'last line' }]);
  });

  it('turns an unexpected failure into the generic line with an error id, and goes on', async () => {
    const { out } = await session(['/form crash', '/form refuse'], {
      dispatch,
      definitions: [form],
    });
    expect(out).toMatch(
      /^Something went wrong on our side \(error id [0-9a-f]{6}\)\. The journal is safe; try again in a moment\.\n\nOnly the journal's authors can do that\.\n\n$/u,
    );
  });
});

describe('the essay form in the console', () => {
  const dir = tempDir('journal-console-form-');
  afterAll(() => dir.cleanup());

  it('asks the same fields as Discord: a path for the file, y/n for the checkbox', async () => {
    const path = join(dir.dir, '春.md');
    writeFileSync(path, '# 春\n\n春天来了,比 4000 字的框还长也可以。\n\n— 2025.3.1 于杭州\n');
    const { out } = await session([
      '/essay add',
      '', // title: the file's heading
      '', // date · place: today, which the file's own footer overrides
      '.', // no text: the file brings it
      join(dir.dir, 'missing.md'),
      path,
      'maybe',
      'y',
    ]);
    expect(out).toContain('4. Or attach a .md or .txt file');
    expect(out).toContain('the path of a file to attach; empty for none');
    expect(out).toContain('5. Keep out of anniversaries and random picks');
    expect(out).toContain(`${join(dir.dir, 'missing.md')} is not a file that can be read.`);
    expect(out).toContain('Answer y or n.');
    expect(out).toMatch(/Added essay #1\./u);
    expect(store!.essays.get(1, { includeHidden: true })).toMatchObject({
      title: '春',
      date: '2025-03-01',
      place: '杭州',
      body: '春天来了,比 4000 字的框还长也可以。',
      hidden: true,
    });
  });

  it('refuses a file over 1 MB in one sentence, as Discord downloads are capped', async () => {
    const path = join(dir.dir, 'huge.md');
    writeFileSync(path, `${'字'.repeat(400_000)}\n\n— 2025.3.1\n`);
    const { out } = await session(['/essay add', '', '', '.', path, '']);
    expect(out).toContain('Not saved: The file is larger than 1 MB, too large for an essay.');
    expect(store!.essays.count({ includeHidden: true })).toBe(0);
  });
});
