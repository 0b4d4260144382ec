import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { Converter } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { findMatches, translateQuery } from '../src/journal/search.js';
import { buildSnippet, type SnippetStyle } from '../src/journal/snippet.js';
import { normalizeText } from '../src/journal/text.js';

const SEED = readFileSync(
  new URL('../data/essays/000_ef05097fed792a6c.txt', import.meta.url),
  'utf8',
);
const plain = (text: string, needles: string[], radius = 40) =>
  buildSnippet(text, needles, { style: 'plain', radius });

/** What a reader sees: markup and escapes removed, ellipses and brackets counted. */
function visibleLength(out: string, style: SnippetStyle): number {
  if (style === 'terminal')
    return Array.from(out.replaceAll('\x1b[1m', '').replaceAll('\x1b[22m', '')).length;
  if (style === 'plain') return Array.from(out).length;
  let n = 0;
  for (const m of out.matchAll(/\\(.)|\*\*|./gsu)) if (m[0] !== '**') n++;
  return n;
}

describe('buildSnippet highlights matches as written', () => {
  it.each([
    ['traditional text for a simplified needle', '我熱愛寫作。', ['热爱'], '我[熱愛]寫作。'],
    [
      'any case for a lower-case needle',
      '进入了Shinji的lab。',
      ['shinji'],
      '进入了[Shinji]的lab。',
    ],
    ['the matched start of a longer word', 'Shinji的lab', ['shin'], '[Shin]ji的lab'],
    [
      'full-width and ligature characters',
      'ＡＩ翻译和ﬁle',
      ['ai翻译', 'file'],
      '[ＡＩ翻译]和[ﬁle]',
    ],
    [
      'every occurrence in view',
      '热爱;这个热爱并不是说热爱',
      ['热爱'],
      '[热爱];这个[热爱]并不是说[热爱]',
    ],
    ['overlapping needles as one mark', '天才热爱爱', ['热爱', '爱爱'], '天才[热爱爱]'],
    [
      'a phrase across a line break, on one line',
      '我热爱\n天才们',
      ['热爱 天才'],
      '我[热爱 天才]们',
    ],
  ])('%s', (_what, text, needles, expected) => {
    expect(plain(text, needles)).toBe(expected);
  });

  it('highlights traditional 熱愛 in the seed essay converted to traditional', () => {
    const traditional = Converter({ from: 'cn', to: 'tw' })(SEED);
    const query = translateQuery('热爱');
    expect(query).not.toBeNull();
    const out = buildSnippet(traditional, query?.needles ?? [], { style: 'plain' });
    expect(out).toContain('[熱愛]');
    expect(out).not.toContain('热爱');
  });

  it('marks bold in markdown and escapes the essay’s own markdown characters', () => {
    const out = buildSnippet('a*b_c `x` 热爱 [l](u) ~~s~~ |sp| <@1> #t -', ['热爱'], {
      style: 'markdown',
    });
    expect(out).toBe(
      'a\\*b\\_c \\`x\\` **热爱** \\[l\\]\\(u\\) \\~\\~s\\~\\~ \\|sp\\| \\<@1\\> \\#t \\-',
    );
  });

  it('keeps a number at the start of a markdown snippet from becoming a list', () => {
    expect(buildSnippet('目录\n1. 热爱', ['热爱'], { style: 'markdown' })).toBe('1\\. **热爱**');
  });

  it('marks bold with ANSI codes in a terminal and lets no control character of the essay through', () => {
    const out = buildSnippet('我热爱\x1b[31m红色\x07', ['热爱'], { style: 'terminal' });
    expect(out).toBe('我\x1b[1m热爱\x1b[22m[31m红色');
  });
});

describe('buildSnippet cuts around the first match', () => {
  it('starts after a sentence end and stops after one when they are near', () => {
    const text = `${'前'.repeat(20)}。前面的话热爱后面还有一些话。${'后'.repeat(20)}`;
    expect(plain(text, ['热爱'], 10)).toBe('前面的话[热爱]后面还有一些话。');
  });

  it('adds an ellipsis where it cuts mid-sentence', () => {
    const text = `${'很'.repeat(30)}热爱${'多'.repeat(30)}`;
    expect(plain(text, ['热爱'], 10)).toBe(`…${'很'.repeat(10)}[热爱]${'多'.repeat(10)}…`);
  });

  it('does not stop at a sentence end right after the match, which would leave no context', () => {
    const text = `要素"热爱";这个热爱并不是说热爱现在手头上干的活,而是一种热爱的能力`;
    expect(plain(text, ['热爱'], 10)).toBe('要素"[热爱]";这个[热爱]并不是说…');
  });

  it('keeps to the paragraph of the match', () => {
    expect(plain('first paragraph\n我热爱这里\nnext paragraph', ['热爱'])).toBe('我[热爱]这里');
  });

  it('shows the opening of the text when the match was elsewhere (title, tags)', () => {
    expect(plain('很'.repeat(200), ['热爱'], 40)).toBe(`${'很'.repeat(80)}…`);
  });

  it('shows a later match whole rather than cut by the window edge', () => {
    const text = `热爱${'多'.repeat(9)}热爱${'多'.repeat(20)}`;
    expect(plain(text, ['热爱'], 10)).toBe(`[热爱]${'多'.repeat(9)}[热爱]…`);
  });

  // The essay is normalized only as far as the snippet needs (512 units, then doubled):
  // a match at or across those edges, and matches after the window, are still shown whole.
  it.each([500, 505, 509, 510, 511, 512, 1020, 1022, 1023, 1024, 2040, 3000])(
    'finds a first match %i units in and the later ones its window holds',
    (at) => {
      const text = `${'多'.repeat(at)}。热爱${'很'.repeat(9)}熱愛${'很'.repeat(9)}热爱${'很'.repeat(40)}`;
      expect(plain(text, ['热爱'], 30)).toBe(
        `[热爱]${'很'.repeat(9)}[熱愛]${'很'.repeat(9)}[热爱]${'很'.repeat(8)}…`,
      );
      // A spaced phrase whose end is past the first stretch.
      const spaced = `${'多'.repeat(at)}。说 AB cd 完。`;
      expect(plain(spaced, ['ab cd'])).toBe('说 [AB cd] 完。');
    },
  );

  it('finds the seed essay’s 自洽 and starts at its sentence', () => {
    const out = buildSnippet(SEED, ['自洽'], { style: 'markdown' });
    expect(out.startsWith('不仅仅是说我终于可以经济独立了')).toBe(true);
    expect(out).toContain('**自洽**');
    expect(visibleLength(out, 'markdown')).toBeLessThanOrEqual(300);
  });

  it('refuses a maximum too small to show anything', () => {
    expect(() => buildSnippet('热爱', ['热爱'], { style: 'plain', max: 3 })).toThrow(RangeError);
  });
});

describe('buildSnippet bounds', () => {
  const alphabet = fc.constantFrom(
    ...['热', '爱', '熱', '愛', '天', '才', '𠀀', '😀', 'e\u0301', 'a', 'B', 'Ａ', '1'],
    ...['。', '!', '.', ',', ' ', ' ', '\n', '*', '_', '\\', '[', '\x1b', '\uD800'],
  );
  const scenario = fc.record({
    text: fc.string({ unit: alphabet, maxLength: 400 }),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 60 }),
    style: fc.constantFrom<SnippetStyle>('markdown', 'terminal', 'plain'),
    radius: fc.integer({ min: 0, max: 200 }),
    max: fc.integer({ min: 8, max: 300 }),
  });

  it('never shows more than max characters, never splits a character, and shows a match it has', () => {
    fc.assert(
      fc.property(scenario, ({ text, at, length, style, radius, max }) => {
        const chars = Array.from(text);
        const from = chars.length === 0 ? 0 : at % chars.length;
        const query = translateQuery(
          `"${chars
            .slice(from, from + length)
            .join('')
            .replaceAll('"', '')}"`,
        );
        const needles = query?.needles ?? ['热爱'];
        const out = buildSnippet(text, [...needles], { style, radius, max });
        expect(visibleLength(out, style)).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/\p{Cs}/u);
        // A combining mark never starts a cut-off piece.
        expect(out).not.toMatch(/^…?\p{M}/u);
        expect(out.replaceAll('\x1b[1m', '').replaceAll('\x1b[22m', '')).not.toContain('\x1b');
        if (findMatches(normalizeText(text), needles).length > 0) {
          expect(out).toContain({ markdown: '**', terminal: '\x1b[1m', plain: '[' }[style]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('stays within 300 characters on the seed essay for every style and a long phrase', () => {
    const long = translateQuery(`"${SEED.slice(0, 400)}"`);
    for (const style of ['markdown', 'terminal', 'plain'] as const) {
      for (const needles of [['热爱'], long?.needles ?? []]) {
        expect(visibleLength(buildSnippet(SEED, needles, { style }), style)).toBeLessThanOrEqual(
          300,
        );
      }
    }
  });
});
