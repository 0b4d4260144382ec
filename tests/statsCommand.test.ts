import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from '../src/import/importFiles.js';
import { statsFor } from '../src/commands/journal/statsReport.js';
import { renderStats } from '../src/messages/stats.js';
import { renderStatsPng } from '../src/journal/statsImage.js';
import { computeStats } from '../src/journal/stats.js';
import { memoryStore, tempDir } from './helpers/store.js';
import { runJournal } from './helpers/run.js';
import { budgetOf, fitsMessage } from '../src/messages/builders.js';

const t = tempDir('journal-stats-');
afterAll(() => t.cleanup());

describe('/journal stats', () => {
  it('shows the latest year with essays when this year has none yet', () => {
    const store = memoryStore();
    importPaths(store, ['data/essays']);
    const stats = statsFor({ store, today: '2026-01-05', includeHidden: false });
    expect(stats.year).toBe(2025);
    expect(statsFor({ store, today: '2026-01-05', includeHidden: false }, 2026).year).toBe(2026);
  });

  it('counts the seed essay as Chinese writers do and leaves hidden essays out for everyone else', () => {
    const store = memoryStore();
    const [seed] = importPaths(store, ['data/essays']);
    expect(statsFor({ store, today: '2026-11-29', includeHidden: false }).chars).toBe(1925);
    store.essays.setHidden(seed!.essayId!, true);
    expect(statsFor({ store, today: '2026-11-29', includeHidden: false }).essays).toBe(0);
    expect(statsFor({ store, today: '2026-11-29', includeHidden: true }).essays).toBe(1);
  });

  it('sums from counts the store reads row by row exactly what the whole essays sum to', () => {
    const store = memoryStore();
    importPaths(store, ['data/essays']);
    const today = '2026-11-29';
    const whole = computeStats(store.essays.all({ includeHidden: true }), { today, year: 2025 });
    expect(store.essays.forStats({ includeHidden: true }).every((e) => !('body' in e))).toBe(true);
    expect(
      computeStats(store.essays.forStats({ includeHidden: true }), { today, year: 2025 }),
    ).toEqual(whole);
  });

  it('fits Discord limits in both languages, with the heatmap attached and described', () => {
    const store = memoryStore();
    importPaths(store, ['data/essays']);
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const payload = renderStats(
        statsFor({ store, today: '2026-11-29', includeHidden: false }),
        locale,
      );
      expect(fitsMessage(budgetOf(payload.components))).toBe(true);
      // The heatmap shows in a media gallery, referencing the file sent with the card.
      expect(JSON.stringify(payload.components)).toContain(
        `{"media":{"url":"attachment://${payload.files![0]!.name}"}`,
      );
      expect(payload.files![0]!.data.subarray(1, 4).toString()).toBe('PNG');
      expect(payload.files![0]!.description!.length).toBeGreaterThan(10);
      expect(payload.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it("attaches the picture labelled in the reader's language", () => {
    const store = memoryStore();
    importPaths(store, ['data/essays']);
    const stats = statsFor({ store, today: '2026-11-29', includeHidden: false });
    const attached = (locale: 'zh-CN' | 'en-US') => renderStats(stats, locale).files![0]!.data;
    const drawn = (locale: 'zh-CN' | 'en-US') =>
      renderStatsPng(stats, { year: stats.year, locale }).png;
    expect(attached('zh-CN').equals(drawn('zh-CN'))).toBe(true);
    expect(attached('en-US').equals(drawn('en-US'))).toBe(true);
    expect(attached('zh-CN').equals(attached('en-US'))).toBe(false);
  });

  it('writes the heatmap with journal stats --png and prints JSON with --json', async () => {
    const db = join(t.dir, 'j.db');
    await runJournal(['import', 'data/essays'], { env: { JOURNAL_DB: db } });
    const png = join(t.dir, 'stats.png');
    // LANG=C: an English terminal, so the picture is labelled in English unless --locale says otherwise.
    const env = { JOURNAL_DB: db, LANG: 'C' };
    const r = await runJournal(['stats', '--png', png, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ year: 2025, essays: 1, chars: 1925, png });
    expect(existsSync(png)).toBe(true);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');

    const zh = join(t.dir, 'stats-zh.png');
    const rz = await runJournal(['stats', '--png', zh, '--locale', 'zh-CN'], { env });
    expect(rz.code, rz.stderr).toBe(0);
    expect(readFileSync(zh).equals(readFileSync(png))).toBe(false);
  }, 120_000); // three CLI processes: room for a loaded machine
});
