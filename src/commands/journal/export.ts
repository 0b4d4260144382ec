/**
 * `/journal export`: the whole journal as one JSON file, sent only to the
 * author who asked (it holds hidden essays). `journal import` restores it.
 */
import { gzipSync } from 'node:zlib';
import { UserFacingError } from '../../errors.js';
import { buildJournalExport, journalExportText } from '../../export/journalExport.js';
import { localDate } from '../../journal/dates.js';
import { t } from '../../i18n/index.js';
import { message } from '../../discord/render.js';
import { subcommand } from '../define.js';
import { zoneOf } from '../context.js';
import type { Subcommand } from '../types.js';

/** Discord's upload limit for bots in a server without boosts. */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

export const exportJournal: Subcommand = {
  data: subcommand('journal.export'),
  access: 'author',
  defer: 'ephemeral',
  execute(ctx) {
    const now = ctx.clock.now();
    const doc = buildJournalExport(ctx.store, now);
    const name = `journal-${localDate(now, zoneOf(ctx))}.json`;
    let file = { name, data: Buffer.from(journalExportText(doc), 'utf8') };
    const notes: string[] = [];
    // Chinese text compresses to about a third: most journals fit in one file either way.
    if (file.data.length > UPLOAD_LIMIT_BYTES) {
      file = { name: `${name}.gz`, data: gzipSync(file.data) };
      notes.push(t(ctx.locale, 'export.compressed'));
    }
    if (file.data.length > UPLOAD_LIMIT_BYTES) {
      const mb = Math.ceil(file.data.length / 1024 / 1024);
      throw new UserFacingError(`the export is ${mb} MB`, 'export.tooLarge', { mb });
    }
    const hidden = doc.essays.filter((e) => e.hidden).length;
    const content = [
      t(ctx.locale, 'export.done', { essays: doc.essays.length, hidden, file: name }),
      ...notes,
    ].join('\n');
    ctx.logger.info(
      { by: ctx.caller.id, essays: doc.essays.length, bytes: file.data.length },
      'journal exported to Discord',
    );
    return { kind: 'message', ephemeral: true, payload: message({ content, files: [file] }) };
  },
};
