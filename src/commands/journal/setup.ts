/** `/journal setup channel: time: [timezone:] [language:] [empty-day:]`: where and when the anniversary posts go. */
import { textOption } from '../options.js';
import { ApplicationCommandOptionType, ChannelType } from 'discord-api-types/v10';
import { UserFacingError } from '../../errors.js';
import { isLocale, localizations, t, type Locale, type MessageKey } from '../../i18n/index.js';
import { isValidTimeZone } from '../../journal/dates.js';
import { truncate } from '../../journal/display.js';
import { formatTime, parseTime, startsOnAfterSave } from '../../schedule/due.js';
import { EMPTY_DAY_MODES, type EmptyDayMode } from '../../store/guilds.js';
import { LIMITS } from '../../messages/limits.js';
import { notice } from '../../messages/builders.js';
import { option, subcommand } from '../define.js';
import type { Choice, HandlerContext, Subcommand } from '../types.js';
import { nextPostText, requireGuild } from './scheduleText.js';
import { emptyDayName, languageName } from '../../messages/schedule.js';

const SNOWFLAKE = /^\d{17,20}$/u;

/** The zone's canonical spelling (`asia/shanghai` → `Asia/Shanghai`), or a clear refusal naming it. */
export function readTimeZone(input: string): string {
  const zone = input.trim();
  if (!isValidTimeZone(zone))
    throw new UserFacingError(`${zone} is not a time zone`, 'schedule.badZone', {
      input: truncate(zone, 80),
    });
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/** `HH:MM`, or a clear refusal naming what was typed. */
export function readTime(input: string): string {
  const time = parseTime(input);
  if (!time)
    throw new UserFacingError(`${input} is not a time of day`, 'schedule.badTime', {
      input: truncate(input.trim(), 80),
    });
  return formatTime(time);
}

let zones: readonly string[] | undefined;
/** Every zone this runtime knows (loaded once); ICU lists UTC only as an alias, so it is added. */
function allZones(): readonly string[] {
  zones ??= [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  return zones;
}

/** "UTC+08:00" for a zone at an instant. */
function offsetLabel(zone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return (part?.value ?? 'GMT').replace(/^GMT/u, 'UTC').replace(/^UTC$/u, 'UTC+00:00');
}

/**
 * Time zones whose name contains what was typed (spaces match `_`), the
 * server's current zone and the journal's first when nothing is typed.
 */
export function timeZoneChoices(ctx: HandlerContext, typed: string): Choice[] {
  const needle = typed.trim().toLowerCase().replace(/\s+/gu, '_');
  const preferred = [
    ctx.guildId ? ctx.store.guilds.get(ctx.guildId)?.timeZone : undefined,
    ctx.timeZone,
  ].filter((z): z is string => z !== undefined);
  const matches = [...new Set([...preferred, ...allZones()])].filter((zone) =>
    zone.toLowerCase().includes(needle),
  );
  // Names that start with the text (or whose city does) before those that merely contain it.
  const starts = (zone: string) =>
    zone.toLowerCase().startsWith(needle) ||
    zone
      .toLowerCase()
      .split('/')
      .some((part) => part.startsWith(needle));
  const ordered =
    needle === '' ? matches : [...matches.filter(starts), ...matches.filter((z) => !starts(z))];
  const now = ctx.clock.now();
  return ordered.slice(0, LIMITS.choices).map((zone) => ({
    name: truncate(`${zone} (${offsetLabel(zone, now)})`, LIMITS.choiceName),
    value: zone,
  }));
}

const emptyDayChoices = EMPTY_DAY_MODES.map((mode) => {
  const key: MessageKey = `schedule.emptyDayChoice.${mode}`;
  return { name: t('en-US', key), name_localizations: localizations(key), value: mode };
});

export const setup: Subcommand = {
  data: subcommand('journal.setup', [
    option('journal.setup.channel', {
      type: ApplicationCommandOptionType.Channel,
      required: true,
      channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    }),
    option('journal.setup.time', {
      type: ApplicationCommandOptionType.String,
      required: true,
      max_length: 10,
    }),
    option('journal.setup.timezone', {
      type: ApplicationCommandOptionType.String,
      autocomplete: true,
      max_length: 100,
    }),
    option('journal.setup.language', {
      type: ApplicationCommandOptionType.String,
      choices: [
        { name: '中文', value: 'zh-CN' },
        { name: 'English', value: 'en-US' },
      ],
    }),
    option('journal.setup.empty-day', {
      type: ApplicationCommandOptionType.String,
      choices: emptyDayChoices,
    }),
  ]),
  access: 'manager',
  execute(ctx, options) {
    const guildId = requireGuild(ctx);
    const channelId = textOption(options, 'channel');
    if (!SNOWFLAKE.test(channelId))
      throw new UserFacingError(`not a channel: ${channelId}`, 'schedule.badChannel');
    const time = readTime(textOption(options, 'time'));
    const existing = ctx.store.guilds.get(guildId);
    const timeZone = readTimeZone(
      typeof options.timezone === 'string' && options.timezone.trim() !== ''
        ? options.timezone
        : (existing?.timeZone ?? ctx.timeZone),
    );
    const languageOption = textOption(options, 'language');
    const language: Locale = isLocale(languageOption)
      ? languageOption
      : (existing?.language ?? ctx.locale);
    const emptyDayOption = textOption(options, 'empty-day');
    const emptyDay: EmptyDayMode = (EMPTY_DAY_MODES as readonly string[]).includes(emptyDayOption)
      ? (emptyDayOption as EmptyDayMode)
      : (existing?.emptyDay ?? 'skip');

    const startsOn = startsOnAfterSave(existing, time, timeZone, ctx.clock.now());
    const settings = ctx.store.guilds.save({
      guildId,
      channelId,
      time,
      timeZone,
      enabled: true,
      language,
      emptyDay,
      startsOn,
    });

    const { locale } = ctx;
    return notice(
      [
        t(locale, 'schedule.saved', {
          channel: channelId,
          time,
          zone: timeZone,
          language: languageName(locale, language),
        }),
        t(locale, 'schedule.nextLine', { next: nextPostText(ctx, settings) }),
        t(locale, 'schedule.emptyDayLine', { mode: emptyDayName(locale, emptyDay) }),
      ].join('\n'),
    );
  },
  autocomplete: (ctx, focused) =>
    focused.name === 'timezone' ? timeZoneChoices(ctx, focused.value) : [],
};
