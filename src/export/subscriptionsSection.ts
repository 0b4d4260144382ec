/**
 * Anniversaries by DM in a JSON export: who is subscribed, when and in which
 * language. Ended subscriptions and the days already sent stay behind: a
 * restored journal starts each subscriber's DMs afresh from their start date.
 */
import { z } from 'zod';
import { parseSection } from './sectionData.js';
import type { ExportSection } from './sections.js';
import { guildSchema } from './settingsSection.js';

const dmSchema = guildSchema
  .pick({ time: true, timeZone: true, language: true, startsOn: true })
  .extend({ userId: z.string().regex(/^\d{17,20}$/u) });

const subscriptionsSchema = z.object({ dms: z.array(dmSchema) });

export const subscriptionsSection: ExportSection = {
  key: 'subscriptions',
  dump(store): z.infer<typeof subscriptionsSchema> {
    return {
      dms: store.subscriptions
        .listActive()
        .map(({ userId, time, timeZone, language, startsOn }) => ({
          userId,
          time,
          timeZone,
          language,
          startsOn,
        })),
    };
  },
  restore(store, data) {
    const parsed = parseSection(subscriptionsSchema, data, 'subscriptions');
    for (const dm of parsed.dms) store.subscriptions.subscribe(dm);
  },
};
