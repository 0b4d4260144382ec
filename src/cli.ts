/**
 * The `journal` command line. Parses the subcommand and its flags, opens the
 * store on demand, and turns user errors into one line on stderr.
 */
import { parseArgs } from 'node:util';
import { systemClock, type Clock } from './clock.js';
import { loadConfig } from './config.js';
import { EXIT_USAGE, expectedFailure } from './exitCode.js';
import { openStore, type Store } from './store/index.js';
import { syncJournalDir } from './import/syncJournalDir.js';
import { silentLogger } from './logger.js';
import type { CliCommand, CliIO, OptionSpec } from './cli/command.js';
import { CLI_COMMANDS } from './cli/commands.js';

/** Opens the store, first syncing the journal folder into it when the command reads essays. */
function openJournal(path: string, clock: Clock, journalDir: string | null): Store {
  const store = openStore(path, clock);
  if (journalDir !== null) syncJournalDir(store, journalDir, silentLogger);
  return store;
}

const COMMON_OPTIONS: OptionSpec = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Usages longer than this get their summary on the next line. */
const USAGE_COLUMN = 38;

function helpText(commands: readonly CliCommand[]): string {
  return [
    'journal — your essays, kept in SQLite and brought back on their anniversaries',
    '',
    'Usage: journal <command> [options]   (every command takes --db PATH and --json)',
    '',
    ...commands.map((c) =>
      c.usage.length <= USAGE_COLUMN
        ? `  ${c.usage.padEnd(USAGE_COLUMN)}  ${c.summary}`
        : `  ${c.usage}\n  ${''.padEnd(USAGE_COLUMN)}  ${c.summary}`,
    ),
  ].join('\n');
}

/** Runs the CLI; returns the exit code. */
async function runCli(
  argv: readonly string[],
  io: CliIO,
  clock: Clock = systemClock,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText(CLI_COMMANDS));
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = CLI_COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(
      `journal: unknown command "${name}". Commands: ${CLI_COMMANDS.map((c) => c.name).join(', ')} (journal --help)`,
    );
    return EXIT_USAGE;
  }

  let store: Store | undefined;
  let dbPath: string | undefined;
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: { ...COMMON_OPTIONS, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (err) {
      io.err(
        `journal ${command.name}: ${(err as Error).message.split('\n')[0]} (usage: journal ${command.usage})`,
      );
      return EXIT_USAGE;
    }
    if (parsed.values.help) {
      io.out(`Usage: journal ${command.usage} [--db PATH] [--json]\n\n${command.summary}`);
      return 0;
    }
    const config = loadConfig();
    const path = typeof parsed.values.db === 'string' ? parsed.values.db : config.JOURNAL_DB;
    dbPath = path;
    return await command.run(
      {
        config,
        clock,
        io,
        json: parsed.values.json === true,
        dbPath: path,
        // --db names a database to read as it is (a backup, say); the configured journal follows its folder.
        store: () =>
          (store ??= openJournal(
            path,
            clock,
            command.readsJournal === true && parsed.values.db === undefined
              ? config.JOURNAL_DIR
              : null,
          )),
      },
      parsed,
    );
  } catch (err) {
    const failure = expectedFailure(err, dbPath);
    if (!failure) throw err;
    io.err(`journal ${command.name}: ${failure.message}`);
    return failure.exitCode;
  } finally {
    store?.close();
  }
}

const stdio: CliIO = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
  isTTY: process.stdout.isTTY === true,
  ...(process.stderr.isTTY
    ? { status: (text: string) => process.stderr.write(`\r\u001b[2K${text}`) }
    : {}),
};

runCli(process.argv.slice(2), stdio).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Unexpected: a bug, not bad input. One line plus where to look, never the token.
    process.stderr.write(`journal: unexpected error: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.LOG_LEVEL === 'debug') process.stderr.write(`${(err as Error).stack ?? ''}\n`);
    process.exitCode = 70;
  },
);
