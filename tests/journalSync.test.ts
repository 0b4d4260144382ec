/**
 * The startup sync of the journal folder: a restart reads no unchanged
 * file, and a folder of many new files comes in after ready, in batches
 * that let other work run between them.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SYNC_BEFORE_READY_LIMIT,
  importInBatches,
  planJournalSync,
  startJournalSync,
  syncJournalDir,
} from '../src/import/syncJournalDir.js';
import { silentLogger } from '../src/logger.js';
import { memoryStore, tempDir } from './helpers/store.js';

let cleanup = () => {};
afterEach(() => cleanup());

function folder(files: number): string {
  const t = tempDir('journal-sync-');
  cleanup = t.cleanup;
  for (let i = 0; i < files; i++)
    writeFileSync(join(t.dir, `${String(i).padStart(4, '0')}.md`), essay(`第${i}篇。`));
  return t.dir;
}

const essay = (body: string) => `标题\n\n${body}\n\n— 2025.11.1 于北京\n`;

describe('syncing the journal folder', () => {
  it('does not read a file whose modification time is the one recorded', () => {
    const dir = folder(2);
    const store = memoryStore();
    const path = join(dir, '0000.md');
    // A whole-second time, so setting it back below restores it exactly (a Date
    // keeps milliseconds only, and the file system may have recorded more).
    const atime = new Date('2026-01-01T00:00:00Z');
    const mtime = new Date('2026-01-01T00:00:00Z');
    utimesSync(path, atime, mtime);
    syncJournalDir(store, dir, silentLogger);
    writeFileSync(path, essay('改了内容,却留着原来的修改时间。'));
    utimesSync(path, atime, mtime);

    expect(planJournalSync(store, dir)).toMatchObject({ changed: [], unchanged: 2 });
    syncJournalDir(store, dir, silentLogger);
    expect(store.essays.list().map((e) => store.essays.get(e.id)!.body)).not.toContain(
      '改了内容,却留着原来的修改时间。',
    );

    utimesSync(path, atime, new Date(mtime.getTime() + 5000));
    expect(planJournalSync(store, dir)?.changed).toEqual([path]);
  });

  it('imports a few changed files before ready and leaves a large folder for after', async () => {
    const small = memoryStore();
    startJournalSync(small, folder(3), silentLogger);
    expect(small.essays.count()).toBe(3);

    const large = memoryStore();
    const sync = startJournalSync(large, folder(SYNC_BEFORE_READY_LIMIT + 1), silentLogger);
    expect(large.essays.count()).toBe(0);
    await sync.finish();
    expect(large.essays.count()).toBe(SYNC_BEFORE_READY_LIMIT + 1);
  });

  it('yields to the event loop between batches, and stops when asked', async () => {
    const dir = folder(6);
    const store = memoryStore();
    const files = planJournalSync(store, dir)!.changed;
    const batched = importInBatches(store, files, { logger: silentLogger, budgetMs: 0 });
    const between = await new Promise<number>((resolve) =>
      setImmediate(() => resolve(store.essays.count())),
    );
    expect(between).toBeGreaterThan(0);
    expect(between).toBeLessThan(6);
    batched.stop();
    const done = await batched.done;
    expect(done.length).toBeLessThan(6);
    expect(store.essays.count()).toBe(done.length);
  });
});
