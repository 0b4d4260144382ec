/**
 * The essay form (a Discord modal) shared by /essay add and /essay edit:
 * building it, reading what was typed exactly as a file would be read, and
 * handing the text back when it cannot be saved, so nothing typed is lost.
 */
import {
  ComponentType,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import { parseDate } from '../../journal/dates.js';
import type { EssayDraft } from '../../journal/essay.js';
import { EssayParseError, parseEssayFile, readFooterLine } from '../../journal/essayFile.js';
import { frontMatter } from '../../journal/essayWriter.js';
import { truncate } from '../../journal/display.js';
import { t } from '../../i18n/index.js';
import { LIMITS } from '../../messages/limits.js';
import { message } from '../../messages/builders.js';
import type { HandlerContext, Reply } from '../types.js';

/** What the form holds, as typed. */
export interface FormValues {
  title: string;
  date: string;
  place: string;
  tags: string;
  body: string;
}

/** Discord text inputs hold at most 4000 characters; the others are kept to what a title or a place needs. */
export const FORM_MAX: Readonly<Record<keyof FormValues, number>> = {
  title: 256,
  date: 40,
  place: 200,
  tags: 400,
  body: 4000,
};

/** Custom ids of the write route: stateless, so they work after a restart. */
export const writeIds = {
  /** The add form; `date` is the default it was opened with. */
  add: (date: string) => `write:add:${date}`,
  /** The edit form of essay `id`; `date` is the date it was opened with. */
  edit: (id: number, date: string) => `write:edit:${id}:${date}`,
  deleteYes: (id: number) => `write:delete:${id}`,
  deleteNo: (id: number) => `write:keep:${id}`,
  undo: (id: number) => `write:undo:${id}`,
};

/** The form as Discord JSON, prefilled with `values`. */
export function essayModal(
  ctx: HandlerContext,
  customId: string,
  title: string,
  values: Partial<FormValues>,
): Reply {
  const input = (
    id: keyof FormValues,
    style: TextInputStyle,
    required: boolean,
    placeholder?: string,
  ) => ({
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.TextInput as const,
        custom_id: id,
        label: t(ctx.locale, `write.field.${id}`),
        style,
        required,
        max_length: FORM_MAX[id],
        ...(values[id] ? { value: values[id] } : {}),
        ...(placeholder ? { placeholder: truncate(placeholder, 100) } : {}),
      },
    ],
  });
  const modal: APIModalInteractionResponseCallbackData = {
    custom_id: customId,
    title: truncate(title, 45),
    components: [
      input('title', TextInputStyle.Short, false),
      input('date', TextInputStyle.Short, false, '2025-11-01'),
      input('place', TextInputStyle.Short, false),
      input('tags', TextInputStyle.Short, false),
      input('body', TextInputStyle.Paragraph, true, t(ctx.locale, 'write.field.bodyHint')),
    ],
  };
  return { kind: 'modal', modal };
}

/** A modal submit's fields as form values (missing ones empty). */
export function formValues(fields: Readonly<Record<string, string>>): FormValues {
  const get = (k: keyof FormValues) => fields[k] ?? '';
  return {
    title: get('title'),
    date: get('date'),
    place: get('place'),
    tags: get('tags'),
    body: get('body'),
  };
}

/** The footer date of the body's last line, when it has one. */
function bodyFooterDate(body: string): string | null {
  const last = body
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .reverse()
    .find((l) => l.trim() !== '');
  const footer = last === undefined ? null : readFooterLine(last);
  return footer && !('impossible' in footer) ? footer.date : null;
}

export interface FormOptions {
  /** The date the form was opened with: left as is, a footer line in the body decides. */
  openedDate: string;
  /** Add: an empty title lets the first line be the title, as in a file. Edit: empty means untitled. */
  guessTitle: boolean;
}

/**
 * The form as an essay file: front matter from the fields, then the body.
 * This is also the file handed back when the form cannot be saved.
 */
export function formFileText(values: FormValues, options: FormOptions): string {
  const date = values.date.trim();
  // A pasted essay often ends with its own footer; unless the author changed the date, that footer wins.
  const dateFromBody =
    (date === '' || date === options.openedDate) && bodyFooterDate(values.body) !== null;
  const title = values.title.trim();
  return (
    frontMatter({
      title: title !== '' ? title : options.guessTitle ? undefined : null,
      date: dateFromBody || date === '' ? undefined : date,
      place: values.place.trim() || undefined,
      tags: values.tags.trim() || undefined,
    }) + values.body
  );
}

/**
 * Reads the form exactly as a file in the journal folder would be read.
 * Returns the draft, or one sentence (in the user's language where we can
 * tell the reason) saying why it cannot be saved.
 */
export function readForm(
  ctx: HandlerContext,
  values: FormValues,
  options: FormOptions,
): { draft: EssayDraft } | { reason: string } {
  const date = values.date.trim();
  const hasFooter = bodyFooterDate(values.body) !== null;
  if (date !== '' && !(date === options.openedDate && hasFooter)) {
    const reading = parseDate(date);
    if (!reading.ok) {
      return {
        reason:
          reading.reason === 'impossible'
            ? t(ctx.locale, 'write.impossibleDate', { input: date })
            : t(ctx.locale, 'write.badDate', { input: date }),
      };
    }
  } else if (date === '' && !hasFooter) {
    return { reason: t(ctx.locale, 'write.noDate') };
  }
  try {
    return { draft: parseEssayFile(Buffer.from(formFileText(values, options), 'utf8')) };
  } catch (err) {
    if (err instanceof EssayParseError) return { reason: err.message };
    throw err;
  }
}

/** Name of the file a refused form comes back in. */
export const DRAFT_FILE = 'essay-draft.md';

/** A code block that shows `text` as typed, even if it holds backticks itself. */
function codeBlock(text: string, max: number): string {
  const inner = text.replace(/```/gu, '`\u200b``');
  return `\`\`\`\n${truncate(inner, max - 8)}\n\`\`\``;
}

/**
 * The reply to a form that cannot be saved: the reason, the body in a code
 * block to copy, and the whole form as an essay file to fix and import.
 */
export function textBack(
  ctx: HandlerContext,
  values: FormValues,
  options: FormOptions,
  reason: string,
): Reply {
  const content = `${t(ctx.locale, 'write.notSaved', { reason })}\n${t(ctx.locale, 'write.keptText', { file: DRAFT_FILE })}`;
  const meta = [values.title.trim(), values.date.trim(), values.place.trim(), values.tags.trim()]
    .filter((v) => v !== '')
    .join(' · ');
  return {
    kind: 'message',
    ephemeral: true,
    payload: message({
      content: truncate(content, LIMITS.content),
      embeds:
        values.body.trim() === ''
          ? []
          : [
              {
                ...(meta ? { title: truncate(meta, LIMITS.title) } : {}),
                description: codeBlock(values.body, LIMITS.description),
              },
            ],
      files: [{ name: DRAFT_FILE, data: Buffer.from(formFileText(values, options), 'utf8') }],
    }),
  };
}
