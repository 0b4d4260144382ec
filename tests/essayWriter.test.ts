import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EssayDraft } from '../src/journal/essay.js';
import { exportFileNames, fileStem, formatEssayFile } from '../src/journal/essayWriter.js';
import { parseEssayFile, parseEssayText } from '../src/journal/essayFile.js';

const read = (text: string) => parseEssayFile(new TextEncoder().encode(text));
const essay = (over: Partial<EssayDraft>): EssayDraft => ({
  title: '出发',
  body: '今天去了北京。',
  date: '2025-11-01',
  place: '北京',
  tags: [],
  ...over,
});

describe('writing an essay as a file', () => {
  it.each([
    ['a plain essay', essay({ tags: ['旅行', '2025', 'a,b', 'true'] })],
    [
      'an untitled essay whose first line looks like a title',
      essay({ title: null, body: '短短一行\n\n然后是正文。\n还有一行。' }),
    ],
    ['a body whose last line looks like a footer', essay({ body: '正文。\n\n— 2024.1.1 于上海' })],
    [
      'a body ending in a footer, without a place',
      essay({ place: null, body: '正文。\n2024-01-01, 上海' }),
    ],
    [
      'a hidden essay with YAML-hostile title and no place',
      essay({ title: 'a: b # "c" \'d\' - [e]', place: null, hidden: true }),
    ],
    ['a visible essay that says so', essay({ hidden: false })],
    [
      'a body with fences, front-matter lines and markdown',
      essay({ body: '---\n**粗体** 和 `代码`\n...\n---\n# 标题\n结尾。' }),
    ],
    ['an indented opening line', essay({ body: '    缩进的第一行。\n第二行。' })],
  ])('reads back %s exactly', (_name, draft) => {
    expect(read(formatEssayFile(draft))).toEqual(draft);
  });

  it('leaves the hidden key out when the flag is unknown, so importing does not touch it', () => {
    const text = formatEssayFile(essay({}));
    expect(text).not.toContain('hidden');
    expect('hidden' in read(text)).toBe(false);
  });

  it('reads back any essay the parser could have produced (property)', () => {
    const line = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .filter((s) => !/[\u0000-\u001F\u007F\u2028\u2029\u0085]/u.test(s));
    const trimmed = line.map((s) => s.trim()).filter((s) => s !== '');
    const draft = fc.record({
      title: fc.option(trimmed, { nil: null }),
      body: fc
        .array(fc.oneof(line, fc.constant(''), fc.constant('— 2020.2.2 于某地')), {
          minLength: 1,
          maxLength: 8,
        })
        .map((lines) => lines.join('\n').replace(/^(?:[ \t]*\n)+|(?:\n[ \t]*)+$/gu, ''))
        .filter(
          (b) =>
            b.trim() !== '' &&
            b.split('\n')[0]!.trim() !== '' &&
            b.split('\n').at(-1)!.trim() !== '',
        ),
      date: fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      place: fc.option(trimmed, { nil: null }),
      tags: fc.uniqueArray(
        trimmed.filter((t) => !t.startsWith('#')),
        { maxLength: 4 },
      ),
      hidden: fc.boolean(),
    });
    fc.assert(
      fc.property(draft, (d) => {
        expect(read(formatEssayFile(d))).toEqual(d);
      }),
      { numRuns: 300 },
    );
  });
});

describe('front matter the parser reads for exports', () => {
  it('takes an explicit empty title as "untitled" rather than guessing one from the first line', () => {
    const body = '短短一行\n\n然后是正文。';
    expect(parseEssayText(`---\ndate: 2025-11-01\ntitle:\n---\n${body}`).title).toBeNull();
    expect(parseEssayText(`---\ndate: 2025-11-01\n---\n${body}\n还有。`).title).toBe('短短一行');
  });

  it('reads hidden: true/false and refuses anything else', () => {
    expect(parseEssayText('---\ndate: 2025-11-01\nhidden: true\n---\n正文。').hidden).toBe(true);
    expect(parseEssayText('---\ndate: 2025-11-01\nhidden: false\n---\n正文。').hidden).toBe(false);
    expect(() => parseEssayText('---\ndate: 2025-11-01\nhidden: maybe\n---\n正文。')).toThrow(
      /hidden is invalid/u,
    );
  });
});

describe('export file names', () => {
  it('are YYYY-MM-DD-title.md, safe on every file system', () => {
    expect(fileStem(essay({ title: 'a/b\\c:d*e?f"g<h>i|j  k' }))).toBe(
      '2025-11-01-a-b-c-d-e-f-g-h-i-j-k',
    );
    expect(fileStem(essay({ title: '...' }))).toBe('2025-11-01');
    expect(
      fileStem(essay({ title: null, body: '没有标题的一篇,开头这几个字会成为名字的一部分。' })),
    ).toMatch(/^2025-11-01-没有标题的一篇/u);
    expect(Array.from(fileStem(essay({ title: '长'.repeat(300) }))).length).toBeLessThanOrEqual(61);
  });

  it('are unique even where case does not count', () => {
    const names = exportFileNames([
      essay({ title: 'Trip' }),
      essay({ title: 'trip' }),
      essay({ title: 'Trip' }),
      essay({ title: 'Trip-2' }),
    ]);
    expect(names).toEqual([
      '2025-11-01-Trip.md',
      '2025-11-01-trip-2.md',
      '2025-11-01-Trip-3.md',
      '2025-11-01-Trip-2-2.md',
    ]);
  });
});
