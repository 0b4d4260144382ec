/** The shape every `journal` subcommand has, so the entry point can parse, help and run them alike. */
import type { ParseArgsConfig } from 'node:util';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Store } from '../store/index.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliIO {
  /** stdout; with --json only the one JSON document goes here. */
  out(text: string): void;
  /** stderr: progress lines and errors. */
  err(text: string): void;
  /** Whether stdout is a terminal (bold highlights instead of brackets). */
  isTTY: boolean;
  /**
   * Redraws one status line on stderr in place ('' clears it). Present only
   * when stderr is a terminal, so piped output never holds progress bars.
   */
  status?: (text: string) => void;
}

export interface CliContext {
  config: Config;
  clock: Clock;
  io: CliIO;
  json: boolean;
  dbPath: string;
  /** Opens the store on first use; the entry point closes it. */
  store(): Store;
}

export interface CliArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

export interface CliCommand {
  name: string;
  /** `journal <usage>` */
  usage: string;
  summary: string;
  options?: OptionSpec;
  /**
   * Answers from the journal: the store is brought up to date with
   * JOURNAL_DIR before it is handed over, as the bot and the console do (a
   * fresh clone then answers from the shipped essays). Not with `--db`,
   * which reads a database as it is. Refused files are reported by
   * `journal import`, not here.
   */
  readsJournal?: boolean;
  /** Returns the exit code. */
  run(ctx: CliContext, args: CliArgs): number | Promise<number>;
}

/** Prints a value as the single JSON document of a `--json` run. */
export function printJson(io: CliIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** A string option's value, or undefined. */
export function stringOption(args: CliArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}
