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

/** `essays.suggest` is what an essay option's autocomplete offers, and how typed text names an essay. */
describe('essays.suggest', () => {
  function journal() {
    const store = memoryStore();
    const add = (date: string, title: string, body: string) =>
      store.essays.insert({ title, body, date, place: null, tags: [] }, `${date}-${title}.md`);
    const old = add('2019-03-02', '春天', '那年春天我开始写作。');
    const newer = add('2024-05-01', '夏天', `${'很长的开头。'.repeat(40)}后来才说到热爱。`);
    const secret = add('2024-06-01', '秘密', '关于热爱的秘密。');
    store.essays.setHidden(secret.id, true);
    const latin = add('2021-01-31', 'offer', '拿到了 Google 的 offer, 开心。');
    return { store, old, newer, secret, latin };
  }

  it('finds the newest essays whose title or text holds the words, however deep in the text', () => {
    const { store, newer, secret } = journal();
    expect(store.essays.suggest('热爱', 25).map((e) => e.id)).toEqual([newer.id]);
    expect(store.essays.suggest('热爱', 25, { includeHidden: true }).map((e) => e.id)).toEqual([
      secret.id,
      newer.id,
    ]);
    expect(store.essays.suggest('夏天', 25).map((e) => e.id)).toEqual([newer.id]);
  });

  it('finds essays by a date typed in part, and Latin words in any case', () => {
    const { store, old, latin } = journal();
    expect(store.essays.suggest('2019-03', 25).map((e) => e.id)).toEqual([old.id]);
    expect(store.essays.suggest('2021', 25).map((e) => e.id)).toEqual([latin.id]);
    expect(store.essays.suggest('GOOGLE', 25).map((e) => e.id)).toEqual([latin.id]);
  });

  it('offers the newest essays for nothing typed, and nothing for a word no essay has', () => {
    const { store, newer, latin, old } = journal();
    expect(store.essays.suggest('', 2).map((e) => e.id)).toEqual([newer.id, latin.id]);
    expect(store.essays.suggest('', 25).map((e) => e.id)).toEqual([newer.id, latin.id, old.id]);
    expect(store.essays.suggest('鲸鱼', 25)).toEqual([]);
    expect(store.essays.suggest('“”', 25)).toEqual([]);
  });
});
