import { subcommand } from '../define.js';
import { todayOf } from '../context.js';
import type { Subcommand } from '../types.js';
import { renderDayList } from './dayList.js';

export const today: Subcommand = {
  data: subcommand('essay.today'),
  access: 'everyone',
  execute(ctx) {
    const date = todayOf(ctx);
    // An anniversary surface: hidden essays stay out even for authors (the reply is public, too).
    const { essays, nearest } = ctx.store.essays.onThisDay(date);
    return { kind: 'message', payload: renderDayList(ctx, date, 0, essays, nearest) };
  },
};
