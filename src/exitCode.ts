/**
 * How the entry points (the bot, the `journal` command line, the console)
 * end on an error they expected: one line for the operator and an exit code
 * a script can act on. Anything else is a bug and each entry point reports
 * it its own way.
 */
import { ConfigError } from './config.js';
import { UserFacingError } from './errors.js';
import { storageFailure } from './store/storageError.js';

/** Bad configuration or usage: fix the command or `.env`, then run again. */
export const EXIT_USAGE = 2;
/** The command ran and failed: bad input, a refused file, the disk. */
export const EXIT_FAILED = 1;

export interface ExpectedFailure {
  message: string;
  exitCode: number;
}

/** The line and exit code for an error that is not a bug, or null for one that is. */
export function expectedFailure(err: unknown, dbPath?: string): ExpectedFailure | null {
  if (err instanceof ConfigError) return { message: err.message, exitCode: EXIT_USAGE };
  if (err instanceof UserFacingError) return { message: err.message, exitCode: EXIT_FAILED };
  const storage = storageFailure(err, dbPath);
  if (storage) return { message: storage.message, exitCode: EXIT_FAILED };
  return null;
}
