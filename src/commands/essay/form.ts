/**
 * The essay form (a Discord modal) shared by /essay add and /essay edit:
 * its fields, reading a submission as an essay file would be read, and
 * handing the text back when it cannot be saved, so nothing typed is lost.
 *
 * Five rows, Discord's most: title; date and place on one line, as the
 * author signs an essay; the text, whose front matter carries tags and the
 * content warning (so every field an essay has stays reachable); a file to
 * attach instead of typing; the hidden checkbox. The console asks for the
 * same fields from this modal's JSON (src/console/modal.ts).
 *
 * How a submission is read:
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
import {
  ComponentType,
  TextInputStyle,
  type APIComponentInLabel,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import { parse as parseYaml } from 'yaml';
import { UserFacingError } from '../../errors.js';
import { isEssayFile } from '../../import/importFiles.js';
import { formatDatePlaceLine, readDatePlaceLine } from '../../journal/datePlaceLine.js';
import type { Essay, EssayDraft } from '../../journal/essay.js';
import {
  EssayParseError,
  MissingDateError,
  parseEssayFile,
  parseEssayText,
  readFooterLine,
} from '../../journal/essayFile.js';
import { frontMatter } from '../../journal/essayWriter.js';
import { truncate } from '../../journal/display.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { LIMITS } from '../../messages/limits.js';
import { message, notice } from '../../messages/builders.js';
import type { AttachmentOption, HandlerContext, ModalFields, Reply } from '../types.js';

/** Custom ids of the form's fields. */
export const FIELD = {
  title: 'title',
  when: 'when',
  body: 'body',
  file: 'file',
  hidden: 'hidden',
} as const;

/** Discord text inputs hold at most 4000 characters; the others are kept to what a title or a place needs. */
export const FORM_MAX = { title: 256, when: 256, body: 4000 } as const;

/** What the form holds, as submitted. */
export interface FormValues {
  title: string;
  /** The date · place line. */
  when: string;
  body: string;
  file: AttachmentOption | null;
  hidden: boolean;
}

/** What a form opens with. */
export interface FormPrefill {
  title?: string;
  when?: string;
  body?: string;
  hidden?: boolean;
  /** The text box starts empty because the essay is longer than it holds (edit). */
  textKept?: boolean;
}

/** An example line, in the signature's own form. */
const WHEN_PLACEHOLDER = '2025-11-01 · 北京';

function label(
  ctx: HandlerContext,
  key: 'title' | 'when' | 'body' | 'file' | 'hidden',
  component: APIComponentInLabel,
  hint: MessageKey = `write.field.${key}Hint`,
): APILabelComponent {
  return {
    type: ComponentType.Label,
    label: truncate(t(ctx.locale, `write.field.${key}`), 45),
    description: truncate(t(ctx.locale, hint), 100),
    component,
  };
}

/** The form as Discord JSON, prefilled with `values`. */
export function essayModal(
  ctx: HandlerContext,
  customId: string,
  title: string,
  values: FormPrefill,
): Reply {
  const text = (
    id: 'title' | 'when' | 'body',
    style: TextInputStyle,
    placeholder?: string,
  ): APIComponentInLabel => ({
    type: ComponentType.TextInput,
    custom_id: FIELD[id],
    style,
    // Every field may be left empty: the text may come from the file, the date from the text.
    required: false,
    // A longer prefill (a title from front matter, a long place) must still fit, or saving would cut it.
    max_length: Math.min(4000, Math.max(FORM_MAX[id], values[id]?.length ?? 0)),
    ...(values[id] ? { value: values[id] } : {}),
    ...(placeholder ? { placeholder } : {}),
  });
  const modal: APIModalInteractionResponseCallbackData = {
    custom_id: customId,
    title: truncate(title, 45),
    components: [
      label(ctx, 'title', text('title', TextInputStyle.Short)),
      label(ctx, 'when', text('when', TextInputStyle.Short, WHEN_PLACEHOLDER)),
      label(
        ctx,
        'body',
        text('body', TextInputStyle.Paragraph),
        values.textKept ? 'write.field.bodyKeptHint' : 'write.field.bodyHint',
      ),
      label(ctx, 'file', {
        type: ComponentType.FileUpload,
        custom_id: FIELD.file,
        min_values: 0,
        max_values: 1,
        required: false,
      }),
      label(ctx, 'hidden', {
        type: ComponentType.Checkbox,
        custom_id: FIELD.hidden,
        ...(values.hidden ? { default: true } : {}),
      }),
    ],
  };
  return { kind: 'modal', modal };
}

/** The edit form's prefill: the essay's tags and warning open the text as front matter, so editing loses neither. */
export function essayPrefill(essay: Essay): FormPrefill {
  const meta = {
    ...(essay.tags.length > 0 ? { tags: essay.tags } : {}),
    ...(essay.warning ? { warning: essay.warning } : {}),
  };
  // A text that itself starts like front matter gets a block of its own, so it stays text.
  const needsBlock = Object.keys(meta).length > 0 || essay.body.startsWith('---\n');
  const body = needsBlock ? frontMatter({ tags: [], ...meta }) + essay.body : essay.body;
  const textKept = body.length > FORM_MAX.body;
  return {
    title: essay.title ?? '',
    when: formatDatePlaceLine(essay.date, essay.place),
    hidden: essay.hidden,
    ...(textKept ? { textKept } : { body }),
  };
}

/** A modal submission's fields as form values (missing ones empty). */
export function formValues(fields: ModalFields): FormValues {
  const text = (id: string) => {
    const v = fields[id];
    return typeof v === 'string' ? v : '';
  };
  const files = fields[FIELD.file];
  return {
    title: text(FIELD.title),
    when: text(FIELD.when),
    body: text(FIELD.body),
    file: Array.isArray(files) ? ((files as readonly AttachmentOption[])[0] ?? null) : null,
    hidden: fields[FIELD.hidden] === true,
  };
}

export interface FormOptions {
  /** The date the form was opened with: left as is, the text's own date wins. */
  openedDate: string;
  /** Edit: the essay as it is (its text is kept when the form brings none). Add: null. */
  existing: Essay | null;
}

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

/** Name of the file a refused form comes back in. */
export const DRAFT_FILE = 'essay-draft.md';

/** A code block that shows `text` as typed, even if it holds backticks itself. */
function codeBlock(text: string, max: number): string {
  const inner = text.replace(/```/gu, '`\u200b``');
  return `\`\`\`\n${truncate(inner, max - 8)}\n\`\`\``;
}

/** The footer date of the text's last line, when it has one. */
function footerDate(text: string): string | null {
  const last = text
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .reverse()
    .find((l) => l.trim() !== '');
  const footer = last === undefined ? null : readFooterLine(last);
  return footer && !('impossible' in footer) ? footer.date : null;
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/u;

/**
 * The form as an essay file to fix and import: the typed title, date and
 * place joined to the text's own front matter (typed values win, as on
 * save), then the text. A front matter that is not YAML is left as typed.
 */
export function draftFileText(values: FormValues, options: FormOptions): string {
  const body = values.body.replace(/\r\n?/gu, '\n');
  const block = FRONT_MATTER.exec(body);
  let own: Record<string, unknown> = {};
  if (block) {
    try {
      const parsed: unknown = parseYaml(block[1]!, { logLevel: 'error' });
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return values.body;
      own = parsed as Record<string, unknown>;
    } catch {
      return values.body;
    }
  }
  const rest = block ? body.slice(block[0].length) : body;
  const when = readDatePlaceLine(values.when);
  const typedWhen = values.when.trim();
  // A line that is not a date goes last as the text's footer, where the author fixes it in place.
  const footer = !when.ok ? `\n\n— ${typedWhen.replace(/^[—–-]+\s*/u, '')}\n` : '';
  // A date left as opened yields to the text's own, as on save.
  const keepsOwnDate =
    when.ok && when.date === options.openedDate && (own.date !== undefined || footerDate(rest));
  const typed = {
    title: values.title.trim() || undefined,
    date: when.ok && !keepsOwnDate ? (when.date ?? undefined) : undefined,
    place: when.ok ? (when.place ?? undefined) : undefined,
  };
  const fields = { ...own, ...Object.fromEntries(Object.entries(typed).filter(([, v]) => v)) };
  const head = Object.keys(fields).length > 0 ? frontMatter(fields) : '';
  return `${head}${rest.replace(/\s*$/u, '')}${footer || '\n'}`;
}

/**
 * The reply to a form that cannot be saved: the reason, and when text was
 * typed, the text in a code block to copy and the whole form as an essay
 * file to fix and import. An attached file is the author's own copy, so a
 * refusal without typed text is the one sentence.
 */
export function textBack(
  ctx: HandlerContext,
  values: FormValues,
  options: FormOptions,
  reason: string,
): Reply {
  const refusal = t(ctx.locale, 'write.notSaved', { reason });
  if (values.body.trim() === '') return notice(refusal);
  const content = `${refusal}\n${t(ctx.locale, 'write.keptText', { file: DRAFT_FILE })}`;
  const meta = [values.title.trim(), values.when.trim()].filter((v) => v !== '').join(' · ');
  return {
    kind: 'message',
    ephemeral: true,
    payload: message({
      content: truncate(content, LIMITS.content),
      embeds: [
        {
          ...(meta ? { title: truncate(meta, LIMITS.title) } : {}),
          description: codeBlock(values.body, LIMITS.description),
        },
      ],
      files: [{ name: DRAFT_FILE, data: Buffer.from(draftFileText(values, options), 'utf8') }],
    }),
  };
}
