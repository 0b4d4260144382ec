import { describe, expect, it } from 'vitest';
import type { EssayDraft } from '../src/journal/essay.js';
import { memoryStore } from './helpers/store.js';

function draft(date: string, title: string): EssayDraft {
  return { title, body: `${title}的正文。`, date, place: null, tags: [] };
}

/** `essays.nth` is what `/essay random` draws from: position i of n visible essays. */
describe('essays.count and essays.nth (random picks)', () => {
  // Dates out of id order, so counting off by date is not counting off by id.
  const dates = [
    '2024-03-01',
    '2019-07-09',
    '2025-11-01',
    '2021-01-31',
    '2019-07-09',
    '2023-02-28',
  ];

  function journal() {
    const store = memoryStore();
    const ids = dates.map((d, i) => store.essays.insert(draft(d, `第${i}篇`), `e${i}.md`).id);
    store.essays.setHidden(ids[1]!, true);
    store.essays.setHidden(ids[4]!, true);
    return { store, ids };
  }

  it('reaches every visible essay exactly once and never a hidden one', () => {
    const { store, ids } = journal();
    const count = store.essays.count();
    expect(count).toBe(4);
    const picked = Array.from({ length: count }, (_, i) => store.essays.nth(i)!.id);
    expect(new Set(picked).size).toBe(count);
    expect(picked.sort()).toEqual([ids[0], ids[2], ids[3], ids[5]].sort());
    expect(store.essays.nth(count)).toBeNull();
  });

  it('counts a year without its hidden essays, and with them when asked', () => {
    const { store } = journal();
    expect(store.essays.count({ year: 2019 })).toBe(0);
    expect(store.essays.count({ year: 2019, includeHidden: true })).toBe(2);
    expect(store.essays.count({ year: 2025 })).toBe(1);
    expect(store.essays.count({ includeHidden: true })).toBe(6);
  });

  it('includes hidden essays only when asked', () => {
    const { store, ids } = journal();
    const all = Array.from(
      { length: ids.length },
      (_, i) => store.essays.nth(i, { includeHidden: true })!.id,
    );
    expect(all.sort()).toEqual([...ids].sort());
  });
});
