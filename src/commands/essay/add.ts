/** `/essay add`: the essay form, opened with today's date in the author's zone. */
import { t } from '../../i18n/index.js';
import { subcommand } from '../define.js';
import { todayOf } from '../context.js';
import type { Subcommand } from '../types.js';
import { essayModal } from './form.js';
import { encodeWriteId } from './writeRoute.js';

export const add: Subcommand = {
  data: subcommand('essay.add'),
  access: 'author',
  execute(ctx) {
    const today = todayOf(ctx);
    return essayModal(
      ctx,
      encodeWriteId({ action: 'add', openedDate: today }),
      t(ctx.locale, 'write.modal.add'),
      { when: today },
    );
  },
};
