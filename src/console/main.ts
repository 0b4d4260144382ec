/**
 * `npm run console`: the offline console on JOURNAL_DB, after syncing
 * JOURNAL_DIR. Same as `journal console`; this entry exists so a newcomer
 * needs nothing but `npm run console`.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import { cliLocale } from '../cli/locale.js';
import { loadConfig } from '../config.js';
import { UserFacingError } from '../errors.js';
import { EXIT_USAGE, expectedFailure } from '../exitCode.js';
import { openStore, type Store } from '../store/index.js';
import { readLocaleOption, startConsole } from './start.js';

const USAGE = 'Usage: npm run console -- [--locale zh-CN|en-US] [--db PATH] [--out DIR]';
const HELP = `${USAGE}

The bot's commands, offline, on your journal: type /essay today, /essay on date:11-01, /help.
  --locale  language of the replies (default: from LANG)
  --db      SQLite file (default: JOURNAL_DB, else data/journal.db)
  --out     folder for attached files such as stats pictures (default: a temporary folder)`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        locale: { type: 'string' },
        db: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`journal console: ${(err as Error).message.split('\n')[0]}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let locale;
  try {
    locale = readLocaleOption(values.locale, cliLocale());
  } catch (err) {
    if (!(err instanceof UserFacingError)) throw err;
    process.stderr.write(`journal console: ${err.message}\n`);
    return EXIT_USAGE;
  }
  let store: Store | undefined;
  let dbPath: string | undefined;
  try {
    const config = loadConfig();
    dbPath = values.db ?? config.JOURNAL_DB;
    store = openStore(dbPath, systemClock);
    return await startConsole({ store, config, clock: systemClock, locale, outDir: values.out });
  } catch (err) {
    const failure = expectedFailure(err, dbPath);
    if (!failure) throw err;
    process.stderr.write(`journal console: ${failure.message}\n`);
    return failure.exitCode;
  } finally {
    store?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `journal console: could not start: ${(err as Error).message ?? String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
