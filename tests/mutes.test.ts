/**
 * Muted periods in the store: what they keep out (day lists, random picks,
 * quote draws) and what they leave alone (search, lists, show), the range
 * rules, and that a refused range stores nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMuteInput } from '../src/commands/journal/mute.js';
import { UserFacingError } from '../src/errors.js';
import type { EssayDraft } from '../src/journal/essay.js';
import { readMuteRange } from '../src/journal/mutedPeriods.js';
import type { Store } from '../src/store/index.js';
import { notMuted } from '../src/store/mutes.js';
import { memoryStore } from './helpers/store.js';
import { seededRandom } from './helpers/seededRandom.js';

const SENTENCES = [
  '春天终于来了,楼下的玉兰一夜之间全开了。',
  '我在树下站了很久,想起小时候外婆家院子里也有这样一棵树。',
  '那时候总觉得时间很慢,一个下午可以长得像一整个夏天。',
].join('');

const draft = (date: string, title: string): EssayDraft => ({
  title,
  body: `${title}。${SENTENCES}`,
  date,
  place: null,
  tags: [],
});

let store: Store;
beforeEach(() => {
  store = memoryStore();
});
afterEach(() => store.close());

/** Essays on Nov 1 of 2021–2025 and on other days; the years given are muted later. */
function journal(): Map<string, number> {
  const ids = new Map<string, number>();
  for (const date of [
    '2021-11-01',
    '2022-11-01',
    '2023-11-01',
    '2024-11-01',
    '2025-11-01',
    '2023-05-20',
    '2024-02-29',
  ])
    ids.set(date, store.essays.insert(draft(date, `写于${date}`), `${date}.md`).id);
  return ids;
}

function refusalKey(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserFacingError) return err.key;
    throw err;
  }
  return undefined;
}

describe('muted periods', () => {
  it('keep their essays out of the day list, inclusive at both ends, and nowhere else', () => {
    const ids = journal();
    store.mutes.add({ from: '2022-11-01', to: '2023-11-01', note: '那一年' });
    const day = store.essays.onThisDay('2026-11-01');
    expect(day.essays.map((e) => e.date)).toEqual(['2025-11-01', '2024-11-01', '2021-11-01']);
    // Search, lists and show still reach them.
    const search = store.search.search('写于2022');
    expect(search.essays.map((e) => e.id)).toContain(ids.get('2022-11-01'));
    expect(store.essays.list().map((e) => e.date)).toContain('2023-11-01');
    expect(store.essays.get(ids.get('2023-11-01')!)).not.toBeNull();
    expect(store.mutes.isMuted('2023-11-01')).toBe(true);
    expect(store.mutes.isMuted('2023-11-02')).toBe(false);
  });

  it('leave the nearest days to the unmuted essays when a day has only muted ones', () => {
    journal();
    store.mutes.add({ from: '2021-01-01', to: '2025-12-31' });
    const day = store.essays.onThisDay('2026-11-01');
    expect(day.essays).toEqual([]);
    expect(day.nearest).toEqual([]);
    store.mutes.remove(store.mutes.list()[0]!.id);
    for (let year = 2021; year <= 2025; year++)
      store.mutes.add({ from: `${year}-11-01`, to: `${year}-11-01` });
    const again = store.essays.onThisDay('2026-11-01');
    expect(again.essays).toEqual([]);
    // The nearest days come from essays outside the periods only.
    expect(again.nearest.map((e) => e.date).sort()).toEqual(['2023-05-20', '2024-02-29']);
  });

  it('are never drawn by the random essay, over many seeded draws', () => {
    const ids = journal();
    store.mutes.add({ from: '2021-01-01', to: '2024-12-31' });
    const random = seededRandom(19);
    const drawn = new Set<number>();
    for (let i = 0; i < 300; i++) drawn.add(store.essays.pickRandom(random)!.id);
    expect([...drawn]).toEqual([ids.get('2025-11-01')]);
    store.mutes.add({ from: '2025-01-01', to: '2025-12-31' });
    expect(store.essays.pickRandom(random)).toBeNull();
  });

  it('keep every quote of their essays out of the draw, even when nearly the whole journal is muted', () => {
    const ids = journal();
    store.quotes.curated.add({ text: '冬天会过去的。', essayId: ids.get('2023-11-01')! });
    store.quotes.curated.add({ text: '一句没有出处的话。', essayId: null });
    store.mutes.add({ from: '2021-01-01', to: '2024-12-31' });
    const allowed = new Set([ids.get('2025-11-01'), null]);
    const random = seededRandom(7);
    let drawn = 0;
    for (let i = 0; i < 400; i++) {
      const quote = store.quotes.draw(`scope-${i % 3}`, random);
      expect(quote, `draw ${i}`).not.toBeNull();
      expect(allowed.has(quote!.essayId), `draw ${i}: ${quote!.text}`).toBe(true);
      drawn++;
    }
    expect(drawn).toBe(400);
  });

  it('are exported as one SQL condition other queries can use', () => {
    journal();
    store.mutes.add({ from: '2024-01-01', to: '2024-12-31' });
    const rows = store.db
      .prepare<[], { written_on: string }>(
        `SELECT written_on FROM essays e WHERE ${notMuted('e.written_on')} ORDER BY written_on`,
      )
      .all();
    expect(rows.map((r) => r.written_on)).not.toContain('2024-11-01');
    expect(rows.map((r) => r.written_on)).not.toContain('2024-02-29');
    expect(rows).toHaveLength(5);
  });

  it('keep the day list on its covering index', () => {
    store.mutes.add({ from: '2024-01-01', to: '2024-12-31' });
    const plan = store.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM essays INDEXED BY essays_day_list
         WHERE month_day = '11-01' AND written_on <= '2026-11-01' AND ${notMuted()}`,
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/COVERING INDEX essays_day_list/u);
  });
});

describe('a range to mute', () => {
  it('is read as the author writes dates', () => {
    expect(readMuteRange('2024.3.1', '2024年6月30日')).toEqual({
      ok: true,
      from: '2024-03-01',
      to: '2024-06-30',
    });
    expect(readMuteRange('2024-03-01', '2024-03-01')).toMatchObject({ ok: true });
    expect(readMuteRange('2000-01-01', '2099-12-31')).toMatchObject({ ok: true });
  });

  it('is refused in one sentence when reversed, impossible, not a date or over 100 years, and nothing is stored', () => {
    expect(refusalKey(() => readMuteInput('2024-06-30', '2024-03-01'))).toBe('mute.reversed');
    expect(refusalKey(() => readMuteInput('2023-02-29', '2023-03-01'))).toBe('mute.impossibleDate');
    expect(refusalKey(() => readMuteInput('yesterday', '2023-03-01'))).toBe('mute.badDate');
    expect(refusalKey(() => readMuteInput('2000-01-01', '2100-01-01'))).toBe('mute.tooLong');
    expect(refusalKey(() => readMuteInput('2000-01-01', '2001-01-01', 'x'.repeat(201)))).toBe(
      'mute.noteTooLong',
    );
    expect(store.mutes.list()).toEqual([]);
  });

  it('is refused when already muted, and an unknown id cannot be unmuted; nothing changes', () => {
    const first = store.mutes.add({ from: '2024-01-01', to: '2024-12-31', note: '  ' });
    expect(first.note).toBeNull();
    expect(refusalKey(() => store.mutes.add({ from: '2024-01-01', to: '2024-12-31' }))).toBe(
      'mute.duplicate',
    );
    expect(refusalKey(() => store.mutes.remove(first.id + 1))).toBe('mute.unknown');
    expect(store.mutes.list()).toEqual([first]);
  });
});
