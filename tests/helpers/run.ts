import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { builtEntry } from './testBuild.js';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a project entry point (e.g. `src/cli.ts`) as a real process, as a user
 * would: node on its compiled form from the test build.
 */
export function runEntry(
  entry: string,
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...options.env,
    };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(process.execPath, ['--enable-source-maps', builtEntry(entry), ...args], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Runs `journal ARGS…` as a process. */
export function runJournal(
  args: readonly string[],
  options: Parameters<typeof runEntry>[2] = {},
): Promise<RunResult> {
  return runEntry('src/cli.ts', args, options);
}

/** Runs `journal ARGS…`, expects it to succeed, and returns its stdout as JSON (pass `--json` in `args`). */
export async function journalJson(
  args: readonly string[],
  options: Parameters<typeof runEntry>[2] = {},
) {
  const r = await runJournal(args, options);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** How every command refuses: a non-zero exit, one line on stderr matching `message`, nothing on stdout. */
export function expectOneLineRefusal(r: RunResult, message: RegExp): void {
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stdout).toBe('');
}
