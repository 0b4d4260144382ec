/**
 * Calling the shared dispatch in-process, as the Discord adapter and the
 * console do: a context, the callers, `run`, and what a user would see of
 * a refusal. Every handler-level suite uses these, so a caller named AUTHOR
 * means the same thing in every file.
 */
import { expect } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { errorText } from '../../src/commands/errorText.js';
import { findSubcommand, runSubcommand } from '../../src/commands/index.js';
import type { Caller, HandlerContext, Options } from '../../src/commands/types.js';
import type { MessagePayload, Reply } from '../../src/messages/payload.js';
import { UserFacingError } from '../../src/errors.js';
import type { Locale } from '../../src/i18n/index.js';
import { silentLogger } from '../../src/logger.js';
import type { Store } from '../../src/store/index.js';
import { seededRandom } from './seededRandom.js';

export const GUILD_ID = '100000000000000001';
export const CHANNEL_ID = '200000000000000001';

/** A journal author (in JOURNAL_AUTHOR_IDS) who does not manage the server. */
export const AUTHOR: Caller = { id: '300000000000000001', isAuthor: true, isManager: false };
/** Manages the server but is not an author (JOURNAL_AUTHOR_IDS names someone else). */
export const MANAGER: Caller = { id: '300000000000000002', isAuthor: false, isManager: true };
/** A plain member: not an author, not a manager. */
export const STRANGER: Caller = { id: '300000000000000003', isAuthor: false, isManager: false };
/** The author who also manages the server (JOURNAL_AUTHOR_IDS unset): may run everything. */
export const OWNER: Caller = { id: '300000000000000004', isAuthor: true, isManager: true };

/** A context as the Discord adapter builds one, in a server channel; `over` replaces any part. */
export function handlerContext(store: Store, over: Partial<HandlerContext> = {}): HandlerContext {
  return {
    store,
    clock: fixedClock('2026-11-29T07:30:00Z'),
    timeZone: 'Asia/Shanghai',
    logger: silentLogger,
    locale: 'en-US',
    caller: AUTHOR,
    place: 'server',
    guildId: GUILD_ID,
    channelId: CHANNEL_ID,
    services: {},
    random: seededRandom(7),
    ...over,
  };
}

/** `handlerContext` with a suite's own defaults (its clock, its downloader…). */
export function contextWith(
  defaults: Partial<HandlerContext>,
): (store: Store, over?: Partial<HandlerContext>) => HandlerContext {
  return (store, over = {}) => handlerContext(store, { ...defaults, ...over });
}

/** Runs `/command sub` through the dispatch (access checked), e.g. `const run = runner('essay')`. */
export function runner(
  command: string,
): (ctx: HandlerContext, sub: string, options?: Options) => Promise<Reply> {
  return (ctx, sub, options = {}) => {
    const found = findSubcommand(command, sub);
    if (!found) throw new Error(`no subcommand /${command} ${sub}`);
    return runSubcommand(ctx, found, options);
  };
}

/** The UserFacingError `p` rejects with; fails the test if it resolves or throws anything else. */
export async function refusal(p: Promise<unknown>): Promise<UserFacingError> {
  const err = await p.then(
    () => new Error('expected a refusal, got a reply'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserFacingError);
  return err as UserFacingError;
}

/** The one sentence the error boundary shows for `err`, in `locale`. */
export function shownError(err: unknown, locale: Locale = 'en-US'): string {
  return errorText(err, locale, silentLogger, 'test');
}

/** What the user would see: the reply, or the one sentence the error boundary would show. */
export async function outcome(
  run: () => Reply | Promise<Reply>,
  locale: Locale = 'en-US',
): Promise<{ reply?: Reply; error?: string; thrown?: unknown }> {
  try {
    return { reply: await run() };
  } catch (err) {
    return { error: shownError(err, locale), thrown: err };
  }
}

/** Every string a payload carries (content, embeds, buttons, file names), for leak checks. */
export function payloadText(payload: MessagePayload | undefined): string {
  if (!payload) return '';
  const { files, ...json } = payload;
  return (
    JSON.stringify(json) +
    (files ?? []).map((f) => `${f.name}\n${f.data.toString('utf8')}`).join('\n')
  );
}

export function replyText(reply: Reply | undefined): string {
  if (!reply) return '';
  return reply.kind === 'modal' ? JSON.stringify(reply.modal) : payloadText(reply.payload);
}
