/**
 * Writing statistics for `/journal stats`: how much, when, where. Pure: the
 * essays and "today" come in as values, nothing is read from disk or clock,
 * so every number here is reproducible in a test.
 */
import { addDays, dayNumber } from './dates.js';
import type { Essay } from './essay.js';

/** How long a text is, counted two ways. */
export interface TextCount {
  /** Length as Chinese writers count it (字数): see {@link countText}. */
  chars: number;
  /** Every Unicode code point, whitespace and punctuation included. */
  codePoints: number;
}

/*
 * One unit per ideograph, kana or hangul syllable: these scripts write words
 * without spaces, so a character is the unit a reader of them counts. The
 * long-vowel marks ー/ｰ are Script=Common but are letters inside katakana
 * words ("コーヒー" is four characters to a Japanese reader, not three).
 */
const CJK_CHAR =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\uFF70]/u;

/*
 * One unit per word of any spaced script. A word starts with a letter or digit
 * (so a stray combining mark or emoji variation selector is not a word) and
 * continues through letters, marks and digits, through apostrophes and hyphens
 * between them ("it's", "self-aware") and through `.`/`,` between digits
 * ("3.5", "1,000", "2025.11.1"), which are one number each to a reader.
 */
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const MARK = /\p{M}/u;
/** ' ’ - ‐: inside a word when a letter, mark or digit follows. */
const JOINERS = new Set([0x27, 0x2019, 0x2d, 0x2010]);
/** . , : inside a number when digits stand on both sides. */
const NUMBER_JOINERS = new Set([0x2e, 0x2c]);

// Character classes, as bits. Counting runs over every essay at import and
// over every sentence a quote is drawn from, so each code point is classified
// by the regexes above once and remembered (BMP) rather than tested per use.
const KNOWN = 1;
const CJK = 2;
const L = 4;
const N = 8;
const M = 16;
const bmpClasses = new Uint8Array(0x10000);

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (CJK_CHAR.test(ch)) return KNOWN | CJK;
  return KNOWN | (LETTER.test(ch) ? L : 0) | (DIGIT.test(ch) ? N : 0) | (MARK.test(ch) ? M : 0);
}

function classOf(cp: number): number {
  if (cp > 0xffff) return classify(cp);
  let c = bmpClasses[cp]!;
  if (c === 0) bmpClasses[cp] = c = classify(cp);
  return c;
}

/** A letter, mark or digit outside the CJK scripts: what continues a word. */
function continuesWord(cp: number | undefined): boolean {
  return cp !== undefined && (classOf(cp) & (CJK | L | M | N)) > CJK;
}

function isDigit(cp: number | undefined): boolean {
  return cp !== undefined && (classOf(cp) & (CJK | N)) === N;
}

/**
 * Counts a text the way Chinese writers count an essay's length (字数):
 * each Han character, kana or hangul syllable is 1; each run of Latin (or
 * other spaced-script) letters and digits is 1 (`offer`, `it's`, `2025`, and
 * the `1` of `1%`); punctuation, whitespace, symbols and emoji are 0.
 * `codePoints` is the plain count of code points of the text as given.
 * (tests/stats.test.ts holds the same rules as two regexes, and checks that
 * this single pass agrees with them on any text.)
 */
export function countText(text: string): TextCount {
  // NFC first so decomposed hangul jamo or accented Latin count as what they display as.
  const s = text.normalize('NFC');
  let units = 0;
  let inWord = false;
  let lastWasDigit = false;
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i)!;
    const c = classOf(cp);
    i += cp > 0xffff ? 2 : 1;
    if (c & CJK) {
      units++;
      inWord = false;
    } else if (c & (L | M | N)) {
      // A mark alone starts nothing; a letter or digit after a non-word character starts a word.
      if (!inWord && c & (L | N)) {
        units++;
        inWord = true;
      }
      lastWasDigit = (c & N) !== 0;
    } else if (
      inWord &&
      (JOINERS.has(cp)
        ? continuesWord(s.codePointAt(i))
        : NUMBER_JOINERS.has(cp) && lastWasDigit && isDigit(s.codePointAt(i)))
    ) {
      lastWasDigit = false;
    } else {
      inWord = false;
    }
  }
  return { chars: units, codePoints: codePointCount(text) };
}

/** What `for…of` would count: surrogate pairs are one code point, lone surrogates one each. */
function codePointCount(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}

/** The fields statistics read; a full {@link Essay} fits. */
export type StatsEssay = Pick<Essay, 'date' | 'title' | 'place' | 'tags'> &
  /** The body, or only its {@link countText} `chars` (the store counts while it reads, keeping no bodies). */
  ({ body: string } | { chars: number });

export interface StatsOptions {
  /** The author's calendar date today, `YYYY-MM-DD`; current streaks end here. */
  today: string;
  /** The year the monthly, daily and heatmap figures describe; defaults to today's. */
  year?: number;
}

export interface YearTotal {
  year: number;
  essays: number;
  chars: number;
}

export interface MonthTotal {
  /** 1–12. */
  month: number;
  essays: number;
  chars: number;
}

export interface DayTotal {
  date: string;
  essays: number;
  chars: number;
}

/** A run of consecutive days or ISO weeks that each have at least one essay. */
export interface Streak {
  length: number;
  /** First and last day (`YYYY-MM-DD`) for day streaks; ISO weeks (`2026-W01`) for week streaks. */
  start: string;
  end: string;
}

export interface NameCount {
  name: string;
  count: number;
}

export interface JournalStats {
  today: string;
  /** The year `months` and `days` describe. */
  year: number;
  essays: number;
  chars: number;
  /** Characters per essay, rounded; 0 for an empty journal. */
  averageChars: number;
  /** The essay with the most characters; on a tie the earlier one. */
  longest: { date: string; title: string | null; chars: number } | null;
  firstDate: string | null;
  latestDate: string | null;
  /** Every year from the first essay's to the latest's, years without essays included, ascending. */
  years: YearTotal[];
  /** Twelve entries, January first, for `year`. */
  months: MonthTotal[];
  /** Days of `year` that have essays, ascending. */
  days: DayTotal[];
  streaks: {
    /** The longest run ever; on a tie the earlier one. */
    longestDays: Streak | null;
    /** The run ending today or yesterday (today may still be written), else null. */
    currentDays: Streak | null;
    longestWeeks: Streak | null;
    /** The run ending this ISO week or last week, else null. */
    currentWeeks: Streak | null;
  };
  /** Places and tags by how many essays carry them, most first, ties by name. */
  places: NameCount[];
  tags: NameCount[];
}

/** A Monday. Weekdays are taken relative to it so they do not depend on dayNumber's epoch. */
const REFERENCE_MONDAY = '2024-01-01';

function floorMod(n: number, m: number): number {
  return ((n % m) + m) % m;
}

/** 0 for Monday … 6 for Sunday (ISO order). */
export function isoWeekday(date: string): number {
  return floorMod(dayNumber(date) - dayNumber(REFERENCE_MONDAY), 7);
}

/** A serial number of the Monday-start week holding `date`; consecutive weeks differ by 1 across years. */
function weekSerial(date: string): number {
  return Math.floor((dayNumber(date) - dayNumber(REFERENCE_MONDAY)) / 7);
}

/** The ISO 8601 week of a date, `YYYY-Www` (2026-01-01 → `2026-W01`, 2021-01-03 → `2020-W53`). */
export function isoWeek(date: string): string {
  // An ISO week belongs to the year its Thursday falls in.
  const thursday = addDays(date, 3 - isoWeekday(date));
  const year = thursday.slice(0, 4);
  const week = Math.floor((dayNumber(thursday) - dayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

interface Run {
  first: number;
  last: number;
}

/** Maximal runs of consecutive integers in ascending, distinct `keys`. */
function runsOf(keys: number[]): Run[] {
  const runs: Run[] = [];
  for (const key of keys) {
    const open = runs[runs.length - 1];
    if (open && key === open.last + 1) open.last = key;
    else runs.push({ first: key, last: key });
  }
  return runs;
}

function longestRun(runs: Run[]): Run | null {
  let best: Run | null = null;
  for (const run of runs) if (!best || run.last - run.first > best.last - best.first) best = run;
  return best;
}

/** The last run among keys up to `now`, if it reaches `now - 1` or later. */
function currentRun(keys: number[], now: number): Run | null {
  // Essays dated after today (a zone mix-up, a planned post) do not extend a streak that has not happened.
  const last = runsOf(keys.filter((k) => k <= now)).at(-1);
  return last && last.last >= now - 1 ? last : null;
}

function byCountThenName(a: NameCount, b: NameCount): number {
  if (a.count !== b.count) return b.count - a.count;
  // Code-unit order rather than localeCompare: identical on every machine and ICU build.
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function ranked(counts: Map<string, number>): NameCount[] {
  return [...counts].map(([name, count]) => ({ name, count })).sort(byCountThenName);
}

/**
 * Sums a journal: totals, per year, per month and per day of one year,
 * streaks of days and of ISO weeks (Monday-start) up to `today`, places and
 * tags. Lengths are {@link countText} `chars` of the body (the title is not
 * counted). Order of `essays` does not matter.
 */
export function computeStats(essays: readonly StatsEssay[], options: StatsOptions): JournalStats {
  const { today } = options;
  const todayNumber = dayNumber(today); // also rejects a malformed `today`
  const year = options.year ?? Number(today.slice(0, 4));

  let chars = 0;
  let longest: JournalStats['longest'] = null;
  const perYear = new Map<number, YearTotal>();
  const months: MonthTotal[] = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    essays: 0,
    chars: 0,
  }));
  const perDay = new Map<string, DayTotal>();
  const allDays = new Set<number>();
  const allWeeks = new Set<number>();
  const places = new Map<string, number>();
  const tags = new Map<string, number>();

  // Earliest first so a tie for longest goes to the earlier essay regardless of input order.
  const sorted = [...essays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const essay of sorted) {
    const n = 'chars' in essay ? essay.chars : countText(essay.body).chars;
    chars += n;
    if (!longest || n > longest.chars) longest = { date: essay.date, title: essay.title, chars: n };

    const essayYear = Number(essay.date.slice(0, 4));
    const y = perYear.get(essayYear) ?? { year: essayYear, essays: 0, chars: 0 };
    y.essays++;
    y.chars += n;
    perYear.set(essayYear, y);

    if (essayYear === year) {
      const m = months[Number(essay.date.slice(5, 7)) - 1];
      if (m) {
        m.essays++;
        m.chars += n;
      }
      const d = perDay.get(essay.date) ?? { date: essay.date, essays: 0, chars: 0 };
      d.essays++;
      d.chars += n;
      perDay.set(essay.date, d);
    }

    allDays.add(dayNumber(essay.date));
    allWeeks.add(weekSerial(essay.date));

    const place = essay.place?.trim();
    if (place) places.set(place, (places.get(place) ?? 0) + 1);
    // A tag written twice on one essay is still one essay carrying it.
    for (const tag of new Set(essay.tags.map((t) => t.trim()).filter((t) => t !== ''))) {
      tags.set(tag, (tags.get(tag) ?? 0) + 1);
    }
  }

  const years: YearTotal[] = [];
  const firstDate = sorted[0]?.date ?? null;
  const latestDate = sorted.at(-1)?.date ?? null;
  if (firstDate && latestDate) {
    // Empty years stay in so a bar chart shows the gap instead of hiding it.
    for (let y = Number(firstDate.slice(0, 4)); y <= Number(latestDate.slice(0, 4)); y++) {
      years.push(perYear.get(y) ?? { year: y, essays: 0, chars: 0 });
    }
  }

  const dayKeys = [...allDays].sort((a, b) => a - b);
  const weekKeys = [...allWeeks].sort((a, b) => a - b);
  const todayWeek = weekSerial(today);
  const reference = dayNumber(REFERENCE_MONDAY);
  const dateOf = (n: number) => addDays(REFERENCE_MONDAY, n - reference);
  const mondayOf = (w: number) => addDays(REFERENCE_MONDAY, w * 7);
  const dayStreak = (run: Run | null): Streak | null =>
    run && { length: run.last - run.first + 1, start: dateOf(run.first), end: dateOf(run.last) };
  const weekStreak = (run: Run | null): Streak | null =>
    run && {
      length: run.last - run.first + 1,
      start: isoWeek(mondayOf(run.first)),
      end: isoWeek(mondayOf(run.last)),
    };

  return {
    today,
    year,
    essays: sorted.length,
    chars,
    averageChars: sorted.length === 0 ? 0 : Math.round(chars / sorted.length),
    longest,
    firstDate,
    latestDate,
    years,
    months,
    days: [...perDay.values()].sort((a, b) => (a.date < b.date ? -1 : 1)),
    streaks: {
      longestDays: dayStreak(longestRun(runsOf(dayKeys))),
      currentDays: dayStreak(currentRun(dayKeys, todayNumber)),
      longestWeeks: weekStreak(longestRun(runsOf(weekKeys))),
      currentWeeks: weekStreak(currentRun(weekKeys, todayWeek)),
    },
    places: ranked(places),
    tags: ranked(tags),
  };
}
