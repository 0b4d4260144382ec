import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths } from '../src/import/importFiles.js';
import type { EssayDraft } from '../src/journal/essay.js';
import { memoryStore, tempDir } from './helpers/store.js';

const draft = (body: string, date = '2025-11-01'): EssayDraft => ({
  title: '标题',
  body,
  date,
  place: '北京',
  tags: ['旅行'],
});

let cleanup = () => {};
afterEach(() => cleanup());

describe('the trash', () => {
  it('keeps a deleted essay whole and brings it back under its own id, hidden flag and timestamps', () => {
    const store = memoryStore();
    const a = store.essays.insert(draft('第一篇。'), 'discord');
    const b = store.essays.setHidden(store.essays.insert(draft('第二篇。'), 'discord').id, true);

    const entry = store.trash.put(b.id, '111111111111111111');
    expect(entry).toMatchObject({
      essayId: b.id,
      title: '标题',
      date: '2025-11-01',
      deletedBy: '111111111111111111',
    });
    expect(store.essays.get(b.id, { includeHidden: true })).toBeNull();
    expect(store.trash.list().map((e) => e.essayId)).toEqual([b.id]);

    const restored = store.trash.restore(b.id);
    expect(restored).toEqual(b);
    expect(store.essays.get(b.id, { includeHidden: true })).toEqual(b);
    expect(store.trash.list()).toEqual([]);
    expect(store.essays.get(a.id)).toEqual(a);
  });

  it("never gives a trashed essay's id to a new essay, so restore cannot collide", () => {
    const store = memoryStore();
    store.essays.insert(draft('一。'), 'discord');
    const last = store.essays.insert(draft('二。'), 'discord');
    store.trash.put(last.id, null);
    const added = store.essays.insert(draft('三。'), 'discord');
    expect(added.id).toBe(last.id + 1);
    expect(store.trash.restore(last.id).id).toBe(last.id);
  });

  it('refuses to restore what is not there, or text that was added again meanwhile', () => {
    const store = memoryStore();
    expect(() => store.trash.restore(42)).toThrow(/not in the trash/u);
    const e = store.essays.insert(draft('同一段话。'), 'discord');
    store.trash.put(e.id, null);
    const again = store.essays.insert(draft('同一段话。'), 'discord');
    expect(() => store.trash.restore(e.id)).toThrow(new RegExp(`already essay #${again.id}`, 'u'));
    expect(store.trash.get(e.id)).not.toBeNull();
  });

  it('returns null when deleting an essay that does not exist', () => {
    expect(memoryStore().trash.put(7, null)).toBeNull();
  });
});

describe('the journal folder and the trash', () => {
  it('does not bring back an essay deleted in Discord while its file stays in the folder, and restore relinks the file', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    writeFileSync(join(t.dir, 'a.md'), '出发\n\n今天去了北京。\n\n— 2025.11.1 于北京\n');
    const store = memoryStore();
    const [added] = importPaths(store, [t.dir]);
    store.trash.put(added!.essayId!, null);

    const [again] = importPaths(store, [t.dir]);
    expect(again).toMatchObject({
      status: 'unchanged',
      reason: expect.stringMatching(/in the trash \(journal restore \d+/u),
    });
    expect(store.essays.count({ includeHidden: true })).toBe(0);

    store.trash.restore(added!.essayId!);
    expect(store.essays.sourcesOf(added!.essayId!)).toEqual([join(t.dir, 'a.md')]);
    expect(importPaths(store, [t.dir])).toMatchObject([
      { status: 'unchanged', essayId: added!.essayId },
    ]);
  });
});
