/** The message context menu "Save as quote": any message's words, kept as a curated quote with a link back. */
import { ApplicationCommandType, PermissionFlagsBits } from 'discord-api-types/v10';
import { nameLocalizations } from '../define.js';
import type { MessageMenuCommand } from '../types.js';
import { quoteText, savedReply, saveQuote } from './curate.js';
import { UserFacingError } from '../../errors.js';

const NAME = 'Save as quote';

export const saveAsQuote: MessageMenuCommand = {
  data: {
    type: ApplicationCommandType.Message,
    name: NAME,
    name_localizations: nameLocalizations(NAME),
    // A top-level command of its own: hidden from members without Manage Server by default;
    // JOURNAL_AUTHOR_IDS are still checked at run time (servers can re-grant the menu to anyone).
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  },
  access: 'author',
  // An author saves words from anywhere they read them: a DM, a friend's server.
  reach: 'anywhere',
  execute(ctx, target) {
    // Stored as written: mentions stay text (shown escaped, sent with mentions disabled).
    const text = quoteText(target.content, 'quote.emptyMessage');
    const already = ctx.store.quotes.curated.byMessage(target.id);
    if (already)
      throw new UserFacingError(`message already saved as #${already.id}`, 'quote.alreadySaved', {
        id: already.id,
      });
    const saved = saveQuote(ctx, {
      text,
      message: {
        guildId: target.guildId,
        channelId: target.channelId,
        messageId: target.id,
        url: target.url,
        authorId: target.authorId,
        sentAt: target.sentAt,
      },
    });
    return savedReply(ctx, saved);
  },
};
