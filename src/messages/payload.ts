/**
 * What a handler answers with: a message as Discord API JSON plus its files,
 * and how it is delivered (a new message, an in-place update, a form). The
 * front ends (src/discord/, src/console/) send or print it.
 */
import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';

/** A file sent with a message (exports, stats pictures). */
export interface ReplyFile {
  name: string;
  data: Buffer;
  /** Alt text for screen readers. */
  description?: string;
}

/** A message as handlers build it: Discord's JSON, plus files. */
export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
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
