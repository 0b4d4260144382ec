import { subcommand } from '../define.js';
import { todayOf, visibility } from '../context.js';
import type { Subcommand } from '../types.js';
import { renderDayList } from './dayList.js';

export const today: Subcommand = {
  data: subcommand('essay', 'today'),
  access: 'everyone',
  execute(ctx) {
    const date = todayOf(ctx);
    const { essays, nearest } = ctx.store.essays.onThisDay(date, visibility(ctx));
    return { kind: 'message', payload: renderDayList(ctx, date, 0, essays, nearest) };
  },
};
