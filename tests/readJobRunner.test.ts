/**
 * Read jobs on a worker thread: the same answers as inline, from a second
 * read-only connection that sees what the bot's connection commits.
 */
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.js';
import { UserFacingError } from '../src/errors.js';
import { importPaths } from '../src/import/importFiles.js';
import { silentLogger } from '../src/logger.js';
import { openStore, type Store } from '../src/store/index.js';
import { receivedError, sendableError } from '../src/worker/protocol.js';
import { createReadJobRunner, type ReadJobRunner } from '../src/worker/readJobRunner.js';
import { runReadJobInline } from '../src/worker/readJobs.js';
import { tempDir } from './helpers/store.js';

const t = tempDir('journal-worker-');
afterAll(() => t.cleanup());
let runner: ReadJobRunner | null = null;
let store: Store | null = null;
afterEach(async () => {
  await runner?.close();
  store?.close();
  runner = null;
  store = null;
});

function journal(name: string): { path: string; store: Store } {
  const path = join(t.dir, `${name}.db`);
  store = openStore(path, fixedClock('2026-11-29T07:30:00Z'));
  importPaths(store, ['data/essays']);
  return { path, store };
}

const statsArgs = { today: '2026-11-29', includeHidden: false, locale: 'zh-CN' } as const;

describe('read jobs on a worker thread', () => {
  it('answers as the same job run inline, with its files as Buffers', async () => {
    const { path, store } = journal('same');
    runner = createReadJobRunner(path, silentLogger);
    const onWorker = await runner.run('stats', statsArgs);
    expect(onWorker).toEqual(runReadJobInline(store, 'stats', statsArgs));
    expect(Buffer.isBuffer(onWorker.files![0]!.data)).toBe(true);

    const exported = await runner.run('journalExport', { now: '2026-11-29T07:30:00.000Z' });
    const inline = runReadJobInline(store, 'journalExport', { now: '2026-11-29T07:30:00.000Z' });
    expect(Buffer.isBuffer(exported.data)).toBe(true);
    expect(exported.data.equals(inline.data)).toBe(true);
    expect(exported).toMatchObject({ essays: 1, hidden: 0, compressed: false });
  });

  it('sees what the bot commits after the worker opened its connection', async () => {
    const { path, store } = journal('writer');
    runner = createReadJobRunner(path, silentLogger);
    const before = await runner.run('journalExport', { now: '2026-11-29T07:30:00.000Z' });
    const [seed] = store.essays.list();
    store.essays.setHidden(seed!.id, true);
    const after = await runner.run('journalExport', { now: '2026-11-29T07:30:00.000Z' });
    expect([before.hidden, after.hidden]).toEqual([0, 1]);
  });

  it('rejects a job that fails with its message, and runs the next one in a new worker after close', async () => {
    runner = createReadJobRunner(join(t.dir, 'missing.db'), silentLogger);
    await expect(runner.run('stats', statsArgs)).rejects.toThrow(/missing\.db|unable to open/iu);
    const { path } = journal('again');
    await runner.close();
    runner = createReadJobRunner(path, silentLogger);
    await runner.run('stats', statsArgs);
    await runner.close();
    await expect(runner.run('stats', statsArgs)).resolves.toMatchObject({ components: [{}] });
  });

  it('never writes through its connection', async () => {
    const { path } = journal('readonly');
    const reader = openStore(path, fixedClock('2026-11-29T07:30:00Z'), { readOnly: true });
    try {
      expect(() => reader.essays.setHidden(1, true)).toThrow(/readonly/iu);
    } finally {
      reader.close();
    }
  });

  it('keeps a user-facing error user-facing across the thread boundary', () => {
    const err = receivedError(
      sendableError(new UserFacingError('the export is 12 MB', 'export.tooLarge', { mb: 12 })),
    );
    expect(err).toBeInstanceOf(UserFacingError);
    expect(err).toMatchObject({ key: 'export.tooLarge', params: { mb: 12 } });
  });
});
