/**
 * `journal backup` as a real process against a database another connection
 * keeps writing to (as the running bot would): the copy is whole and sound.
 */
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { openStore } from '../src/store/index.js';
import { runJournal } from './helpers/run.js';
import { tempDir } from './helpers/store.js';

const t = tempDir('journal-backup-');
afterAll(() => t.cleanup());

describe('journal backup', () => {
  it('copies the live database while writes go on, and the copy passes integrity_check', async () => {
    const live = join(t.dir, 'live.db');
    const store = openStore(live, systemClock);
    const body = '写了很多字。'.repeat(400);
    for (let i = 0; i < 300; i++)
      store.essays.insert(
        { title: `第${i}篇`, body: `${i}${body}`, date: '2025-11-01', place: null, tags: [] },
        'discord',
      );

    // Keep writing from this process (the "bot") until the backup process exits.
    let writes = 0;
    let running = true;
    const writer = (async () => {
      while (running) {
        store.essays.insert(
          { title: null, body: `写入 ${writes}${body}`, date: '2025-11-02', place: null, tags: [] },
          'discord',
        );
        writes++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const copy = join(t.dir, 'backups', 'copy.db');
    const result = await runJournal(['backup', '--db', live, '--json', copy]);
    running = false;
    await writer;
    const total = store.essays.count();
    store.close();

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { essays: number; integrity: string };
    expect(report.integrity).toBe('ok');
    expect(writes).toBeGreaterThan(0);
    expect(report.essays).toBeGreaterThanOrEqual(300);
    expect(report.essays).toBeLessThanOrEqual(total);

    // Check the copy ourselves: a single self-contained file, sound, with every essay it claims.
    expect(existsSync(`${copy}-wal`)).toBe(false);
    const db = new Database(copy, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.prepare('SELECT count(*) AS n FROM essays').get()).toEqual({ n: report.essays });
    db.close();
  });

  it('never overwrites an existing file', async () => {
    const live = join(t.dir, 'small.db');
    openStore(live, systemClock).close();
    const target = join(t.dir, 'taken.db');
    writeFileSync(target, 'precious');
    const result = await runJournal(['backup', '--db', live, target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already exists/u);
  });
});
