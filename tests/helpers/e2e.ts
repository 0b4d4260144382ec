/** What every end-to-end test against the fake Discord asks of a reply. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { localDate, zonedParts } from '../../src/journal/dates.js';
import {
  startFakeDiscord,
  type FakeDiscord,
  type InteractionResult,
  type StoredMessage,
} from '../fakeDiscord/index.js';
import { tempDir } from './store.js';
import { buttonsOf, shownTextOf, type ButtonJson } from './messageText.js';

/** A zone where it is now between 01:00 and 22:59, so "today" cannot roll over while a test runs. */
export function stableZone(): string {
  return ['Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Pacific/Kiritimati'].find(
    (zone) => {
      const { hour } = zonedParts(new Date(), zone);
      return hour >= 1 && hour <= 22;
    },
  )!;
}

/** Today in `zone`, on the real clock (the bot process runs on it too). */
export function todayIn(zone: string): string {
  return localDate(new Date(), zone);
}

/** The same month-day one year earlier (Feb 29 falls back to Feb 28, where it shows). */
export function oneYearBefore(date: string): string {
  const [y, m, d] = date.split('-');
  return m === '02' && d === '29' ? `${Number(y) - 1}-02-28` : `${Number(y) - 1}-${m}-${d}`;
}

/** The first response arrived inside Discord's 3 s and was accepted. */
export function answered(r: InteractionResult): InteractionResult {
  expect(r.accepted, JSON.stringify(r.error)).toBe(true);
  expect(r.ms).toBeLessThan(3000);
  return r;
}

export type { ButtonJson } from './messageText.js';

/** Every button of a message, however nested. */
export function buttons(message: StoredMessage): ButtonJson[] {
  return buttonsOf(message);
}

/** Everything a message shows as text: its text displays and button labels. */
export function shownText(message: StoredMessage): string {
  return shownTextOf(message);
}

/** A Components V2 message: the flag set, no content or embeds beside it. */
export function expectV2(message: StoredMessage): void {
  expect(message.flags & IS_COMPONENTS_V2).toBe(IS_COMPONENTS_V2);
  expect(message.content).toBe('');
  expect(message.embeds).toEqual([]);
}

const IS_COMPONENTS_V2 = 1 << 15;

/**
 * Where every anniversary scenario starts: a fake Discord, and a journal
 * folder with last year's essay of `date` (markdown and an @everyone in it)
 * and a hidden one of the same day. `cleanup` closes and removes both.
 */
export async function anniversaryJournal(
  prefix: string,
  date: string,
): Promise<{ fake: FakeDiscord; dir: string; essays: string; cleanup: () => Promise<void> }> {
  const fake = await startFakeDiscord();
  const t = tempDir(prefix);
  const essays = join(t.dir, 'essays');
  mkdirSync(essays);
  const lastYear = oneYearBefore(date);
  writeFileSync(
    join(essays, 'last-year.md'),
    `一年前的今天\n\n那天写下了 **这些** 话,还有 @everyone。\n\n— ${lastYear.replaceAll('-', '.')} 于上海\n`,
  );
  writeFileSync(
    join(essays, 'private.md'),
    `---\ntitle: 不公开的一篇\ndate: ${lastYear}\nhidden: true\n---\n只给自己看。\n`,
  );
  return {
    fake,
    dir: t.dir,
    essays,
    cleanup: async () => {
      await fake.close();
      t.cleanup();
    },
  };
}
