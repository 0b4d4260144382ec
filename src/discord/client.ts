/** The discord.js client, configured once: Guilds intent only, our REST base, no mentions. */
import { Client, GatewayIntentBits } from 'discord.js';
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
  return e?.code === 'TokenInvalid' || e?.status === 401 || /401|invalid token|Unauthorized/iu.test(String(e?.message ?? ''));
}

export const TOKEN_REJECTED_MESSAGE =
  'Discord rejected DISCORD_TOKEN (401 Unauthorized): reset the token under Bot in the Developer Portal and put the new one in .env.';
