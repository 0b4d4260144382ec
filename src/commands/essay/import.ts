/**
 * `/essay import file:`: an attached .md/.txt file, read exactly like a file
 * of the journal folder (sending a file of the same name again updates the
 * essay it added), or a Day One (.zip/.json) or jrnl (.json) export, read
 * as `journal import` reads it.
 */
import { isUtf8 } from 'node:buffer';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserFacingError } from '../../errors.js';
import { importFileBytes, isEssayFile, type ImportResult } from '../../import/importFiles.js';
import type { JournalImport } from '../../import/importJournal.js';
import { t } from '../../i18n/index.js';
import { notice, withNote } from '../../messages/builders.js';
import { renderEssayPage } from '../../messages/essay.js';
import { option, subcommand } from '../define.js';
import type { AttachmentOption, HandlerContext, OptionValue, Reply, Subcommand } from '../types.js';

function isAttachment(value: OptionValue | undefined): value is AttachmentOption {
  return typeof value === 'object' && value !== null && 'url' in value;
}

/** The essay-source key of an uploaded file: uploads of the same name update the same essay. */
export function uploadSource(filename: string): string {
  return `upload:${filename}`;
}

function describeResult(ctx: HandlerContext, name: string, r: ImportResult): Reply {
  const { locale, store } = ctx;
  const id = r.essayId ?? 0;
  switch (r.status) {
    case 'refused':
      return notice(t(locale, 'write.import.refused', { name, reason: r.reason ?? '' }));
    case 'duplicate':
      return notice(t(locale, 'write.import.duplicate', { id }));
    case 'skipped':
      return notice(t(locale, 'write.import.skipped', { name, reason: r.reason ?? '' }));
    case 'unchanged':
      if (!store.essays.get(id, { includeHidden: true }) && store.trash.get(id))
        return notice(t(locale, 'write.import.inTrash', { name, id }));
      return notice(t(locale, 'write.import.unchanged', { name, id }));
    case 'added':
    case 'updated': {
      const essay = store.essays.get(id, { includeHidden: true })!;
      const content = t(
        locale,
        r.status === 'added' ? 'write.import.added' : 'write.import.updated',
        { id, name },
      );
      return {
        kind: 'message',
        ephemeral: true,
        payload: withNote(content, renderEssayPage(essay, 0, locale)),
      };
    }
  }
}

/** Whether an attachment is an export of another journaling tool rather than one essay. */
function isExportFile(filename: string): boolean {
  return /\.(?:zip|json)$/iu.test(filename);
}

/** How many essays came in from an export, and the first refusal, if any. */
function describeExport(ctx: HandlerContext, name: string, outcome: JournalImport): Reply {
  const { locale } = ctx;
  const { totals, photosNotImported } = outcome;
  const refused = outcome.results.find((r) => r.status === 'refused');
  const lines = [
    t(locale, 'write.import.exportDone', {
      name,
      added: totals.added,
      updated: totals.updated,
      unchanged: totals.unchanged,
      duplicate: totals.duplicate,
      skipped: totals.skipped,
      refused: totals.refused,
    }),
    ...(photosNotImported > 0
      ? [t(locale, 'write.import.photosLeft', { n: photosNotImported })]
      : []),
    ...(refused ? [t(locale, 'write.import.firstRefusal', { reason: refused.reason ?? '' })] : []),
  ];
  return notice(lines.join('\n'));
}

export const importFile: Subcommand = {
  data: subcommand('essay.import', [
    option('essay.import.file', {
      type: ApplicationCommandOptionType.Attachment,
      required: true,
    }),
  ]),
  access: 'author',
  defer: 'ephemeral',
  async execute(ctx, options) {
    const file = options.file;
    if (!isAttachment(file))
      throw new UserFacingError('no file attached', 'write.import.notEssayFile', { name: '' });
    if (!isEssayFile(file.filename) && !isExportFile(file.filename))
      throw new UserFacingError(
        `${file.filename} is not an essay file`,
        'write.import.notEssayFile',
        { name: file.filename },
      );
    if (!ctx.services.download)
      throw new UserFacingError('attachments need Discord', 'write.import.unavailable');
    const bytes = await ctx.services.download(file);
    if (isExportFile(file.filename)) {
      // Loaded when an export arrives: the zip reader and the export formats are not startup's business.
      const { importUploadedExport } = await import('../../import/importJournal.js');
      const outcome = await importUploadedExport(
        ctx.store,
        { name: file.filename, bytes: Buffer.from(bytes), mtimeMs: ctx.clock.now().getTime() },
        { timeZone: ctx.timeZone },
      );
      ctx.logger.info(
        { file: file.filename, ...outcome.totals, photos: outcome.photosNotImported },
        'export imported',
      );
      return describeExport(ctx, file.filename, outcome);
    }
    // Checked here too so the refusal is in the author's language; the parser refuses it as well.
    if (!isUtf8(bytes))
      throw new UserFacingError(`${file.filename} is not UTF-8`, 'write.import.notUtf8', {
        name: file.filename,
      });
    const result = importFileBytes(
      ctx.store,
      uploadSource(file.filename),
      bytes,
      ctx.clock.now().getTime(),
      file.filename,
    );
    ctx.logger.info(
      {
        file: file.filename,
        status: result.status,
        essayId: result.essayId,
        conflict: result.conflict,
      },
      'attachment imported',
    );
    return describeResult(ctx, file.filename, result);
  },
};
