/**
 * `/essay edit essay:`: the essay form prefilled (tags and content warning as
 * front matter at the top of the text); saving keeps the essay's id. An
 * essay longer than the text box opens with the box empty: its text stays
 * unless a file replaces it.
 */
import { textOption } from '../options.js';
import { t } from '../../i18n/index.js';
import { subcommand } from '../define.js';
import { essayOption } from './essayOption.js';
import type { Subcommand } from '../types.js';
import { essayModal, essayPrefill } from './form.js';
import { encodeWriteId } from './writeRoute.js';
import { essayChoices, resolveEssayOption } from './show.js';

export const edit: Subcommand = {
  data: subcommand('essay.edit', [essayOption('edit')]),
  access: 'author',
  execute(ctx, options) {
    const essay = resolveEssayOption(ctx, textOption(options, 'essay'));
    return essayModal(
      ctx,
      encodeWriteId({ action: 'edit', id: essay.id, openedDate: essay.date }),
      t(ctx.locale, 'write.modal.edit', { id: essay.id }),
      essayPrefill(essay),
    );
  },
  autocomplete: (ctx, focused) => essayChoices(ctx, focused.value),
};
