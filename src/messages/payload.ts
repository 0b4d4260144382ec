/**
 * What a handler answers with: a message as Discord API JSON plus its files,
 * and how it is delivered (a new message, an in-place update, a form). The
 * front ends (src/discord/, src/console/) send or print it.
 */
import type {
  APIMessageTopLevelComponent,
  APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';

/** A file sent with a message (exports, stats pictures). */
export interface ReplyFile {
  name: string;
  data: Buffer;
  /** Alt text for screen readers. */
  description?: string;
}

/**
 * A message as handlers build it: a Components V2 layout (containers, text
 * displays, sections, …; no `content` or `embeds`, which V2 forbids), plus
 * files. The adapter sets the IS_COMPONENTS_V2 flag on every message it sends.
 */
export interface MessagePayload {
  components: APIMessageTopLevelComponent[];
  files?: ReplyFile[];
  /** Always `{ parse: [] }`: an essay that says @everyone pings nobody. */
  allowed_mentions: { parse: [] };
}

export type Reply =
  /** A new message answering the interaction. */
  | { kind: 'message'; payload: MessagePayload; ephemeral?: boolean }
  /** Replace the message the pressed button is on (paging). */
  | { kind: 'update'; payload: MessagePayload }
  /** Open a form. */
  | { kind: 'modal'; modal: APIModalInteractionResponseCallbackData };
