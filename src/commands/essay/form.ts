/**
 * The essay form (a Discord modal) shared by /essay add and /essay edit: its
 * fields, how it opens, and a submission's fields as values. Reading them is
 * readForm.ts; handing refused text back is formTextBack.ts.
 *
 * Five rows, Discord's most: title; date and place on one line, as the
 * author signs an essay; the text, whose front matter carries tags and the
 * content warning (so every field an essay has stays reachable); a file to
 * attach instead of typing; the hidden checkbox. The console asks for the
 * same fields from this modal's JSON (src/console/modal.ts).
 */
import {
  ComponentType,
  TextInputStyle,
  type APIComponentInLabel,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import { ESSAY_EXTENSIONS } from '../../import/importFiles.js';
import { formatDatePlaceLine } from '../../journal/datePlaceLine.js';
import type { Essay } from '../../journal/essay.js';
import { frontMatter } from '../../journal/essayWriter.js';
import { truncate } from '../../journal/display.js';
import { t, type MessageKey } from '../../i18n/index.js';
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
        // The picker offers essay files only; the extension is checked again on submit.
        file_types: ESSAY_EXTENSIONS.map((ext) => `.${ext.slice(1)}` as const),
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
