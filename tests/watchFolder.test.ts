/**
 * The journal folder watched while the bot runs (real fs.watch on a temp
 * folder): new and changed files come in, deleted files take nothing away.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.js';
import type { ImportResult } from '../src/import/importFiles.js';
import { watchFolder, type FolderWatch } from '../src/import/watchFolder.js';
import { silentLogger } from '../src/logger.js';
import type { Store } from '../src/store/index.js';
import { waitFor } from './fakeDiscord/index.js';
import { memoryStore, tempDir } from './helpers/store.js';

let watch: FolderWatch | null = null;
let cleanup = () => {};
afterEach(() => {
  watch?.close();
  watch = null;
  cleanup();
});

function start(): { dir: string; store: Store; runs: ImportResult[][] } {
  const t = tempDir('journal-watch-');
  cleanup = t.cleanup;
  const store = memoryStore(fixedClock('2026-11-29T07:30:00Z'));
  const runs: ImportResult[][] = [];
  watch = watchFolder({
    store,
    dir: t.dir,
    logger: silentLogger,
    debounceMs: 50,
    onImport: (r) => runs.push(r),
  });
  expect(watch).not.toBeNull();
  return { dir: t.dir, store, runs };
}

const essay = (body: string) => `标题\n\n${body}\n\n— 2025.11.1 于北京\n`;

describe('watching the journal folder', () => {
  it('imports a new file, then its edit in place, and keeps the essay when the file is deleted', async () => {
    const { dir, store } = start();
    writeFileSync(join(dir, 'new.md'), essay('新写的一篇。'));
    const added = await waitFor(
      () => store.essays.list()[0],
      10_000,
      'the new file was not imported',
    );
    expect(store.essays.get(added.id)!.body).toBe('新写的一篇。');

    writeFileSync(join(dir, 'new.md'), essay('改过的一篇。'));
    await waitFor(
      () => store.essays.get(added.id)!.body === '改过的一篇。',
      10_000,
      'the edit was not imported',
    );
    expect(store.essays.count()).toBe(1);

    rmSync(join(dir, 'new.md'));
    // Give the watcher a later change to react to, so we know the deletion was seen and ignored.
    writeFileSync(join(dir, 'other.md'), essay('另一篇。'));
    await waitFor(() => store.essays.count() === 2, 10_000, 'the second file was not imported');
    expect(store.essays.get(added.id)!.body).toBe('改过的一篇。');
  });

  it('picks up files in new subfolders and ignores files that are not essays', async () => {
    const { dir, store, runs } = start();
    writeFileSync(join(dir, 'notes.json'), '{}');
    writeFileSync(join(dir, '.draft.md.swp'), 'x');
    mkdirSync(join(dir, '2025'));
    writeFileSync(join(dir, '2025', 'deep.md'), essay('子文件夹里的一篇。'));
    await waitFor(
      () => store.essays.count() === 1,
      10_000,
      'the file in the subfolder was not imported',
    );
    expect(runs.flat().filter((r) => r.status === 'refused')).toEqual([]);
  });

  it('reports a refused file and imports it once it is fixed', async () => {
    const { dir, store, runs } = start();
    writeFileSync(join(dir, 'half.md'), '还没写完,也没有日期');
    await waitFor(
      () => runs.flat().some((r) => r.status === 'refused'),
      10_000,
      'the refusal was not reported',
    );
    writeFileSync(join(dir, 'half.md'), essay('写完了。'));
    await waitFor(() => store.essays.count() === 1, 10_000, 'the fixed file was not imported');
  });

  it('watches each folder once, not each file (Linux: one inotify watch per folder)', async () => {
    const t = tempDir('journal-watch-');
    cleanup = t.cleanup;
    for (const sub of ['2024', '2025', '.obsidian'])
      mkdirSync(join(t.dir, sub), { recursive: true });
    for (let i = 0; i < 40; i++)
      writeFileSync(join(t.dir, i % 2 ? '2024' : '2025', `${i}.md`), essay(`第${i}篇。`));
    const watchers = () =>
      process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap').length;
    // Watches closed by earlier tests leave on a later turn of the event loop.
    await waitFor(() => watchers() === 0, 5_000, 'an earlier test left folder watches open');
    watch = watchFolder({ store: memoryStore(), dir: t.dir, logger: silentLogger });
    // The folder and its two year folders; the app folder and the 40 files add nothing.
    expect(watchers()).toBe(process.platform === 'linux' ? 3 : 1);
    watch!.close();
    watch = null;
    await waitFor(() => watchers() === 0, 5_000, 'closing left folder watches open');
  });

  it('follows folders made after it started, however deep', async () => {
    const { dir, store } = start();
    mkdirSync(join(dir, 'a'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    mkdirSync(join(dir, 'a', 'b'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    writeFileSync(join(dir, 'a', 'b', 'deep.md'), essay('很深的一篇。'));
    await waitFor(
      () => store.essays.count() === 1,
      10_000,
      'the file two new folders down was not imported',
    );
  });

  it('does not watch a folder that does not exist', () => {
    expect(
      watchFolder({ store: memoryStore(), dir: '/nonexistent/journal-dir', logger: silentLogger }),
    ).toBeNull();
  });
});
