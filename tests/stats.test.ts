import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStats, countText, isoWeek, type StatsEssay } from '../src/journal/stats.js';

const SEED = new URL('../data/essays/000_ef05097fed792a6c.txt', import.meta.url);

/** The seed's body: the file without its closing "— 2025.11.1 于…" footer line. */
function seedBody(): string {
  const text = readFileSync(SEED, 'utf8');
  const footer = text.lastIndexOf('\n\n— ');
  expect(footer).toBeGreaterThan(0);
  return text.slice(0, footer);
}

function essay(date: string, body = '一', extra: Partial<StatsEssay> = {}): StatsEssay {
  return { date, title: null, body, place: null, tags: [], ...extra };
}

/**
 * The counting rules as two regexes (the first implementation): the oracle
 * the single-pass counter must agree with on any text.
 */
function countTextByRegex(text: string): { chars: number; codePoints: number } {
  const cjk =
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\uFF70]/gu;
  const word =
    /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:(?:['’\-‐]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;
  const normalized = text.normalize('NFC');
  const units =
    (normalized.match(cjk)?.length ?? 0) + (normalized.replace(cjk, ' ').match(word)?.length ?? 0);
  return { chars: units, codePoints: [...text].length };
}

/** Characters where the rules turn: joiners, marks, digits of other scripts, CJK beside Latin, surrogates. */
const TRICKY = [
  ..."a Z 9 ' ’ - ‐ . , 。 ， 一 〇 ー ｰ カ 한 \u0301 \u1161 \u11AB ٣ ① Ⅻ 😀 \uFE0F é",
  '\ud800',
  '\udc00',
  '\u{20000}',
  '\u{1D7D8}',
];

describe('countText', () => {
  it('agrees with the regex rules on any text (property)', () => {
    const tricky = fc.constantFrom(...TRICKY);
    const text = fc.oneof(
      fc.array(tricky, { maxLength: 30 }).map((a) => a.join('')),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc
        .array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 20 })
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(countText(t)).toEqual(countTextByRegex(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the regex rules on the seed essay', () => {
    expect(countText(seedBody())).toEqual(countTextByRegex(seedBody()));
  });

  it('counts a mixed paragraph the way it was counted by hand', () => {
    // Han: 我 在 年 用 做 了 个 = 7. Words: 2025, AI, RL, it's, fun, 1 (of 1%), self-aware = 7.
    // Zero: ，！😀 % 。 and spaces.
    const paragraph = "我在2025年用AI做了个RL，it's fun! 😀 1% self-aware。";
    expect(countText(paragraph).chars).toBe(14);
    // Code points by hand: 我在(2) 2025(4) 年用(2) AI(2) 做了个(3) RL(2) ，(1) it's(4) space(1) fun!(4)
    // space(1) 😀(1) space(1) 1%(2) space(1) self-aware(10) 。(1) = 42.
    expect(countText(paragraph).codePoints).toBe(42);
  });

  it('counts kana and hangul one per character, emoji and punctuation not at all', () => {
    expect(countText('こんにちは').chars).toBe(5);
    expect(countText('コーヒー').chars).toBe(4);
    expect(countText('한국어').chars).toBe(3);
    expect(countText('😀🎉❤️ ——……《》“”').chars).toBe(0);
  });

  it('keeps numbers with inner separators as one word', () => {
    expect(countText('3.5 1,000 2025.11.1 777').chars).toBe(4);
    expect(countText('end. Next').chars).toBe(2);
  });

  it('counts decomposed hangul and accents as what they display as', () => {
    expect(countText('\u1112\u1161\u11AB').chars).toBe(1); // 한 as three jamo
    expect(countText('cafe\u0301 naïve').chars).toBe(2);
    expect(countText('\u1112\u1161\u11AB').codePoints).toBe(3);
  });

  it('gives zero for empty and whitespace-only text', () => {
    expect(countText('')).toEqual({ chars: 0, codePoints: 0 });
    expect(countText(' \n\t').chars).toBe(0);
  });

  it('counts the seed essay as an independent simple method does', () => {
    const body = seedBody();
    // The seed has only Han characters and ASCII letters/digits as countable text.
    const han = body.match(/\p{Script=Han}/gu)?.length ?? 0;
    const words = body.match(/[A-Za-z0-9]+/g)?.length ?? 0;
    const counts = countText(body);
    expect(counts.chars).toBe(han + words);
    // UTF-16 units minus one per surrogate pair.
    expect(counts.codePoints).toBe(body.length - (body.match(/[\uD800-\uDBFF]/g)?.length ?? 0));
    // Pinned so a change of rules shows up here: 1,905 Han characters and 20 Latin words/numbers.
    expect([han, words]).toEqual([1905, 20]);
    expect(counts).toEqual({ chars: 1925, codePoints: 2174 });
  });
});

describe('isoWeek', () => {
  it('puts the days around New Year in the week of their Thursday', () => {
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2021-01-04')).toBe('2021-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2028-02-29')).toBe('2028-W09');
  });

  it('agrees with a Date-based computation on every day of 2019–2030', () => {
    for (let t = Date.UTC(2019, 0, 1); t <= Date.UTC(2030, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      const weekday = (d.getUTCDay() + 6) % 7;
      const thursday = new Date(t + (3 - weekday) * 86_400_000);
      const year = thursday.getUTCFullYear();
      const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
      const date = d.toISOString().slice(0, 10);
      expect(isoWeek(date), date).toBe(`${year}-W${String(week).padStart(2, '0')}`);
    }
  });
});

describe('computeStats', () => {
  it('describes an empty journal with zeros and nulls', () => {
    const stats = computeStats([], { today: '2026-03-01' });
    expect(stats).toEqual({
      today: '2026-03-01',
      year: 2026,
      essays: 0,
      chars: 0,
      averageChars: 0,
      longest: null,
      firstDate: null,
      latestDate: null,
      years: [],
      months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, essays: 0, chars: 0 })),
      days: [],
      streaks: { longestDays: null, currentDays: null, longestWeeks: null, currentWeeks: null },
      places: [],
      tags: [],
    });
  });

  it('totals the seed essay by its body', () => {
    const stats = computeStats(
      [essay('2025-11-01', seedBody(), { place: '横跨太平洋飞往北京的波音777上' })],
      { today: '2025-11-02' },
    );
    expect(stats.chars).toBe(1925);
    expect(stats.averageChars).toBe(1925);
    expect(stats.longest).toEqual({ date: '2025-11-01', title: null, chars: 1925 });
    expect(stats.months[10]).toEqual({ month: 11, essays: 1, chars: 1925 });
    expect(stats.days).toEqual([{ date: '2025-11-01', essays: 1, chars: 1925 }]);
  });

  it('sums per year with empty years kept, per month and per day of the chosen year', () => {
    const essays = [
      essay('2023-05-01', '一二三'),
      essay('2025-02-10', '一二'),
      essay('2025-02-10', 'one two three'),
      essay('2025-12-31', '一'),
    ];
    const stats = computeStats(essays, { today: '2026-01-10', year: 2025 });
    expect(stats.years).toEqual([
      { year: 2023, essays: 1, chars: 3 },
      { year: 2024, essays: 0, chars: 0 },
      { year: 2025, essays: 3, chars: 6 },
    ]);
    expect(stats.months[1]).toEqual({ month: 2, essays: 2, chars: 5 });
    expect(stats.months[11]).toEqual({ month: 12, essays: 1, chars: 1 });
    expect(stats.days).toEqual([
      { date: '2025-02-10', essays: 2, chars: 5 },
      { date: '2025-12-31', essays: 1, chars: 1 },
    ]);
    expect(stats.essays).toBe(4);
    expect(stats.chars).toBe(9);
    expect(stats.averageChars).toBe(2); // 9 / 4 = 2.25
    expect(stats.firstDate).toBe('2023-05-01');
    expect(stats.latestDate).toBe('2025-12-31');
  });

  it('defaults the year to today’s', () => {
    expect(computeStats([essay('2025-06-01')], { today: '2026-01-01' }).days).toEqual([]);
    expect(computeStats([essay('2026-01-01')], { today: '2026-01-01' }).year).toBe(2026);
  });

  it('keeps Feb 29 of a leap year as its own day and counts streaks through it', () => {
    const stats = computeStats([essay('2028-02-28'), essay('2028-02-29'), essay('2028-03-01')], {
      today: '2028-03-01',
    });
    expect(stats.days.map((d) => d.date)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(stats.months[1]?.essays).toBe(2);
    expect(stats.streaks.longestDays).toEqual({
      length: 3,
      start: '2028-02-28',
      end: '2028-03-01',
    });
    expect(stats.streaks.currentDays).toEqual({
      length: 3,
      start: '2028-02-28',
      end: '2028-03-01',
    });
  });

  it('joins Feb 28 and Mar 1 in a common year', () => {
    const stats = computeStats([essay('2027-02-28'), essay('2027-03-01')], { today: '2027-03-05' });
    expect(stats.streaks.longestDays).toEqual({
      length: 2,
      start: '2027-02-28',
      end: '2027-03-01',
    });
  });

  describe('day streaks', () => {
    const newYear = [
      essay('2025-12-30'),
      essay('2025-12-31'),
      essay('2026-01-01'),
      essay('2026-01-02'),
    ];

    it('run on across Dec 31 → Jan 1', () => {
      const stats = computeStats(newYear, { today: '2026-01-02' });
      expect(stats.streaks.longestDays).toEqual({
        length: 4,
        start: '2025-12-30',
        end: '2026-01-02',
      });
      expect(stats.streaks.currentDays).toEqual({
        length: 4,
        start: '2025-12-30',
        end: '2026-01-02',
      });
    });

    it('are still current the day after the last essay, and over the day after that', () => {
      expect(computeStats(newYear, { today: '2026-01-03' }).streaks.currentDays?.length).toBe(4);
      expect(computeStats(newYear, { today: '2026-01-04' }).streaks.currentDays).toBeNull();
      expect(computeStats(newYear, { today: '2026-01-04' }).streaks.longestDays?.length).toBe(4);
    });

    it('count several essays on one day once and ignore input order', () => {
      const stats = computeStats(
        [essay('2026-01-02'), essay('2025-12-31'), essay('2026-01-01'), essay('2026-01-01')],
        {
          today: '2026-01-02',
        },
      );
      expect(stats.streaks.currentDays).toEqual({
        length: 3,
        start: '2025-12-31',
        end: '2026-01-02',
      });
    });

    it('do not let an essay dated after today extend the current run', () => {
      const stats = computeStats([essay('2026-01-01'), essay('2026-01-02'), essay('2026-01-03')], {
        today: '2026-01-02',
      });
      expect(stats.streaks.currentDays).toEqual({
        length: 2,
        start: '2026-01-01',
        end: '2026-01-02',
      });
      expect(stats.streaks.longestDays?.length).toBe(3);
    });

    it('prefer the earlier of two equally long runs', () => {
      const stats = computeStats(
        [essay('2025-01-01'), essay('2025-01-02'), essay('2025-03-01'), essay('2025-03-02')],
        {
          today: '2025-03-02',
        },
      );
      expect(stats.streaks.longestDays).toEqual({
        length: 2,
        start: '2025-01-01',
        end: '2025-01-02',
      });
      expect(stats.streaks.currentDays).toEqual({
        length: 2,
        start: '2025-03-01',
        end: '2025-03-02',
      });
    });
  });

  describe('week streaks', () => {
    it('run on across a year boundary by ISO weeks', () => {
      // 2025-12-22 is 2025-W52; 2025-12-29 is already 2026-W01; 2026-01-05 is 2026-W02.
      const stats = computeStats([essay('2025-12-22'), essay('2025-12-29'), essay('2026-01-05')], {
        today: '2026-01-07',
      });
      expect(stats.streaks.longestWeeks).toEqual({ length: 3, start: '2025-W52', end: '2026-W02' });
      expect(stats.streaks.currentWeeks).toEqual({ length: 3, start: '2025-W52', end: '2026-W02' });
    });

    it('count a 53-week year: 2020-W52, 2020-W53 (Jan 3 2021), 2021-W01', () => {
      const stats = computeStats([essay('2020-12-21'), essay('2021-01-03'), essay('2021-01-04')], {
        today: '2021-01-04',
      });
      expect(stats.streaks.longestWeeks).toEqual({ length: 3, start: '2020-W52', end: '2021-W01' });
    });

    it('treat Sunday and the next Monday as different weeks, and one week’s days as one week', () => {
      const stats = computeStats([essay('2026-01-05'), essay('2026-01-11'), essay('2026-01-12')], {
        today: '2026-01-12',
      });
      expect(stats.streaks.longestWeeks).toEqual({ length: 2, start: '2026-W02', end: '2026-W03' });
      expect(stats.streaks.longestDays).toEqual({
        length: 2,
        start: '2026-01-11',
        end: '2026-01-12',
      });
    });

    it('are current through the week after the last one, and over a week later', () => {
      const essays = [essay('2025-12-31'), essay('2026-01-05')]; // 2026-W01, 2026-W02
      expect(computeStats(essays, { today: '2026-01-18' }).streaks.currentWeeks?.length).toBe(2); // Sunday of W03
      expect(computeStats(essays, { today: '2026-01-19' }).streaks.currentWeeks).toBeNull(); // Monday of W04
    });
  });

  it('names the longest essay, the earlier one on a tie', () => {
    const stats = computeStats(
      [
        essay('2025-03-01', '一二三', { title: '后' }),
        essay('2025-01-01', '三二一', { title: '先' }),
        essay('2025-02-01', '一'),
      ],
      { today: '2025-03-01' },
    );
    expect(stats.longest).toEqual({ date: '2025-01-01', title: '先', chars: 3 });
  });

  it('ranks places and tags by count, then by name', () => {
    const stats = computeStats(
      [
        essay('2025-01-01', '一', { place: '北京', tags: ['旅行', 'AI', '旅行'] }),
        essay('2025-01-02', '一', { place: ' 北京 ', tags: ['AI'] }),
        essay('2025-01-03', '一', { place: 'Bay Area', tags: ['旅行', ''] }),
        essay('2025-01-04', '一', { place: 'Austin', tags: ['b', 'a'] }),
        essay('2025-01-05', '一', { place: '' }),
      ],
      { today: '2025-01-05' },
    );
    expect(stats.places).toEqual([
      { name: '北京', count: 2 },
      { name: 'Austin', count: 1 },
      { name: 'Bay Area', count: 1 },
    ]);
    expect(stats.tags).toEqual([
      { name: 'AI', count: 2 },
      { name: '旅行', count: 2 },
      { name: 'a', count: 1 },
      { name: 'b', count: 1 },
    ]);
  });

  it('refuses a malformed today', () => {
    expect(() => computeStats([], { today: '2026/01/01' })).toThrow();
  });
});
