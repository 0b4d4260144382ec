/** `/essay edit essay:`: the essay form prefilled; saving keeps the essay's id. */
import { textOption } from '../options.js';
import { UserFacingError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { subcommand } from '../define.js';
import { essayOption } from './essayOption.js';
import type { Subcommand } from '../types.js';
import { essayModal, FORM_MAX, writeIds, type FormValues } from './form.js';
import { essayChoices, resolveEssayOption } from './show.js';

export const edit: Subcommand = {
  data: subcommand('essay.edit', [essayOption('edit')]),
  access: 'author',
  execute(ctx, options) {
    const essay = resolveEssayOption(ctx, textOption(options, 'essay'));
    const values: FormValues = {
      title: essay.title ?? '',
      date: essay.date,
      place: essay.place ?? '',
      tags: essay.tags.join(', '),
      body: essay.body,
    };
    // A form cannot hold more; cutting the text would lose the rest on save.
    const tooLong = (Object.keys(values) as Array<keyof FormValues>).find(
      (k) => values[k].length > FORM_MAX[k],
    );
    if (tooLong) {
      throw new UserFacingError(
        `essay #${essay.id} is too long for a form`,
        'write.tooLongForForm',
        {
          id: essay.id,
          length: values[tooLong].length,
          max: FORM_MAX[tooLong],
        },
      );
    }
    return essayModal(
      ctx,
      writeIds.edit(essay.id, essay.date),
      t(ctx.locale, 'write.modal.edit', { id: essay.id }),
      values,
    );
  },
  autocomplete: (ctx, focused) => essayChoices(ctx, focused.value),
};
