/**
 * The bot's lifecycle: store → sync the journal folder → register commands →
 * log in → scheduler; and the reverse on shutdown.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Events, type Client } from 'discord.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { startJournalSync } from './import/syncJournalDir.js';
import { watchFolder } from './import/watchFolder.js';
import { createDownloader } from './discord/download.js';
import type { Logger } from './logger.js';
import { openStore, type Store } from './store/index.js';
import { commandDefinitions } from './commands/index.js';
import { createClient } from './discord/client.js';
import { createInteractionHandler } from './discord/interactions.js';
import { createTurnQueue } from './discord/turns.js';
import { applicationIdFromToken, registerIfChanged } from './discord/register.js';
import { createChannelPoster, createDmPoster } from './discord/poster.js';
import { createAnniversaryScheduler } from './schedule/anniversary.js';
import { createDmScheduler } from './schedule/dm.js';
import { createReadJobRunner } from './worker/readJobRunner.js';

export interface RunningBot {
  client: Client;
  store: Store;
  /** Stops the scheduler, disconnects, closes the database. Idempotent. */
  stop(): Promise<void>;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export async function startBot(
  config: Config & { DISCORD_TOKEN: string },
  logger: Logger,
  clock: Clock = systemClock,
): Promise<RunningBot> {
  const store = openStore(config.JOURNAL_DB, clock);
  const stoppers: Array<() => void | Promise<void>> = [];
  let client: Client | undefined;
  try {
    // A restart reads no unchanged file; a folder of many new files is imported after ready.
    const sync = startJournalSync(store, config.JOURNAL_DIR, logger);
    stoppers.push(() => sync.stop());
    // The folder stays an inbox while the bot runs: new and changed files are imported within seconds.
    const folderWatch = watchFolder({ store, dir: config.JOURNAL_DIR, logger });
    if (folderWatch) stoppers.push(() => folderWatch.close());

    const token = config.DISCORD_TOKEN;
    let applicationId = config.DISCORD_APPLICATION_ID ?? applicationIdFromToken(token);
    const register = async (appId: string) => {
      const outcome = await registerIfChanged(
        {
          token,
          apiUrl: config.DISCORD_API_URL,
          applicationId: appId,
          guildId: config.DISCORD_GUILD_ID,
        },
        commandDefinitions(),
        store.meta,
      );
      logger.info(
        { scope: config.DISCORD_GUILD_ID ? 'guild' : 'global', outcome },
        'slash commands',
      );
    };
    if (applicationId) await register(applicationId);

    // Reads over the whole journal (stats, exports) run beside the event loop, on their own connection.
    const readJobs = createReadJobRunner(config.JOURNAL_DB, logger);
    stoppers.push(() => readJobs.close());

    client = createClient(config);
    const scheduler = createAnniversaryScheduler({
      store,
      clock,
      logger,
      poster: createChannelPoster(client),
    });
    const dms = createDmScheduler({
      store,
      clock,
      logger,
      poster: createDmPoster(client),
      authorIds: config.JOURNAL_AUTHOR_IDS,
    });
    const onInteraction = createInteractionHandler({
      store,
      clock,
      timeZone: config.JOURNAL_TIMEZONE,
      authorIds: config.JOURNAL_AUTHOR_IDS,
      logger,
      services: {
        postAnniversary: (guildId) => scheduler.postNow(guildId),
        download: createDownloader({ cdnUrl: config.DISCORD_CDN_URL }),
        readJobs,
      },
    });
    // The handler catches every error itself, so nothing is left to await here.
    const nextTurn = createTurnQueue();
    client.on(Events.InteractionCreate, (interaction) =>
      nextTurn(() => void onInteraction(interaction)),
    );
    client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
    client.rest.on('rateLimited', (info) =>
      logger.warn(
        { route: info.route, retryAfter: info.retryAfter, global: info.global },
        'rate limited by Discord',
      ),
    );
    const ready = new Promise<void>((resolve) => client!.once(Events.ClientReady, () => resolve()));
    await client.login(token);
    await ready;
    if (!applicationId && client.application) {
      applicationId = client.application.id;
      await register(applicationId);
    }
    logger.info(
      {
        user: client.user?.tag,
        guilds: client.guilds.cache.size,
        essays: store.essays.count({ includeHidden: true }),
      },
      'ready',
    );
    // Measured from ready: how long the bot ever kept an interaction waiting behind other work.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    stoppers.push(() => {
      loopDelay.disable();
      logger.info(
        {
          maxMs: round(loopDelay.max / 1e6),
          p99Ms: round(loopDelay.percentile(99) / 1e6),
          meanMs: round(loopDelay.mean / 1e6),
        },
        'event loop delay since ready',
      );
    });
    sync
      .finish()
      .catch((err: unknown) => logger.error({ err }, 'syncing the journal folder failed'));
    // After ready, so channels are cached; the catch-up runs in the background. Stopped first on shutdown.
    void scheduler.start();
    stoppers.push(() => scheduler.stop());
    void dms.start();
    stoppers.push(() => dms.stop());
  } catch (err) {
    for (const stop of stoppers.reverse())
      await Promise.resolve()
        .then(stop)
        .catch(() => {});
    await client?.destroy().catch(() => {});
    store.close();
    throw err;
  }

  let stopped = false;
  return {
    client,
    store,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const stop of stoppers.reverse()) await stop();
      await client.destroy();
      store.close();
    },
  };
}
