import { UserFacingError } from '../errors.js';
import { commandDefinitions } from '../commands/index.js';
import { isTokenRejected, TOKEN_REJECTED_MESSAGE } from '../discord/client.js';
import { applicationIdFromToken, registerCommands } from '../discord/register.js';
import { printJson, stringOption, type CliCommand } from './command.js';

export const registerCommand: CliCommand = {
  name: 'register',
  usage: 'register [--guild ID]',
  summary:
    'register the slash commands with Discord now (guild-scoped with --guild or DISCORD_GUILD_ID: instant)',
  options: { guild: { type: 'string' } },
  async run(ctx, args) {
    const { config } = ctx;
    const token = config.DISCORD_TOKEN;
    if (!token)
      throw new UserFacingError(
        'DISCORD_TOKEN is not set: put the bot token in .env (see .env.example)',
      );
    const guildId = stringOption(args, 'guild') ?? config.DISCORD_GUILD_ID;
    if (guildId !== undefined && !/^\d{17,20}$/u.test(guildId))
      throw new UserFacingError(
        `--guild must be a server id (17–20 digits), got ${JSON.stringify(guildId)}`,
      );
    const applicationId = config.DISCORD_APPLICATION_ID ?? applicationIdFromToken(token);
    if (!applicationId)
      throw new UserFacingError(
        'cannot tell the application id from the token: set DISCORD_APPLICATION_ID',
      );
    const definitions = commandDefinitions();
    let count: number;
    try {
      count = await registerCommands(
        { token, apiUrl: config.DISCORD_API_URL, applicationId, guildId },
        definitions,
      );
    } catch (err) {
      if (isTokenRejected(err)) throw new UserFacingError(TOKEN_REJECTED_MESSAGE);
      throw new UserFacingError(
        `Discord refused the commands: ${(err as Error).message.split('\n')[0]}`,
      );
    }
    if (ctx.json)
      printJson(ctx.io, {
        scope: guildId ? 'guild' : 'global',
        guildId: guildId ?? null,
        commands: count,
      });
    else
      ctx.io.out(
        `Registered ${count} commands ${guildId ? `in server ${guildId} (visible now)` : 'globally (clients pick them up shortly)'}.`,
      );
    return 0;
  },
};
