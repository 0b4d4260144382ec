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
import { button, message, notice, rows } from '../../messages/builders.js';
import { renderEssayPage } from '../../messages/essay.js';
import { intArg } from '../context.js';
import type { ComponentRoute, HandlerContext, Reply } from '../types.js';
import { formValues, readForm, textBack, writeIds, type FormOptions } from './form.js';

function readOpenedDate(text: string | undefined): string {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/u.test(text))
    throw new UserFacingError('bad form id', 'error.stale');
  return text;
}

/** The saved essay shown back to its author, with one line saying what happened. */
function savedReply(ctx: HandlerContext, id: number, key: 'write.added' | 'write.saved'): Reply {
  const essay = ctx.store.essays.get(id, { includeHidden: true })!;
  return {
    kind: 'message',
    ephemeral: true,
    payload: message({
      ...renderEssayPage(essay, 0, ctx.locale),
      content: t(ctx.locale, key, { id }),
    }),
  };
}

function submitAdd(
  ctx: HandlerContext,
  openedDate: string,
  fields: Readonly<Record<string, string>>,
): Reply {
  const values = formValues(fields);
  const options: FormOptions = { openedDate, guessTitle: true };
  const read = readForm(ctx, values, options);
  if ('reason' in read) return textBack(ctx, values, options, read.reason);
  const twin = ctx.store.essays.findByContent(read.draft);
  if (twin) return notice(t(ctx.locale, 'write.twin', { id: twin.id }));
  const essay = ctx.store.essays.insert(read.draft, 'discord');
  ctx.logger.info({ essayId: essay.id, by: ctx.caller.id }, 'essay added from Discord');
  return savedReply(ctx, essay.id, 'write.added');
}

function submitEdit(
  ctx: HandlerContext,
  id: number,
  openedDate: string,
  fields: Readonly<Record<string, string>>,
): Reply {
  const values = formValues(fields);
  const options: FormOptions = { openedDate, guessTitle: false };
  const existing = ctx.store.essays.get(id, { includeHidden: true });
  // Deleted while the form was open: hand the text back rather than drop it.
  if (!existing) return textBack(ctx, values, options, t(ctx.locale, 'essay.notFound'));
  const read = readForm(ctx, values, options);
  if ('reason' in read) return textBack(ctx, values, options, read.reason);
  // Tags left as shown stay exactly as they were (a tag may itself hold a comma, which the field would split).
  if (values.tags.trim() === existing.tags.join(', ')) read.draft.tags = existing.tags;
  // The form has no warning field yet: an edit keeps the essay's content warning.
  read.draft.warning ??= existing.warning;
  if (contentHash(read.draft) === existing.contentHash)
    return notice(t(ctx.locale, 'write.unchanged', { id }));
  const twin = ctx.store.essays.findByContent(read.draft);
  if (twin && twin.id !== id) return notice(t(ctx.locale, 'write.twin', { id: twin.id }));
  ctx.store.essays.update(id, read.draft);
  ctx.logger.info({ essayId: id, by: ctx.caller.id }, 'essay edited from Discord');
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
      content: t(ctx.locale, 'write.delete.done', { id, title }),
      components: rows([
        button(writeIds.undo(id), t(ctx.locale, 'write.delete.undo'), {
          style: ButtonStyle.Primary,
          emoji: '↩️',
        }),
      ]),
    }),
  };
}

function undoDelete(ctx: HandlerContext, id: number): Reply {
  const essay = ctx.store.trash.restore(id);
  ctx.logger.info({ essayId: id, by: ctx.caller.id }, 'essay restored from the trash');
  return {
    kind: 'update',
    payload: message({
      content: t(ctx.locale, 'write.restored', { id, title: displayTitle(essay, false) }),
      components: [],
    }),
  };
}

export const writeRoute: ComponentRoute = {
  prefix: 'write',
  access: 'author',
  handle(ctx, [action, a, b], fields) {
    switch (action) {
      case 'add':
        return submitAdd(ctx, readOpenedDate(a), fields);
      case 'edit':
        return submitEdit(ctx, intArg(a), readOpenedDate(b), fields);
      case 'delete':
        return deleteConfirmed(ctx, intArg(a));
      case 'keep':
        return {
          kind: 'update',
          payload: message({ content: t(ctx.locale, 'write.delete.kept'), components: [] }),
        };
      case 'undo':
        return undoDelete(ctx, intArg(a));
      default:
        throw new UserFacingError(`unknown write action ${String(action)}`, 'error.stale');
    }
  },
};
