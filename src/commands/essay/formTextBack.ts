/**
 * A refused essay form answered without losing a word: the reason, the text
 * to copy, and the whole form as an essay file to fix and import.
 */
import { readDatePlaceLine } from '../../journal/datePlaceLine.js';
import { readFooterLine, splitFrontMatter } from '../../journal/essayFile.js';
import { frontMatter } from '../../journal/essayWriter.js';
import { truncate } from '../../journal/display.js';
import { parseYaml } from '../../journal/frontMatterYaml.js';
import { t } from '../../i18n/index.js';
import { escapeMarkdown } from '../../journal/markdown.js';
import { TITLE_CHARS } from '../../messages/limits.js';
import {
  container,
  fileDisplay,
  heading,
  message,
  notice,
  textDisplay,
} from '../../messages/builders.js';

/** The refusal above the text handed back, and the text itself: together within a message's 4,000. */
const TEXT_BACK_NOTE_CHARS = 400;
const TEXT_BACK_BODY_CHARS = 3300;
import type { HandlerContext, Reply } from '../types.js';
import type { FormOptions, FormValues } from './form.js';

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

/** The text's own front matter as an object (empty without one); null when it is not readable YAML. */
function ownFrontMatter(body: string): { own: Record<string, unknown>; rest: string } | null {
  try {
    const block = splitFrontMatter(body);
    if (!block) return { own: {}, rest: body };
    const parsed: unknown = parseYaml(block.yaml) ?? {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return { own: parsed as Record<string, unknown>, rest: block.rest };
  } catch {
    // A block that never closes, or YAML that does not parse: the author fixes it as typed.
    return null;
  }
}

/**
 * The form as an essay file to fix and import: the typed title, date and
 * place joined to the text's own front matter (typed values win, as on
 * save), then the text. A front matter that is not YAML is left as typed.
 */
export function draftFileText(values: FormValues, options: FormOptions): string {
  const split = ownFrontMatter(values.body.replace(/\r\n?/gu, '\n'));
  if (!split) return values.body;
  const { own, rest } = split;
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
      components: [
        textDisplay(truncate(content, TEXT_BACK_NOTE_CHARS)),
        container([
          ...(meta ? [heading(escapeMarkdown(truncate(meta, TITLE_CHARS)))] : []),
          textDisplay(codeBlock(values.body, TEXT_BACK_BODY_CHARS)),
        ]),
        fileDisplay(DRAFT_FILE),
      ],
      files: [{ name: DRAFT_FILE, data: Buffer.from(draftFileText(values, options), 'utf8') }],
    }),
  };
}
