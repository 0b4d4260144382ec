/**
 * `npm start` on a fresh clone, before any Discord application exists: a
 * short message pointing to the token and to the console, exit 2, and no
 * connection attempted. Run from an empty folder so no `.env` can interfere.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/store.js';
import { builtEntry } from './helpers/testBuild.js';

const ENTRY = builtEntry('src/index.ts');

const cwd = tempDir('journal-start-');
/** Every request that reached the would-be Discord. */
const requests: string[] = [];
let server: Server;
let apiUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    // Refuse every token, so a bot that does connect stops at once.
    res
      .writeHead(401, { 'content-type': 'application/json' })
      .end(JSON.stringify({ message: '401: Unauthorized', code: 0 }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  cwd.cleanup();
});

function start(
  token: string | undefined,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && k !== 'DISCORD_TOKEN') env[k] = v;
  Object.assign(env, {
    DISCORD_API_URL: apiUrl,
    DISCORD_CDN_URL: apiUrl,
    JOURNAL_DB: join(cwd.dir, 'data', 'journal.db'),
    LOG_LEVEL: 'info',
  });
  if (token !== undefined) env.DISCORD_TOKEN = token;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ENTRY], {
      cwd: cwd.dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('npm start without DISCORD_TOKEN', () => {
  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['blank', '   '],
  ])(
    'with the token %s: names DISCORD_TOKEN, where to get it and npm run console; exits 2; connects to nothing',
    async (_case, token) => {
      const run = await start(token);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toContain('DISCORD_TOKEN');
      expect(run.stderr).toContain('https://discord.com/developers/applications');
      expect(run.stderr).toContain('npm run console');
      expect(requests).toEqual([]);
      // Nothing was opened either: the database is not created.
      expect(existsSync(join(cwd.dir, 'data'))).toBe(false);
    },
  );

  it('does reach the local server when a token is set, so "no request" above means something', async () => {
    const run = await start('MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token');
    expect(run.code).toBe(1);
    expect(requests.length).toBeGreaterThan(0);
    // Leave the folder as the other cases expect it.
    requests.length = 0;
    rmSync(join(cwd.dir, 'data'), { recursive: true, force: true });
  });
});
