import { UserFacingError } from '../../errors.js';
import { renderEssayPage } from '../../messages/essay.js';
import { todayOf } from '../context.js';
import { subcommand } from '../define.js';
import type { Subcommand } from '../types.js';

export const random: Subcommand = {
  data: subcommand('essay.random'),
  access: 'everyone',
  execute(ctx) {
    // Random picks never include hidden essays, not even for authors.
    const count = ctx.store.essays.count();
    const essay = count > 0 ? ctx.store.essays.nth(Math.floor(ctx.random() * count)) : null;
    if (!essay) throw new UserFacingError('the journal is empty', 'essay.empty');
    return {
      kind: 'message',
      payload: renderEssayPage(essay, 0, ctx.locale, { today: todayOf(ctx) }),
    };
  },
};
