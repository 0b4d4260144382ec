/**
 * The console as a newcomer meets it: the real process, the shipped journal
 * (data/essays) synced into a fresh database, commands piped in.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEntry, runJournal } from './helpers/run.js';
import { tempDir } from './helpers/store.js';

const tmp = tempDir('journal-console-');
const SEED_ESSAY = join(
  'data/essays',
  readdirSync('data/essays').find((f) => f.endsWith('.txt') || f.endsWith('.md'))!,
);
afterAll(() => tmp.cleanup());

let dbCount = 0;
/** A fresh database path for each run, so every run starts from the shipped journal alone. */
function freshEnv(extra: Record<string, string | undefined> = {}) {
  return {
    JOURNAL_DB: join(tmp.dir, `journal-${++dbCount}.db`),
    JOURNAL_DIR: 'data/essays',
    LANG: 'en_US.UTF-8',
    LC_ALL: undefined,
    LC_MESSAGES: undefined,
    ...extra,
  };
}

/** Asserts that `parts` appear in `text` in this order. */
function expectInOrder(text: string, parts: readonly string[]): void {
  let at = 0;
  for (const part of parts) {
    const found = text.indexOf(part, at);
    expect(found, `"${part}" after position ${at} in:\n${text}`).toBeGreaterThanOrEqual(0);
    at = found + part.length;
  }
}

describe('npm run console on the shipped journal', () => {
  it('answers piped commands in order, presses buttons by number, survives a bad line, and exits 0 at the end of input', async () => {
    const input = [
      '/essay on date:11-01',
      '1',
      '/essay today',
      '/essay bogus',
      '/essay search query:热爱',
      '/quote random',
      '/help',
      '',
    ].join('\n');
    const run = await runEntry('src/console/main.ts', [], { env: freshEnv(), input });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).not.toContain('journal>');
    expectInOrder(out, [
      // /essay on date:11-01: the seed essay, with a button to open it.
      'On this day · November 1',
      '很久没有写点什么了',
      '[1] 📖 1 · 2025-11-01',
      // 1: the essay, whole, with its footer.
      '我何其幸运',
      '2025-11-01 · 横跨太平洋飞往北京的波音777上',
    ]);
    // /essay today: whatever today is, an answer (the day's essays, or the nearest days').
    expect(out).toMatch(/\n\n(On this day · |Nearest to )[A-Z][a-z]+ \d{1,2}\n/u);
    // The bad line: one line, and the session went on.
    expect(out).toMatch(
      /\n\n\/essay has no subcommand "bogus"\. Choose one of: today, on, [a-z, -]+\n\n/u,
    );
    expectInOrder(out, [
      '/essay has no subcommand "bogus"',
      'Search: 热爱',
      '**热爱**',
      'Commands\n',
      '/essay on date: — Essays written on a given day',
      '/quit leaves.',
    ]);
    // /quote random: a sentence of the shipped essay, with where it comes from.
    const searchButtons = out.indexOf('[1] 📖', out.indexOf('Search: 热爱'));
    expect(searchButtons).toBeGreaterThan(0);
    const quote = out.slice(out.indexOf('\n\n', searchButtons), out.indexOf('Commands\n'));
    const essay = readFileSync(SEED_ESSAY, 'utf8');
    expect(quote).toContain('2025-11-01');
    expect(
      quote
        .split('\n')
        .map((line) => line.replace(/^>\s*/u, '').trim())
        .some((line) => line.length >= 6 && !line.includes('**') && essay.includes(line)),
      quote,
    ).toBe(true);
  });

  it('speaks Chinese with --locale zh-CN and takes --db', async () => {
    const db = join(tmp.dir, 'chosen.db');
    const run = await runEntry('src/console/main.ts', ['--locale', 'zh-CN', '--db', db], {
      env: freshEnv(),
      input: '/essay on date:11-01\n/essay on\n',
    });
    expect(run.code).toBe(0);
    expectInOrder(run.stdout, [
      '11月1日',
      '年前',
      '[1] 📖 1 · 2025-11-01',
      '/essay on 需要 date:(MM-DD 或 YYYY-MM-DD)',
    ]);
    expect(existsSync(db)).toBe(true);
  });

  it('refuses an unknown --locale in one line with exit 2', async () => {
    const run = await runEntry('src/console/main.ts', ['--locale', 'fr'], { env: freshEnv() });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('journal console: --locale must be zh-CN or en-US, got "fr"\n');
  });
});

describe('journal console', () => {
  it('is the same console, on the database the CLI was given, in the language of LANG', async () => {
    const db = join(tmp.dir, 'cli.db');
    const run = await runJournal(['console', '--db', db], {
      env: freshEnv({ LANG: 'zh_CN.UTF-8' }),
      input: '/essay on date:11-01\n/quit\n/essay on\n',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectInOrder(run.stdout, ['11月1日', '很久没有写点什么了', '[1] 📖 1 · 2025-11-01']);
    expect(run.stdout).not.toContain('需要 date');
  });
});
