import { textOption } from '../options.js';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { t } from '../../i18n/index.js';
import { normalizeText } from '../../journal/text.js';
import { nameLocalizations, option, subcommand } from '../define.js';
import { essayChoices, resolveEssayOption } from '../essay/show.js';
import type { Subcommand } from '../types.js';
import { quoteText, savedReply, saveQuote } from './curate.js';

// Room for the longest quotable sentence (240 characters of English) and some slack to refuse politely.
const MAX_TEXT_OPTION = 400;

export const add: Subcommand = {
  data: {
    ...subcommand('quote.add', [
      option('quote.add.text', {
        type: ApplicationCommandOptionType.String,
        required: true,
        max_length: MAX_TEXT_OPTION,
      }),
      option('quote.add.essay', {
        type: ApplicationCommandOptionType.String,
        required: false,
        autocomplete: true,
        max_length: 100,
      }),
    ]),
    // Adding a quote is not writing (/essay add's 写作): its Chinese name is its own.
    name_localizations: nameLocalizations('quote add'),
  },
  access: 'author',
  execute(ctx, options) {
    const text = quoteText(textOption(options, 'text'));
    const essay =
      options.essay === undefined ? null : resolveEssayOption(ctx, textOption(options, 'essay'));
    const notes: string[] = [];
    // Words not found in the essay are kept (the author may shorten or translate a line) but said so.
    if (essay && !normalizeText(essay.body).includes(normalizeText(text)))
      notes.push(t(ctx.locale, 'quote.notInEssay'));
    if (essay?.hidden) notes.push(t(ctx.locale, 'quote.essayHidden'));
    const saved = saveQuote(ctx, { text, essayId: essay?.id ?? null });
    return savedReply(ctx, saved, notes);
  },
  autocomplete: (ctx, focused) =>
    focused.name === 'essay' ? essayChoices(ctx, focused.value) : [],
};
