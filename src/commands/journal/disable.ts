/** `/journal disable`: stop the anniversary posts (settings are kept for the next /journal setup). */
import { t } from '../../i18n/index.js';
import { notice } from '../../messages/builders.js';
import { subcommand } from '../define.js';
import type { Subcommand } from '../types.js';
import { requireSettings } from './scheduleText.js';

export const disable: Subcommand = {
  data: subcommand('journal.disable'),
  access: 'manager',
  execute(ctx) {
    const settings = requireSettings(ctx);
    ctx.store.guilds.disable(settings.guildId);
    return notice(t(ctx.locale, 'schedule.disabled'));
  },
};
