/** `/essay hide` and `/essay unhide`: keep an essay out of anniversaries, random picks and quotes, or let it back. */
import { textOption } from '../options.js';
import { notice } from '../../messages/builders.js';
import { displayTitle } from '../../journal/display.js';
import { t } from '../../i18n/index.js';
import { subcommand } from '../define.js';
import type { HandlerContext, Options, Reply, Subcommand } from '../types.js';
import { essayOption } from './essayOption.js';
import { essayChoices, resolveEssayOption } from './show.js';

function setHidden(ctx: HandlerContext, options: Options, hidden: boolean): Reply {
  const essay = resolveEssayOption(ctx, textOption(options, 'essay'));
  // setHidden goes through the store so the search and quote indexes follow in the same transaction.
  if (essay.hidden !== hidden) ctx.store.essays.setHidden(essay.id, hidden);
  return notice(
    t(ctx.locale, hidden ? 'write.hidden' : 'write.unhidden', {
      id: essay.id,
      title: displayTitle(essay),
    }),
  );
}

export const hide: Subcommand = {
  data: subcommand('essay.hide', [essayOption('hide')]),
  access: 'author',
  execute: (ctx, options) => setHidden(ctx, options, true),
  autocomplete: (ctx, focused) => essayChoices(ctx, focused.value),
};

export const unhide: Subcommand = {
  data: subcommand('essay.unhide', [essayOption('unhide')]),
  access: 'author',
  execute: (ctx, options) => setHidden(ctx, options, false),
  autocomplete: (ctx, focused) => essayChoices(ctx, focused.value),
};
