/** A handler's payload in the shape discord.js sends, for replies and scheduled posts alike. */
import { MessageFlags, type BaseMessageOptions } from 'discord.js';
import type { MessagePayload } from '../messages/payload.js';

/**
 * Every message is Components V2: the flag goes on the reply, on the edit
 * after a defer, on an update and on a channel post (never on a defer,
 * which carries no message). No `content` or `embeds`: V2 forbids them.
 * Components and files are always set, even when empty, so an edit or an
 * update replaces what the message showed before; mentions are always off.
 */
export function toMessageOptions(payload: MessagePayload) {
  return {
    components: payload.components,
    files: (payload.files ?? []).map((f) => ({
      attachment: f.data,
      name: f.name,
      description: f.description,
    })),
    allowedMentions: { parse: [] },
    flags: MessageFlags.IsComponentsV2,
  } satisfies BaseMessageOptions & { flags: MessageFlags.IsComponentsV2 };
}
