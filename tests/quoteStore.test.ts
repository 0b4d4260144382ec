import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.js';
import { importPaths } from '../src/import/importFiles.js';
import type { EssayDraft } from '../src/journal/essay.js';
import { extractQuotes, isQuotableLength } from '../src/journal/quotes.js';
import {
  chooseSource,
  CURATED_SHARE,
  drawQuote,
  recentWindow,
  RECENT_LIMIT,
  type QuotePool,
} from '../src/journal/quoteDraw.js';
import { openStore, type Store } from '../src/store/index.js';
import { curatedKey, type Quote } from '../src/store/quotes.js';
import { memoryStore, tempDir } from './helpers/store.js';
import { seededRandom } from './helpers/seededRandom.js';

const draft = (body: string, date = '2024-03-05', title: string | null = '春天'): EssayDraft => ({
  title,
  body,
  date,
  place: '上海',
  tags: [],
});

const SPRING = [
  '春天终于来了,楼下的玉兰一夜之间全开了。',
  '我在树下站了很久,想起小时候外婆家院子里也有这样一棵树。',
  '那时候总觉得时间很慢,一个下午可以长得像一整个夏天。',
].join('');
const WINTER = [
  '冬天的波士顿安静得让人有些不知所措。',
  'The first snow fell on a Tuesday, and nobody in the lab even looked up from their screens.',
  '我把窗户打开一条缝,让冷空气进来提醒自己还醒着。',
].join('\n');

/** The seed essay plus two small ones: a journal of three essays. */
function smallJournal(): Store {
  const store = memoryStore();
  importPaths(store, ['data/essays']);
  store.essays.insert(draft(SPRING), 'discord');
  store.essays.insert(draft(WINTER, '2023-01-10', '冬天'), 'discord');
  return store;
}

let cleanup = () => {};
afterEach(() => {
  cleanup();
  cleanup = () => {};
});

/** The essay a drawn quote comes from, and its verbatim check. */
function expectVerbatim(store: Store, quote: Quote): void {
  if (quote.kind !== 'extracted') return;
  const essay = store.essays.get(quote.essayId)!;
  expect(essay, `essay ${quote.essayId} of ${quote.text}`).not.toBeNull();
  expect(Array.from(essay.body).slice(quote.start, quote.end).join('')).toBe(quote.text);
}

describe('extracted quotes follow the essays', () => {
  it('stores every quote of an essay with its offsets when it is added', () => {
    const store = smallJournal();
    const spring = store.essays.list().find((e) => e.title === '春天')!;
    expect(store.quotes.forEssay(spring.id).map((q) => q.text)).toEqual(
      extractQuotes(SPRING).map((q) => q.text),
    );
    expect(store.quotes.poolSize()).toBe(43 + 3 + 3);
  });

  it('re-extracts when an essay is edited: new sentences in, old ones out, search agrees', () => {
    const store = smallJournal();
    const spring = store.essays.list().find((e) => e.title === '春天')!;
    expect(store.quotes.search('玉兰').total).toBe(1);
    store.essays.update(spring.id, draft('秋天的银杏叶落满了整条街,踩上去沙沙作响。'));
    expect(store.quotes.forEssay(spring.id).map((q) => q.text)).toEqual([
      '秋天的银杏叶落满了整条街,踩上去沙沙作响。',
    ]);
    expect(store.quotes.search('玉兰').total).toBe(0);
    expect(store.quotes.search('银杏').quotes.map((q) => q.text)).toEqual([
      '秋天的银杏叶落满了整条街,踩上去沙沙作响。',
    ]);
  });

  it('pages a search across saved and extracted quotes: every page is its slice of the whole list', () => {
    const store = memoryStore();
    const sentences = Array.from(
      { length: 23 },
      (_, i) => `第${i + 1}次路过那条河,河水还是那么安静地流着。`,
    );
    store.essays.insert(draft(sentences.slice(0, 12).join('')), 'test:a');
    store.essays.insert(draft(sentences.slice(12).join(''), '2024-04-01'), 'test:b');
    for (const text of ['河水不会倒流,人也一样。', '我们都是河水里的一滴。'])
      store.quotes.curated.add({ text });
    const whole = store.quotes.search('河水', { limit: 100 });
    expect(whole.total).toBe(25);
    expect(whole.quotes).toHaveLength(25);
    for (const offset of [0, 1, 2, 3, 10, 20, 24, 25, 30]) {
      const page = store.quotes.search('河水', { offset, limit: 5 });
      expect(page.total).toBe(25);
      expect(page.quotes.map((q) => q.key)).toEqual(
        whole.quotes.slice(offset, offset + 5).map((q) => q.key),
      );
    }
  });

  it("drops a hidden essay's quotes and brings them back when it is unhidden", () => {
    const store = smallJournal();
    const spring = store.essays.list().find((e) => e.title === '春天')!;
    store.essays.setHidden(spring.id, true);
    expect(store.quotes.forEssay(spring.id)).toEqual([]);
    expect(store.quotes.search('玉兰').total).toBe(0);
    store.essays.setHidden(spring.id, false);
    expect(store.quotes.forEssay(spring.id)).toHaveLength(3);
  });

  it("removes a deleted essay's quotes and restores them with the essay from the trash", () => {
    const store = smallJournal();
    const spring = store.essays.list().find((e) => e.title === '春天')!;
    store.trash.put(spring.id, null);
    expect(store.quotes.forEssay(spring.id)).toEqual([]);
    expect(store.quotes.search('玉兰').total).toBe(0);
    expect(
      store.db.prepare('SELECT count(*) AS n FROM quote_spans WHERE essay_id = ?').get(spring.id),
    ).toEqual({ n: 0 });
    store.trash.restore(spring.id);
    expect(store.quotes.forEssay(spring.id)).toHaveLength(3);
  });

  it('extracts the quotes of essays already in a database the first time it is opened by this version', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'journal.db');
    const first = openStore(path, fixedClock('2026-11-29T00:00:00Z'));
    importPaths(first, ['data/essays']);
    // As if the quote tables had just been created by the migration.
    first.db.exec(`DELETE FROM quote_spans; DELETE FROM meta WHERE key LIKE 'quotes:%'`);
    first.close();
    const second = openStore(path, fixedClock('2026-11-29T00:00:00Z'));
    expect(second.quotes.poolSize()).toBe(43);
    expect(second.quotes.search('菜').total).toBeGreaterThan(0);
    second.close();
  });
});

describe('drawing quotes', () => {
  it("gives 200 verbatim quotes from several essays with no immediate repeat, never a hidden essay's", () => {
    const store = smallJournal();
    const hidden = store.essays.insert(
      draft('这是一篇被藏起来的文章,里面的句子谁也不该看到。', '2022-02-02', '秘密'),
      'discord',
    );
    store.essays.setHidden(hidden.id, true);
    const random = seededRandom(42);
    const drawn: Quote[] = [];
    for (let i = 0; i < 200; i++) drawn.push(store.quotes.draw('channel-1', random)!);

    const essays = new Set<number>();
    drawn.forEach((quote, i) => {
      expect(quote.kind).toBe('extracted');
      expectVerbatim(store, quote);
      expect(isQuotableLength(quote.text)).toBe(true);
      if (quote.kind === 'extracted') {
        expect(quote.essayId).not.toBe(hidden.id);
        essays.add(quote.essayId);
      }
      if (i > 0) expect(quote.key).not.toBe(drawn[i - 1]!.key);
    });
    expect(essays.size).toBe(3);
  });

  it("shows 20 different quotes in 20 draws of the seed's 43, remembered across a restart", () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'journal.db');
    const clock = fixedClock('2026-11-29T00:00:00Z');
    const random = seededRandom(7);
    const keys: string[] = [];
    for (let i = 0; i < 20; i++) {
      // A new process each time: the window lives in the database.
      const store = openStore(path, clock);
      if (i === 0) importPaths(store, ['data/essays']);
      keys.push(store.quotes.draw('cli', random)!.key);
      store.close();
    }
    expect(new Set(keys).size).toBe(20);
  });

  it('keeps separate windows per channel and only the newest 20 keys per channel', () => {
    const store = smallJournal();
    const random = seededRandom(3);
    for (let i = 0; i < 30; i++) store.quotes.draw('a', random);
    store.quotes.draw('b', random);
    expect(store.quotes.recentlyShown('a', 'extracted', 100)).toHaveLength(RECENT_LIMIT);
    expect(store.quotes.recentlyShown('b', 'extracted', 100)).toHaveLength(1);
  });

  it('alternates between the two quotes of a journal that has only two', () => {
    const store = memoryStore();
    store.essays.insert(
      draft('我们终将在时间里慢慢学会和自己和解。后来才知道,平凡的日子也值得被认真记下来。'),
      'discord',
    );
    expect(store.quotes.poolSize()).toBe(2);
    const random = seededRandom(1);
    const texts = Array.from({ length: 6 }, () => store.quotes.draw('x', random)!.text);
    for (let i = 1; i < texts.length; i++) expect(texts[i]).not.toBe(texts[i - 1]);
  });

  it('never shows a lone curated quote twice in a row', () => {
    const store = smallJournal();
    store.quotes.curated.add({ text: '人生没有白走的路,每一步都算数。' });
    const random = seededRandom(11);
    const draws = Array.from({ length: 100 }, () => store.quotes.draw('c', random)!);
    expect(draws.filter((q) => q.kind === 'curated').length).toBeGreaterThan(20);
    for (let i = 1; i < draws.length; i++) expect(draws[i]!.key).not.toBe(draws[i - 1]!.key);
  });

  it('returns null for an empty journal', () => {
    expect(memoryStore().quotes.draw('x', Math.random)).toBeNull();
  });

  it('mixes curated quotes in, about half the draws, and never one tied to a hidden or deleted essay', () => {
    const store = smallJournal();
    const winter = store.essays.list().find((e) => e.title === '冬天')!;
    const free = store.quotes.curated.add({
      text: '人生没有白走的路,每一步都算数。',
      savedBy: '1',
    });
    const tied = store.quotes.curated.add({
      text: '冬天的波士顿安静得让人有些不知所措。',
      essayId: winter.id,
      savedBy: '1',
    });
    const random = seededRandom(9);
    const draws = Array.from({ length: 400 }, () => store.quotes.draw('c', random)!);
    const curated = draws.filter((q) => q.kind === 'curated');
    expect(curated.length / draws.length).toBeGreaterThan(CURATED_SHARE - 0.1);
    expect(curated.length / draws.length).toBeLessThan(CURATED_SHARE + 0.1);
    expect(new Set(curated.map((q) => q.id))).toEqual(new Set([free.id, tied.id]));
    for (let i = 1; i < draws.length; i++) expect(draws[i]!.key).not.toBe(draws[i - 1]!.key);

    store.essays.setHidden(winter.id, true);
    const whileHidden = Array.from({ length: 50 }, () => store.quotes.draw('c', random)!);
    expect(whileHidden.some((q) => q.key === curatedKey(tied.id))).toBe(false);
    expect(store.quotes.curated.get(tied.id)?.visible).toBe(false);
    store.essays.setHidden(winter.id, false);
    store.trash.put(winter.id, null);
    expect(store.quotes.curated.get(tied.id)?.visible).toBe(false);
    expect(store.quotes.curated.list().map((q) => q.id)).toEqual([free.id]);
    expect(store.quotes.curated.list({ includeHidden: true })).toHaveLength(2);
    store.trash.restore(winter.id);
    expect(store.quotes.curated.get(tied.id)).toMatchObject({ visible: true, essayId: winter.id });
  });
});

describe('the draw plan', () => {
  it('skips 20 recent quotes, or half of a small pool', () => {
    expect([0, 1, 2, 5, 43, 1000].map(recentWindow)).toEqual([0, 0, 1, 2, 20, 20]);
  });

  it('takes curated quotes half the time while both kinds have some, else the kind that has', () => {
    expect(chooseSource({ curated: 0, extracted: 0 }, () => 0.5)).toBeNull();
    expect(chooseSource({ curated: 0, extracted: 10 }, () => 0)).toBe('extracted');
    expect(chooseSource({ curated: 3, extracted: 0 }, () => 0.99)).toBe('curated');
    expect(chooseSource({ curated: 3, extracted: 10 }, () => 0.25)).toBe('curated');
    expect(chooseSource({ curated: 3, extracted: 10 }, () => 0.75)).toBe('extracted');
  });

  /** A pool of `size` quotes named by position, with the given keys recent; counts its reads. */
  function fakePool(size: number, recent: string[] = []) {
    const reads = { n: 0 };
    const at = (i: number) => {
      reads.n++;
      return size === 0 ? null : { key: `q${i % size}`, i: i % size };
    };
    const pool: QuotePool<{ key: string; i: number }> = {
      size,
      pick: (random) => at(Math.floor(random() * size)),
      next: (q) => at(q.i + 1),
      recent: new Set(recent),
    };
    return { pool, reads };
  }

  it('finds the one quote that is not recent in a bounded number of reads, even when every pick is unlucky', () => {
    const recent = Array.from({ length: 20 }, (_, i) => `q${i}`);
    const extracted = fakePool(21, recent);
    const curated = fakePool(0);
    // Every random pick lands on q0, which is recent: only the walk past the picks reaches q20.
    const got = drawQuote({ extracted: extracted.pool, curated: curated.pool }, 'q0', () => 0);
    expect(got?.key).toBe('q20');
    expect(extracted.reads.n).toBeLessThanOrEqual(8 + RECENT_LIMIT + 2);
  });

  it('never repeats the last quote while there is another, and shows a lone quote again', () => {
    const two = fakePool(2);
    const none = fakePool(0);
    expect(drawQuote({ extracted: two.pool, curated: none.pool }, 'q0', () => 0)?.key).toBe('q1');
    const one = fakePool(1);
    expect(drawQuote({ extracted: one.pool, curated: none.pool }, 'q0', () => 0)?.key).toBe('q0');
    expect(drawQuote({ extracted: none.pool, curated: none.pool }, null, () => 0)).toBeNull();
  });
});

describe('the draw at full size', () => {
  it('keeps the draw positions dense (1..n) through edits, hides and deletions', () => {
    const store = smallJournal();
    const positions = () =>
      store.db.prepare('SELECT seq FROM quote_spans ORDER BY seq').pluck().all() as number[];
    const dense = () => expect(positions()).toEqual(positions().map((_, i) => i + 1));
    const [a, b] = store.essays.list();
    store.essays.setHidden(a!.id, true);
    dense();
    store.essays.update(b!.id, draft(`${SPRING}\n${WINTER}`));
    dense();
    store.trash.put(b!.id, null);
    dense();
    store.essays.setHidden(a!.id, false);
    dense();
    expect(positions().length).toBe(store.quotes.poolSize());
  });

  it('reads the quote at a position by primary key, without scanning the quotes or counting them', () => {
    const store = smallJournal();
    const plan = (sql: string, ...args: unknown[]) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('\n');
    expect(plan('SELECT max(seq) FROM quote_spans')).not.toMatch(/SCAN quote_spans/u);
    expect(
      plan(
        'SELECT substr(e.body, q.start + 1, q.length) FROM quote_spans q JOIN essays e ON e.id = q.essay_id WHERE q.seq = ?',
        1,
      ),
    ).toMatch(/SEARCH q USING INTEGER PRIMARY KEY/u);
  });
});

describe('curated quotes', () => {
  it('keep a message link and who saved them, newest first', () => {
    const store = memoryStore();
    const a = store.quotes.curated.add({ text: '第一句被收藏的话,写得足够长了。', savedBy: '100' });
    const b = store.quotes.curated.add({
      text: '第二句来自一条消息,也写得足够长。',
      message: {
        guildId: 'g',
        channelId: 'c',
        messageId: 'm1',
        url: 'https://discord.com/channels/g/c/m1',
        authorId: '200',
        sentAt: '2026-11-20T09:15:00.000Z',
      },
      savedBy: '100',
    });
    expect(store.quotes.curated.list().map((q) => q.id)).toEqual([b.id, a.id]);
    expect(store.quotes.curated.byMessage('m1')).toMatchObject({
      id: b.id,
      savedBy: '100',
      message: { authorId: '200', url: 'https://discord.com/channels/g/c/m1' },
    });
    expect(store.quotes.curated.byText(a.text)?.id).toBe(a.id);
    expect(store.quotes.curated.suggest('消息', 25).map((q) => q.id)).toEqual([b.id]);
    expect(store.quotes.curated.suggest(String(a.id), 25)[0]?.id).toBe(a.id);
    expect(store.quotes.curated.remove(a.id)?.id).toBe(a.id);
    expect(store.quotes.curated.remove(a.id)).toBeNull();
    expect(store.quotes.curated.count()).toBe(1);
  });
});

describe('searching quotes', () => {
  it('finds one- and two-character Chinese queries in sentences, curated ones first', () => {
    const store = smallJournal();
    const curated = store.quotes.curated.add({ text: '菜不菜不重要,重要的是一直在路上。' });
    const one = store.quotes.search('菜');
    expect(one.quotes[0]?.id).toBe(curated.id);
    expect(one.quotes.map((q) => q.text)).toContain(
      '我没有自己想象的那么菜,也没有自己想象的那么强',
    );
    for (const q of one.quotes) expect(q.text).toContain('菜');
    const two = store.quotes.search('天才');
    expect(two.total).toBeGreaterThan(1);
    for (const q of two.quotes) expect(q.text).toContain('天才');
  });

  it('finds only sentences that hold every term, and reads them whole after emoji', () => {
    const store = memoryStore();
    const essay = store.essays.insert(
      draft(
        '今天好开心😀😀,我们去海边看了一整天的日落。后来下起了雨🌧️,大家躲在屋檐下唱了很久的歌。',
      ),
      'discord',
    );
    // Both terms are in the essay, but in different sentences: no sentence matches.
    expect(store.quotes.search('日落 屋檐').total).toBe(0);
    expect(store.quotes.search('屋檐').quotes).toEqual([
      expect.objectContaining({
        essayId: essay.id,
        text: '后来下起了雨🌧️,大家躲在屋檐下唱了很久的歌。',
      }),
    ]);
    // The title is searched by essay search, never matched as a sentence.
    expect(store.quotes.search('春天').total).toBe(0);
  });

  it('checks punctuation inside a phrase exactly, and pages across both kinds', () => {
    const store = smallJournal();
    expect(store.quotes.search('"菜,也"').quotes.map((q) => q.text)).toEqual([
      '我没有自己想象的那么菜,也没有自己想象的那么强',
    ]);
    expect(store.quotes.search('"菜。也"').total).toBe(0);
    store.quotes.curated.add({ text: '我热爱这个世界的每一个清晨和黄昏。' });
    const all = store.quotes.search('热爱', { limit: 100 });
    const paged = [0, 1, 2, 3].flatMap(
      (p) => store.quotes.search('热爱', { limit: 2, offset: p * 2 }).quotes,
    );
    expect(paged.map((q) => q.key)).toEqual(all.quotes.slice(0, 8).map((q) => q.key));
    expect(all.quotes[0]?.kind).toBe('curated');
    expect(store.quotes.search('!!!').query).toBeNull();
  });
});
