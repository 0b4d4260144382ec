/**
 * `npm start`: the bot. Validates config before anything connects, and
 * turns every startup failure into one readable line and a non-zero exit.
 */
import { loadConfig, type Config } from './config.js';
import { EXIT_FAILED, EXIT_USAGE, expectedFailure } from './exitCode.js';
import { createLogger, redactSecrets } from './logger.js';
import { startBot } from './bot.js';
import {
  isTokenRejected,
  onGatewayClosedForGood,
  TOKEN_REJECTED_MESSAGE,
} from './discord/client.js';

const NO_TOKEN_MESSAGE = [
  'DISCORD_TOKEN is not set, so the bot cannot connect to Discord.',
  'Get a token at https://discord.com/developers/applications (your app → Bot → Reset Token) and put it in .env (see .env.example).',
  'To try the bot offline on the shipped journal, run: npm run console',
].join('\n');

function fail(line: string, code: number): never {
  process.stderr.write(`${line}\n`);
  process.exit(code);
}

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  const failure = expectedFailure(err);
  if (failure) fail(failure.message, failure.exitCode);
  throw err;
}
const token = config.DISCORD_TOKEN;
if (!token) fail(NO_TOKEN_MESSAGE, EXIT_USAGE);

const logger = createLogger(config.LOG_LEVEL, [token]);

try {
  const bot = await startBot({ ...config, DISCORD_TOKEN: token }, logger);
  let stopping = false;
  const shutdown = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    bot.stop().then(
      () => process.exit(exitCode),
      (err: unknown) => {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => {
    logger.info({ signal: 'SIGINT' }, 'shutting down');
    shutdown(0);
  });
  process.once('SIGTERM', () => {
    logger.info({ signal: 'SIGTERM' }, 'shutting down');
    shutdown(0);
  });
  // A token revoked while running: discord.js gives up silently; say why once, and exit non-zero for the supervisor.
  onGatewayClosedForGood(bot.client, (code, message) => {
    logger.fatal({ code }, message);
    shutdown(1);
  });
} catch (err) {
  if (isTokenRejected(err)) fail(TOKEN_REJECTED_MESSAGE, EXIT_FAILED);
  const failure = expectedFailure(err, config.JOURNAL_DB);
  if (failure) fail(failure.message, failure.exitCode);
  fail(
    `journal-bot could not start: ${redactSecrets((err as Error).message ?? String(err), [token])}`,
    1,
  );
}
