/**
 * Starting the offline console, shared by `npm run console` and `journal
 * console`: sync the journal folder, build the context of the local author,
 * and run the loop on stdin/stdout.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { UserFacingError } from '../errors.js';
import { syncJournalDir } from '../import/syncJournalDir.js';
import type { Locale } from '../i18n/index.js';
import { createLogger, type Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import type { HandlerContext } from '../commands/types.js';
import type { ReplyFile } from '../messages/payload.js';
import { readLocalAttachment } from './localFiles.js';
import { runRepl } from './repl.js';

/** `--locale`: zh-CN or en-US (also zh / en, any case); undefined keeps `fallback`. */
export function readLocaleOption(value: string | undefined, fallback: Locale): Locale {
  if (value === undefined) return fallback;
  const v = value.toLowerCase();
  if (v === 'zh-cn' || v === 'zh') return 'zh-CN';
  if (v === 'en-us' || v === 'en') return 'en-US';
  throw new UserFacingError(`--locale must be zh-CN or en-US, got ${JSON.stringify(value)}`);
}

/**
 * The person at the keyboard is the journal's author on their own machine:
 * they may do everything, outside any server (so nothing they try here can
 * set up posting to a real channel).
 */
export function consoleContext(deps: {
  store: Store;
  clock: Clock;
  timeZone: string;
  logger: Logger;
  locale: Locale;
}): HandlerContext {
  return {
    ...deps,
    caller: { id: 'console', isAuthor: true, isManager: true },
    place: 'local',
    guildId: null,
    channelId: null,
    // Forms may attach a local file: it is read as Discord's downloads are, with the same cap.
    services: { download: readLocalAttachment },
    random: Math.random,
  };
}

/** Saves attached files under `dir`, or a fresh temporary folder made on first use. */
export function fileSaver(dir?: string): (file: ReplyFile) => string {
  let folder = dir;
  return (file) => {
    if (folder === undefined) folder = mkdtempSync(join(tmpdir(), 'journal-console-'));
    else mkdirSync(folder, { recursive: true });
    // A handler names its files; a name never chooses the folder.
    const path = resolve(folder, basename(file.name) || 'file');
    writeFileSync(path, file.data);
    return path;
  };
}

/**
 * Runs the console on stdin/stdout until `/quit` or the end of input and
 * returns the exit code. Logs go to stderr, at `warn` unless LOG_LEVEL asks
 * for more, so they do not interleave with the replies.
 */
export async function startConsole(deps: {
  store: Store;
  clock: Clock;
  config: Config;
  locale: Locale;
  outDir?: string;
}): Promise<number> {
  const logger = createLogger(process.env.LOG_LEVEL ? deps.config.LOG_LEVEL : 'warn');
  syncJournalDir(deps.store, deps.config.JOURNAL_DIR, logger);
  const ctx = consoleContext({
    store: deps.store,
    clock: deps.clock,
    timeZone: deps.config.JOURNAL_TIMEZONE,
    logger,
    locale: deps.locale,
  });
  return runRepl({
    ctx,
    input: process.stdin,
    output: process.stdout,
    saveFile: fileSaver(deps.outDir),
  });
}
