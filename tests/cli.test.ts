import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineRefusal, journalJson, runJournal } from './helpers/run.js';
import { tempDir } from './helpers/store.js';

const t = tempDir('journal-cli-');
const db = join(t.dir, 'journal.db');
const env = { JOURNAL_DB: db, JOURNAL_TIMEZONE: 'Asia/Shanghai' };
afterAll(() => t.cleanup());

describe('the journal command line', () => {
  beforeAll(async () => {
    const r = await runJournal(['import', 'data/essays'], { env });
    expect(r.code).toBe(0);
  });

  it('lists the seed essay on Nov 1 of the next year with yearsAgo 1 and its place', async () => {
    const out = await journalJson(['today', '--date', '2026-11-01', '--json'], { env });
    expect(out.date).toBe('2026-11-01');
    expect(out.essays).toHaveLength(1);
    expect(out.essays[0]).toMatchObject({
      id: 1,
      date: '2025-11-01',
      yearsAgo: 1,
      place: '横跨太平洋飞往北京的波音777上',
      tags: [],
    });
  });

  it('prints only JSON on stdout with --json', async () => {
    for (const args of [
      ['list', '--json'],
      ['show', '1', '--json'],
      ['today', '--date', '2026-03-01', '--json'],
    ]) {
      const r = await runJournal(args, { env });
      expect(r.code, r.stderr).toBe(0);
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
  });

  it('offers the nearest essays when nothing was written on that day', async () => {
    const r = await runJournal(['today', '--date', '2026-11-03'], {
      env: { ...env, LANG: 'en_US.UTF-8' },
    });
    expect(r.stdout).toMatch(/Nothing was written on 11-03/u);
    expect(r.stdout).toMatch(/2025-11-01 · 1 year ago/u);
  });

  it('takes --db over JOURNAL_DB', async () => {
    const other = join(t.dir, 'other.db');
    expect((await journalJson(['list', '--json', '--db', other], { env })).total).toBe(0);
  });

  it.each([
    [['today', '--date', '2026-02-30'], /not a real calendar date/u],
    [['today', '--tz', 'Mars/Olympus'], /not an IANA time zone/u],
    [['show', 'abc'], /expected an essay id/u],
    [['show', '999'], /no essay #999/u],
    [['frobnicate'], /unknown command "frobnicate"/u],
    [['list', '--bogus'], /Unknown option '--bogus'/u],
  ])('answers %j with one line on stderr and a non-zero exit', async (args, message) => {
    expectOneLineRefusal(await runJournal(args, { env }), message);
  });

  it('stops with one line naming the key when the configuration is invalid', async () => {
    const r = await runJournal(['list'], { env: { ...env, JOURNAL_TIMEZONE: 'Nowhere/Atlantis' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/JOURNAL_TIMEZONE: must be an IANA time zone/u);
  });

  it('exits 1 when a file was refused and still imports the others', async () => {
    const dir = tempDir('journal-cli-import-');
    writeFileSync(join(dir.dir, 'good.md'), '好。\n\n— 2024.3.1 于北京');
    writeFileSync(join(dir.dir, 'bad.md'), '没有日期');
    const r = await runJournal(['import', dir.dir], { env });
    dir.cleanup();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/added: .*good\.md/u);
    expect(r.stderr).toMatch(/refused: .*bad\.md — no date found/u);
  });
});

describe('reading commands and the journal folder', () => {
  it('answer from JOURNAL_DIR on a fresh database, but read a database named with --db as it is', async () => {
    const dir = tempDir('journal-cli-sync-');
    const fresh = join(dir.dir, 'fresh.db');
    const synced = await journalJson(['today', '--date', '2026-11-01', '--json'], {
      env: { JOURNAL_DB: fresh },
    });
    expect(synced.essays).toHaveLength(1);
    const other = join(dir.dir, 'backup.db');
    const asIs = await journalJson(['list', '--json', '--db', other], {
      env: { JOURNAL_DB: fresh },
    });
    expect(asIs.total).toBe(0);
    dir.cleanup();
  });
});
