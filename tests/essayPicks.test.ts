import { describe, expect, it } from 'vitest';
import type { EssayDraft } from '../src/journal/essay.js';
import { memoryStore } from './helpers/store.js';

function draft(date: string, title: string): EssayDraft {
  return { title, body: `${title}的正文。`, date, place: null, tags: [] };
}

/** `essays.pickRandom` is what `/essay random` draws: position ⌊random × n⌋ of n drawable essays. */
describe('essays.count and essays.pickRandom', () => {
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
    // A draw of i/n lands on position i: every position, once each.
    const picked = Array.from(
      { length: count },
      (_, i) => store.essays.pickRandom(() => i / count)!.id,
    );
    expect(new Set(picked).size).toBe(count);
    expect(picked.sort()).toEqual([ids[0], ids[2], ids[3], ids[5]].sort());
  });

  it('counts a year without its hidden essays, and with them when asked', () => {
    const { store } = journal();
    expect(store.essays.count({ year: 2019 })).toBe(0);
    expect(store.essays.count({ year: 2019, includeHidden: true })).toBe(2);
    expect(store.essays.count({ year: 2025 })).toBe(1);
    expect(store.essays.count({ includeHidden: true })).toBe(6);
  });
});
