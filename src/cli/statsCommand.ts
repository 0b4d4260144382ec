import { writeFileSync } from 'node:fs';
import { localDate } from '../journal/dates.js';
import { renderStatsPng } from '../journal/statsImage.js';
import { statsFor } from '../commands/journal/statsReport.js';
import { readYear } from '../commands/essay/list.js';
import { readLocaleOption } from '../console/start.js';
import { printJson, stringOption, type CliCommand } from './command.js';
import { cliLocale } from './locale.js';

export const statsCommand: CliCommand = {
  name: 'stats',
  usage: 'stats [--year YYYY] [--png PATH] [--locale zh-CN|en-US]',
  summary:
    'how much was written: counts, streaks, places, tags; --png draws the calendar heatmap, labelled in --locale (default: the terminal language)',
  readsJournal: true,
  options: { year: { type: 'string' }, png: { type: 'string' }, locale: { type: 'string' } },
  run(ctx, args) {
    const today = localDate(ctx.clock.now(), ctx.config.JOURNAL_TIMEZONE);
    // The author's own tool: hidden essays count.
    const stats = statsFor(
      { store: ctx.store(), today, includeHidden: true },
      readYear(stringOption(args, 'year')),
    );
    const pngPath = stringOption(args, 'png');
    if (pngPath !== undefined) {
      const locale = readLocaleOption(stringOption(args, 'locale'), cliLocale());
      writeFileSync(pngPath, renderStatsPng(stats, { year: stats.year, locale }).png);
    }
    if (ctx.json) {
      printJson(ctx.io, { ...stats, png: pngPath ?? null });
      return 0;
    }
    const year = stats.years.find((y) => y.year === stats.year);
    const plural = (n: number, unit: string) =>
      `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
    const streak = (s: typeof stats.streaks.longestDays, unit: string) =>
      s ? `${plural(s.length, unit)} (${s.start} → ${s.end})` : '—';
    const top = (items: typeof stats.places) =>
      items
        .slice(0, 8)
        .map((i) => `${i.name} ×${i.count}`)
        .join(', ') || '—';
    ctx.io.out(
      [
        `${stats.year}: ${plural(year?.essays ?? 0, 'essay')}, ${plural(year?.chars ?? 0, 'character')}`,
        `All years: ${plural(stats.essays, 'essay')}, ${plural(stats.chars, 'character')} (average ${plural(stats.averageChars, 'character')})`,
        `First ${stats.firstDate ?? '—'} · latest ${stats.latestDate ?? '—'}`,
        `Longest: ${stats.longest ? `${stats.longest.date}${stats.longest.title ? ` ${stats.longest.title}` : ''}, ${plural(stats.longest.chars, 'character')}` : '—'}`,
        `Streaks: current ${streak(stats.streaks.currentDays, 'day')}, longest ${streak(stats.streaks.longestDays, 'day')}; weekly: current ${streak(stats.streaks.currentWeeks, 'week')}, longest ${streak(stats.streaks.longestWeeks, 'week')}`,
        `Places: ${top(stats.places)}`,
        `Tags: ${top(stats.tags)}`,
        ...(pngPath ? [`Heatmap written to ${pngPath}`] : []),
      ].join('\n'),
    );
    return 0;
  },
};
