/** A handler's payload in the shape discord.js sends, for replies and scheduled posts alike. */
import type { BaseMessageOptions } from 'discord.js';
import type { MessagePayload } from '../messages/payload.js';

/**
 * Every field is set, even when empty, so an edit or an update replaces what
 * the message showed before; mentions are always off.
 */
export function toMessageOptions(payload: MessagePayload) {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
    files: (payload.files ?? []).map((f) => ({
      attachment: f.data,
      name: f.name,
      description: f.description,
    })),
    allowedMentions: { parse: [] },
  } satisfies BaseMessageOptions;
}
