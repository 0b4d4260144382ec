/**
 * Sending scheduled posts (to channels and by DM) with discord.js, and
 * turning Discord's refusals into the scheduler's reasons (missing
 * permission, deleted channel, closed DMs, a passing outage).
 */
import {
  DiscordAPIError,
  HTTPError,
  PermissionFlagsBits,
  RateLimitError,
  type Client,
} from 'discord.js';
import { PostError, type ChannelPoster } from '../schedule/anniversary.js';
import { toMessageOptions } from './messageOptions.js';

/** Discord's JSON error codes the scheduler acts on (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json). */
const UNKNOWN_CHANNEL = 10003;
const UNKNOWN_GUILD = 10004;
const MISSING_ACCESS = 50001;
const MISSING_PERMISSIONS = 50013;
/** "Cannot send messages to this user": their DMs are closed to the bot, or no server is shared. */
const CANNOT_MESSAGE_USER = 50007;
/** Also final for a DM (platform-facts §9): the user cannot be reached by this bot. */
const CANNOT_MESSAGE_USER_NOW = 50278;
/** Opening a DM with an account that no longer exists. */
const UNKNOWN_USER = 10013;
const INVALID_RECIPIENTS = 50033;
const RECIPIENT_GONE = new Set([
  CANNOT_MESSAGE_USER,
  CANNOT_MESSAGE_USER_NOW,
  UNKNOWN_USER,
  INVALID_RECIPIENTS,
]);

/** The scheduler's reason for an error thrown by discord.js. */
export function classifySendError(err: unknown): PostError {
  if (err instanceof PostError) return err;
  if (err instanceof DiscordAPIError) {
    const detail = `${err.status} ${err.code}: ${err.message}`;
    if (err.code === MISSING_PERMISSIONS) return new PostError('missing_permissions', detail);
    if (err.code === MISSING_ACCESS) return new PostError('missing_access', detail);
    // The bot was removed from the server, or the channel deleted: posting there cannot work again.
    if (err.code === UNKNOWN_CHANNEL || err.code === UNKNOWN_GUILD)
      return new PostError('unknown_channel', detail);
    if (typeof err.code === 'number' && RECIPIENT_GONE.has(err.code))
      return new PostError('recipient_closed', detail);
    if (err.status === 429 || err.status >= 500) return new PostError('unavailable', detail);
    return new PostError('rejected', detail);
  }
  if (err instanceof HTTPError || err instanceof RateLimitError)
    return new PostError('unavailable', `${err.name}: ${err.message}`);
  // Timeouts and network errors: passing, worth another try.
  return new PostError('unavailable', (err as Error)?.message ?? String(err));
}

/** Posts through the logged-in client: `channel.send` with the day's nonce enforced and no mentions. */
export function createChannelPoster(client: Client): ChannelPoster {
  return {
    async send(channelId, payload, nonce) {
      try {
        const channel = await client.channels.fetch(channelId);
        if (!channel?.isSendable())
          throw new PostError(
            'unknown_channel',
            `channel ${channelId} is not a text channel the bot can see`,
          );
        // Without Embed Links Discord accepts the message but drops its embeds: the post would arrive empty.
        const perms =
          'permissionsFor' in channel && client.user ? channel.permissionsFor(client.user) : null;
        if (
          perms?.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages]) &&
          !perms.has(PermissionFlagsBits.EmbedLinks)
        ) {
          throw new PostError('missing_permissions', 'Embed Links');
        }
        const message = await channel.send({
          ...toMessageOptions(payload),
          nonce,
          enforceNonce: true,
        });
        return message.id;
      } catch (err) {
        throw classifySendError(err);
      }
    },
  };
}

/**
 * Sends anniversary DMs: opens (or reuses) the DM channel with
 * `POST /users/@me/channels`, then posts there with the day's nonce, like a
 * channel post. The "channel" it is given is the recipient's user id.
 */
export function createDmPoster(client: Client): ChannelPoster {
  return {
    async send(userId, payload, nonce) {
      try {
        const dm = await client.users.createDM(userId);
        const message = await dm.send({ ...toMessageOptions(payload), nonce, enforceNonce: true });
        return message.id;
      } catch (err) {
        throw classifySendError(err);
      }
    },
  };
}
