/**
 * Muted periods in a JSON export, so a backup keeps what the author asked
 * not to be shown. Restoring adds the periods not already muted (the same
 * range is one period) and refuses malformed or impossible ranges whole.
 */
import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import { MAX_MUTE_NOTE, readMuteRange } from '../journal/mutedPeriods.js';
import type { ExportSection } from './sections.js';

const periodSchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    note: z.string().trim().min(1).max(MAX_MUTE_NOTE).nullable(),
    createdAt: z.iso.datetime(),
  })
  .refine((p) => readMuteRange(p.from, p.to).ok, 'not a range that can be muted');

export const mutesSection: ExportSection = {
  key: 'mutes',
  dump(store): Array<z.infer<typeof periodSchema>> {
    return store.mutes
      .list()
      .map((p) => ({ from: p.from, to: p.to, note: p.note, createdAt: p.createdAt }));
  },
  restore(store, data) {
    const parsed = z.array(periodSchema).safeParse(data);
    if (!parsed.success)
      throw new UserFacingError(
        `the export's muted periods are malformed (${parsed.error.issues[0]?.message ?? 'bad value'}); nothing was imported`,
      );
    const muted = new Set(store.mutes.list().map((p) => `${p.from}/${p.to}`));
    for (const period of parsed.data) {
      if (muted.has(`${period.from}/${period.to}`)) continue;
      store.mutes.add(period);
      muted.add(`${period.from}/${period.to}`);
    }
  },
};
