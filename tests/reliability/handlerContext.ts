/** Handler contexts for calling the shared dispatch in-process, as the Discord adapter builds them. */
import { fixedClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { errorText } from '../../src/commands/errorText.js';
import { silentLogger } from '../../src/logger.js';
import type { Caller, HandlerContext, MessagePayload, Reply } from '../../src/commands/types.js';
import type { Store } from '../../src/store/index.js';
import { importPaths } from '../../src/import/importFiles.js';
import { memoryStore } from '../helpers/store.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { HIDDEN_QUOTE, ZONE, writeJournal } from './journalFixture.js';

export const AUTHOR: Caller = { id: '300000000000000001', isAuthor: true, isManager: true };
/** A plain member: not an author, not a manager. */
export const STRANGER: Caller = { id: '300000000000000003', isAuthor: false, isManager: false };
/** Manages the server but is not an author (JOURNAL_AUTHOR_IDS names someone else). */
export const MANAGER: Caller = { id: '300000000000000002', isAuthor: false, isManager: true };

/** Frozen at load: the fixture journal is dated relative to the real today (the bot-process tests share it). */
export const NOW = new Date().toISOString();

export function handlerContext(
  store: Store,
  caller: Caller,
  over: Partial<HandlerContext> = {},
): HandlerContext {
  return {
    store,
    clock: fixedClock(NOW),
    config: parseConfig({ JOURNAL_TIMEZONE: ZONE, JOURNAL_AUTHOR_IDS: AUTHOR.id }),
    logger: silentLogger,
    locale: 'en-US',
    caller,
    guildId: '100000000000000001',
    channelId: '200000000000000001',
    services: {},
    random: seededRandom(7),
    ...over,
  };
}

/** A memory store holding the reliability journal (hidden essay included), and a curated quote from the hidden essay. */
export function journalStore(dir: string): Store {
  const store = memoryStore(fixedClock(NOW));
  importPaths(store, [writeJournal(dir)]);
  const hidden = store.essays.list({ includeHidden: true }).find((e) => e.hidden)!;
  store.quotes.curated.add({ text: HIDDEN_QUOTE, essayId: hidden.id, savedBy: AUTHOR.id });
  return store;
}

/** What the user would see: the reply, or the one sentence the error boundary would show. */
export async function outcome(
  run: () => Reply | Promise<Reply>,
  locale: HandlerContext['locale'] = 'en-US',
): Promise<{ reply?: Reply; error?: string; thrown?: unknown }> {
  try {
    return { reply: await run() };
  } catch (err) {
    return { error: errorText(err, locale, silentLogger, 'test'), thrown: err };
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
