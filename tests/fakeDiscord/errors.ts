/**
 * Discord's error responses, with the status codes and JSON codes the real API
 * uses (DD:topics/opcodes-and-status-codes), so discord.js turns them into the
 * same `DiscordAPIError`s a bot would see in production.
 */

/** One field-level complaint, as found under `errors` in a 50035 response. */
export interface Problem {
  /** Path into the request body, e.g. `['data', 'embeds', 0, 'title']`. */
  path: (string | number)[];
  code: string;
  message: string;
}

export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: Record<string, unknown>;
  retry_after?: number;
  global?: boolean;
}

/** Thrown by route handlers; the router turns it into an HTTP response and a recorded rejection. */
export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
    /** Short human explanation for `rejections`; defaults to the Discord message. */
    readonly reason: string = body.message,
  ) {
    super(`${status} ${body.code}: ${reason}`);
  }
}

/** Builds Discord's nested `errors` object: `{ embeds: { 0: { title: { _errors: [...] } } } }`. */
export function errorsTree(problems: readonly Problem[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const problem of problems) {
    let node = root;
    for (const key of problem.path) {
      const k = String(key);
      const child = node[k];
      if (typeof child === 'object' && child !== null) node = child as Record<string, unknown>;
      else {
        const fresh: Record<string, unknown> = {};
        node[k] = fresh;
        node = fresh;
      }
    }
    const list = (node._errors as { code: string; message: string }[] | undefined) ?? [];
    list.push({ code: problem.code, message: problem.message });
    node._errors = list;
  }
  return root;
}

export function describeProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path.join('.') || '(body)'}: ${p.message}`).join('; ');
}

const fail = (status: number, code: number, message: string, reason?: string) =>
  new DiscordHttpError(status, { message, code }, reason ?? message);

export const errors = {
  invalidFormBody: (problems: readonly Problem[]) =>
    new DiscordHttpError(
      400,
      { message: 'Invalid Form Body', code: 50035, errors: errorsTree(problems) },
      describeProblems(problems),
    ),
  emptyMessage: () => fail(400, 50006, 'Cannot send an empty message'),
  invalidJson: () => fail(400, 50109, 'The request body contains invalid JSON.'),
  alreadyAcknowledged: () => fail(400, 40060, 'Interaction has already been acknowledged.'),
  unauthorized: (reason?: string) => fail(401, 0, '401: Unauthorized', reason),
  invalidWebhookToken: (reason?: string) => fail(401, 50027, 'Invalid Webhook Token', reason),
  missingAccess: (reason?: string) => fail(403, 50001, 'Missing Access', reason),
  missingPermissions: (reason?: string) => fail(403, 50013, 'Missing Permissions', reason),
  cannotMessageUser: (reason?: string) =>
    fail(403, 50007, 'Cannot send messages to this user', reason),
  invalidRecipients: (reason?: string) => fail(400, 50033, 'Invalid Recipient(s)', reason),
  cannotEditOthersMessage: () => fail(403, 50005, 'Cannot edit a message authored by another user'),
  notFound: (reason?: string) => fail(404, 0, '404: Not Found', reason),
  unknownApplication: () => fail(404, 10002, 'Unknown Application'),
  unknownChannel: () => fail(404, 10003, 'Unknown Channel'),
  unknownGuild: () => fail(404, 10004, 'Unknown Guild'),
  unknownMember: () => fail(404, 10007, 'Unknown Member'),
  unknownMessage: () => fail(404, 10008, 'Unknown Message'),
  unknownWebhook: (reason?: string) => fail(404, 10015, 'Unknown Webhook', reason),
  unknownCommand: () => fail(404, 10063, 'Unknown application command'),
  unknownInteraction: (reason?: string) => fail(404, 10062, 'Unknown interaction', reason),
  methodNotAllowed: () => fail(405, 0, '405: Method Not Allowed'),
  entityTooLarge: (reason?: string) => fail(413, 40005, 'Request entity too large', reason),
  // Discord documents the limit but not its error code; the fake answers with the
  // "maximum number of … reached" family so the bot sees a final, non-retryable 400.
  tooManyFollowUps: (limit: number) =>
    fail(
      400,
      30000,
      `Maximum number of follow-up messages reached (${limit})`,
      `a user-installed app may send at most ${limit} follow-ups per interaction`,
    ),
};
