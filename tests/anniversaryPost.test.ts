import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.js';
import type { EssayDraft } from '../src/journal/essay.js';
import {
  composeAnniversaryPost,
  gatherAnniversary,
  type PostOptions,
} from '../src/schedule/post.js';
import type { Store } from '../src/store/index.js';
import { memoryStore } from './helpers/store.js';
import { buttonsOf, textOf, titleOf } from './helpers/messageText.js';
import { budgetOf } from '../src/messages/builders.js';

function draft(date: string, over: Partial<EssayDraft> = {}): EssayDraft {
  return {
    title: `写于 ${date}`,
    body: `这是 ${date} 的文章。天气很好。`,
    date,
    place: '北京',
    tags: [],
    ...over,
  };
}

function storeWith(...drafts: EssayDraft[]): Store {
  const store = memoryStore(fixedClock('2026-11-01T00:00:00Z'));
  drafts.forEach((d, i) => store.essays.insert(d, `test-${i}.md`));
  return store;
}

const options = (over: Partial<PostOptions> = {}): PostOptions => ({
  date: '2026-11-01',
  language: 'zh-CN',
  emptyDay: 'skip',
  random: () => 0,
  scope: '200000000000000001',
  ...over,
});

describe('the anniversary post', () => {
  it('heads the post in the server\'s language and lists each earlier year with "N years ago", title and place', () => {
    const store = storeWith(
      draft('2025-11-01'),
      draft('2023-11-01', { place: null }),
      draft('2024-10-31'),
    );
    const zh = composeAnniversaryPost(store, options())!;
    expect(titleOf(zh)).toBe('那年今日 · 11月1日');
    expect(textOf(zh)).toContain('**1 年前** · 写于 2025-11-01 · 北京');
    expect(textOf(zh)).toContain('**3 年前** · 写于 2023-11-01\n');
    expect(textOf(zh)).not.toContain('2024-10-31');
    const en = composeAnniversaryPost(store, options({ language: 'en-US' }))!;
    expect(titleOf(en)).toBe('On this day · November 1');
    expect(textOf(en)).toContain('**1 year ago**');
    expect(textOf(en)).toContain('**3 years ago**');
    expect(en.allowed_mentions).toEqual({ parse: [] });
  });

  it('gives every essay a button that opens it whole (the essay:open route)', () => {
    const store = storeWith(draft('2025-11-01'), draft('2023-11-01'));
    const ids = store.essays.list().map((e) => e.id);
    const customIds = buttonsOf(composeAnniversaryPost(store, options())).map((b) => b.custom_id);
    expect(customIds.sort()).toEqual(ids.map((id) => `essay:open:${id}`).sort());
  });

  it('leaves hidden essays out, and skips the day when only hidden ones remain', () => {
    const store = storeWith(
      draft('2025-11-01', { title: '公开' }),
      draft('2024-11-01', { title: '私密' }),
    );
    const hidden = store.essays.list().find((e) => e.title === '私密')!;
    store.essays.setHidden(hidden.id, true);
    const post = composeAnniversaryPost(store, options())!;
    expect(textOf(post)).toContain('公开');
    expect(textOf(post)).not.toContain('私密');
    expect(buttonsOf(post).map((b) => b.custom_id)).not.toContain(`essay:open:${hidden.id}`);
    store.essays.setHidden(store.essays.list().find((e) => e.title === '公开')!.id, true);
    expect(composeAnniversaryPost(store, options())).toBeNull();
  });

  it('cuts the excerpt at a sentence end within 300 characters', () => {
    const sentence = '这是一个完整的句子,写得很长很长。';
    const body = sentence.repeat(40);
    const store = storeWith(draft('2025-11-01', { body }));
    const description = textOf(composeAnniversaryPost(store, options()));
    const excerptLine = description.split('\n')[2]!;
    expect(Array.from(excerptLine).length).toBeLessThanOrEqual(300);
    expect(excerptLine.endsWith('。')).toBe(true);
  });

  it('does not count an essay written today as an anniversary', () => {
    const store = storeWith(draft('2026-11-01'));
    expect(gatherAnniversary(store, options()).essays).toEqual([]);
    expect(composeAnniversaryPost(store, options())).toBeNull();
  });

  it('shows Feb 29 essays on Feb 28 in a year without Feb 29, and on Feb 29 only in leap years', () => {
    const store = storeWith(draft('2024-02-29', { title: '闰日' }));
    expect(textOf(composeAnniversaryPost(store, options({ date: '2027-02-28' })))).toContain(
      '**3 年前** · 闰日',
    );
    expect(composeAnniversaryPost(store, options({ date: '2028-02-28' }))).toBeNull();
    expect(textOf(composeAnniversaryPost(store, options({ date: '2028-02-29' })))).toContain(
      '**4 年前** · 闰日',
    );
  });

  it('crosses the year boundary: Jan 1 essays on Jan 1, Dec 31 essays on Dec 31', () => {
    const store = storeWith(
      draft('2025-12-31', { title: '除夕' }),
      draft('2025-01-01', { title: '元旦' }),
    );
    expect(textOf(composeAnniversaryPost(store, options({ date: '2026-12-31' })))).toContain(
      '除夕',
    );
    expect(textOf(composeAnniversaryPost(store, options({ date: '2027-01-01' })))).toContain(
      '**2 年前** · 元旦',
    );
  });

  it("stays inside Discord's limits on a day with many long essays, naming how many more there are", () => {
    const long = '很长的一段话,'.repeat(200) + '结束。';
    const store = storeWith(
      ...Array.from({ length: 14 }, (_, i) =>
        draft(`${2010 + i}-11-01`, { title: 'T'.repeat(300), body: long }),
      ),
    );
    const post = composeAnniversaryPost(store, options())!;
    // Within Discord's budget for one Components V2 message, and saying how many more there are.
    expect(budgetOf(post.components).components).toBeLessThanOrEqual(40);
    expect(textOf(post).length).toBeLessThanOrEqual(4000);
    expect(textOf(post)).toMatch(/^-# .*4/mu);
    expect(buttonsOf(post)).toHaveLength(10);
  });

  describe('on a day with nothing to remember', () => {
    const store = storeWith(
      draft('2025-11-03', { title: '三号', body: '这是第一句很重要的话,值得一读。第二句也不错。' }),
    );

    it('posts nothing when set to skip', () => {
      expect(composeAnniversaryPost(store, options())).toBeNull();
    });

    it("posts the nearest days' essays when set to nearest", () => {
      const post = composeAnniversaryPost(
        store,
        options({ emptyDay: 'nearest', language: 'en-US' }),
      )!;
      expect(titleOf(post)).toBe('Nearest to November 1');
      expect(textOf(post)).toContain('Nothing was written on November 1 in earlier years.');
      expect(textOf(post)).toContain('三号');
    });

    it('posts a whole sentence from a journal essay, with a button to read it, when set to quote', () => {
      const post = composeAnniversaryPost(store, options({ emptyDay: 'quote' }))!;
      expect(titleOf(post)).toBe('那年今日 · 11月1日');
      expect(textOf(post)).toMatch(/> (这是第一句很重要的话,值得一读。|第二句也不错。)/u);
      expect(textOf(post)).toContain('— 三号 · 2025-11-03 · 北京');
      expect(buttonsOf(post)[0]!.custom_id).toMatch(/^essay:open:\d+$/u);
    });

    it('draws as /quote random does: curated quotes too, with who said it, never twice running in the channel', () => {
      const curated = storeWith();
      curated.quotes.curated.add({
        text: '别人说过的一句话,写得足够长,值得被记下来。',
        message: {
          guildId: '100000000000000001',
          channelId: '200000000000000001',
          messageId: '500000000000000001',
          url: 'https://discord.com/channels/1/2/5',
          authorId: '400000000000000001',
          sentAt: '2026-11-28T12:00:00.000Z',
        },
      });
      curated.quotes.curated.add({ text: '另一句被收藏的话,也写得足够长才行。' });
      const posts = [0, 1, 2].map(() =>
        textOf(composeAnniversaryPost(curated, options({ emptyDay: 'quote' }))),
      );
      expect(posts[0]).not.toBe(posts[1]);
      expect(posts[1]).not.toBe(posts[2]);
      const fromMessage = posts.find((p) => p.includes('别人说过'))!;
      expect(fromMessage).toContain('— <@400000000000000001> · <t:1795867200:D>');
      expect(curated.quotes.recentlyShown('200000000000000001', 'curated')).toHaveLength(2);
    });

    it('posts nothing at all when the journal is empty, whatever the setting', () => {
      const empty = storeWith();
      for (const emptyDay of ['skip', 'nearest', 'quote'] as const)
        expect(composeAnniversaryPost(empty, options({ emptyDay }))).toBeNull();
    });
  });
});
