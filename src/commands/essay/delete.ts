/** `/essay delete essay:`: asks first; the essay then goes to the trash, one Undo away. */
import { textOption } from '../options.js';
import { ButtonStyle } from 'discord-api-types/v10';
import { button, message, rows, textDisplay } from '../../messages/builders.js';
import { displayTitle } from '../../journal/display.js';
import { t } from '../../i18n/index.js';
import { subcommand } from '../define.js';
import type { Subcommand } from '../types.js';
import { essayOption } from './essayOption.js';
import { encodeWriteId } from './writeRoute.js';
import { essayChoices, resolveEssayOption } from './show.js';

export const deleteEssay: Subcommand = {
  data: subcommand('essay.delete', [essayOption('delete')]),
  access: 'author',
  execute(ctx, options) {
    const essay = resolveEssayOption(ctx, textOption(options, 'essay'));
    const text = t(ctx.locale, 'write.delete.confirm', {
      id: essay.id,
      title: displayTitle(essay, false),
      date: essay.date,
    });
    return {
      kind: 'message',
      ephemeral: true,
      payload: message({
        components: [
          textDisplay(text),
          ...rows([
            button(
              encodeWriteId({ action: 'delete', id: essay.id }),
              t(ctx.locale, 'write.delete.yes'),
              {
                style: ButtonStyle.Danger,
                emoji: '🗑️',
              },
            ),
            button(
              encodeWriteId({ action: 'keep', id: essay.id }),
              t(ctx.locale, 'write.delete.no'),
            ),
          ]),
        ],
      }),
    };
  },
  autocomplete: (ctx, focused) => essayChoices(ctx, focused.value),
};
