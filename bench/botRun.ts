/**
 * The real bot process for the end-to-end benchmarks: started with the
 * tests' harness against the fake Discord, timed from spawn to its "ready"
 * log line, and measured in memory through /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { FakeDiscord } from '../tests/fakeDiscord/index.js';
import { startBotProcess, type BotProcess } from '../tests/helpers/botProcess.js';
import { memoryMb } from './measure.js';

export interface RunningBot {
  bot: BotProcess;
  /** When it was spawned, in ms since the epoch (the clock of pino's `time`). */
  spawnedAt: number;
  /** Wall time from spawning `node dist/bot/index.js` (npm start) to the bot logging "ready". */
  readyMs: number;
  /** The node process that runs the bot. */
  pid: number;
  /** Resident memory now, in MB (see memoryMb). */
  memory(): ReturnType<typeof memoryMb>;
  stop(): Promise<void>;
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
        .split(/\s+/u)
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * The process actually running the bot: the spawned one for `node
 * dist/bot/index.js`; under `tsx`, a small launcher, its child node process
 * that loads the TypeScript (the deepest descendant running `src/index.ts`).
 */
export function botNodePid(rootPid: number): number {
  let found = rootPid;
  const walk = (pid: number, depth: number) => {
    if (depth > 6) return;
    for (const child of childrenOf(pid)) {
      if (commandLine(child).includes('src/index.ts')) found = child;
      walk(child, depth + 1);
    }
  };
  walk(rootPid, 0);
  return found;
}

/** The time (ms since the epoch) of the first log line whose message is `msg`, once it is written. */
export function logTime(bot: BotProcess, msg: string): number | null {
  const output = bot.output();
  const at = output.indexOf(`"msg":"${msg}"`);
  if (at < 0) return null;
  const line = output.slice(output.lastIndexOf('\n', at) + 1, output.indexOf('\n', at));
  return (JSON.parse(line) as { time: number }).time;
}

/** The fields of the last log line whose message is `msg`. */
export function lastLog(bot: BotProcess, msg: string): Record<string, unknown> | null {
  return bot.logs().findLast((l) => l.msg === msg) ?? null;
}

/** Bots still running, so an interrupted benchmark can stop them. */
const live = new Set<BotProcess>();

/** Kills every bot this process started and has not stopped. */
export function killLiveBots(): void {
  for (const bot of live) bot.child.kill('SIGKILL');
  live.clear();
}

/**
 * Starts the bot and waits for "ready". Polls the output cheaply rather
 * than parsing every log line: a first sync logs one line per essay.
 */
export async function launchBot(
  fake: FakeDiscord,
  dir: string,
  env: Record<string, string>,
  timeoutMs = 600_000,
  nodeArgs: string[] = [],
): Promise<RunningBot> {
  const spawnedAt = Date.now();
  const bot = await startBotProcess(fake, { dir, env, waitReady: false, entry: 'dist', nodeArgs });
  live.add(bot);
  let exited: number | null | undefined;
  void bot.exited.then((code) => (exited = code));
  for (;;) {
    const time = logTime(bot, 'ready');
    if (time !== null) {
      const pid = botNodePid(bot.child.pid!);
      return {
        bot,
        spawnedAt,
        readyMs: time - spawnedAt,
        pid,
        memory: () => memoryMb(pid),
        stop: async () => {
          await bot.stop();
          live.delete(bot);
        },
      };
    }
    if (exited !== undefined)
      throw new Error(`bot exited with ${exited} before ready:\n${bot.output().slice(-4000)}`);
    if (Date.now() - spawnedAt > timeoutMs) {
      bot.child.kill('SIGKILL');
      throw new Error(`bot not ready within ${timeoutMs} ms:\n${bot.output().slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
