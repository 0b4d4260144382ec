/**
 * Structured logs (pino, JSON on stderr). The token is redacted by path and,
 * because an error message may quote it, by value as well.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Replaces every occurrence of the secrets in a string. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out;
}

export function createLogger(level: string, secrets: readonly string[] = []): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'config.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
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
