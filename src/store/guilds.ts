/** Each server's anniversary-post settings, and the last thing that went wrong posting there. */
import type { Locale } from '../i18n/index.js';
import { atomic, type Db } from './database.js';

import type { EmptyDayMode, FailureReason } from '../schedule/types.js';

export {
  EMPTY_DAY_MODES,
  FAILURE_REASONS,
  type EmptyDayMode,
  type FailureReason,
} from '../schedule/types.js';

export interface PostFailure {
  /** ISO instant. */
  at: string;
  reason: FailureReason;
  /** Discord's wording or the missing permissions, for operators. */
  detail: string | null;
}

export interface GuildSettings {
  guildId: string;
  channelId: string;
  /** `HH:MM`, local. */
  time: string;
  timeZone: string;
  enabled: boolean;
  language: Locale;
  emptyDay: EmptyDayMode;
  /** First local date a scheduled post may go out. */
  startsOn: string;
  /** Why posting was switched off by the bot itself (e.g. the channel was deleted); null when a manager did it. */
  disabledReason: FailureReason | null;
  /** While posts are paused (`/journal pause`): the first local date they go out again; else null. */
  pausedUntil: string | null;
  lastFailure: PostFailure | null;
  updatedAt: string;
}

/** The fields `/journal setup` decides. */
export type GuildSettingsInput = Pick<
  GuildSettings,
  'guildId' | 'channelId' | 'time' | 'timeZone' | 'enabled' | 'language' | 'emptyDay' | 'startsOn'
>;

interface GuildRow {
  guild_id: string;
  channel_id: string;
  post_time: string;
  time_zone: string;
  enabled: number;
  language: Locale;
  empty_day: EmptyDayMode;
  starts_on: string;
  disabled_reason: FailureReason | null;
  paused_until: string | null;
  last_failure_at: string | null;
  last_failure_reason: FailureReason | null;
  last_failure_detail: string | null;
  updated_at: string;
}

function toSettings(row: GuildRow): GuildSettings {
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    time: row.post_time,
    timeZone: row.time_zone,
    enabled: row.enabled === 1,
    language: row.language,
    emptyDay: row.empty_day,
    startsOn: row.starts_on,
    disabledReason: row.disabled_reason,
    pausedUntil: row.paused_until,
    lastFailure:
      row.last_failure_at && row.last_failure_reason
        ? {
            at: row.last_failure_at,
            reason: row.last_failure_reason,
            detail: row.last_failure_detail,
          }
        : null,
    updatedAt: row.updated_at,
  };
}

const COLUMNS = `guild_id, channel_id, post_time, time_zone, enabled, language, empty_day, starts_on,
  disabled_reason, paused_until, last_failure_at, last_failure_reason, last_failure_detail, updated_at`;

/** Prepares the settings statements once; `now` stamps every change. */
export function createGuildStore(db: Db, now: () => Date) {
  const s = {
    get: db.prepare<[string], GuildRow>(`SELECT ${COLUMNS} FROM guild_settings WHERE guild_id = ?`),
    enabled: db.prepare<[], GuildRow>(
      `SELECT ${COLUMNS} FROM guild_settings WHERE enabled = 1 ORDER BY guild_id`,
    ),
    all: db.prepare<[], GuildRow>(`SELECT ${COLUMNS} FROM guild_settings ORDER BY guild_id`),
    save: db.prepare<
      [
        {
          guild: string;
          channel: string;
          time: string;
          zone: string;
          enabled: number;
          language: string;
          emptyDay: string;
          startsOn: string;
          at: string;
        },
      ]
    >(
      `INSERT INTO guild_settings (guild_id, channel_id, post_time, time_zone, enabled, language, empty_day, starts_on, updated_at)
       VALUES (@guild, @channel, @time, @zone, @enabled, @language, @emptyDay, @startsOn, @at)
       ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, post_time = excluded.post_time,
         time_zone = excluded.time_zone, enabled = excluded.enabled, language = excluded.language,
         empty_day = excluded.empty_day, starts_on = excluded.starts_on, disabled_reason = NULL, paused_until = NULL,
         updated_at = excluded.updated_at`,
    ),
    disable: db.prepare<[string | null, string, string]>(
      `UPDATE guild_settings SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE guild_id = ?`,
    ),
    pause: db.prepare<[string | null, string, string]>(
      `UPDATE guild_settings SET paused_until = ?, updated_at = ? WHERE guild_id = ?`,
    ),
    fail: db.prepare<[{ at: string; reason: string; detail: string | null; guild: string }]>(
      `UPDATE guild_settings SET last_failure_at = @at, last_failure_reason = @reason, last_failure_detail = @detail
       WHERE guild_id = @guild`,
    ),
  };

  const tx = atomic(db);
  function get(guildId: string): GuildSettings | null {
    const row = s.get.get(guildId);
    return row ? toSettings(row) : null;
  }

  return {
    get,

    /** Servers whose posts are switched on. */
    listEnabled(): GuildSettings[] {
      return s.enabled.all().map(toSettings);
    },

    /** Every server's settings, posts on or off (exports). */
    list(): GuildSettings[] {
      return s.all.all().map(toSettings);
    },

    /**
     * Creates or replaces a server's settings; saving clears a reason the
     * bot had for switching posts off, and a pause (`/journal setup` resumes).
     */
    save: tx((input: GuildSettingsInput): GuildSettings => {
      s.save.run({
        guild: input.guildId,
        channel: input.channelId,
        time: input.time,
        zone: input.timeZone,
        enabled: input.enabled ? 1 : 0,
        language: input.language,
        emptyDay: input.emptyDay,
        startsOn: input.startsOn,
        at: now().toISOString(),
      });
      return get(input.guildId)!;
    }),

    /** Switches posts off; `reason` when the bot does it because posting cannot work. */
    disable: tx((guildId: string, reason: FailureReason | null = null): void => {
      s.disable.run(reason, now().toISOString(), guildId);
    }),

    /** Holds posts until local date `until` (null resumes). */
    pause: tx((guildId: string, until: string | null): void => {
      s.pause.run(until, now().toISOString(), guildId);
    }),

    /** Remembers the latest failure for `/journal status`. */
    recordFailure: tx((guildId: string, reason: FailureReason, detail: string | null): void => {
      s.fail.run({ at: now().toISOString(), reason, detail, guild: guildId });
    }),
  };
}
