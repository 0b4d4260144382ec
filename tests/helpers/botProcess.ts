/**
 * Starts the REAL bot (`src/index.ts`, the same entry as `npm start`) as a
 * child process pointed at a fake Discord, and waits until it is ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeDiscord } from '../fakeDiscord/index.js';
import { waitFor } from '../fakeDiscord/index.js';
import { builtEntry } from './testBuild.js';

export interface BotProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Parsed JSON log lines (pino) so far. */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface BotOptions {
  /** The folder holding the database (JOURNAL_DB = dir/journal.db unless env says otherwise). */
  dir: string;
  env?: Record<string, string | undefined>;
  /** Wait for the "ready" log line (default true). */
  waitReady?: boolean;
  readyTimeoutMs?: number;
  /**
   * `source` (default): `src/index.ts` bundled into the test build, which
   * global setup makes fresh for every run, so a test never runs a stale
   * build. `dist`: `node dist/bot/index.js`, what `npm start` runs (the
   * benchmarks, which build first).
   */
  entry?: 'source' | 'dist';
  /** Extra node arguments before the entry (e.g. `--cpu-prof`, which NODE_OPTIONS may not hold). */
  nodeArgs?: string[];
}

/** The environment that points the bot at the fake. */
export function botEnv(
  fake: FakeDiscord,
  dir: string,
  env: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_CDN_URL: fake.cdnUrl,
    DISCORD_GUILD_ID: fake.guildId,
    JOURNAL_DB: join(dir, 'journal.db'),
    JOURNAL_DIR: 'data/essays',
    JOURNAL_TIMEZONE: 'Asia/Shanghai',
    LOG_LEVEL: 'info',
    ...env,
  };
}

/**
 * The node arguments of `npm start` (its V8 flags and `dist/bot/index.js`), read
 * from package.json so the benchmarks measure exactly what a deployment runs.
 */
export function npmStartArgs(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = pkg.scripts.start.split(/\s+/u);
  if (node !== 'node') throw new Error(`npm start runs ${node}, not node`);
  return args;
}

export async function startBotProcess(fake: FakeDiscord, options: BotOptions): Promise<BotProcess> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...botEnv(fake, options.dir, options.env),
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const [command, args] =
    options.entry === 'dist'
      ? [process.execPath, [...(options.nodeArgs ?? []), ...npmStartArgs()]]
      : [
          process.execPath,
          [...(options.nodeArgs ?? []), '--enable-source-maps', builtEntry('src/index.ts')],
        ];
  const child = spawn(command, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const logs = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });

  const bot: BotProcess = {
    child,
    output: () => output,
    logs,
    exited,
    async stop(signal = 'SIGTERM') {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
  if (options.waitReady !== false) {
    try {
      await waitFor(
        () => {
          if (exitCode !== undefined)
            throw new Error(`bot exited with ${exitCode} before ready:\n${output}`);
          return logs().some((l) => l.msg === 'ready');
        },
        options.readyTimeoutMs ?? 20_000,
        `bot not ready in time:\n${output}`,
      );
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    }
  }
  return bot;
}
