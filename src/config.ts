/**
 * The environment, validated once at startup (docs/interface.md, "Environment").
 * A bad value stops startup with one message naming the key, before
 * anything connects.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { isValidTimeZone, systemTimeZone } from './journal/dates.js';

const snowflake = z.string().regex(/^\d{17,20}$/u, 'must be a Discord id (17–20 digits)');

const httpUrl = z
  .url({ protocol: /^https?$/u, error: 'must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/u, ''));

const timeZone = z.string().refine(isValidTimeZone, {
  error: 'must be an IANA time zone such as Asia/Shanghai or America/Los_Angeles',
});

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const envSchema = z.object({
  DISCORD_TOKEN: z.string().trim().min(1).optional(),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: httpUrl.default('https://discord.com/api'),
  DISCORD_CDN_URL: httpUrl.default('https://cdn.discordapp.com'),
  JOURNAL_DB: z.string().min(1).default('data/journal.db'),
  JOURNAL_DIR: z.string().min(1).default('data/essays'),
  JOURNAL_TIMEZONE: timeZone.default(() => systemTimeZone()),
  JOURNAL_AUTHOR_IDS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    )
    .pipe(z.array(snowflake))
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

/** Every key the product reads; `.env.example` and the README must list each (a test checks). */
export const CONFIG_KEYS = Object.keys(envSchema.shape) as Array<keyof typeof envSchema.shape>;

export type Config = Readonly<z.infer<typeof envSchema>>;

/** A configuration problem, already phrased for the operator. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates an environment. Empty values count as unset, as in most .env files. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    CONFIG_KEYS.filter((key) => env[key] !== undefined && env[key].trim() !== '').map((key) => [
      key,
      env[key],
    ]),
  );
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? 'environment');
      // Never echo a value back: the key might be the token.
      return `${key}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  return Object.freeze(result.data);
}

/** Reads `.env` (if present; real environment variables win) and validates. */
export function loadConfig(envFile = '.env'): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}
