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
  /** Wall time from spawning `tsx src/index.ts` to the bot logging "ready". */
  readyMs: number;
  /** The node process that runs the bot (tsx starts node as a child). */
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
 * The process actually running the bot: `tsx` is a small node launcher
 * whose child node process loads the TypeScript (and may itself start an
 * esbuild service). The deepest descendant running `src/index.ts`.
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

const READY = '"msg":"ready"';

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
): Promise<RunningBot> {
  const spawnedAt = Date.now();
  const bot = await startBotProcess(fake, { dir, env, waitReady: false });
  live.add(bot);
  let exited: number | null | undefined;
  void bot.exited.then((code) => (exited = code));
  for (;;) {
    const output = bot.output();
    const at = output.indexOf(READY);
    if (at >= 0) {
      const line = output.slice(output.lastIndexOf('\n', at) + 1, output.indexOf('\n', at));
      const { time } = JSON.parse(line) as { time: number };
      const pid = botNodePid(bot.child.pid!);
      return {
        bot,
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
      throw new Error(`bot exited with ${exited} before ready:\n${output.slice(-4000)}`);
    if (Date.now() - spawnedAt > timeoutMs) {
      bot.child.kill('SIGKILL');
      throw new Error(`bot not ready within ${timeoutMs} ms:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
