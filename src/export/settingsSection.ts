/**
 * Per-server settings in a JSON export: each server's anniversary-post
 * schedule. What went wrong posting (failures) is the old machine's story
 * and stays behind.
 */
import { z } from 'zod';
import { isValidTimeZone } from '../journal/dates.js';
import { EMPTY_DAY_MODES } from '../store/guilds.js';
import { parseSection } from './sectionData.js';
import type { ExportSection } from './sections.js';

/** A server's schedule; anniversaries by DM read their time, zone, language and start the same way. */
export const guildSchema = z.object({
  guildId: z.string().regex(/^\d{17,20}$/u),
  channelId: z.string().regex(/^\d{17,20}$/u),
  time: z.string().regex(/^[0-2]\d:[0-5]\d$/u),
  timeZone: z.string().refine(isValidTimeZone, 'not an IANA time zone'),
  enabled: z.boolean(),
  language: z.enum(['zh-CN', 'en-US']),
  emptyDay: z.enum(EMPTY_DAY_MODES),
  startsOn: z.iso.date(),
});

const settingsSchema = z.object({ guilds: z.array(guildSchema) });

export const settingsSection: ExportSection = {
  key: 'settings',
  dump(store): z.infer<typeof settingsSchema> {
    return {
      guilds: store.guilds.list().map((g) => ({
        guildId: g.guildId,
        channelId: g.channelId,
        time: g.time,
        timeZone: g.timeZone,
        enabled: g.enabled,
        language: g.language,
        emptyDay: g.emptyDay,
        startsOn: g.startsOn,
      })),
    };
  },
  restore(store, data) {
    const parsed = parseSection(settingsSchema, data, 'settings');
    for (const guild of parsed.guilds) store.guilds.save(guild);
  },
};
