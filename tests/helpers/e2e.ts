/** What every end-to-end test against the fake Discord asks of a reply. */
import { expect } from 'vitest';
import { localDate, zonedParts } from '../../src/journal/dates.js';
import type { InteractionResult, StoredMessage } from '../fakeDiscord/index.js';

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

export interface ButtonJson {
  custom_id: string;
  label?: string;
  disabled?: boolean;
  url?: string;
  style?: number;
}

export function buttons(message: StoredMessage): ButtonJson[] {
  return (message.components as Array<{ components?: ButtonJson[] }>).flatMap(
    (row) => row.components ?? [],
  );
}

/** Everything a message shows as text: content, embeds, button labels. */
export function shownText(message: StoredMessage): string {
  return [
    message.content,
    ...message.embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
    ...buttons(message).map((b) => b.label ?? ''),
  ].join('\n');
}
