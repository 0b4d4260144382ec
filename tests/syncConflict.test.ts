import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../src/clock.js';
import { importPaths } from '../src/import/importFiles.js';
import { memoryStore, tempDir } from './helpers/store.js';

const FILE = '出发\n\n今天去了北京。\n\n— 2025.11.1 于北京\n';

let cleanup = () => {};
afterEach(() => cleanup());

/** A clock the test moves by hand. */
function manualClock(start: string): Clock & { set(iso: string): void } {
  let at = new Date(start);
  return { now: () => new Date(at), set: (iso) => (at = new Date(iso)) };
}

function setup() {
  const t = tempDir();
  cleanup = t.cleanup;
  const path = join(t.dir, 'a.md');
  writeFileSync(path, FILE);
  utimesSync(path, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
  const clock = manualClock('2026-01-02T00:00:00Z');
  const store = memoryStore(clock);
  const [added] = importPaths(store, [t.dir]);
  const id = added!.essayId!;
  return { dir: t.dir, path, clock, store, id };
}

function editFile(path: string, text: string, mtime: string) {
  writeFileSync(path, text);
  utimesSync(path, new Date(mtime), new Date(mtime));
}

describe('an essay changed both in Discord and in its file', () => {
  it('keeps the Discord edit when it is newer than the file, and says so', () => {
    const { dir, path, clock, store, id } = setup();
    editFile(path, FILE.replace('北京。', '上海。'), '2026-01-03T00:00:00Z');
    clock.set('2026-01-04T00:00:00Z');
    store.essays.update(id, {
      title: '出发',
      body: '在 Discord 里改过。',
      date: '2025-11-01',
      place: '北京',
      tags: [],
    });

    const [r] = importPaths(store, [dir]);
    expect(r).toMatchObject({
      status: 'unchanged',
      essayId: id,
      conflict: 'kept the database',
      reason: expect.stringMatching(/kept the Discord version/u),
    });
    expect(store.essays.get(id)!.body).toBe('在 Discord 里改过。');
    // Settled once: the next sync has nothing to report.
    expect(importPaths(store, [dir])).toMatchObject([{ status: 'unchanged' }]);
    expect(importPaths(store, [dir])[0]!.conflict).toBeUndefined();
  });

  it('takes the file when it was saved after the Discord edit, keeping the id', () => {
    const { dir, path, clock, store, id } = setup();
    clock.set('2026-01-03T00:00:00Z');
    store.essays.update(id, {
      title: '出发',
      body: '在 Discord 里改过。',
      date: '2025-11-01',
      place: '北京',
      tags: [],
    });
    editFile(path, FILE.replace('北京。', '上海。'), '2026-01-05T00:00:00Z');
    clock.set('2026-01-06T00:00:00Z');

    const [r] = importPaths(store, [dir]);
    expect(r).toMatchObject({ status: 'updated', essayId: id, conflict: 'kept the file' });
    expect(store.essays.get(id)!.body).toBe('今天去了上海。');
  });

  it('updates without a conflict when only the file changed', () => {
    const { dir, path, clock, store, id } = setup();
    editFile(path, FILE.replace('北京。', '上海。'), '2026-01-03T00:00:00Z');
    clock.set('2026-01-04T00:00:00Z');
    const [r] = importPaths(store, [dir]);
    expect(r).toMatchObject({ status: 'updated', essayId: id });
    expect(r!.conflict).toBeUndefined();
  });

  it('applies hidden: from front matter and leaves the flag alone when the key is absent', () => {
    const { dir, path, clock, store, id } = setup();
    editFile(
      path,
      `---\ntitle: 出发\ndate: 2025-11-01\nplace: 北京\nhidden: true\n---\n今天去了北京。\n`,
      '2026-01-03T00:00:00Z',
    );
    clock.set('2026-01-04T00:00:00Z');
    expect(importPaths(store, [dir])).toMatchObject([{ status: 'updated', essayId: id }]);
    expect(store.essays.get(id, { includeHidden: true })!.hidden).toBe(true);

    editFile(path, FILE.replace('北京。', '天津。'), '2026-01-05T00:00:00Z');
    clock.set('2026-01-06T00:00:00Z');
    importPaths(store, [dir]);
    expect(store.essays.get(id, { includeHidden: true })).toMatchObject({
      hidden: true,
      body: '今天去了天津。',
    });
  });
});
