import { describe, expect, it } from 'vitest';
import {
  firstPostDate,
  parseTime,
  planPost,
  postInstant,
  type LastRecord,
  type Schedule,
} from '../src/schedule/due.js';

const at = (iso: string) => new Date(iso);
const schedule = (time: string, timeZone: string, startsOn = '2000-01-01'): Schedule => ({
  time,
  timeZone,
  enabled: true,
  startsOn,
});
const sent = (date: string): LastRecord => ({ date, retryAt: null });

describe('reading the configured time', () => {
  it.each([
    ['09:00', { hour: 9, minute: 0 }],
    ['9:05', { hour: 9, minute: 5 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['00:00', { hour: 0, minute: 0 }],
    ['21：30', { hour: 21, minute: 30 }],
  ])('reads %s', (text, expected) => expect(parseTime(text)).toEqual(expected));

  it.each(['24:00', '12:60', '9am', '0930', '', '9:5', '-1:00'])('refuses %j', (text) =>
    expect(parseTime(text)).toBeNull(),
  );
});

describe('the instant a local time falls on', () => {
  it('is 01:00 UTC for 09:00 in Asia/Shanghai (no DST)', () => {
    expect(postInstant('2026-11-01', '09:00', 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-01T01:00:00.000Z',
    );
  });

  it('moves a minute inside the Los Angeles spring-forward gap (2026-03-08 02:00→03:00) to 03:00', () => {
    expect(postInstant('2026-03-08', '02:30', 'America/Los_Angeles').toISOString()).toBe(
      '2026-03-08T10:00:00.000Z',
    );
    expect(postInstant('2026-03-08', '02:00', 'America/Los_Angeles').toISOString()).toBe(
      '2026-03-08T10:00:00.000Z',
    );
    expect(postInstant('2026-03-08', '03:00', 'America/Los_Angeles').toISOString()).toBe(
      '2026-03-08T10:00:00.000Z',
    );
    expect(postInstant('2026-03-08', '01:59', 'America/Los_Angeles').toISOString()).toBe(
      '2026-03-08T09:59:00.000Z',
    );
  });

  it('takes the first of the two 01:30s of the Los Angeles fall-back (2026-11-01)', () => {
    expect(postInstant('2026-11-01', '01:30', 'America/Los_Angeles').toISOString()).toBe(
      '2026-11-01T08:30:00.000Z',
    );
  });

  it('is the previous UTC day in Pacific/Kiritimati (UTC+14)', () => {
    expect(postInstant('2026-11-01', '09:00', 'Pacific/Kiritimati').toISOString()).toBe(
      '2026-10-31T19:00:00.000Z',
    );
  });

  it('handles half-hour zones and UTC', () => {
    expect(postInstant('2026-11-01', '09:00', 'Asia/Kolkata').toISOString()).toBe(
      '2026-11-01T03:30:00.000Z',
    );
    expect(postInstant('2026-11-01', '09:00', 'UTC').toISOString()).toBe(
      '2026-11-01T09:00:00.000Z',
    );
  });
});

describe('whether a post is due (frozen clock)', () => {
  it('is due in Asia/Shanghai once local time reaches the minute, and not a minute before', () => {
    const s = schedule('09:00', 'Asia/Shanghai');
    expect(planPost(s, sent('2026-10-31'), at('2026-11-01T00:59:59Z'))).toEqual({
      due: false,
      next: at('2026-11-01T01:00:00Z'),
    });
    expect(planPost(s, sent('2026-10-31'), at('2026-11-01T01:00:00Z'))).toEqual({
      due: true,
      date: '2026-11-01',
    });
  });

  it('stays due later that day when the exact minute was missed (late tick or downtime)', () => {
    const s = schedule('09:00', 'Asia/Shanghai');
    expect(planPost(s, sent('2026-10-31'), at('2026-11-01T01:03:30Z'))).toEqual({
      due: true,
      date: '2026-11-01',
    });
    expect(planPost(s, null, at('2026-11-01T15:59:00Z'))).toEqual({
      due: true,
      date: '2026-11-01',
    });
  });

  it('never posts for a past day: after local midnight only the new day counts', () => {
    const s = schedule('09:00', 'Asia/Shanghai');
    // Down from Oct 31 08:00 to Nov 1 00:30 local: Oct 31 is lost, Nov 1 is still ahead.
    expect(planPost(s, sent('2026-10-30'), at('2026-10-31T16:30:00Z'))).toEqual({
      due: false,
      next: at('2026-11-01T01:00:00Z'),
    });
  });

  it('is not due again once today is recorded, and plans tomorrow', () => {
    const s = schedule('09:00', 'Asia/Shanghai');
    expect(planPost(s, sent('2026-11-01'), at('2026-11-01T05:00:00Z'))).toEqual({
      due: false,
      next: at('2026-11-02T01:00:00Z'),
    });
  });

  it('posts once on the Los Angeles fall-back day even though 01:30 happens twice', () => {
    const s = schedule('01:30', 'America/Los_Angeles');
    expect(planPost(s, sent('2026-10-31'), at('2026-11-01T08:30:00Z'))).toEqual({
      due: true,
      date: '2026-11-01',
    });
    // The second 01:30 (PST) comes after today's post is recorded.
    expect(planPost(s, sent('2026-11-01'), at('2026-11-01T09:30:00Z'))).toEqual({
      due: false,
      next: at('2026-11-02T09:30:00Z'),
    });
  });

  it('posts at 03:00 on the Los Angeles spring-forward day for a 02:30 schedule', () => {
    const s = schedule('02:30', 'America/Los_Angeles');
    expect(planPost(s, sent('2026-03-07'), at('2026-03-08T09:59:00Z'))).toEqual({
      due: false,
      next: at('2026-03-08T10:00:00Z'),
    });
    expect(planPost(s, sent('2026-03-07'), at('2026-03-08T10:00:00Z'))).toEqual({
      due: true,
      date: '2026-03-08',
    });
    // The day after, 02:30 exists again (PDT).
    expect(planPost(s, sent('2026-03-08'), at('2026-03-08T12:00:00Z'))).toEqual({
      due: false,
      next: at('2026-03-09T09:30:00Z'),
    });
  });

  it('uses the local date in Pacific/Kiritimati while UTC is still on the day before', () => {
    const s = schedule('09:00', 'Pacific/Kiritimati');
    expect(planPost(s, sent('2026-10-31'), at('2026-10-31T19:00:00Z'))).toEqual({
      due: true,
      date: '2026-11-01',
    });
  });

  it('in UTC, is due at the minute and plans across month and year ends', () => {
    const s = schedule('23:59', 'UTC');
    expect(planPost(s, sent('2026-12-30'), at('2026-12-31T23:59:00Z'))).toEqual({
      due: true,
      date: '2026-12-31',
    });
    expect(planPost(s, sent('2026-12-31'), at('2026-12-31T23:59:30Z'))).toEqual({
      due: false,
      next: at('2027-01-01T23:59:00Z'),
    });
    expect(
      planPost(schedule('00:00', 'UTC'), sent('2026-01-31'), at('2026-01-31T12:00:00Z')),
    ).toEqual({ due: false, next: at('2026-02-01T00:00:00Z') });
  });

  it('crosses Feb 28 → Feb 29 in a leap year and Feb 28 → Mar 1 otherwise', () => {
    const s = schedule('08:00', 'Asia/Shanghai');
    expect(planPost(s, sent('2028-02-28'), at('2028-02-28T12:00:00Z'))).toEqual({
      due: false,
      next: at('2028-02-29T00:00:00Z'),
    });
    expect(planPost(s, sent('2027-02-28'), at('2027-02-28T12:00:00Z'))).toEqual({
      due: false,
      next: at('2027-03-01T00:00:00Z'),
    });
    expect(planPost(s, sent('2028-02-28'), at('2028-02-29T00:00:00Z'))).toEqual({
      due: true,
      date: '2028-02-29',
    });
  });

  it('retries an unfinished day once its retry time has come, and not before', () => {
    const s = schedule('09:00', 'UTC');
    const waiting: LastRecord = { date: '2026-11-01', retryAt: at('2026-11-01T09:04:00Z') };
    expect(planPost(s, waiting, at('2026-11-01T09:03:00Z'))).toEqual({
      due: false,
      next: at('2026-11-01T09:04:00Z'),
    });
    expect(planPost(s, waiting, at('2026-11-01T09:04:00Z'))).toEqual({
      due: true,
      date: '2026-11-01',
    });
    // Past local midnight an unfinished day is abandoned, not posted late.
    expect(planPost(s, waiting, at('2026-11-02T08:00:00Z'))).toEqual({
      due: false,
      next: at('2026-11-02T09:00:00Z'),
    });
  });

  it("waits for the first date when posting was switched on after today's minute", () => {
    const s = schedule('09:00', 'UTC', '2026-11-02');
    expect(planPost(s, null, at('2026-11-01T10:00:00Z'))).toEqual({
      due: false,
      next: at('2026-11-02T09:00:00Z'),
    });
  });

  it('plans nothing while posting is off', () => {
    expect(
      planPost({ ...schedule('09:00', 'UTC'), enabled: false }, null, at('2026-11-01T10:00:00Z')),
    ).toEqual({ due: false, next: null });
  });

  it('plans the day after the last record when a zone change left it ahead of today', () => {
    // Posted for Nov 1 in Kiritimati, then switched to Los Angeles where it is still Oct 31.
    const s = schedule('09:00', 'America/Los_Angeles');
    expect(planPost(s, sent('2026-11-01'), at('2026-10-31T20:00:00Z'))).toEqual({
      due: false,
      next: at('2026-11-02T17:00:00Z'),
    });
  });
});

describe('the first date posting starts on', () => {
  it("is today while today's minute is ahead, else tomorrow", () => {
    expect(firstPostDate('09:00', 'Asia/Shanghai', at('2026-11-01T00:30:00Z'))).toBe('2026-11-01');
    expect(firstPostDate('09:00', 'Asia/Shanghai', at('2026-11-01T01:00:00Z'))).toBe('2026-11-02');
    expect(firstPostDate('09:00', 'Pacific/Kiritimati', at('2026-12-31T20:00:00Z'))).toBe(
      '2027-01-02',
    );
  });
});
