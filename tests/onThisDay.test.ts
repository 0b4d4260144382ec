import { describe, expect, it } from 'vitest';
import { localDate, parseDate } from '../src/journal/dates.js';
import {
  anniversaryMonthDays,
  monthDayDistance,
  nearestMonthDays,
  yearsAgo,
} from '../src/journal/onThisDay.js';
import { excerpt } from '../src/journal/display.js';
import { DAY_COLUMNS } from '../src/store/essays.js';
import { runComponent } from '../src/commands/index.js';
import { handlerContext, runner } from './helpers/handlers.js';
import { textOf } from './helpers/messageText.js';
import { memoryStore } from './helpers/store.js';
import type { Reply } from '../src/messages/payload.js';

const draft = (date: string, title = date) => ({
  title,
  body: `写于 ${date}。`,
  date,
  place: null,
  tags: [],
});

describe('on this day', () => {
  it('shows Feb 29 essays on Feb 28 in years without a Feb 29', () => {
    expect(anniversaryMonthDays('2025-02-28')).toEqual(['02-28', '02-29']);
    expect(anniversaryMonthDays('2027-02-28')).toEqual(['02-28', '02-29']);
  });

  it('shows Feb 29 essays only on Feb 29 in leap years', () => {
    expect(anniversaryMonthDays('2028-02-28')).toEqual(['02-28']);
    expect(anniversaryMonthDays('2028-02-29')).toEqual(['02-29']);
  });

  it('finds Feb 28 and Feb 29 essays through the store in 2025, 2027 and 2028', () => {
    const store = memoryStore();
    const leap = store.essays.insert(draft('2024-02-29'), 'test');
    const common = store.essays.insert(draft('2023-02-28'), 'test');
    const ids = (today: string) => store.essays.onThisDay(today).essays.map((e) => e.id);
    expect(ids('2025-02-28')).toEqual([leap.id, common.id]);
    expect(ids('2027-02-28')).toEqual([leap.id, common.id]);
    expect(ids('2028-02-28')).toEqual([common.id]);
    expect(ids('2028-02-29')).toEqual([leap.id]);
    expect(store.essays.onThisDay('2025-02-28').essays.map((e) => e.yearsAgo)).toEqual([1, 2]);
  });

  it('labels an essay by whole calendar years and includes this year', () => {
    expect(yearsAgo('2025-11-01', '2026-11-01')).toBe(1);
    const store = memoryStore();
    store.essays.insert(draft('2026-11-01'), 'test');
    store.essays.insert(draft('2025-11-01'), 'test');
    expect(store.essays.onThisDay('2026-11-01').essays.map((e) => e.yearsAgo)).toEqual([0, 1]);
  });

  it('leaves out essays dated after today and hidden essays', () => {
    const store = memoryStore();
    store.essays.insert(draft('2030-11-01'), 'test');
    const hidden = store.essays.insert(draft('2024-11-01'), 'test');
    store.essays.setHidden(hidden.id, true);
    expect(store.essays.onThisDay('2026-11-01').essays).toEqual([]);
    expect(
      store.essays.onThisDay('2026-11-01', { includeHidden: true }).essays.map((e) => e.id),
    ).toEqual([hidden.id]);
  });

  it('offers the nearest days when nothing was written today, wrapping around the new year', () => {
    const store = memoryStore();
    store.essays.insert(draft('2024-12-30', 'late december'), 'test');
    store.essays.insert(draft('2024-06-01', 'june'), 'test');
    const result = store.essays.onThisDay('2026-01-02', { nearest: 1 });
    expect(result.essays).toEqual([]);
    expect(result.nearest.map((e) => e.title)).toEqual(['late december']);
    expect(monthDayDistance('12-30', '01-02')).toBe(3);
    expect(nearestMonthDays('2026-01-02', ['06-01', '12-30', '01-05'], 2)).toEqual([
      '01-05',
      '12-30',
    ]);
  });

  it('lists a day without body text, and gives the shown entries their opening, in the order asked', () => {
    const store = memoryStore();
    // 2,000 characters with a paragraph break right where a 300-character excerpt is cut.
    const body = `${'春'.repeat(300)}\n\n${'秋'.repeat(1698)}`;
    const essay = store.essays.insert({ ...draft('2024-11-01'), body, tags: ['旅行'] }, 'test');
    const older = store.essays.insert(draft('2023-11-01'), 'test');
    const entries = store.essays.onThisDay('2026-11-01').essays;
    expect(entries[0]).toEqual({
      id: essay.id,
      title: '2024-11-01',
      date: '2024-11-01',
      place: null,
      tags: ['旅行'],
      hidden: false,
      warning: null,
      length: 2000,
      yearsAgo: 2,
    });
    const shown = store.essays.withExcerpts([entries[1]!, entries[0]!]);
    expect(shown.map((e) => [e.id, e.excerpt])).toEqual([
      [older.id, '写于 2023-11-01。'],
      [essay.id, body.slice(0, 400)],
    ]);
    expect(excerpt(shown[1]!.excerpt, 300)).toBe(excerpt(body, 300));
    expect(store.essays.withExcerpts([])).toEqual([]);
  });

  it("shows each page of a day list with its own entries' openings: /essay today, then ▶", async () => {
    // The handlers' clock is 2026-11-29 in Shanghai; twelve Nov 29s make two pages of ten and two.
    const store = memoryStore();
    for (let year = 2014; year <= 2025; year++)
      store.essays.insert(
        { ...draft(`${year}-11-29`), title: null, body: `${year}年的开头。\n\n后来的话。` },
        'test',
      );
    const ctx = handlerContext(store);
    const text = (reply: Reply) => (reply.kind === 'modal' ? '' : textOf(reply.payload));
    const first = text(await runner('essay')(ctx, 'today'));
    const second = text(await runComponent(ctx, 'essay:day:2026-11-29:1'));
    for (let year = 2014; year <= 2025; year++) {
      // An untitled essay is named by its first line, and previewed by its opening: both from the excerpt.
      const [shown, other] = year >= 2016 ? [first, second] : [second, first];
      expect(shown).toContain(`${year}年的开头。 后来的话。`);
      expect(other).not.toContain(`${year}年的开头`);
    }
  });

  it('reads day lists from the covering index alone (the expressions match migration 14)', () => {
    const store = memoryStore();
    const plan = store.db
      .prepare<[], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT ${DAY_COLUMNS} FROM essays WHERE month_day = '11-01' AND hidden = 0`,
      )
      .all()
      .map((r) => r.detail);
    expect(plan).toEqual([expect.stringContaining('USING COVERING INDEX essays_day_list')]);
  });

  it('computes today in the configured zone: 2026-11-29T07:30Z is Nov 28 in Los Angeles and Nov 29 in Shanghai', () => {
    const instant = new Date('2026-11-29T07:30:00Z');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-11-28');
    expect(localDate(instant, 'Asia/Shanghai')).toBe('2026-11-29');
    expect(localDate(instant, 'Pacific/Kiritimati')).toBe('2026-11-29');
    expect(localDate(new Date('2026-11-29T10:30:00Z'), 'Pacific/Kiritimati')).toBe('2026-11-30');
  });

  it.each([
    ['2025-11-01', '2025-11-01'],
    ['2025.11.1', '2025-11-01'],
    ['2025/11/1', '2025-11-01'],
    ['2025年11月1日', '2025-11-01'],
    ['Nov 1, 2025', '2025-11-01'],
    ['November 1, 2025', '2025-11-01'],
    ['1 Nov 2025', '2025-11-01'],
  ])('reads the date %s', (text, date) => {
    expect(parseDate(text)).toEqual({ ok: true, date });
  });

  it('tells an impossible date from an unreadable one', () => {
    expect(parseDate('2023-02-29')).toEqual({
      ok: false,
      reason: 'impossible',
      text: '2023-02-29',
    });
    expect(parseDate('next tuesday')).toEqual({ ok: false, reason: 'unrecognized' });
    expect(parseDate('Foo 1, 2025')).toEqual({ ok: false, reason: 'unrecognized' });
  });
});
