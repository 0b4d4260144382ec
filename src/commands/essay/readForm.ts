/**
 * Reading a submitted essay form as an essay file would be read:
 * - The text is the text box or the attached file, never both (refused).
 *   On edit, an empty box and no file keep the essay's text, tags and
 *   warning, so an essay too long for the box can still be re-dated, renamed
 *   or hidden.
 * - A typed title wins over one in the text; left empty, the text's own
 *   title (front matter, `# heading`, and on add a short first line) is kept.
 * - The date: a date changed from the one the form opened with wins; left as
 *   opened, the text's own date (front matter or footer line) wins and the
 *   form's date fills in when the text has none. A typed place wins.
 * - Hidden when the box is ticked, or when the text's front matter says
 *   `hidden: true`.
 */
import { isUtf8 } from 'node:buffer';
import { UserFacingError } from '../../errors.js';
import { isEssayFile } from '../../import/importFiles.js';
import { readDatePlaceLine } from '../../journal/datePlaceLine.js';
import type { EssayDraft } from '../../journal/essay.js';
import {
  EssayParseError,
  MissingDateError,
  parseEssayFile,
  parseEssayText,
} from '../../journal/essayFile.js';
import { t } from '../../i18n/index.js';
import type { AttachmentOption, HandlerContext } from '../types.js';
import type { FormOptions, FormValues } from './form.js';

type FormReading = { draft: EssayDraft & { hidden: boolean } } | { reason: string };

/** The attached file's bytes, or why it cannot be read (before or after downloading it). */
async function readAttachment(
  ctx: HandlerContext,
  file: AttachmentOption,
): Promise<{ bytes: Uint8Array } | { reason: string }> {
  if (!isEssayFile(file.filename))
    return { reason: t(ctx.locale, 'write.form.notEssayFile', { name: file.filename }) };
  if (!ctx.services.download) return { reason: t(ctx.locale, 'write.import.unavailable') };
  let bytes: Uint8Array;
  try {
    bytes = await ctx.services.download(file);
  } catch (err) {
    if (err instanceof UserFacingError && err.key)
      return { reason: t(ctx.locale, err.key, err.params) };
    throw err;
  }
  // Checked here so the refusal is in the author's language; the parser refuses it as well.
  if (!isUtf8(bytes))
    return { reason: t(ctx.locale, 'write.import.notUtf8', { name: file.filename }) };
  return { bytes };
}

/**
 * Reads the form as an essay file would be read, downloading an attached
 * file. Returns the draft, or one sentence (in the user's language where we
 * can tell the reason) saying why it cannot be saved.
 */
export async function readForm(
  ctx: HandlerContext,
  values: FormValues,
  options: FormOptions,
): Promise<FormReading> {
  const when = readDatePlaceLine(values.when);
  if (!when.ok) {
    return {
      reason:
        when.reason === 'impossible'
          ? t(ctx.locale, 'write.impossibleDate', { input: when.text })
          : t(ctx.locale, 'write.badDate', { input: when.text }),
    };
  }
  const hasBody = values.body.trim() !== '';
  if (hasBody && values.file) return { reason: t(ctx.locale, 'write.form.textAndFile') };
  const { existing } = options;
  if (!hasBody && !values.file && !existing) return { reason: t(ctx.locale, 'write.form.noText') };

  // Left as opened, the form's date only fills in for a text without one.
  const fallback = when.date ?? undefined;
  const dateWins = when.date !== null && when.date !== options.openedDate;
  let draft: EssayDraft;
  try {
    if (values.file) {
      const file = await readAttachment(ctx, values.file);
      if ('reason' in file) return file;
      draft = parseEssayFile(file.bytes, fallback ? { fallbackDate: fallback } : {});
    } else if (hasBody) {
      // On edit an empty title means untitled: only front matter or a `# heading` names one.
      draft = parseEssayText(values.body.replace(/\r\n?/gu, '\n'), {
        guessTitle: existing === null,
        ...(fallback ? { fallbackDate: fallback } : {}),
      });
    } else {
      // Edit with no text: the essay's own text, tags and warning stay.
      const { body, tags, warning } = existing!;
      if (when.date === null) return { reason: t(ctx.locale, 'write.noDate') };
      draft = { title: null, body, date: when.date, place: null, tags, warning };
    }
  } catch (err) {
    if (err instanceof MissingDateError) return { reason: t(ctx.locale, 'write.noDate') };
    if (err instanceof EssayParseError) return { reason: err.message };
    throw err;
  }
  const title = values.title.trim();
  if (title !== '') draft.title = title;
  if (dateWins) draft.date = when.date!;
  if (when.place !== null) draft.place = when.place;
  return { draft: { ...draft, hidden: values.hidden || draft.hidden === true } };
}
