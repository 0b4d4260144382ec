/** The form's "date · place" line, read as the author signs an essay. */
import { describe, expect, it } from 'vitest';
import { formatDatePlaceLine, readDatePlaceLine } from '../src/journal/datePlaceLine.js';

describe('readDatePlaceLine', () => {
  it.each([
    ['2025-11-01 · 北京', '2025-11-01', '北京'],
    ['2025.11.1 于北京', '2025-11-01', '北京'],
    ['2025.11.1于横跨太平洋飞往北京的波音777上', '2025-11-01', '横跨太平洋飞往北京的波音777上'],
    ['— 2025年11月1日, 上海', '2025-11-01', '上海'],
    ['2025/11/1，杭州', '2025-11-01', '杭州'],
    ['Nov 1, 2025 in New York', '2025-11-01', 'New York'],
    ['2025-11-01 Inner Mongolia', '2025-11-01', 'Inner Mongolia'],
    ['2025-11-01 北京', '2025-11-01', '北京'],
    ['  2025-11-01  ', '2025-11-01', null],
    ['2025-11-01 · ', '2025-11-01', null],
  ])('reads %j', (line, date, place) => {
    expect(readDatePlaceLine(line)).toEqual({ ok: true, date, place });
  });

  it('reads an empty line as neither date nor place', () => {
    expect(readDatePlaceLine('   ')).toEqual({ ok: true, date: null, place: null });
  });

  it('refuses a date that is not on the calendar, naming it', () => {
    expect(readDatePlaceLine('2026-02-30 · 北京')).toEqual({
      ok: false,
      reason: 'impossible',
      text: '2026-02-30',
    });
  });

  it('refuses a line that does not start with a date', () => {
    expect(readDatePlaceLine('北京 2025-11-01')).toEqual({
      ok: false,
      reason: 'unrecognized',
      text: '北京 2025-11-01',
    });
    expect(readDatePlaceLine('yesterday')).toMatchObject({ ok: false, reason: 'unrecognized' });
  });

  it('writes the line it reads back', () => {
    expect(formatDatePlaceLine('2025-11-01', '北京')).toBe('2025-11-01 · 北京');
    expect(formatDatePlaceLine('2025-11-01', null)).toBe('2025-11-01');
    const line = formatDatePlaceLine('2025-11-01', '于 a · b');
    expect(readDatePlaceLine(line)).toEqual({ ok: true, date: '2025-11-01', place: '于 a · b' });
  });
});
