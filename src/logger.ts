/**
 * Structured logs (pino, JSON on stderr). The token is redacted by path and,
 * because an error message may quote it, by value as well. Interaction
 * tokens (a 15-minute credential in every callback and webhook URL) are
 * redacted wherever they appear, and the request bodies discord.js attaches
 * to its errors (whole essays, whole PNGs) are left out.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** `/interactions/{id}/{token}/…` and `/webhooks/{application}/{token}…`: the token segment. */
const INTERACTION_TOKEN_IN_URL = /(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"\\]+/gu;

/** Replaces every occurrence of the secrets, and any interaction token in a URL, in a string. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(INTERACTION_TOKEN_IN_URL, '$1[redacted]');
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * pino's error serializer, minus what discord.js's DiscordAPIError and
 * HTTPError carry about the request: `requestBody` holds the message sent
 * (essay text, files as byte arrays: hundreds of KB per line); status,
 * method, code and the (redacted) URL say enough.
 */
export function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown;
  if (out && typeof out === 'object' && 'requestBody' in out)
    delete (out as { requestBody?: unknown }).requestBody;
  return out;
}

export function createLogger(level: string, secrets: readonly string[] = []): Logger {
  return pino(
    {
      level,
      base: undefined,
      serializers: { err: serializeError },
      redact: {
        paths: [
          'token',
          '*.token',
          'config.DISCORD_TOKEN',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
      hooks: {
        // Last line of defence: whatever object was logged, the token text never leaves.
        streamWrite: (line) => redactSecrets(line, secrets),
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that writes nothing (CLI, tests). */
export const silentLogger: Logger = pino({ level: 'silent' });
