/** Dates as readers see them. */
import type { Locale } from '../i18n/index.js';

/** "Nov 1" / "11月1日" for a `YYYY-MM-DD` or `MM-DD`. */
export function formatMonthDay(date: string, locale: Locale): string {
  const md = date.length === 5 ? `2000-${date}` : date;
  return new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${md}T00:00:00Z`),
  );
}
