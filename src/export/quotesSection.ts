/**
 * Curated quotes in a JSON export. Extracted sentences are not exported:
 * they are rebuilt from the essays. A quote keeps its essay through the
 * essay-id map; one whose essay was not exported (it was in the trash)
 * comes back unattributed.
 */
import { z } from 'zod';
import { parseSection } from './sectionData.js';
import type { ExportSection } from './sections.js';

const quoteSchema = z.object({
  text: z.string().trim().min(1),
  essayId: z.number().int().positive().nullable(),
  message: z
    .object({
      guildId: z.string().nullable(),
      channelId: z.string(),
      messageId: z.string(),
      url: z.string(),
      authorId: z.string().nullable(),
      // Exports written before saved quotes kept their message's time have none.
      sentAt: z.string().nullable().default(null),
    })
    .nullable(),
  savedBy: z.string().nullable(),
  createdAt: z.string(),
});

export type ExportedQuote = z.infer<typeof quoteSchema>;

export const quotesSection: ExportSection = {
  key: 'quotes',
  dump(store): ExportedQuote[] {
    // Oldest first, so restoring adds them in the order they were saved.
    return store.quotes.curated
      .list({ includeHidden: true })
      .reverse()
      .map((q) => ({
        text: q.text,
        essayId: q.essayId,
        message: q.message,
        savedBy: q.savedBy,
        createdAt: q.createdAt,
      }));
  },
  restore(store, data, essayIds) {
    const parsed = parseSection(z.array(quoteSchema), data, 'quotes');
    for (const q of parsed) {
      // Texts and source messages are unique: a quote already there is not added twice.
      if (
        store.quotes.curated.byText(q.text) ||
        (q.message && store.quotes.curated.byMessage(q.message.messageId))
      )
        continue;
      store.quotes.curated.add({
        text: q.text,
        essayId: q.essayId === null ? null : (essayIds.get(q.essayId) ?? null),
        message: q.message,
        savedBy: q.savedBy,
      });
    }
  },
};
