import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00Z); snowflakes count milliseconds from it. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Generates real-looking snowflakes. They are monotonic, so tests can sort by
 * id the way bots sort real Discord ids, and their timestamp part is real, so
 * `SnowflakeUtil.timestampFrom()` in discord.js gives a sensible date.
 */
export class SnowflakeGenerator {
  private increment = 0n;
  private last = 0n;

  next(now: number = Date.now()): string {
    let ms = BigInt(now) - DISCORD_EPOCH;
    // Keep ids strictly increasing even if the wall clock steps back.
    if (ms < this.last) ms = this.last;
    if (ms === this.last) this.increment = (this.increment + 1n) & 0xfffn;
    else this.increment = 0n;
    this.last = ms;
    return ((ms << 22n) | (1n << 17n) | (1n << 12n) | this.increment).toString();
  }
}

/**
 * A bot token shaped like Discord's: base64(bot user id).timestamp.hmac.
 * The first segment decodes to the bot's id because bots (and this project's
 * config) may read the application id out of the token.
 */
export function makeBotToken(botUserId: string): string {
  const idPart = Buffer.from(botUserId).toString('base64url');
  const tsPart = randomBytes(4).toString('base64url');
  const hmacPart = randomBytes(27).toString('base64url');
  return `${idPart}.${tsPart}.${hmacPart}`;
}

/** An interaction token: long, opaque, URL-safe. */
export function makeInteractionToken(): string {
  return `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
