/**
 * Every store write is atomic on its own: when a statement after the
 * essay row fails (a trigger that aborts on the table an indexer writes),
 * the database holds exactly what it held before, and the person who asked
 * reads the one storage sentence. Each path is also checked to reach the
 * failing statement at all, so a test cannot pass by failing too early.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import {
  findSubcommand,
  MESSAGE_MENUS,
  runComponent,
  runSubcommand,
} from '../../src/commands/index.js';
import type { HandlerContext } from '../../src/commands/types.js';
import type { Reply } from '../../src/messages/payload.js';
import { createDownloader } from '../../src/discord/download.js';
import { writeJsonExport } from '../../src/export/journalExport.js';
import { t } from '../../src/i18n/index.js';
import { importFileBytes, importPaths } from '../../src/import/importFiles.js';
import { restoreJournalExport } from '../../src/import/restoreExport.js';
import type { EssayDraft } from '../../src/journal/essay.js';
import { storageFailure } from '../../src/store/storageError.js';
import type { Store } from '../../src/store/index.js';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord/index.js';
import { memoryStore, tempDir } from '../helpers/store.js';
import { AUTHOR, OWNER, handlerContext, outcome } from '../helpers/handlers.js';

/** The table the quote indexer writes (the search index is an FTS5 table, which takes no triggers). */
const QUOTE_TABLE = 'quote_spans';

const NOW = '2026-11-29T07:30:00Z';
const clock = fixedClock(NOW);

const SPRING =
  '春天终于来了,楼下的玉兰一夜之间全开了。我在树下站了很久,想起小时候外婆家院子里也有这样一棵树。';
const AUTUMN = '秋天的银杏叶落满了整条街,踩上去沙沙作响。我捡了一片夹进书里,想等明年再翻开它。';
/** Words of the essays above that the search index and the quote search must keep finding (or not). */
const WORDS = ['玉兰', '外婆', '银杏', '沙沙', '树'];

const draft = (body: string, title = '春天', date = '2024-03-05'): EssayDraft => ({
  title,
  body,
  date,
  place: '上海',
  tags: ['季节'],
});

let fake: FakeDiscord;
const cleanups: Array<() => void> = [];
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(() => fake.close());
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A journal of two essays (one hidden), a source file, a curated quote and a trashed essay. */
function journal(): Store {
  const store = memoryStore(clock);
  const spring = store.essays.insert(draft(SPRING), 'a.md');
  store.essays.putSource({ path: 'a.md', essayId: spring.id, fileHash: 'h', mtimeMs: 1 });
  const hidden = store.essays.insert(
    draft('一个秘密的下午,我在河边坐了很久很久。', '秘密'),
    'discord',
  );
  store.essays.setHidden(hidden.id, true);
  const gone = store.essays.insert(draft('被删掉的一篇,写的是一场没有下完的雨。', '雨'), 'discord');
  store.trash.put(gone.id, AUTHOR.id);
  store.quotes.curated.add({
    text: '慢慢来,比较快,这是我今年学到的最重要的一件事。',
    essayId: spring.id,
  });
  store.quotes.draw('200000000000000001', () => 0.3);
  return store;
}

/** Everything the database holds: every table's rows (FTS5 shadow tables included), searches, integrity. */
function snapshot(store: Store) {
  const tables = store.db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all()
    .map((r) => r.name);
  const rows = Object.fromEntries(
    tables.map((name) => [name, store.db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()]),
  );
  const counts = Object.fromEntries(Object.entries(rows).map(([name, r]) => [name, r.length]));
  const search = Object.fromEntries(
    WORDS.map((w) => [
      w,
      {
        essays: store.search.search(w, { includeHidden: true, limit: 100 }).essays.map((e) => e.id),
        quotes: store.quotes.search(w, { limit: 100 }).quotes.map((q) => q.key),
      },
    ]),
  );
  return {
    counts,
    rows,
    search,
    integrity: store.db.pragma('integrity_check', { simple: true }) as string,
  };
}

type Operation = 'INSERT' | 'DELETE';

/** Makes every `op` on `table` fail, and counts how often one was tried (so the test knows the write got that far). */
function breakTable(store: Store, table: string, op: Operation): () => number {
  // A statement aborted by RAISE rolls back its own changes, so the count is kept in JS instead.
  let hits = 0;
  store.db.function('fault_seen', () => {
    hits++;
    return 0;
  });
  store.db.exec(`
    CREATE TEMP TRIGGER fault_${op.toLowerCase()} BEFORE ${op} ON main.${table}
    BEGIN
      SELECT fault_seen();
      SELECT RAISE(ABORT, 'injected fault');
    END;
  `);
  return () => hits;
}

/** The reliability suite's author context, able to download attachments from the fake CDN. */
function context(store: Store): HandlerContext {
  return handlerContext(store, {
    caller: OWNER,
    clock,
    timeZone: 'Asia/Shanghai',
    services: { download: createDownloader({ cdnUrl: fake.cdnUrl }) },
  });
}

const STORAGE_SENTENCE = t('en-US', 'error.storage');

const springId = (store: Store) => store.essays.list().find((e) => e.title === '春天')!.id;
const hiddenId = (store: Store) =>
  store.essays.list({ includeHidden: true }).find((e) => e.hidden)!.id;
const trashedId = (store: Store) => store.trash.list()[0]!.essayId;

interface WritePath {
  name: string;
  table: string;
  op: Operation;
  /** Set-up that must succeed before the fault is armed. */
  prepare?: (store: Store) => void;
  write: (store: Store) => unknown;
}

function filesDir(files: Record<string, string>): string {
  const t = tempDir('journal-atomic-');
  cleanups.push(t.cleanup);
  const dir = join(t.dir, 'files');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Restores into `store` the JSON export of another journal: one autumn essay plus what `fill` adds. */
function restoreExportOf(store: Store, fill: (other: Store) => unknown) {
  const other = memoryStore(clock);
  other.essays.insert(draft(AUTUMN, '秋天', '2024-10-01'), 'discord');
  fill(other);
  const t = tempDir('journal-atomic-');
  cleanups.push(t.cleanup);
  const path = join(t.dir, 'export.json');
  writeJsonExport(other, path, clock.now());
  other.close();
  return restoreJournalExport(store, path);
}

const STORE_WRITES: WritePath[] = [
  {
    name: 'essays.insert',
    table: QUOTE_TABLE,
    op: 'INSERT',
    write: (store) => store.essays.insert(draft(AUTUMN, '秋天', '2024-10-01'), 'discord'),
  },
  {
    name: 'essays.update',
    table: QUOTE_TABLE,
    op: 'INSERT',
    write: (store) => store.essays.update(springId(store), draft(AUTUMN)),
  },
  {
    name: 'essays.setHidden (hide)',
    table: QUOTE_TABLE,
    op: 'DELETE',
    write: (store) => store.essays.setHidden(springId(store), true),
  },
  {
    name: 'essays.setHidden (unhide)',
    table: QUOTE_TABLE,
    op: 'INSERT',
    write: (store) => store.essays.setHidden(hiddenId(store), false),
  },
  {
    name: 'trash.put (delete to the trash)',
    table: QUOTE_TABLE,
    op: 'DELETE',
    write: (store) => store.trash.put(springId(store), AUTHOR.id),
  },
  {
    name: 'trash.restore',
    table: QUOTE_TABLE,
    op: 'INSERT',
    write: (store) => store.trash.restore(trashedId(store)),
  },
  {
    name: 'importPaths (a folder of files)',
    table: QUOTE_TABLE,
    op: 'INSERT',
    write: (store) =>
      importPaths(store, [
        filesDir({
          'autumn.md': `秋天\n\n${AUTUMN}\n\n— 2024.10.1 于北京\n`,
          'winter.md': `冬天\n\n冬天的波士顿安静得让人有些不知所措,我把窗户打开一条缝。\n\n— 2023.1.10 于波士顿\n`,
        }),
      ]),
  },
  {
    name: 'importFileBytes (an uploaded file updating its essay)',
    table: QUOTE_TABLE,
    op: 'INSERT',
    prepare: (store) =>
      importFileBytes(
        store,
        'upload:a.md',
        Buffer.from(`夏天\n\n${SPRING}\n\n— 2024.6.1 于上海\n`),
        1,
      ),
    write: (store) =>
      importFileBytes(
        store,
        'upload:a.md',
        Buffer.from(`夏天\n\n${AUTUMN}\n\n— 2024.6.1 于上海\n`),
        2,
      ),
  },
  {
    name: 'restoreJournalExport (a JSON export)',
    table: QUOTE_TABLE,
    op: 'INSERT',
    write: (store) =>
      restoreExportOf(store, (other) =>
        other.quotes.curated.add({ text: '踩上去沙沙作响的落叶,是秋天最好听的声音之一。' }),
      ),
  },
  {
    // The muted periods come last in an export: failing there takes the essays already restored back out.
    name: 'restoreJournalExport (essays, then muted periods)',
    table: 'muted_periods',
    op: 'INSERT',
    write: (store) =>
      restoreExportOf(store, (other) =>
        other.mutes.add({ from: '2024-10-01', to: '2024-10-31', note: '那个秋天' }),
      ),
  },
];

describe('a store write that fails after its first statement leaves the journal as it was', () => {
  it.each(STORE_WRITES)('$name', ({ table, op, prepare, write }) => {
    const store = journal();
    prepare?.(store);
    const before = snapshot(store);
    const hits = breakTable(store, table, op);
    let thrown: unknown;
    try {
      write(store);
    } catch (err) {
      thrown = err;
    }
    expect(hits(), 'the write reached the failing statement').toBeGreaterThan(0);
    expect(thrown).toMatchObject({ code: 'SQLITE_CONSTRAINT_TRIGGER' });
    expect(storageFailure(thrown)?.key).toBe('error.storage');
    expect(snapshot(store)).toEqual(before);
    expect(before.integrity).toBe('ok');
    // The same write succeeds once the fault is gone: the failed attempt left nothing in its way.
    store.db.exec(`DROP TRIGGER temp.fault_${op.toLowerCase()}`);
    write(store);
    expect(snapshot(store)).not.toEqual(before);
  });
});

const saveAsQuote = MESSAGE_MENUS.find((m) => m.data.name === 'Save as quote')!;
const essayCommand = (sub: string) => findSubcommand('essay', sub)!;

interface CommandPath {
  name: string;
  table: string;
  op: Operation;
  run: (store: Store, ctx: HandlerContext) => Reply | Promise<Reply>;
}

const COMMAND_WRITES: CommandPath[] = [
  {
    name: '/essay add',
    table: QUOTE_TABLE,
    op: 'INSERT',
    run: (_, ctx) =>
      runComponent(ctx, 'write:add:2026-11-29', {
        title: '秋天',
        body: AUTUMN,
        when: '2024-10-01 · 北京',
      }),
  },
  {
    name: '/essay edit',
    table: QUOTE_TABLE,
    op: 'INSERT',
    run: (store, ctx) =>
      runComponent(ctx, `write:edit:${springId(store)}:2026-11-29`, {
        title: '春天',
        body: `---\ntags: 季节\n---\n${AUTUMN}`,
        when: '2024-03-05 · 上海',
      }),
  },
  {
    name: '/essay delete (confirmed)',
    table: QUOTE_TABLE,
    op: 'DELETE',
    run: (store, ctx) => runComponent(ctx, `write:delete:${springId(store)}`),
  },
  {
    name: '/essay import',
    table: QUOTE_TABLE,
    op: 'INSERT',
    run: (_, ctx) => {
      const file = fake.registerAttachment(
        'autumn.md',
        `秋天\n\n${AUTUMN}\n\n— 2024.10.1 于北京\n`,
      );
      return runSubcommand(ctx, essayCommand('import'), {
        file: {
          id: file.id,
          filename: file.filename,
          size: file.size,
          url: file.url,
          contentType: file.content_type,
        },
      });
    },
  },
  {
    name: '/essay hide',
    table: QUOTE_TABLE,
    op: 'DELETE',
    run: (store, ctx) =>
      runSubcommand(ctx, essayCommand('hide'), { essay: String(springId(store)) }),
  },
  {
    name: '/quote add',
    table: 'curated_quotes',
    op: 'INSERT',
    run: (_, ctx) =>
      runSubcommand(ctx, findSubcommand('quote', 'add')!, {
        text: '踩上去沙沙作响的落叶,是秋天最好听的声音之一。',
      }),
  },
  {
    name: 'Save as quote',
    table: 'curated_quotes',
    op: 'INSERT',
    run: (_, ctx) =>
      saveAsQuote.execute(ctx, {
        id: '500000000000000001',
        channelId: '200000000000000001',
        guildId: '100000000000000001',
        content: '踩上去沙沙作响的落叶,是秋天最好听的声音之一。',
        authorId: '400000000000000001',
        url: 'https://discord.com/channels/100000000000000001/200000000000000001/500000000000000001',
        sentAt: '2026-11-28T12:00:00.000Z',
      }),
  },
];

describe('a write from Discord that fails halfway answers with the storage sentence and saves nothing', () => {
  it.each(COMMAND_WRITES)('$name', async ({ table, op, run }) => {
    const store = journal();
    const before = snapshot(store);
    const hits = breakTable(store, table, op);
    const seen = await outcome(() => run(store, context(store)));
    expect(hits(), 'the write reached the failing statement').toBeGreaterThan(0);
    expect(seen.error).toBe(STORAGE_SENTENCE);
    expect(seen.error).not.toMatch(/\n/u);
    expect(snapshot(store)).toEqual(before);
  });

  it('the storage sentence exists in both languages and promises only what is true', () => {
    expect(t('en-US', 'error.storage')).toMatch(/nothing was saved/u);
    expect(t('zh-CN', 'error.storage')).toMatch(/没有保存/u);
    expect(t('en-US', 'error.storage')).not.toMatch(/safe/u);
  });
});
