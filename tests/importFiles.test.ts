import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths, summarizeImport } from '../src/import/importFiles.js';
import { memoryStore, tempDir } from './helpers/store.js';

let cleanup = () => {};
afterEach(() => cleanup());
function folder(files: Record<string, string | Uint8Array>): string {
  const t = tempDir();
  cleanup = t.cleanup;
  for (const [name, content] of Object.entries(files)) writeFileSync(join(t.dir, name), content);
  return t.dir;
}

const GOOD = '出发\n\n今天去了北京。\n\n— 2025.11.1 于北京\n';
const GBK = new Uint8Array([
  0xc4,
  0xe3,
  0xba,
  0xc3,
  0x0a,
  0x0a,
  ...new TextEncoder().encode('- 2025.11.1'),
]);

describe('importing files', () => {
  it('adds good files, names each refused file with its reason, skips empty ones, and a second run changes nothing', () => {
    const dir = folder({
      'good.md': GOOD,
      'empty.txt': '',
      'nodate.md': '没有日期。\n',
      'gbk.txt': GBK,
      'notes.json': '{}',
    });
    const store = memoryStore();
    const first = importPaths(store, [dir]);
    const byName = Object.fromEntries(first.map((r) => [r.path.split('/').pop(), r]));
    expect(byName['good.md']).toMatchObject({ status: 'added', title: '出发', date: '2025-11-01' });
    expect(byName['empty.txt']).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/empty/u),
    });
    expect(byName['nodate.md']).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/no date/u),
    });
    expect(byName['gbk.txt']).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/UTF-8/u),
    });
    expect(byName['notes.json']).toBeUndefined(); // folders hold other files too; only essays are read
    expect(store.essays.count()).toBe(1);

    const second = importPaths(store, [dir]);
    expect(summarizeImport(second)).toEqual({
      added: 0,
      updated: 0,
      unchanged: 1,
      duplicate: 0,
      skipped: 1,
      refused: 2,
    });
    expect(store.essays.count()).toBe(1);
  });

  it('updates an edited file in place and keeps its id', () => {
    const dir = folder({ 'a.md': GOOD });
    const store = memoryStore();
    const [added] = importPaths(store, [dir]);
    writeFileSync(join(dir, 'a.md'), GOOD.replace('北京。', '上海。'));
    const [updated] = importPaths(store, [dir]);
    expect(updated).toMatchObject({ status: 'updated', essayId: added!.essayId });
    expect(store.essays.get(added!.essayId!)!.body).toBe('今天去了上海。');
    expect(store.essays.count()).toBe(1);
  });

  it('treats the same text at two paths as one essay and says so', () => {
    const dir = folder({ 'a.md': GOOD, 'b.md': GOOD });
    const store = memoryStore();
    const results = importPaths(store, [dir]);
    expect(results.map((r) => r.status)).toEqual(['added', 'duplicate']);
    expect(results[1]!.reason).toMatch(/same text as essay #1/u);
    expect(store.essays.count()).toBe(1);
    expect(importPaths(store, [dir]).map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
  });

  it('lets the folder sync skip files whose modification time is unchanged, while an explicit import reads them', () => {
    const dir = folder({ 'a.md': GOOD });
    const file = join(dir, 'a.md');
    // Whole seconds: every filesystem keeps them exactly.
    const when = new Date('2026-01-01T00:00:00Z');
    utimesSync(file, when, when);
    const store = memoryStore();
    importPaths(store, [dir], { trustMtime: true });
    writeFileSync(file, GOOD.replace('北京。', '上海。'));
    utimesSync(file, when, when);
    expect(importPaths(store, [dir], { trustMtime: true }).map((r) => r.status)).toEqual([
      'unchanged',
    ]);
    expect(importPaths(store, [dir]).map((r) => r.status)).toEqual(['updated']);
  });

  it('reports a path that does not exist without stopping the others', () => {
    const dir = folder({ 'a.md': GOOD });
    const store = memoryStore();
    const results = importPaths(store, [join(dir, 'missing.md'), dir]);
    expect(results.map((r) => r.status)).toEqual(['refused', 'added']);
  });

  it('imports every file of the shipped journal without a refusal', () => {
    const store = memoryStore();
    const results = importPaths(store, ['data/essays']);
    expect(results.length).toBe(
      readdirSync('data/essays').filter((n) => /\.(md|txt)$/u.test(n)).length,
    );
    expect(results.filter((r) => r.status === 'refused')).toEqual([]);
    expect(results[0]!.path).toBe(resolve('data/essays/000_ef05097fed792a6c.txt'));
    // The shipped text is kept exactly.
    const essay = store.essays.get(results[0]!.essayId!)!;
    expect(
      readFileSync('data/essays/000_ef05097fed792a6c.txt', 'utf8').startsWith(essay.body),
    ).toBe(true);
  });
});
