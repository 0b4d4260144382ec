import { describe, expect, it } from 'vitest';
import { readDayOneText, writeDayOneText } from '../src/journal/dayOneText.js';
import { parseEssayFile } from '../src/journal/essayFile.js';
import { cleanLogseq } from '../src/journal/logseq.js';
import { dateFromNotePath } from '../src/journal/noteDates.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('dates in note file names', () => {
  it.each([
    ['vault/Daily/2024-03-15.md', '2024-03-15'],
    ['2024-03-15 Friday.md', '2024-03-15'],
    ['graph/journals/2024_03_15.md', '2024-03-15'],
    ['20240315.md', '2024-03-15'],
    ['journal/2024/03/15.md', '2024-03-15'],
    ['journal/2024/3/5.md', '2024-03-05'],
    ['journal/2024/03/2024-03-15.md', '2024-03-15'],
    ['2024-03-15-出发.md', '2024-03-15'],
    ['upload-2024年3月15日.md', null],
    ['2024年3月15日.md', '2024-03-15'],
  ])('reads %s as %s', (path, date) => {
    expect(dateFromNotePath(path)).toEqual(date === null ? null : { date });
  });

  it.each(['Ideas.md', '12345678.md', '2024-03.md', '20240315123.md', 'notes/03/15.md'])(
    'finds no date in %s',
    (path) => expect(dateFromNotePath(path)).toBeNull(),
  );

  it('calls a date that does not exist impossible rather than guessing', () => {
    expect(dateFromNotePath('2023-02-29.md')).toEqual({ impossible: '2023-02-29' });
    expect(dateFromNotePath('2023/02/30.md')).toEqual({ impossible: '2023/02/30' });
  });

  it('uses the name only when neither front matter nor a footer gives a date', () => {
    const path = '2024-03-15.md';
    expect(parseEssayFile(bytes('正文。\n'), { path }).date).toBe('2024-03-15');
    expect(parseEssayFile(bytes('正文。\n\n— 2025.11.1 于北京\n'), { path })).toMatchObject({
      date: '2025-11-01',
      place: '北京',
    });
    expect(parseEssayFile(bytes('---\ndate: 2020-01-01\n---\n正文。\n'), { path }).date).toBe(
      '2020-01-01',
    );
    expect(() => parseEssayFile(bytes('正文。\n'))).toThrow(/no date found/u);
  });

  it('takes a first-level heading as the title even without a blank line after it', () => {
    expect(parseEssayFile(bytes('# 周五\n去了西湖。\n'), { path: '2024-03-15.md' })).toMatchObject({
      title: '周五',
      body: '去了西湖。',
    });
  });
});

describe('Logseq pages', () => {
  it('keeps text and links, drops bullets and properties, and lifts tags and title', () => {
    expect(
      cleanLogseq(
        'title:: 西湖\ntags:: a, [[b c]], #d\nalias:: x\n\n- 第一段 [[链接]] #标签\n\t- 子项\n\t\t- 孙项\n  id:: 64f0\n- 第二段\n  续行\n-\n',
      ),
    ).toEqual({
      title: '西湖',
      tags: ['a', 'b c', 'd'],
      text: '第一段 [[链接]] #标签\n- 子项\n  - 孙项\n\n第二段\n续行',
    });
  });

  it('leaves a page without bullets as its paragraphs', () => {
    expect(cleanLogseq('one\ntwo\n\nthree').text).toBe('one\ntwo\n\nthree');
  });

  it('reads a page of empty blocks as empty, which importers skip', () => {
    expect(cleanLogseq('- \n-\n').text).toBe('');
    expect(() => parseEssayFile(bytes('- \n'), { logseq: true, path: '2024_01_01.md' })).toThrow(
      expect.objectContaining({ empty: true }),
    );
  });
});

describe('Day One entry text', () => {
  it('removes backslash escapes and photo references, counting them', () => {
    expect(
      readDayOneText(
        '# 标题 \\#1\n\n3\\.5 km\\!\n\n![](dayone-moment://AB12)\n\n![](dayone-moment:/video/CD)\n\nend',
      ),
    ).toEqual({ title: '标题 #1', body: '3.5 km!\n\nend', photos: 2 });
  });

  it('reads back exactly what it writes', () => {
    for (const [title, body] of [
      [null, '# not a title\n正文'],
      ['C:\\temp', 'a \\ b \\. c \\\\ d'],
      [null, '\\# escaped already'],
      ['标题', '- list\n> quote\n1. one'],
    ] as const) {
      const back = readDayOneText(writeDayOneText(title, body));
      expect({ title: back.title, body: back.body }).toEqual({ title, body });
    }
  });
});
