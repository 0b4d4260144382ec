import { UserFacingError } from '../../errors.js';
import { renderEssayPage } from '../../messages/essay.js';
import { todayOf } from '../context.js';
import { subcommand } from '../define.js';
import type { Subcommand } from '../types.js';

export const random: Subcommand = {
  data: subcommand('essay.random'),
  access: 'everyone',
  execute(ctx) {
    // Never hidden essays (not even for authors) nor muted periods: see pickRandom.
    const essay = ctx.store.essays.pickRandom(ctx.random);
    if (!essay) {
      // Only muted essays left (hidden ones are not mentioned: members must not learn of them).
      if (ctx.store.essays.count() > 0)
        throw new UserFacingError('every essay is in a muted period', 'random.noneDrawable');
      throw new UserFacingError('the journal is empty', 'essay.empty');
    }
    return {
      kind: 'message',
      payload: renderEssayPage(essay, 0, ctx.locale, { today: todayOf(ctx) }),
    };
  },
};
