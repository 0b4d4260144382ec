import type { MessageKey } from './i18n/index.js';

/**
 * The one error type whose message users may see. `key` names an i18n string
 * so the Discord adapter can answer in the user's language; `message` is the
 * English text for logs and the command line.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(
    message: string,
    readonly key?: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}
