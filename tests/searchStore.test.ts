import { describe, expect, it } from 'vitest';
import { importPaths } from '../src/import/importFiles.js';
import { join } from 'node:path';
import { fixedClock } from '../src/clock.js';
import { openStore } from '../src/store/index.js';
import { memoryStore, tempDir } from './helpers/store.js';

const draft = (date: string, body: string, title: string | null = null) => ({
  title,
  body,
  date,
  place: null,
  tags: [] as string[],
});

function seeded() {
  const store = memoryStore();
  importPaths(store, ['data/essays']);
  return store;
}

describe('searching the journal', () => {
  it.each([
    '热爱',
    '自洽',
    '菜',
    '1%的天才',
    'shinji',
    'Shin',
    '热爱 天才',
    '熱愛',
    'AI翻译',
    '"我何其幸运"',
  ])('finds the seed essay for %s', (query) => {
    const store = seeded();
    const page = store.search.search(query);
    expect(page.total).toBe(1);
    expect(page.essays[0]!.date).toBe('2025-11-01');
  });

  it.each(['北京大学', 'hinji', '热爱 北极熊', '天才热爱', 'converges'])(
    'finds nothing for %s',
    (query) => {
      expect(seeded().search.search(query).total).toBe(0);
    },
  );

  it.each([
    'AND',
    'OR NOT',
    'NEAR(a b)',
    '"',
    '*',
    '-foo',
    'a:b',
    '^x',
    '((',
    '热爱*',
    'title:热爱',
    '💥',
    '\u202E',
  ])('treats FTS syntax as text: %s', (query) => {
    expect(() => seeded().search.search(query)).not.toThrow();
  });

  it('tells Latin touching Han from the two apart, from the index alone', () => {
    const store = memoryStore();
    const joined = store.essays.insert(draft('2025-01-01', '我的AI助手，2024年的事'), 'test');
    store.essays.insert(draft('2025-01-02', '我的, AI 助手；2024 年的事'), 'test');
    for (const query of ['的AI', 'AI助手', '2024年', '的ai助']) {
      const page = store.search.search(query);
      expect(page.query?.exact).toBe(true);
      expect({ query, total: page.total, ids: page.essays.map((e) => e.id) }).toEqual({
        query,
        total: 1,
        ids: [joined.id],
      });
    }
    expect(store.search.search('AI').total).toBe(2);
    expect(store.search.search('的').total).toBe(2);
  });

  it('ranks title matches above body matches, ties newest first', () => {
    const store = memoryStore();
    const body = store.essays.insert(draft('2024-01-01', '今天想到了热爱这件事。'), 't');
    const older = store.essays.insert(draft('2020-01-01', '关于热爱。'), 't');
    const titled = store.essays.insert(draft('2019-01-01', '正文没有那个词。', '热爱'), 't');
    const ids = store.search.search('热爱').essays.map((e) => e.id);
    expect(ids[0]).toBe(titled.id);
    expect(ids.slice(1).sort()).toEqual([body.id, older.id].sort());
  });

  it('keeps the index in step with edits, hiding and deletion', () => {
    const store = memoryStore();
    const essay = store.essays.insert(draft('2024-01-01', '北京的冬天。'), 't');
    expect(store.search.search('北京').total).toBe(1);
    store.essays.update(essay.id, draft('2024-01-01', '上海的冬天。'));
    expect(store.search.search('北京').total).toBe(0);
    expect(store.search.search('上海').total).toBe(1);
    store.essays.setHidden(essay.id, true);
    expect(store.search.search('上海').total).toBe(0);
    expect(store.search.search('上海', { includeHidden: true }).total).toBe(1);
    store.essays.delete(essay.id);
    expect(store.search.search('上海', { includeHidden: true }).total).toBe(0);
  });

  it('counts exactly and ranks a query that matches most essays by date', () => {
    const store = memoryStore();
    for (let i = 0; i < 600; i++)
      store.essays.insert(
        draft(
          `20${String(10 + (i % 15))}-01-${String(1 + (i % 28)).padStart(2, '0')}`,
          `第${i}篇的文字。`,
        ),
        't',
      );
    const page = store.search.search('的', { limit: 5 });
    expect(page.total).toBe(600);
    const dates = page.essays.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('lists a common query newest first whether its matches are recent, bunched in old essays or hidden', () => {
    const store = memoryStore();
    // 300 essays, one a day; 的 is in all, 热爱 only in the oldest 220, and the newest three are hidden.
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    const ids: number[] = [];
    for (let i = 0; i < 300; i++)
      ids.push(
        store.essays.insert(draft(day(i), `第${i}篇的文字${i < 220 ? '，热爱' : ''}。`), 't').id,
      );
    for (const id of ids.slice(-3)) store.essays.setHidden(id, true);
    const newest = (n: number, from: number[]) => [...from].reverse().slice(0, n);
    for (const [query, matching] of [
      ['的', ids],
      ['热爱', ids.slice(0, 220)],
    ] as const) {
      for (const includeHidden of [false, true]) {
        const visible = includeHidden
          ? matching
          : matching.filter((id) => !ids.slice(-3).includes(id));
        for (const offset of [0, 10, 195, 290]) {
          const page = store.search.search(query, { limit: 10, offset, includeHidden });
          expect(page.total).toBe(visible.length);
          expect(page.essays.map((e) => e.id)).toEqual(newest(offset + 10, visible).slice(offset));
        }
      }
    }
  });

  it('pages results', () => {
    const store = memoryStore();
    for (let i = 1; i <= 12; i++)
      store.essays.insert(
        draft(`2020-01-${String(i).padStart(2, '0')}`, `热爱${'。'.repeat(i)}`),
        't',
      );
    const first = store.search.search('热爱', { limit: 10 });
    const second = store.search.search('热爱', { limit: 10, offset: 10 });
    expect(first.total).toBe(12);
    expect(first.essays).toHaveLength(10);
    expect(second.essays).toHaveLength(2);
    expect(new Set([...first.essays, ...second.essays].map((e) => e.id)).size).toBe(12);
  });

  it('re-indexes essays already in the database when the index was built by other rules', () => {
    const dir = tempDir();
    const path = join(dir.dir, 'j.db');
    const first = openStore(path, fixedClock('2026-11-29T00:00:00Z'));
    importPaths(first, ['data/essays']);
    first.db.exec('DELETE FROM essay_search');
    first.meta.set('search:index-version', 'old');
    expect(first.search.search('热爱').total).toBe(0);
    first.close();
    const reopened = openStore(path, fixedClock('2026-11-29T00:00:00Z'));
    expect(reopened.search.search('热爱').total).toBe(1);
    reopened.close();
    dir.cleanup();
  });
});
