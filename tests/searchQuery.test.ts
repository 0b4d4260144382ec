import Database from 'better-sqlite3';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMatches, translateQuery, verifyMatch } from '../src/journal/search.js';
import { normalizeText } from '../src/journal/text.js';
import { SEARCH_TABLE_SQL, searchIndex, type SearchIndex } from './helpers/searchIndex.js';

const SEED = readFileSync(
  new URL('../data/essays/000_ef05097fed792a6c.txt', import.meta.url),
  'utf8',
);

describe('translateQuery', () => {
  it.each([
    ['a lone Han character becomes a prefix query', '菜', '"菜"*', ['菜']],
    ['a Han run becomes the phrase of its bigrams', '逐渐自洽', '"逐渐 渐自 自洽"', ['逐渐自洽']],
    ['Latin next to Han keeps its order', 'AI翻译', '"ai\ue000 翻译"', ['ai翻译']],
    ['Han before Latin, touching', '进入了lab', '"进入 入了 了\ue000 lab"*', ['进入了lab']],
    ['the last Latin word is a prefix', 'shin', '"shin"*', ['shin']],
    ['words in one term are a phrase, the last a prefix', 'a:b', '"a b"*', ['a:b']],
    ['terms separated by spaces are ANDed', '热爱 天才', '"热爱" AND "天才"', ['热爱', '天才']],
    [
      'an ideographic space separates terms too',
      '热爱\u3000天才',
      '"热爱" AND "天才"',
      ['热爱', '天才'],
    ],
    [
      'a quoted phrase is one term, spaces included',
      '"热爱 天才"',
      '"热爱 爱 天才"',
      ['热爱 天才'],
    ],
    ['Chinese quotation marks quote too', '“热爱 天才”', '"热爱 爱 天才"', ['热爱 天才']],
    ['full-width quotation marks quote too', '＂热爱 天才＂', '"热爱 爱 天才"', ['热爱 天才']],
    ['an unclosed quote runs to the end', '"热爱 天才', '"热爱 爱 天才"', ['热爱 天才']],
    ['punctuation inside a term is literal', '1%的天才', '"1 的天 天才"', ['1%的天才']],
    ['punctuation at the edges of an unquoted term is ignored', '(热爱,', '"热爱"', ['热爱']],
    ['punctuation at the edges of a quoted term is literal', '"天才。"', '"天才 才"', ['天才。']],
    ['a closed one-character run is exact, an open one a prefix', '菜,也', '"菜 也"*', ['菜,也']],
    ['traditional input is searched as simplified', '熱愛', '"热爱"', ['热爱']],
    ['full-width input is searched as half-width', 'ＡＩ', '"ai"*', ['ai']],
    ['a repeated term counts once', '热爱 熱愛', '"热爱"', ['热爱']],
  ])('%s: %j', (_rule, input, match, needles) => {
    expect(translateQuery(input)).toMatchObject({ match, needles });
  });

  it.each([
    ['热爱', true],
    ['菜', true],
    ['shin', true],
    ['热爱 shinji 菜', true],
    ['AI翻译', true],
    ['的AI的', true],
    ['1%的天才', false],
    ['"热爱 天才"', false],
    ['热爱 AI翻译', true],
    ['AI 翻译', true],
    ['"AI 翻译"', false],
  ])('says whether FTS alone is exact for %j: %s', (input, exact) => {
    expect(translateQuery(input)?.exact).toBe(exact);
  });

  it.each(['', '   ', '，。！', '😀👍', '"', '""', '“”', '((', '*', '-', '\uD800'])(
    'gives no query for %j (nothing searchable)',
    (input) => {
      expect(translateQuery(input)).toBeNull();
    },
  );

  it.each([
    ['AND', '"and"*'],
    ['OR NOT', '"or"* AND "not"*'],
    ['NEAR(a b)', '"near a"* AND "b"*'],
    ['body:热爱', '"body 热爱"'],
    ['-foo', '"foo"*'],
    ['^x', '"x"*'],
    ['x"y', '"x"* AND "y"*'],
  ])('treats FTS syntax %j as plain text', (input, match) => {
    expect(translateQuery(input)?.match).toBe(match);
  });

  describe('never produces an FTS5 syntax error', () => {
    let db: Database.Database;
    beforeAll(() => {
      db = new Database(':memory:');
      db.exec(SEARCH_TABLE_SQL);
      db.prepare('INSERT INTO essay_search (rowid, body) VALUES (1, ?)').run(
        'and near a b body 热爱 爱',
      );
    });
    afterAll(() => db.close());
    const run = (input: string) => {
      const q = translateQuery(input);
      if (q) db.prepare('SELECT rowid FROM essay_search WHERE essay_search MATCH ?').all(q.match);
    };

    it.each([
      'AND',
      'OR',
      'NOT',
      'a OR b',
      'a AND',
      'NEAR',
      'NEAR(a b)',
      'NEAR("a" "b", 2)',
      '"',
      '""',
      '"a" "b',
      '*',
      'a*b',
      '"*"',
      '-foo',
      '春天-来了',
      'a:b',
      'body:热爱',
      '{title body}: x',
      '^x',
      '^"x"',
      '((',
      '))',
      'x"y',
      '热爱"',
      '\\',
      "'",
      '+',
      '.',
      '😀',
      '👨‍👩‍👧',
      'שלום עולם',
      'مرحبا بالعالم',
      '\u202Eabc\u202C',
      '\uD800',
      '\uDC00热爱',
      'a\uD800b',
      '\u0000',
      'e\u0301',
      '\u200B',
      '\uFEFF热爱',
    ])('for %j', (input) => {
      expect(() => run(input)).not.toThrow();
    });

    it('for any string of code points or UTF-16 units', () => {
      const units = fc
        .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
        .map((a) => String.fromCharCode(...a));
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), units), (input) => {
          expect(() => run(input)).not.toThrow();
        }),
      );
    });
  });
});

describe('verifyMatch', () => {
  it.each([
    ['a word prefix', 'shinji的lab', ['shin'], true],
    ['not the middle of a word', 'shinji的lab', ['hinji'], false],
    ['a word after Han or punctuation', '做ai翻译,lab', ['ai翻译', 'lab'], true],
    ['not a word glued to a longer one', '做xai翻译', ['ai翻译'], false],
    ['a Han character anywhere in a run', '那么菜,也', ['菜'], true],
    ['punctuation literally', '那1 的天才', ['1%的天才'], false],
    ['every needle', '热爱 天才', ['热爱', '菜'], false],
  ])('matches %s', (_what, text, needles, expected) => {
    expect(verifyMatch(text, needles)).toBe(expected);
  });

  it('needs each needle inside one field, not across two', () => {
    expect(verifyMatch(['热爱', '天才'], ['热爱', '天才'])).toBe(true);
    expect(verifyMatch(['热爱', '天才'], ['热爱 天才'])).toBe(false);
  });

  it('lists every occurrence, overlapping ones merged', () => {
    expect(findMatches('天才热爱爱 热爱', ['热爱', '爱爱'])).toEqual([
      { start: 2, end: 5 },
      { start: 6, end: 8 },
    ]);
  });

  it('lists only occurrences that start a word', () => {
    expect(findMatches('ab abab xab', ['ab'])).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 5 },
    ]);
  });
});

describe('search over the seed essay and a few others', () => {
  const docs = [
    { title: '在飞机上', body: SEED, place: '横跨太平洋飞往北京的波音777上' },
    { body: '我熱愛寫作，也熱愛天才。' },
    { body: '一个菜鸟' },
    { body: '我是1 的天才' },
    { body: '自 洽' },
    { body: 'shinjitsu', tags: ['日语'] },
    { body: 'hinji' },
  ];
  let index: SearchIndex;
  beforeAll(() => {
    index = searchIndex(docs);
  });
  afterAll(() => index.close());

  it.each([
    ['热爱', [1, 2]],
    ['熱愛', [1, 2]],
    ['自洽', [1]],
    ['逐渐自洽', [1]],
    ['菜', [1, 3]],
    ['1%的天才', [1]],
    ['shinji', [1, 6]],
    ['Shinji的lab', [1]],
    ['hinji', [7]],
    ['热爱 天才', [1, 2]],
    ['AI翻译', [1]],
    ['"热爱";这个', [1]],
    ['波音777', [1]],
    ['日语', [6]],
    ['飞机', [1]],
    ['热爱 菜鸟', []],
  ])('%j finds essays %j', (query, expected) => {
    expect(index.search(query)).toEqual(expected);
  });

  it('drops candidates whose tokens match but whose text does not', () => {
    const q = translateQuery('1%的天才');
    expect(q && index.candidates(q.match)).toEqual([1, 4]);
    expect(index.search('1%的天才')).toEqual([1]);
  });
});

/**
 * The oracle, written from the definition in search.ts rather than from its
 * code: terms are the space-separated parts of the normalized query (or the
 * whole quoted query) with edge punctuation removed; an essay matches when
 * each term is a substring of its normalized text not starting inside a word.
 */
const LETTERISH = /[\p{L}\p{N}\p{M}]/u;
const HANISH = /\p{Script=Han}/u;
const inWord = (ch: string | undefined) =>
  ch !== undefined && LETTERISH.test(ch) && !HANISH.test(ch);

function oracleTerms(query: string, quoted: boolean): string[] {
  const normalized = normalizeText(query);
  const parts = quoted ? [normalized.trim()] : normalized.split(' ');
  const terms = parts.map((p) =>
    quoted ? p : p.replace(/^[^\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+$/gu, ''),
  );
  return terms.filter((t) => LETTERISH.test(t));
}

function oracleContains(text: string, term: string): boolean {
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
    const before = Array.from(text.slice(0, i)).pop();
    if (!inWord(Array.from(term)[0]) || !inWord(before)) return true;
  }
  return false;
}

describe('search agrees with the oracle', () => {
  const alphabet = fc.constantFrom(
    ...['热', '爱', '熱', '愛', '天', '才', '菜', '自', '洽', '的', '𠀀'],
    ...['a', 'b', 'i', 'A', 'B', 'Ａ', '1', '2', '１'],
    ...[',', '，', '%', '。', '-', ':', ' ', ' ', '\n', '\u3000'],
  );
  const corpus = fc.array(fc.string({ unit: alphabet, maxLength: 30 }), {
    minLength: 1,
    maxLength: 8,
  });

  it('returns exactly the essays whose normalized text contains every term, without verifying when exact', () => {
    const scenario = corpus.chain((bodies) =>
      fc.record({
        bodies: fc.constant(bodies),
        picks: fc.array(
          fc.record({
            doc: fc.nat({ max: bodies.length - 1 }),
            at: fc.nat(),
            length: fc.integer({ min: 1, max: 6 }),
            quoted: fc.boolean(),
            // Mostly substrings of the corpus; sometimes text that may occur nowhere.
            random: fc.oneof(
              { arbitrary: fc.constant(null), weight: 3 },
              { arbitrary: fc.string({ unit: alphabet, minLength: 1, maxLength: 6 }), weight: 1 },
            ),
          }),
          { minLength: 1, maxLength: 10 },
        ),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ bodies, picks }) => {
        const index = searchIndex(bodies.map((body) => ({ body })));
        try {
          const normalized = bodies.map(normalizeText);
          for (const pick of picks) {
            const chars = Array.from(bodies[pick.doc] ?? '');
            const from = chars.length === 0 ? 0 : pick.at % chars.length;
            const query = pick.random ?? chars.slice(from, from + pick.length).join('');
            const input = pick.quoted ? `"${query}"` : query;
            const terms = oracleTerms(query, pick.quoted);
            const expected =
              terms.length === 0
                ? null
                : normalized.flatMap((text, i) =>
                    terms.every((t) => oracleContains(text, t)) ? [i + 1] : [],
                  );
            expect(index.search(input), `query ${JSON.stringify(input)}`).toEqual(expected);
            const translated = translateQuery(input);
            if (translated?.exact)
              expect(index.candidates(translated.match), `exact ${input}`).toEqual(expected);
          }
        } finally {
          index.close();
        }
      }),
      { numRuns: 300 },
    );
  });
});
