import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineRefusal, journalJson, runJournal } from './helpers/run.js';
import { tempDir } from './helpers/store.js';
import { buttonsOf, textOf, titleOf } from './helpers/messageText.js';

const t = tempDir('journal-post-cli-');
const env = {
  JOURNAL_DB: join(t.dir, 'journal.db'),
  JOURNAL_TIMEZONE: 'Asia/Shanghai',
  LANG: 'en_US.UTF-8',
};
afterAll(() => t.cleanup());

describe('journal post --dry-run', () => {
  beforeAll(async () => {
    expect((await runJournal(['import', 'data/essays'], { env })).code).toBe(0);
  });

  it('prints the post that would go out, as readable text, in the chosen language', async () => {
    const r = await runJournal(['post', '--dry-run', '--date', '2026-11-01', '--lang', 'zh-CN'], {
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('那年今日 · 11月1日');
    expect(r.stdout).toContain('**1 年前**');
    expect(r.stdout).toContain('横跨太平洋飞往北京的波音777上');
    expect(r.stdout).toMatch(/\[1\] 📖 1 · 2025-11-01/u);
  });

  it('prints the payload as JSON with --json, buttons opening the essay', async () => {
    const out = await journalJson(['post', '--dry-run', '--date', '2026-11-01', '--json'], { env });
    expect(out).toMatchObject({
      date: '2026-11-01',
      timeZone: 'Asia/Shanghai',
      language: 'en-US',
      emptyDay: 'skip',
      posted: true,
    });
    expect(titleOf(out.payload)).toBe('On this day · November 1');
    expect(buttonsOf(out.payload)[0]!.custom_id).toBe('essay:open:1');
    expect(out.payload.allowed_mentions).toEqual({ parse: [] });
  });

  it('says nothing would be posted on an empty day set to skip, and shows a quote when asked', async () => {
    const skip = await runJournal(['post', '--dry-run', '--date', '2026-11-05'], { env });
    expect(skip.stdout).toContain('Nothing would be posted on 2026-11-05');
    const quote = await journalJson(
      ['post', '--dry-run', '--date', '2026-11-05', '--empty-day', 'quote', '--json'],
      { env },
    );
    expect(textOf(quote.payload)).toMatch(
      /^Nothing was written on November 5 in earlier years\. A line from the journal:\n\n> /mu,
    );
  });

  it.each([
    [['post', '--date', '2026-11-01'], /only previews the post: add --dry-run/u],
    [['post', '--dry-run', '--date', '2026-02-30'], /not a real calendar date/u],
    [['post', '--dry-run', '--tz', 'Mars/Olympus'], /not an IANA time zone/u],
    [['post', '--dry-run', '--guild', '100000000000000001'], /has no anniversary settings/u],
    [
      ['post', '--dry-run', '--empty-day', 'never'],
      /--empty-day must be one of skip, nearest, quote/u,
    ],
  ])('answers %j with one line on stderr and a non-zero exit', async (args, message) => {
    expectOneLineRefusal(await runJournal(args, { env }), message);
  });
});
