import { textOption } from '../options.js';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserFacingError } from '../../errors.js';
import type { Essay } from '../../journal/essay.js';
import { displayTitle, truncate } from '../../journal/display.js';
import { LIMITS } from '../../messages/limits.js';
import { renderEssayPage } from '../../messages/essay.js';
import { option, subcommand } from '../define.js';
import { todayOf, visibility } from '../context.js';
import type { Choice, HandlerContext, Subcommand } from '../types.js';

/** The essay an autocompleted option names: the chosen id, or typed text matching one essay. */
export function resolveEssayOption(ctx: HandlerContext, value: string): Essay {
  const text = value.trim();
  const v = visibility(ctx);
  if (/^\d{1,15}$/u.test(text)) {
    const essay = ctx.store.essays.get(Number(text), v);
    if (essay) return essay;
  }
  const [match] = ctx.store.essays.suggest(text, 1, v);
  if (match && text !== '') {
    const essay = ctx.store.essays.get(match.id, v);
    if (essay) return essay;
  }
  throw new UserFacingError(`no essay matches ${text}`, 'essay.unknownChoice', {
    input: truncate(text, 80),
  });
}

/** Autocomplete choices for an essay option: newest first, by title, date or opening words. */
export function essayChoices(ctx: HandlerContext, typed: string): Choice[] {
  return ctx.store.essays.suggest(typed.trim(), LIMITS.choices, visibility(ctx)).map((e) => ({
    name: truncate(
      `${e.date} · ${displayTitle({ ...e, body: e.excerpt }, false)}`,
      LIMITS.choiceName,
    ),
    value: String(e.id),
  }));
}

export const show: Subcommand = {
  data: subcommand('essay.show', [
    option('essay.show.essay', {
      type: ApplicationCommandOptionType.String,
      required: true,
      autocomplete: true,
      max_length: 100,
    }),
  ]),
  access: 'everyone',
  execute(ctx, options) {
    const essay = resolveEssayOption(ctx, textOption(options, 'essay'));
    // Only authors resolve a hidden essay; it is shown to them alone.
    return {
      kind: 'message',
      ephemeral: essay.hidden,
      payload: renderEssayPage(essay, 0, ctx.locale, { today: todayOf(ctx) }),
    };
  },
  autocomplete: (ctx, focused) => essayChoices(ctx, focused.value),
};
