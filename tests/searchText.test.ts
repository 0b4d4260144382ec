import Database from 'better-sqlite3';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SEARCH_TOKENIZER,
  indexTokens,
  isHan,
  isWordChar,
  normalizeText,
  normalizePrefixWithOffsets,
  normalizeWithOffsets,
  searchRuns,
} from '../src/journal/text.js';

const SEED = readFileSync(
  new URL('../data/essays/000_ef05097fed792a6c.txt', import.meta.url),
  'utf8',
);

describe('normalizeText', () => {
  it('folds every BMP character as NFKC and lower case do, alone or among others, first sight or later', () => {
    // The per-character table is filled on first sight; a wrong entry would show on the second.
    for (let unit = 0; unit < 0x10000; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      const ch = String.fromCharCode(unit);
      const want = ch.normalize('NFKC').toLowerCase();
      const first = normalizeText(ch);
      // A combining mark joins the character before it, so it is checked alone.
      if (!/\p{M}/u.test(ch)) expect(normalizeText(`a${ch}`)).toBe(`a${first}`);
      const visible = /^[\p{L}\p{N}\p{P}]+$/u.test(want) && !/\p{DI}/u.test(want);
      if (visible && !/\p{Script=Han}/u.test(want)) expect(first).toBe(want);
    }
  });

  it.each([
    ['folds full-width Latin and digits to ASCII', 'ＡＩ１２３', 'ai123'],
    ['folds full-width punctuation', '热爱，天才！（真的）', '热爱,天才!(真的)'],
    ['lower-cases Latin', 'Shinji LAB', 'shinji lab'],
    ['turns traditional Han into simplified', '熱愛寫作', '热爱写作'],
    ['folds Hong Kong variant forms', '衞生', '卫生'],
    ['leaves simplified text alone, 么 included', '什么是热爱', '什么是热爱'],
    ['folds chained conversions to their end', '薴苧', '苎苎'],
    ['maps compatibility ideographs to unified ones', '\uF900', '岂'],
    ['expands compatibility ligatures and squares', 'ﬁle ㍻', 'file 平成'],
    ['turns the ideographic space into a space', '热爱\u3000天才', '热爱 天才'],
    ['collapses each run of whitespace to one space', 'a \n\t  b\r\nc', 'a b c'],
    ['removes invisible format characters', 'Shin\u00ADji\u200B的\uFE0F\u200Flab', 'shinji的lab'],
    ['composes combining marks', 'Cafe\u0301', 'café'],
    ['keeps punctuation, which exact matching needs', '1%的天才?', '1%的天才?'],
    ['keeps astral Han characters whole', '𠀀𠀁', '𠀀𠀁'],
  ])('%s', (_rule, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is stable when applied twice to journal-like text', () => {
    const alphabet = fc.constantFrom(...'热爱熱愛天才菜自洽的薴苧衞aBzＡ１1%，,。! \n\u3000ﬁ𠀀é');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 40 }), (text) => {
        const once = normalizeText(text);
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });
});

describe('normalizeWithOffsets', () => {
  it('traces every normalized unit back to the original character it came from', () => {
    const original = 'ＡI熱愛ﬁ𠀀 \n x';
    const mapped = normalizeWithOffsets(original);
    expect(mapped.text).toBe('ai热爱fi𠀀 x');
    const source = (i: number) => original.slice(mapped.starts[i], mapped.ends[i]);
    expect([...Array(mapped.text.length).keys()].map(source)).toEqual([
      'Ａ',
      'I',
      '熱',
      '愛',
      'ﬁ',
      'ﬁ',
      '𠀀',
      '𠀀',
      ' ',
      'x',
    ]);
  });

  it('gives the same text as normalizeText and one span per unit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        const mapped = normalizeWithOffsets(text);
        expect(mapped.text).toBe(normalizeText(text));
        expect(mapped.starts).toHaveLength(mapped.text.length);
        expect(mapped.ends).toHaveLength(mapped.text.length);
        mapped.starts.forEach((start, i) => {
          const end = mapped.ends[i] ?? -1;
          expect(start).toBeLessThan(end);
          // Spans never start inside a surrogate pair.
          const unit = text.charCodeAt(start);
          const before = text.charCodeAt(start - 1);
          expect(unit >= 0xdc00 && unit <= 0xdfff && before >= 0xd800 && before <= 0xdbff).toBe(
            false,
          );
        });
      }),
    );
  });
});

describe('normalizePrefixWithOffsets', () => {
  it('is, cut anywhere and carried on, a prefix of the whole normalization', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          // Runs of spaces and marks across a cut, where the fold carries state.
          fc
            .array(fc.constantFrom(' ', ' ', '\n', 'a', 'ﬁ', '\u0301', '熱', '𠀀', '\u200b'), {
              maxLength: 40,
            })
            .map((units) => units.join('')),
        ),
        fc.array(fc.nat(45), { maxLength: 4 }),
        (text, cuts) => {
          const whole = normalizeWithOffsets(text);
          const prefix = normalizePrefixWithOffsets(text);
          for (const cut of [...cuts, text.length]) {
            prefix.extendTo(cut);
            const n = prefix.text.length;
            expect(prefix.consumed).toBeGreaterThanOrEqual(Math.min(cut, text.length));
            expect(prefix.text).toBe(whole.text.slice(0, n));
            expect(prefix.starts).toEqual(whole.starts.slice(0, n));
            expect(prefix.ends).toEqual(whole.ends.slice(0, n));
          }
          expect(prefix.text).toBe(whole.text);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('isHan', () => {
  it.each([
    ['汉', true],
    ['熱', true],
    ['〇', true],
    ['々', true],
    ['\u3400', true], // Extension A
    ['𠀀', true], // Extension B, astral
    ['\u{30000}', true], // Extension G
    ['\u{31350}', true], // Extension H
    ['\uF900', true], // compatibility ideograph
    ['a', false],
    ['あ', false],
    ['한', false],
    ['，', false],
    ['', false],
    ['汉字', false],
    ['\uD840', false], // lone high surrogate
  ])('%j → %s', (ch, expected) => {
    expect(isHan(ch)).toBe(expected);
  });

  it('counts letters, digits and marks of other scripts as word characters', () => {
    expect(['a', '7', 'é', 'ß', 'ש', 'あ', '\u0301'].map(isWordChar)).toEqual(Array(7).fill(true));
    expect(['汉', ' ', ',', '%', '😀', '\uD800'].map(isWordChar)).toEqual(Array(6).fill(false));
  });
});

describe('indexTokens', () => {
  it.each([
    [
      'writes a Han run as overlapping bigrams plus its last character',
      '逐渐自洽',
      '逐渐 渐自 自洽 洽',
    ],
    ['writes a one-character Han run as itself', '菜', '菜'],
    ['starts a new run at every punctuation mark', '那么菜,也没有', '那么 么菜 菜 也没 没有 有'],
    ['keeps Latin words and digits as lower-case words', 'Shinji LAB 2025', 'shinji lab 2025'],
    ['splits Latin from adjacent Han, marking the touch', '做AI翻译', '做\ue000 ai\ue000 翻译 译'],
    ['splits digits from adjacent Han, marking the touch', '25年是', '25\ue000 年是 是'],
    ['marks no touch across punctuation or space', '做, AI 翻译', '做 ai 翻译 译'],
    ['drops punctuation, symbols and emoji', '1%的天才!😀 "热爱"', '1 的天 天才 才 热爱 爱'],
    ['folds traditional and full-width before tokenizing', '熱愛ＡＩ', '热爱 爱\ue000 ai'],
    ['keeps diacritics and other scripts', 'Café naïve שלום', 'café naïve שלום'],
    ['keeps astral Han characters whole', '𠀀𠀁', '𠀀𠀁 𠀁'],
    ['gives nothing for punctuation only', '。，!?', ''],
  ])('%s', (_rule, input, expected) => {
    expect(indexTokens(input)).toBe(expected);
  });

  it('finds runs with their offsets in normalized text', () => {
    expect(searchRuns('ai翻译,所以')).toEqual([
      { kind: 'word', text: 'ai', start: 0, end: 2 },
      { kind: 'han', text: '翻译', start: 2, end: 4 },
      { kind: 'han', text: '所以', start: 5, end: 7 },
    ]);
  });
});

describe('SEARCH_TOKENIZER', () => {
  const table = (db: Database.Database) =>
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(body, tokenize = '${SEARCH_TOKENIZER}');
             CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);

  it('keeps every one of our tokens exactly as we wrote it', () => {
    const db = new Database(':memory:');
    table(db);
    const tokens = indexTokens(`${SEED} Café naïve שלום ÀB 𠀀𠀁`);
    db.prepare('INSERT INTO t (rowid, body) VALUES (1, ?)').run(tokens);
    const stored = db.prepare('SELECT term FROM v ORDER BY "offset"').pluck().all();
    expect(stored).toEqual(tokens.split(' '));
    db.close();
  });

  it('finds a bigram by phrase and a character by prefix, as bigram or tail', () => {
    const db = new Database(':memory:');
    table(db);
    const insert = db.prepare('INSERT INTO t (rowid, body) VALUES (?, ?)');
    insert.run(1, indexTokens('我热爱它'));
    insert.run(2, indexTokens('菜鸟'));
    insert.run(3, indexTokens('那么菜,也'));
    insert.run(4, indexTokens('做AI翻译'));
    insert.run(5, indexTokens('做 AI, 翻译'));
    const ids = (match: string) =>
      db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').pluck().all(match);
    expect(ids('"热爱"')).toEqual([1]);
    expect(ids('"菜"*')).toEqual([2, 3]);
    expect(ids('"菜"')).toEqual([3]);
    expect(ids('"ai\ue000 翻译"')).toEqual([4]);
    expect(ids('"ai 翻译"')).toEqual([5]);
    // A marked token is still found by its prefix: `做` and `ai` alone find both.
    expect(ids('"做"*')).toEqual([4, 5]);
    expect(ids('"ai"*')).toEqual([4, 5]);
    db.close();
  });
});
