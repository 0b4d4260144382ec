/**
 * `/journal export`: the whole journal as one JSON file, sent only to the
 * author who asked (it holds hidden essays). `journal import` restores it.
 */
import { UserFacingError } from '../../errors.js';
import { localDate } from '../../journal/dates.js';
import { t } from '../../i18n/index.js';
import { fileDisplay, message, textDisplay } from '../../messages/builders.js';
import { UPLOAD_LIMIT_BYTES } from '../../messages/limits.js';
import { subcommand } from '../define.js';
import { zoneOf } from '../context.js';
import type { Subcommand } from '../types.js';
import { runReadJob } from '../../worker/runReadJob.js';

export const exportJournal: Subcommand = {
  data: subcommand('journal.export'),
  access: 'author',
  defer: 'ephemeral',
  async execute(ctx) {
    const now = ctx.clock.now();
    const name = `journal-${localDate(now, zoneOf(ctx))}.json`;
    const { data, compressed, essays, hidden } = await runReadJob(ctx, 'journalExport', {
      now: now.toISOString(),
    });
    if (data.length > UPLOAD_LIMIT_BYTES) {
      const mb = Math.ceil(data.length / 1024 / 1024);
      throw new UserFacingError(`the export is ${mb} MB`, 'export.tooLarge', { mb });
    }
    const file = { name: compressed ? `${name}.gz` : name, data };
    const content = [
      t(ctx.locale, 'export.done', { essays, hidden, file: name }),
      ...(compressed ? [t(ctx.locale, 'export.compressed')] : []),
    ].join('\n');
    ctx.logger.info(
      { by: ctx.caller.id, essays, bytes: data.length },
      'journal exported to Discord',
    );
    return {
      kind: 'message',
      ephemeral: true,
      payload: message({
        components: [textDisplay(content), fileDisplay(file.name)],
        files: [file],
      }),
    };
  },
};
