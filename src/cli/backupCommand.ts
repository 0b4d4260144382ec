/** `journal backup PATH`: a consistent copy of the live database, safe while the bot runs. */
import { UserFacingError } from '../errors.js';
import { backupDatabase } from '../store/backup.js';
import { printJson, type CliCommand } from './command.js';

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup PATH',
  summary: 'consistent copy of the live database (safe while the bot runs)',
  async run(ctx, args) {
    const path = args.positionals[0];
    if (path === undefined || args.positionals.length > 1)
      throw new UserFacingError(
        'give one file to write the backup to, e.g. journal backup backups/journal-2026-11-29.db',
      );
    const result = await backupDatabase(ctx.store().db, path);
    if (ctx.json) printJson(ctx.io, result);
    else
      ctx.io.out(
        `backed up ${result.essays} essays to ${result.path} (${Math.ceil(result.bytes / 1024)} KB, integrity ${result.integrity})`,
      );
    return result.integrity === 'ok' ? 0 : 1;
  },
};
