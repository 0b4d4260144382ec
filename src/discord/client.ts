/** The discord.js client, configured once: Guilds intent only, our REST base, no mentions. */
import { Client, Events, GatewayCloseCodes, GatewayIntentBits } from 'discord.js';
import type { Config } from '../config.js';

export function createClient(config: Config): Client {
  return new Client({
    // INTERACTION_CREATE needs no intent; Guilds fills the channel cache for posting.
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.DISCORD_API_URL },
    allowedMentions: { parse: [] },
  });
}

/** True for the error discord.js raises when Discord rejects the token. */
export function isTokenRejected(err: unknown): boolean {
  const e = err as { code?: unknown; status?: unknown; message?: unknown };
  return (
    e?.code === 'TokenInvalid' ||
    e?.status === 401 ||
    (typeof e?.message === 'string' && /401|invalid token|Unauthorized/iu.test(e.message))
  );
}

export const TOKEN_REJECTED_MESSAGE =
  'Discord rejected DISCORD_TOKEN (401 Unauthorized): reset the token under Bot in the Developer Portal and put the new one in .env.';

/**
 * The one line an operator needs when Discord closes the gateway for good
 * (discord.js emits `shardDisconnect` only for codes it will not reconnect
 * after): 4004 means the token was reset or revoked while the bot ran.
 */
export function gatewayClosedMessage(code: number): string {
  if (code === Number(GatewayCloseCodes.AuthenticationFailed)) return TOKEN_REJECTED_MESSAGE;
  const name = GatewayCloseCodes[code] ?? 'unknown';
  return `Discord closed the gateway connection for good (code ${code}, ${name}); the bot cannot receive commands, so it is exiting.`;
}

/**
 * Calls `onFatal` once when the connection is closed for good. Without
 * this, discord.js stops reconnecting and the process lives on, deaf.
 */
export function onGatewayClosedForGood(
  client: Client,
  onFatal: (code: number, message: string) => void,
): void {
  client.once(Events.ShardDisconnect, (event) =>
    onFatal(event.code, gatewayClosedMessage(event.code)),
  );
}
