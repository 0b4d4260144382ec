/** Subcommands that read essays: list, show, today. */
import { localDate, parseDate, isValidTimeZone } from '../journal/dates.js';
import { displayTitle, excerpt } from '../journal/display.js';
import { yearsAgoLabel, t } from '../i18n/index.js';
import { UserFacingError } from '../errors.js';
import type { ShownDayEntry } from '../journal/onThisDay.js';
import { essayJson } from '../journal/essayJson.js';
import { printJson, stringOption, type CliCommand } from './command.js';
import { cliLocale } from './locale.js';

/** The line the command line prints before a warned essay's text. */
function warningText(warning: string): string {
  return `⚠ ${t(cliLocale(), 'warning.cli', { warning })}`;
}

export function parseId(text: string | undefined): number {
  const id = Number(text);
  if (text === undefined || !Number.isSafeInteger(id) || id <= 0) {
    throw new UserFacingError(
      `expected an essay id (a positive whole number), got ${text === undefined ? 'nothing' : JSON.stringify(text)}`,
    );
  }
  return id;
}

export const listCommand: CliCommand = {
  name: 'list',
  usage: 'list [--year YYYY] [--hidden]',
  summary: 'essays, newest first',
  readsJournal: true,
  options: { year: { type: 'string' }, hidden: { type: 'boolean' } },
  run(ctx, args) {
    const yearText = stringOption(args, 'year');
    const year = yearText === undefined ? undefined : Number(yearText);
    if (year !== undefined && (!Number.isInteger(year) || year < 1 || year > 9999)) {
      throw new UserFacingError(
        `--year must be a year such as 2025, got ${JSON.stringify(yearText)}`,
      );
    }
    // The command line is the author's own tool: hidden essays are listed, marked.
    const essays = ctx.store().essays.list({ year, includeHidden: args.values.hidden !== false });
    if (ctx.json) {
      printJson(ctx.io, {
        total: essays.length,
        essays: essays.map((e) => ({ ...essayJson(e), excerpt: excerpt(e.excerpt, 80) })),
      });
      return 0;
    }
    for (const e of essays) {
      ctx.io.out(
        `#${e.id}  ${e.date}  ${displayTitle({ ...e, body: e.excerpt }, false)}${e.place ? ` · ${e.place}` : ''}${e.hidden ? '  (hidden)' : ''}`,
      );
    }
    ctx.io.out(`${essays.length} essay${essays.length === 1 ? '' : 's'}`);
    return 0;
  },
};

export const showCommand: CliCommand = {
  name: 'show',
  usage: 'show ID',
  summary: 'one essay, whole',
  readsJournal: true,
  run(ctx, args) {
    const id = parseId(args.positionals[0]);
    const essay = ctx.store().essays.get(id, { includeHidden: true });
    if (!essay) throw new UserFacingError(`there is no essay #${id}`);
    if (ctx.json) {
      printJson(ctx.io, {
        ...essayJson(essay),
        body: essay.body,
        source: essay.source,
        createdAt: essay.createdAt,
        updatedAt: essay.updatedAt,
      });
      return 0;
    }
    const footer = `— ${essay.date}${essay.place ? ` 于${essay.place}` : ''}`;
    const lines = [
      ...(essay.title ? [`${essay.title}\n`] : []),
      ...(essay.warning ? [`${warningText(essay.warning)}\n`] : []),
      essay.body,
      '',
      footer,
    ];
    if (essay.tags.length > 0) lines.push(`tags: ${essay.tags.join(', ')}`);
    ctx.io.out(lines.join('\n'));
    return 0;
  },
};

function resolveToday(
  ctx: Parameters<CliCommand['run']>[0],
  dateText: string | undefined,
  tzText: string | undefined,
): string {
  if (dateText !== undefined) {
    const reading = parseDate(dateText);
    if (!reading.ok) {
      throw new UserFacingError(
        reading.reason === 'impossible'
          ? `--date ${dateText} is not a real calendar date`
          : `--date must look like 2026-11-01, got ${JSON.stringify(dateText)}`,
      );
    }
    return reading.date;
  }
  const zone = tzText ?? ctx.config.JOURNAL_TIMEZONE;
  if (!isValidTimeZone(zone))
    throw new UserFacingError(
      `--tz ${JSON.stringify(zone)} is not an IANA time zone (e.g. Asia/Shanghai)`,
    );
  return localDate(ctx.clock.now(), zone);
}

function describeWithAge(e: ShownDayEntry, locale: ReturnType<typeof cliLocale>): string {
  const head = [
    e.date,
    yearsAgoLabel(locale, e.yearsAgo),
    displayTitle({ ...e, body: e.excerpt }, false),
    e.place,
  ]
    .filter(Boolean)
    .join(' · ');
  const warning = e.warning ? `    ${warningText(e.warning)}\n` : '';
  return `${head}\n${warning}    ${excerpt(e.excerpt, 120).replace(/\n+/gu, ' ')}`;
}

export const todayCommand: CliCommand = {
  name: 'today',
  usage: 'today [--date YYYY-MM-DD] [--tz ZONE]',
  summary: 'essays written on this month-day in earlier years (and this year)',
  readsJournal: true,
  options: { date: { type: 'string' }, tz: { type: 'string' } },
  run(ctx, args) {
    const today = resolveToday(ctx, stringOption(args, 'date'), stringOption(args, 'tz'));
    const store = ctx.store();
    const day = store.essays.onThisDay(today);
    // The CLI prints every entry, so every entry needs its excerpt.
    const result = {
      date: day.date,
      essays: store.essays.withExcerpts(day.essays),
      nearest: store.essays.withExcerpts(day.nearest),
    };
    if (ctx.json) {
      const withAge = (e: ShownDayEntry) => ({
        ...essayJson(e),
        yearsAgo: e.yearsAgo,
        excerpt: excerpt(e.excerpt, 300),
      });
      printJson(ctx.io, {
        date: result.date,
        essays: result.essays.map(withAge),
        nearest: result.nearest.map(withAge),
      });
      return 0;
    }
    const locale = cliLocale();
    if (result.essays.length === 0) {
      ctx.io.out(t(locale, 'today.none', { date: today.slice(5) }));
      if (result.nearest.length > 0) ctx.io.out(t(locale, 'today.nearest'));
      for (const e of result.nearest) ctx.io.out(describeWithAge(e, locale));
      return 0;
    }
    for (const e of result.essays) ctx.io.out(describeWithAge(e, locale));
    return 0;
  },
};
