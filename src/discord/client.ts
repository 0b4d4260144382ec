/** The discord.js client, configured once: Guilds intent only, our REST base, no mentions, small caches. */
import {
  Client,
  Events,
  GatewayCloseCodes,
  GatewayIntentBits,
  Options,
  type GuildMember,
  type User,
} from 'discord.js';
import type { Config } from '../config.js';

/**
 * What the bot reads from discord.js's caches is the guilds, their channels,
 * roles and permission overwrites (posting checks `permissionsFor` the bot's
 * own member before sending): those caches stay whole, as discord.js
 * requires. Everything else it would keep from every event and reply
 * (messages, members and users who interact, emoji, stickers, threads'
 * members…) is never read again, so it is not kept: a bot that runs for
 * months must not grow with every interaction.
 */
export const CACHE_LIMITS = {
  MessageManager: 0,
  GuildMessageManager: 0,
  DMMessageManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  PresenceManager: 0,
  VoiceStateManager: 0,
  ThreadMemberManager: 0,
  GuildBanManager: 0,
  GuildInviteManager: 0,
  GuildEmojiManager: 0,
  GuildStickerManager: 0,
  GuildScheduledEventManager: 0,
  StageInstanceManager: 0,
  AutoModerationRuleManager: 0,
  ApplicationCommandManager: 0,
  // The bot's own member answers permissionsFor; other members are never read.
  GuildMemberManager: {
    maxSize: 0,
    keepOverLimit: (member: GuildMember) => member.id === member.client.user.id,
  },
  UserManager: { maxSize: 0, keepOverLimit: (user: User) => user.id === user.client.user.id },
};

export function createClient(config: Config): Client {
  return new Client({
    // INTERACTION_CREATE needs no intent; Guilds fills the channel cache for posting.
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.DISCORD_API_URL },
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits(CACHE_LIMITS),
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
