import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../src/journal/markdown.js';
import { clampPage, paginate, searchPage } from '../src/journal/paging.js';

describe('paging long essays', () => {
  it('keeps short text on one page', () => {
    expect(paginate('一段话。', 100)).toEqual(['一段话。']);
  });

  it('cuts at paragraph boundaries when one is available', () => {
    const para = '这是一句话。'.repeat(10); // 60 chars
    const pages = paginate(`${para}\n\n${para}\n\n${para}`, 130);
    expect(pages).toEqual([`${para}\n\n${para}`, para]);
  });

  it('cuts at a sentence end inside a long paragraph', () => {
    const pages = paginate('短句一。短句二。短句三。短句四。', 10);
    expect(pages[0]).toBe('短句一。短句二。');
  });

  it('never exceeds the page size, never splits a surrogate pair or an escape, and loses nothing', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.integer({ min: 8, max: 60 }),
        (raw, max) => {
          const text = escapeMarkdown(raw);
          const pages = paginate(text, max);
          for (const page of pages) {
            expect(page.length).toBeLessThanOrEqual(max);
            expect(/[\uD800-\uDBFF]$/u.test(page)).toBe(false);
          }
          // Only whitespace at the cuts may go.
          expect(pages.join('').replace(/\s/gu, '')).toBe(text.replace(/\s/gu, ''));
        },
      ),
    );
  });

  it('pages a 20,000-character essay within a 4096-character description', () => {
    const essay = Array.from(
      { length: 200 },
      (_, i) => `第${i}段。${'热爱是一种能力。'.repeat(12)}`,
    ).join('\n\n');
    const pages = paginate(essay, 4000);
    expect(essay.length).toBeGreaterThan(20_000);
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.every((p) => p.length <= 4000)).toBe(true);
    expect(pages.every((p) => p.endsWith('。'))).toBe(true);
  });
});

describe('escaping Discord markdown', () => {
  it("shows the author's text as written", () => {
    expect(escapeMarkdown('**粗体** _斜体_ `code` ||剧透|| @everyone <@123>')).toBe(
      '\\*\\*粗体\\*\\* \\_斜体\\_ \\`code\\` \\|\\|剧透\\|\\| @everyone \\<@123\\>',
    );
    expect(escapeMarkdown('# 标题\n- 列表\n> 引用\n1. 一')).toBe(
      '\\# 标题\n\\- 列表\n\\> 引用\n1\\. 一',
    );
  });
});

describe('paging a list', () => {
  it('shows the last page for a page past the end, and one empty page for an empty list', () => {
    expect(clampPage(7, 25, 10)).toEqual({ page: 2, pageCount: 3, offset: 20 });
    expect(clampPage(-1, 25, 10)).toEqual({ page: 0, pageCount: 3, offset: 0 });
    expect(clampPage(Number.NaN, 25, 10)).toEqual({ page: 0, pageCount: 3, offset: 0 });
    expect(clampPage(3, 0, 10)).toEqual({ page: 0, pageCount: 1, offset: 0 });
  });

  it('asks a search again for its last page when the results shrank below the page asked for', () => {
    const asked: number[] = [];
    const search = ({ offset }: { limit: number; offset: number }) => {
      asked.push(offset);
      return { total: 12 };
    };
    expect(searchPage(5, 10, search)).toMatchObject({ page: 1, pageCount: 2, offset: 10 });
    expect(asked).toEqual([50, 10]);
    asked.length = 0;
    searchPage(1, 10, search);
    expect(asked).toEqual([10]);
  });
});
