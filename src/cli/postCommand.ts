/** `journal post --dry-run`: the anniversary post that would go out, as text or JSON. The bot does the sending. */
import { UserFacingError } from '../errors.js';
import { t, type Locale } from '../i18n/index.js';
import { isValidTimeZone, localDate, parseDate } from '../journal/dates.js';
import { renderPayload } from '../console/renderText.js';
import { composeAnniversaryPost } from '../schedule/post.js';
import { isPaused } from '../schedule/due.js';
import { CLI_SCOPE } from '../store/quotes.js';
import { EMPTY_DAY_MODES, type EmptyDayMode, type GuildSettings } from '../store/guilds.js';
import { printJson, stringOption, type CliCommand } from './command.js';
import { cliLocale } from './locale.js';

function readDate(text: string): string {
  const reading = parseDate(text);
  if (reading.ok) return reading.date;
  throw new UserFacingError(
    reading.reason === 'impossible'
      ? `--date ${text} is not a real calendar date`
      : `--date must look like 2026-11-01, got ${JSON.stringify(text)}`,
  );
}

function readChoice<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserFacingError(
    `--${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
  );
}

export const postCommand: CliCommand = {
  name: 'post',
  usage:
    'post --dry-run [--date YYYY-MM-DD] [--tz ZONE] [--guild ID] [--lang zh-CN|en-US] [--empty-day skip|nearest|quote]',
  summary: 'show the anniversary post that would go out (the bot sends it at the scheduled time)',
  readsJournal: true,
  options: {
    'dry-run': { type: 'boolean' },
    date: { type: 'string' },
    tz: { type: 'string' },
    guild: { type: 'string' },
    lang: { type: 'string' },
    'empty-day': { type: 'string' },
  },
  run(ctx, args) {
    if (args.values['dry-run'] !== true) {
      throw new UserFacingError(
        'the command line only previews the post: add --dry-run (the bot posts at the scheduled time; /journal post-now posts at once)',
      );
    }
    const store = ctx.store();
    const guildId = stringOption(args, 'guild');
    let settings: GuildSettings | null = null;
    if (guildId !== undefined) {
      settings = store.guilds.get(guildId);
      if (!settings)
        throw new UserFacingError(
          `server ${guildId} has no anniversary settings (set them with /journal setup)`,
        );
    }
    const zone = stringOption(args, 'tz') ?? settings?.timeZone ?? ctx.config.JOURNAL_TIMEZONE;
    if (!isValidTimeZone(zone))
      throw new UserFacingError(
        `--tz ${JSON.stringify(zone)} is not an IANA time zone (e.g. Asia/Shanghai)`,
      );
    const dateText = stringOption(args, 'date');
    const date = dateText === undefined ? localDate(ctx.clock.now(), zone) : readDate(dateText);
    const language: Locale =
      readChoice('lang', stringOption(args, 'lang'), ['zh-CN', 'en-US'] as const) ??
      settings?.language ??
      cliLocale();
    const emptyDay: EmptyDayMode =
      readChoice('empty-day', stringOption(args, 'empty-day'), EMPTY_DAY_MODES) ??
      settings?.emptyDay ??
      'skip';

    // A paused server posts nothing on its paused days: say so rather than preview a post that will not go out.
    if (settings && isPaused(settings, date)) {
      const until = settings.pausedUntil!;
      if (ctx.json)
        printJson(ctx.io, {
          date,
          timeZone: zone,
          language,
          emptyDay,
          posted: false,
          pausedUntil: until,
          payload: null,
        });
      else ctx.io.out(t(language, 'schedule.paused', { until }));
      return 0;
    }
    const payload = composeAnniversaryPost(store, {
      date,
      language,
      emptyDay,
      random: Math.random,
      scope: settings?.channelId ?? CLI_SCOPE,
    });
    if (ctx.json) {
      printJson(ctx.io, {
        date,
        timeZone: zone,
        language,
        emptyDay,
        posted: payload !== null,
        payload,
      });
      return 0;
    }
    if (!payload) {
      ctx.io.out(t(language, 'post.nothing', { date }));
      return 0;
    }
    ctx.io.out(
      renderPayload(payload, {
        style: ctx.io.isTTY ? 'ansi' : 'plain',
        locale: language,
        timeZone: zone,
      }).text,
    );
    return 0;
  },
};
