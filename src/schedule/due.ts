/**
 * When a server's anniversary post is due. Pure: the schedule, what was
 * last recorded and `now` go in; a date to post for (or nothing) and the
 * next post time come out.
 *
 * The rule is "local time has reached the configured minute and nothing is
 * recorded for today's local date", never "a timer fired at that minute":
 * a tick that comes late or a process that was down still posts, and a
 * post is only ever made for today's local date, never for a past day.
 */
import { addDays, localDate, zonedParts } from '../journal/dates.js';

/** A server's schedule, as far as timing goes. */
export interface Schedule {
  /** Local wall-clock time, `HH:MM` (24-hour). */
  time: string;
  /** IANA zone the time is read in. */
  timeZone: string;
  enabled: boolean;
  /**
   * The first local date a scheduled post may go out. Switching posts on
   * after today's minute has passed starts tomorrow rather than posting at once.
   */
  startsOn: string;
  /** While paused: the first local date posts go out again (days before it are recorded as paused). */
  pausedUntil?: string | null;
}

/** Whether a server's posts are held on local date `date`. */
export function isPaused(schedule: Pick<Schedule, 'pausedUntil'>, date: string): boolean {
  return schedule.pausedUntil != null && date < schedule.pausedUntil;
}

/** The newest day recorded for a server. */
export interface LastRecord {
  /** Its local date, `YYYY-MM-DD`. */
  date: string;
  /** Set while that day's post is unfinished (a send in flight or waiting to retry): when it may be tried again. */
  retryAt: Date | null;
}

export type Plan =
  /** Post now, for local date `date`. */
  | { due: true; date: string }
  /** Nothing to do now; `next` is when the next post is planned (null when posting is off). */
  | { due: false; next: Date | null };

const MINUTE = 60_000;

/** Reads `HH:MM` or `H:MM` (24-hour; a full-width colon too). Null when it is not a time of day. */
export function parseTime(text: string): { hour: number; minute: number } | null {
  const m = /^\s*(\d{1,2})\s*[:：]\s*(\d{2})\s*$/u.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** `HH:MM`, zero-padded. */
export function formatTime(time: { hour: number; minute: number }): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/** The wall-clock reading of an instant in a zone, as if it were UTC (ms, whole minutes). */
function wallClock(ms: number, zone: string): number {
  const p = zonedParts(new Date(ms), zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
}

/**
 * The instant at which a zone's clock first reads `time` on `date`.
 * - A time repeated when clocks go back (fall-back) → its first occurrence,
 *   so the post goes out once.
 * - A time skipped when clocks go forward (spring-forward gap) → the first
 *   minute that exists after it (02:30 in a 02:00→03:00 gap is 03:00).
 */
export function postInstant(date: string, time: string, zone: string): Date {
  const t = parseTime(time);
  if (!t) throw new RangeError(`not a time of day: ${time}`);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, t.hour, t.minute);
  // The zone's offsets around that day; each gives one guess at the instant.
  const offsets = new Set(
    [-86_400_000, 0, 86_400_000].map((shift) => wallClock(wall + shift, zone) - (wall + shift)),
  );
  const guesses = [...offsets].map((offset) => wall - offset).sort((a, b) => a - b);
  const exact = guesses.find((g) => wallClock(g, zone) === wall);
  if (exact !== undefined) return new Date(exact);
  // In a gap: one guess reads before the time, the next after; the clock
  // jumps between them. Find the first minute that reads at or after it.
  for (let i = 0; i + 1 < guesses.length; i++) {
    let lo = guesses[i]!;
    let hi = guesses[i + 1]!;
    if (!(wallClock(lo, zone) < wall && wallClock(hi, zone) > wall)) continue;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
      if (wallClock(mid, zone) >= wall) hi = mid;
      else lo = mid;
    }
    return new Date(hi);
  }
  throw new RangeError(`cannot place ${date} ${time} in ${zone}`);
}

/**
 * Whether a post is due at `now`, and for which local date; otherwise when
 * the next one is planned.
 */
export function planPost(schedule: Schedule, last: LastRecord | null, now: Date): Plan {
  if (!schedule.enabled) return { due: false, next: null };
  const today = localDate(now, schedule.timeZone);
  let date = today < schedule.startsOn ? schedule.startsOn : today;
  if (last && last.date >= date) {
    // Today's post is recorded but unfinished: try again once its retry time comes.
    if (last.date === today && last.retryAt) {
      return now >= last.retryAt ? { due: true, date: today } : { due: false, next: last.retryAt };
    }
    date = addDays(last.date, 1);
  }
  const at = postInstant(date, schedule.time, schedule.timeZone);
  // A paused day still comes due, so the scheduler records it as paused; the next post is after the pause.
  if (date === today && now >= at) return { due: true, date };
  if (isPaused(schedule, date) && schedule.pausedUntil) {
    return {
      due: false,
      next: postInstant(schedule.pausedUntil, schedule.time, schedule.timeZone),
    };
  }
  return { due: false, next: at };
}

/**
 * The local date from which posts may start when posting is switched on at
 * `now`: today if today's minute is still ahead, else tomorrow.
 */
export function firstPostDate(time: string, zone: string, now: Date): string {
  const today = localDate(now, zone);
  return now < postInstant(today, time, zone) ? today : addDays(today, 1);
}

/**
 * The first local date after a schedule is saved at `now`: a schedule that
 * was already on keeps its earlier start (a new time still posts today if
 * today's has not gone out), a new or switched-on one starts as
 * firstPostDate says, so saving never surprises anyone with an immediate post.
 */
export function startsOnAfterSave(
  current: { enabled: boolean; startsOn: string } | null,
  time: string,
  zone: string,
  now: Date,
): string {
  const fresh = firstPostDate(time, zone, now);
  return current?.enabled && current.startsOn < fresh ? current.startsOn : fresh;
}
