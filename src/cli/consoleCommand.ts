/** `journal console`: the offline console (src/console/), on the database the CLI was given. */
import { UserFacingError } from '../errors.js';
import { readLocaleOption, startConsole } from '../console/start.js';
import { stringOption, type CliCommand } from './command.js';
import { cliLocale } from './locale.js';

export const consoleCommand: CliCommand = {
  name: 'console',
  usage: 'console [--locale zh-CN|en-US] [--out DIR]',
  summary: 'offline REPL: type /essay today etc., see the replies as text',
  options: { locale: { type: 'string' }, out: { type: 'string' } },
  run(ctx, args) {
    if (ctx.json)
      throw new UserFacingError(
        'console has no --json output; pipe commands into it and read the text',
      );
    return startConsole({
      store: ctx.store(),
      config: ctx.config,
      clock: ctx.clock,
      locale: readLocaleOption(stringOption(args, 'locale'), cliLocale()),
      outDir: stringOption(args, 'out'),
    });
  },
};
