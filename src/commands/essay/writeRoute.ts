/**
 * `write:*` custom ids: the essay form's submits (add, edit) and the delete
 * confirmation's buttons. Authors only, checked again here because a
 * button or a form outlives the permission that opened it.
 */
import { ButtonStyle } from 'discord-api-types/v10';
import { UserFacingError } from '../../errors.js';
import { displayTitle } from '../../journal/display.js';
import { contentHash } from '../../journal/contentHash.js';
import { t } from '../../i18n/index.js';
import {
  button,
  message,
  notice,
  noticePayload,
  rows,
  textDisplay,
  withNote,
} from '../../messages/builders.js';
import { todayOf } from '../context.js';
import { renderEssayPage } from '../../messages/essay.js';
import type { ComponentRoute, HandlerContext, ModalFields, Reply } from '../types.js';
import { formValues, type FormOptions } from './form.js';
import { textBack } from './formTextBack.js';
import { readForm } from './readForm.js';

/** What a `write:*` custom id says. Stateless, so forms and buttons work after a restart. */
export type WriteArgs =
  /** The add form; `openedDate` is the default date it was opened with. */
  | { action: 'add'; openedDate: string }
  /** The edit form of essay `id`, opened with its date `openedDate`. */
  | { action: 'edit'; id: number; openedDate: string }
  /** The delete confirmation's buttons, and Undo after it. */
  | { action: 'delete' | 'keep' | 'undo'; id: number };

const PREFIX = 'write';

export function encodeWriteId(args: WriteArgs): string {
  switch (args.action) {
    case 'add':
      return `${PREFIX}:add:${args.openedDate}`;
    case 'edit':
      return `${PREFIX}:edit:${args.id}:${args.openedDate}`;
    default:
      return `${PREFIX}:${args.action}:${args.id}`;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/u;
const id = (text: string | undefined): number | null =>
  text !== undefined && /^[1-9]\d{0,14}$/u.test(text) ? Number(text) : null;

/** The segments after the prefix, read back; null for anything `encodeWriteId` does not write. */
function parseSegments(segments: readonly string[]): WriteArgs | null {
  const [action, a, b, ...extra] = segments;
  if (extra.length > 0) return null;
  switch (action) {
    case 'add':
      return a !== undefined && DATE.test(a) && b === undefined ? { action, openedDate: a } : null;
    case 'edit': {
      const n = id(a);
      return n !== null && b !== undefined && DATE.test(b)
        ? { action, id: n, openedDate: b }
        : null;
    }
    case 'delete':
    case 'keep':
    case 'undo': {
      const n = id(a);
      return n !== null && b === undefined ? { action, id: n } : null;
    }
    default:
      return null;
  }
}

/** A custom id read back, or null when it is not one of this route's. */
export function parseWriteId(customId: string): WriteArgs | null {
  const [prefix, ...segments] = customId.split(':');
  return prefix === PREFIX ? parseSegments(segments) : null;
}

/** The saved essay shown back to its author, with one line saying what happened. */
function savedReply(ctx: HandlerContext, id: number, key: 'write.added' | 'write.saved'): Reply {
  const essay = ctx.store.essays.get(id, { includeHidden: true })!;
  return {
    kind: 'message',
    ephemeral: true,
    payload: withNote(
      t(ctx.locale, key, { id }),
      renderEssayPage(essay, 0, ctx.locale, { today: todayOf(ctx) }),
    ),
  };
}

async function submitAdd(
  ctx: HandlerContext,
  openedDate: string,
  fields: ModalFields,
): Promise<Reply> {
  const values = formValues(fields);
  const options: FormOptions = { openedDate, existing: null };
  const read = await readForm(ctx, values, options);
  if ('reason' in read) return textBack(ctx, values, options, read.reason);
  const { hidden, ...draft } = read.draft;
  const twin = ctx.store.essays.findByContent(draft);
  if (twin) return notice(t(ctx.locale, 'write.twin', { id: twin.id }));
  // One transaction: a failure cannot leave a visible essay that was meant to be hidden.
  const essay = ctx.store.transaction(() => {
    const added = ctx.store.essays.insert(draft, 'discord');
    return hidden ? ctx.store.essays.setHidden(added.id, true) : added;
  });
  ctx.logger.info({ essayId: essay.id, by: ctx.caller.id, hidden }, 'essay added from Discord');
  return savedReply(ctx, essay.id, 'write.added');
}

async function submitEdit(
  ctx: HandlerContext,
  id: number,
  openedDate: string,
  fields: ModalFields,
): Promise<Reply> {
  const values = formValues(fields);
  const existing = ctx.store.essays.get(id, { includeHidden: true });
  const options: FormOptions = { openedDate, existing };
  // Deleted while the form was open: hand the text back rather than drop it.
  if (!existing) return textBack(ctx, values, options, t(ctx.locale, 'essay.notFound'));
  const read = await readForm(ctx, values, options);
  if ('reason' in read) return textBack(ctx, values, options, read.reason);
  const { hidden, ...draft } = read.draft;
  // The hash covers the content only: a change of the checkbox alone is a change too.
  const sameContent = contentHash(draft) === existing.contentHash;
  if (sameContent && hidden === existing.hidden)
    return notice(t(ctx.locale, 'write.unchanged', { id }));
  if (!sameContent) {
    const twin = ctx.store.essays.findByContent(draft);
    if (twin && twin.id !== id) return notice(t(ctx.locale, 'write.twin', { id: twin.id }));
  }
  ctx.store.transaction(() => {
    if (!sameContent) ctx.store.essays.update(id, draft);
    if (hidden !== existing.hidden) ctx.store.essays.setHidden(id, hidden);
  });
  ctx.logger.info({ essayId: id, by: ctx.caller.id, hidden }, 'essay edited from Discord');
  return savedReply(ctx, id, 'write.saved');
}

function deleteConfirmed(ctx: HandlerContext, id: number): Reply {
  const essay = ctx.store.essays.get(id, { includeHidden: true });
  if (!essay || !ctx.store.trash.put(id, ctx.caller.id))
    throw new UserFacingError('essay not found', 'essay.notFound');
  ctx.logger.info({ essayId: id, by: ctx.caller.id }, 'essay moved to the trash');
  const title = displayTitle(essay, false);
  return {
    kind: 'update',
    payload: message({
      components: [
        textDisplay(t(ctx.locale, 'write.delete.done', { id, title })),
        ...rows([
          button(encodeWriteId({ action: 'undo', id }), t(ctx.locale, 'write.delete.undo'), {
            style: ButtonStyle.Primary,
            emoji: '↩️',
          }),
        ]),
      ],
    }),
  };
}

function undoDelete(ctx: HandlerContext, id: number): Reply {
  const essay = ctx.store.trash.restore(id);
  ctx.logger.info({ essayId: id, by: ctx.caller.id }, 'essay restored from the trash');
  return {
    kind: 'update',
    payload: noticePayload(
      t(ctx.locale, 'write.restored', { id, title: displayTitle(essay, false) }),
    ),
  };
}

function stale(customId: readonly string[]): never {
  throw new UserFacingError(`unknown write id ${customId.join(':')}`, 'error.stale');
}

export const writeRoute: ComponentRoute = {
  prefix: PREFIX,
  access: 'author',
  // A form may carry a file to download first; the buttons edit their own message.
  defer: (segments) => {
    const action = parseSegments(segments)?.action;
    return action === 'add' || action === 'edit' ? 'ephemeral' : undefined;
  },
  handle(ctx, segments, fields) {
    const args = parseSegments(segments) ?? stale(segments);
    switch (args.action) {
      case 'add':
        return submitAdd(ctx, args.openedDate, fields);
      case 'edit':
        return submitEdit(ctx, args.id, args.openedDate, fields);
      case 'delete':
        return deleteConfirmed(ctx, args.id);
      case 'keep':
        return {
          kind: 'update',
          payload: noticePayload(t(ctx.locale, 'write.delete.kept')),
        };
      case 'undo':
        return undoDelete(ctx, args.id);
    }
  },
};
