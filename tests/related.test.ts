import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EssayDraft } from '../src/journal/essay.js';
import { essayTerms, sharedWords } from '../src/journal/related.js';
import type { Store } from '../src/store/index.js';
import { expectOneLineRefusal, journalJson, runJournal } from './helpers/run.js';
import { memoryStore, tempDir } from './helpers/store.js';
import { handlerContext, outcome, STRANGER } from './helpers/handlers.js';
import { runComponent } from '../src/commands/index.js';

/** Everyday words every essay of this journal uses: they must relate nothing. */
const COMMON = '今天我们的生活很好,天气也很好,我们一起吃饭散步。';

const draft = (title: string, body: string, over: Partial<EssayDraft> = {}): EssayDraft => ({
  title,
  body,
  date: '2024-05-01',
  place: null,
  tags: [],
  ...over,
});

/**
 * A source essay about 天才少年 and 自洽; one essay sharing those rare words,
 * one sharing only the common sentence (and a word every filler essay has),
 * a hidden one sharing them more than anyone, two that share one rare word
 * each (one at the source's place, spelled in traditional), and fillers.
 */
const JOURNAL: Array<[string, EssayDraft]> = [
  [
    'source',
    draft('源', `${COMMON}我热爱那个自洽的天才少年。天才少年总是自洽。还有萤火虫。`, {
      place: '台北',
      tags: ['成长'],
    }),
  ],
  ['rare', draft('稀有', `${COMMON}他也是天才少年,而且自洽。`, { date: '2023-03-03' })],
  ['common', draft('寻常', `${COMMON}${COMMON}生活很好。`)],
  ['hidden', draft('秘密', `${COMMON}天才少年,天才少年,自洽,自洽,热爱。`, { hidden: true })],
  ['samePlace', draft('同地', `${COMMON}夏夜的萤火虫。`, { place: '臺北' })],
  ['otherPlace', draft('异地', `${COMMON}草丛里的萤火虫。`, { place: '东京' })],
  ...Array.from({ length: 30 }, (_, i): [string, EssayDraft] => [
    `filler${i}`,
    draft(
      `杂记${i}`,
      `${COMMON}第${i}件小事:${'山川河流草木虫鱼鸟兽'.slice(i % 8, (i % 8) + 2)}。`,
    ),
  ]),
];

let store: Store;
const ids = new Map<string, number>();
beforeAll(() => {
  store = memoryStore();
  for (const [name, d] of JOURNAL) {
    const essay = store.essays.insert(d, `test:${name}`);
    if (d.hidden) store.essays.setHidden(essay.id, true);
    ids.set(name, essay.id);
  }
});
afterAll(() => store.close());

const idOf = (name: string) => ids.get(name)!;
const related = (name: string, includeHidden = false) =>
  store.related.relatedTo(store.essays.get(idOf(name), { includeHidden: true })!, {
    includeHidden,
  });

/** search_terms as a recount from scratch would fill it. */
function recount(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const essay of store.essays.all({ includeHidden: true }))
    for (const term of essayTerms(essay).keys()) counts[term] = (counts[term] ?? 0) + 1;
  return counts;
}
function stored(): Record<string, number> {
  store.related.flush();
  const rows = store.db
    .prepare<[], { term: string; essays: number }>('SELECT term, essays FROM search_terms')
    .all();
  return Object.fromEntries(rows.map((r) => [r.term, r.essays]));
}

describe('related essays', () => {
  it('ranks the essay sharing the rare words above one sharing only common ones, and names the words', () => {
    const list = related('source');
    const names = list.map((r) => r.essay.title);
    expect(names[0]).toBe('稀有');
    expect(names).not.toContain('寻常');
    expect(list[0]!.shared).toEqual(expect.arrayContaining(['天才少年', '自洽']));
    expect(list[0]!.shared.join()).not.toMatch(/我们|生活|天气/u);
    expect(list.length).toBeLessThanOrEqual(3);
  });

  it('never shows a hidden essay to a non-author, and does to an author', () => {
    expect(related('source').map((r) => r.essay.id)).not.toContain(idOf('hidden'));
    expect(related('source', true)[0]!.essay.id).toBe(idOf('hidden'));
  });

  it('never shows an essay of a muted period, and does again once unmuted', () => {
    const period = store.mutes.add({ from: '2023-03-01', to: '2023-03-31' });
    expect(related('source').map((r) => r.essay.id)).not.toContain(idOf('rare'));
    store.mutes.remove(period.id);
    expect(related('source')[0]!.essay.id).toBe(idOf('rare'));
  });

  it('lifts an essay written at the same place, in another spelling', () => {
    const names = related('source').map((r) => r.essay.title);
    expect(names).toContain('同地');
    expect(names.indexOf('同地')).toBeLessThan(
      names.includes('异地') ? names.indexOf('异地') : Infinity,
    );
  });

  it('counts Han bigrams (astral characters too) and words, not lone characters or numbers', () => {
    const terms = essayTerms({ title: '𠀀𠀁字', body: '热爱 AI 2025 的', tags: ['旅行'] });
    expect([...terms.keys()].sort()).toEqual(['ai', '旅行', '热爱', '𠀀𠀁', '𠀁字'].sort());
  });

  it('shows shared words as the related essay writes them, neighbouring bigrams joined', () => {
    expect(
      sharedWords({ title: null, body: '他是天才少年,很自洽。', tags: [] }, [
        '才少',
        '天才',
        '少年',
        '自洽',
      ]),
    ).toEqual(['天才少年', '自洽']);
    expect(sharedWords({ title: null, body: '熱愛生活', tags: [] }, ['热爱'])).toEqual(['熱愛']);
    // A run across a particle is cut there; a bigram that is half particle alone is not a word.
    expect(
      sharedWords({ title: null, body: '那个自洽的天才', tags: [] }, [
        '自洽',
        '洽的',
        '的天',
        '天才',
      ]),
    ).toEqual(['自洽的天才']);
    expect(sharedWords({ title: null, body: '我的天', tags: [] }, ['的天', '我的'])).toEqual([]);
  });

  it('keeps the term counts equal to a recount through edit, hide, trash, delete and restore', () => {
    expect(stored()).toEqual(recount());
    const rare = store.essays.get(idOf('rare'))!;
    store.essays.update(rare.id, draft('稀有', '改写了,只剩下寻常的话。'));
    expect(stored()).toEqual(recount());
    expect(related('source').map((r) => r.essay.id)).not.toContain(rare.id);
    store.essays.setHidden(idOf('common'), true);
    store.essays.setHidden(idOf('common'), false);
    expect(stored()).toEqual(recount());
    store.trash.put(idOf('filler1'), null);
    store.essays.delete(idOf('filler2'));
    expect(stored()).toEqual(recount());
    store.trash.restore(idOf('filler1'));
    expect(stored()).toEqual(recount());
  });

  it('counts the essays of one transaction once, at its end, and none of a rolled-back one', () => {
    const waiting = () =>
      store.db
        .prepare<[], { n: number }>(
          'SELECT count(*) AS n FROM search_term_essays WHERE counted = 0',
        )
        .get()!.n;
    const before = stored();
    // Three batches' worth (a batch is an eighth of the essays counted): held until the end.
    const added = Array.from({ length: 20 }, (_, i) =>
      draft(`批量${i}`, `${COMMON}批量写入的第${i}篇,关于风筝与${'春夏秋冬'[i % 4]}天。`),
    );
    store.transaction(() => {
      added.forEach((d, i) => store.essays.insert(d, `test:bulk${i}`));
      expect(waiting()).toBe(added.length);
    });
    expect(waiting()).toBe(0);
    expect(stored()).toEqual(recount());
    expect(() =>
      store.transaction(() => {
        store.essays.insert(draft('回滚', `${COMMON}不会留下的独角兽。`), 'test:rolled-back');
        throw new Error('stop halfway');
      }),
    ).toThrow('stop halfway');
    expect(stored()).toEqual(recount());
    expect(stored()).not.toEqual(before);
  });
});

describe('the Related button', () => {
  it('answers an unknown or hidden essay in one sentence, in the reader’s language', async () => {
    for (const id of [9999, idOf('hidden')]) {
      for (const [locale, sentence] of [
        ['en-US', 'That essay no longer exists (it may have been deleted).'],
        ['zh-CN', '这篇文章已不存在(可能已被删除)。'],
      ] as const) {
        const ctx = handlerContext(store, { caller: STRANGER, locale });
        expect((await outcome(() => runComponent(ctx, `essay:related:${id}`), locale)).error).toBe(
          sentence,
        );
      }
    }
  });

  it('answers privately, hidden essays left out for a non-author', async () => {
    const ctx = handlerContext(store, { caller: STRANGER });
    const reply = await runComponent(ctx, `essay:related:${idOf('source')}`);
    expect(reply).toMatchObject({ kind: 'message', ephemeral: true });
    const text = JSON.stringify(reply);
    // The hidden essay shares the most with it.
    expect(text).toContain('萤火虫');
    expect(text).not.toContain('秘密');
  });
});

describe('journal related', () => {
  const t = tempDir('journal-related-');
  const db = join(t.dir, 'journal.db');
  const dir = join(t.dir, 'essays');
  const env = { JOURNAL_DB: db, JOURNAL_DIR: dir, JOURNAL_TIMEZONE: 'Asia/Shanghai' };
  afterAll(() => t.cleanup());

  beforeAll(async () => {
    mkdirSync(dir);
    JOURNAL.forEach(([name, d], i) => {
      const front = [`title: ${d.title}`, `date: 2024-05-${String((i % 28) + 1).padStart(2, '0')}`];
      if (d.place) front.push(`place: ${d.place}`);
      if (d.hidden) front.push('hidden: true');
      writeFileSync(join(dir, `${name}.md`), `---\n${front.join('\n')}\n---\n${d.body}\n`);
    });
    const r = await runJournal(['import', dir], { env });
    expect(r.code, r.stderr).toBe(0);
  });

  it('prints { essay, related: [essay + shared] }, hidden essays included for the author', async () => {
    const list = await journalJson(['list', '--json'], { env });
    const source = list.essays.find((e: { title: string }) => e.title === '源');
    const out = await journalJson(['related', String(source.id), '--json'], { env });
    expect(out.essay).toMatchObject({ id: source.id, title: '源', place: '台北' });
    expect(out.related[0]).toMatchObject({ title: '秘密', hidden: true });
    expect(out.related[1]).toMatchObject({ title: '稀有', hidden: false });
    expect(out.related[1].shared).toEqual(expect.arrayContaining(['天才少年', '自洽']));
    expect(Object.keys(out.related[1])).toEqual(
      expect.arrayContaining(['id', 'date', 'tags', 'shared']),
    );
  });

  it('refuses an unknown id in one line', async () => {
    expectOneLineRefusal(await runJournal(['related', '999'], { env }), /no essay #999/u);
    expectOneLineRefusal(await runJournal(['related', 'x'], { env }), /expected an essay id/u);
  });
});
