import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.js';
import { buildDayOneJournal, writeDayOneExport } from '../src/export/dayOneExport.js';
import { importJournal, type JournalImportOptions } from '../src/import/importJournal.js';
import type { ImportResult } from '../src/import/importFiles.js';
import { openStore, type Store } from '../src/store/index.js';
import {
  UUID,
  dayOneJournals,
  dayOneZip,
  declareUncompressedSize,
  jrnlExport,
  renameEntry,
  writeLogseqGraph,
  writeObsidianVault,
  zipBytes,
} from './helpers/journalExports.js';
import { tempDir } from './helpers/store.js';

const clock = fixedClock('2026-12-02T08:00:00Z');
const OPTIONS: JournalImportOptions = { timeZone: 'Asia/Shanghai' };

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function workspace(): { dir: string; store: Store; dbPath: string } {
  const t = tempDir('journal-formats-');
  const dbPath = join(t.dir, 'journal.db');
  const store = openStore(dbPath, clock);
  cleanups.push(t.cleanup, () => store.close());
  return { dir: t.dir, store, dbPath };
}

function byEnd(results: readonly ImportResult[], end: string): ImportResult {
  const found = results.find((r) => r.path.endsWith(end));
  if (!found) throw new Error(`no result for …${end}: ${results.map((r) => r.path).join(', ')}`);
  return found;
}

function essayOf(store: Store, r: ImportResult) {
  return store.essays.get(r.essayId!, { includeHidden: true })!;
}

describe('an Obsidian vault', () => {
  it('dates daily notes by their file and folder names, titles them by their heading, and skips settings, templates and empty notes', async () => {
    const { dir, store } = workspace();
    const vault = writeObsidianVault(join(dir, 'vault'));
    const first = await importJournal(store, [vault], OPTIONS);

    const friday = byEnd(first.results, 'Daily/2024-03-15.md');
    expect(friday).toMatchObject({ status: 'added', date: '2024-03-15', title: '周五' });
    // Obsidian syntax stays as the author typed it.
    expect(essayOf(store, friday).body).toBe('去了西湖,#travel 风很大。\n\n[[杭州]] 下次再去。');
    expect(byEnd(first.results, '2024-03-16 Saturday.md')).toMatchObject({
      status: 'added',
      date: '2024-03-16',
      title: null,
    });
    expect(byEnd(first.results, 'Journal/2024/03/17.md').date).toBe('2024-03-17');
    expect(byEnd(first.results, 'Journal/2024/03/2024-03-18.md').date).toBe('2024-03-18');
    expect(byEnd(first.results, '20240319.md').date).toBe('2024-03-19');
    // Front matter still wins over the name.
    expect(byEnd(first.results, 'Ideas.md')).toMatchObject({ status: 'added', date: '2024-01-02' });

    expect(byEnd(first.results, 'Daily/2024-03-20.md')).toMatchObject({ status: 'skipped' });
    expect(byEnd(first.results, 'templates/Daily.md')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/templates folder/u),
    });
    expect(byEnd(first.results, 'calendar/README.md')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/Obsidian/u),
    });
    expect(byEnd(first.results, '2023-02-29.md')).toMatchObject({
      status: 'refused',
      reason: 'impossible date 2023-02-29 in the file name',
    });
    expect(first.totals).toMatchObject({ added: 6, skipped: 3, refused: 1 });

    const again = await importJournal(store, [vault], OPTIONS);
    expect(again.totals).toMatchObject({ added: 0, updated: 0, unchanged: 6, skipped: 3 });
  });
});

describe('a Logseq graph', () => {
  it('turns outline bullets into prose, properties into the title and tags, and skips logseq/ and empty pages', async () => {
    const { dir, store } = workspace();
    const graph = writeLogseqGraph(join(dir, 'graph'));
    const first = await importJournal(store, [graph], OPTIONS);

    const day = byEnd(first.results, 'journals/2024_03_15.md');
    expect(day).toMatchObject({ status: 'added', date: '2024-03-15', title: '西湖' });
    const essay = essayOf(store, day);
    expect(essay.tags).toEqual(['travel', '杭州', 'spring']);
    expect(essay.body).toBe('早上去了西湖。\n- 人很多\n  还下了雨\n\n晚上吃了面。');
    expect(byEnd(first.results, '2024-03-15T10_00_00.000Z.Desktop.md')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/Logseq/u),
    });
    expect(byEnd(first.results, 'journals/2024_03_16.md').status).toBe('skipped');
    expect(byEnd(first.results, 'pages/contents.md').status).toBe('skipped');
    expect(first.totals).toMatchObject({ added: 1, skipped: 3, refused: 0 });

    // A single page of the graph is known as Logseq too.
    const again = await importJournal(store, [join(graph, 'journals/2024_03_15.md')], OPTIONS);
    expect(again.results.map((r) => r.status)).toEqual(['unchanged']);
  });

  it('reads any folder as Logseq with --from logseq, and as plain files with --from files', async () => {
    const { dir, store } = workspace();
    writeFileSync(join(dir, '2024_04_01.md'), 'tags:: x\n- one\n- two\n');
    const asLogseq = await importJournal(store, [join(dir, '2024_04_01.md')], {
      ...OPTIONS,
      from: 'logseq',
    });
    expect(essayOf(store, asLogseq.results[0]!)).toMatchObject({ body: 'one\n\ntwo', tags: ['x'] });
    const asFiles = await importJournal(store, [join(dir, '2024_04_01.md')], {
      ...OPTIONS,
      from: 'files',
    });
    expect(asFiles.results[0]).toMatchObject({ status: 'updated', essayId: 1 });
    expect(essayOf(store, asFiles.results[0]!).body).toBe('tags:: x\n- one\n- two');
  });
});

describe('a Day One export', () => {
  async function importZip(store: Store, dir: string, bytes?: Buffer) {
    const path = join(dir, 'Export-All.zip');
    writeFileSync(path, bytes ?? (await dayOneZip()));
    return { path, outcome: await importJournal(store, [path], OPTIONS) };
  }

  it('dates each entry in its own time zone, takes place, tags and star, and leaves photos out, counted', async () => {
    const { dir, store } = workspace();
    const { outcome } = await importZip(store, dir);
    const late = byEnd(outcome.results, UUID.shanghaiLate);
    // 01:30 on the 16th in Shanghai is the 16th, though it is still the 15th in UTC.
    expect(late).toMatchObject({ status: 'added', date: '2024-03-16', title: '夜里的外滩' });
    expect(essayOf(store, late)).toMatchObject({
      place: '外滩',
      tags: ['散步', 'night', 'starred'],
      body: '风很大. 走了 3.5 公里!\n\n- 不是列表',
    });
    const newYork = essayOf(store, byEnd(outcome.results, UUID.newYork));
    expect(newYork).toMatchObject({
      date: '2024-07-03',
      place: 'Brooklyn',
      body: 'Fireworks were early this year.',
    });
    const berlin = essayOf(store, byEnd(outcome.results, `Travel.json/${UUID.berlin}`));
    expect(berlin).toMatchObject({
      date: '2024-12-24',
      title: 'Heiligabend',
      place: 'Berlin',
      tags: ['travel'],
    });
    expect(essayOf(store, byEnd(outcome.results, UUID.travel)).body).toBe(
      'Christmas morning, C:\\Users\\me and a \\ backslash.',
    );
    expect(byEnd(outcome.results, UUID.photoOnly)).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/only photos/u),
    });
    expect(outcome.photosNotImported).toBe(3);
    expect(outcome.totals).toMatchObject({ added: 4, skipped: 1, refused: 0 });
  });

  it('re-imports as unchanged, and updates an entry edited in Day One in place', async () => {
    const { dir, store } = workspace();
    const { path, outcome } = await importZip(store, dir);
    const again = await importJournal(store, [path], OPTIONS);
    expect(again.totals).toMatchObject({ added: 0, updated: 0, unchanged: 4, skipped: 1 });

    const journals = dayOneJournals() as Record<string, { entries: Array<{ text: string }> }>;
    journals['Journal.json']!.entries[1]!.text = 'Fireworks were late this year\\.';
    const edited = await zipBytes(
      Object.fromEntries(Object.entries(journals).map(([k, v]) => [k, JSON.stringify(v)])),
    );
    // A later export is a new file: entries are known by their uuid, not the zip's name.
    const later = join(dir, 'Export-Later.zip');
    writeFileSync(later, edited);
    const third = await importJournal(store, [later], OPTIONS);
    const before = byEnd(outcome.results, UUID.newYork);
    expect(byEnd(third.results, UUID.newYork)).toMatchObject({
      status: 'updated',
      essayId: before.essayId,
    });
    expect(store.essays.count({ includeHidden: true })).toBe(4);
  });

  it('reads a bare Day One JSON journal, told from jrnl by its shape', async () => {
    const { dir, store } = workspace();
    const path = join(dir, 'Travel.json');
    writeFileSync(path, JSON.stringify(dayOneJournals()['Travel.json']));
    const outcome = await importJournal(store, [path], OPTIONS);
    expect(outcome.totals).toMatchObject({ added: 2, refused: 0 });
  });

  it('comes back from journal export --format dayone without a change', async () => {
    const { dir, store } = workspace();
    await importZip(store, dir);
    const vault = writeObsidianVault(join(dir, 'vault'));
    await importJournal(store, [vault], OPTIONS);
    const before = store.essays.all({ includeHidden: true });

    // Noon of the essay's day in JOURNAL_TIMEZONE; an essay from Day One keeps its uuid.
    const { entries } = buildDayOneJournal(store, before, 'Asia/Shanghai');
    expect(entries.find((e) => e.uuid === UUID.shanghaiLate)).toMatchObject({
      creationDate: '2024-03-16T04:00:00Z',
      timeZone: 'Asia/Shanghai',
      text: '# 夜里的外滩\n\n风很大. 走了 3.5 公里!\n\n- 不是列表',
      starred: true,
      tags: ['散步', 'night', 'starred'],
      location: { placeName: '外滩' },
    });
    expect(entries.find((e) => e.text.includes('山里没有信号'))).toMatchObject({
      uuid: expect.stringMatching(/^4A424F54[0-9A-F]{24}$/u),
      creationDate: '2024-03-17T04:00:00Z',
    });
    const out = join(dir, 'out', 'dayone.zip');
    const summary = await writeDayOneExport(store, out, clock.now(), { timeZone: 'Asia/Shanghai' });
    expect(summary.essays).toBe(before.length);
    const back = await importJournal(store, [out], OPTIONS);
    expect(back.totals).toMatchObject({ added: 0, updated: 0, duplicate: 0, refused: 0 });
    expect(back.totals.unchanged).toBe(before.length);
    expect(store.essays.all({ includeHidden: true })).toEqual(before);

    // Into an empty journal it brings every essay with its date, title, place and tags.
    const fresh = openStore(':memory:', clock);
    cleanups.push(() => fresh.close());
    await importJournal(fresh, [out], OPTIONS);
    const pick = (e: (typeof before)[number]) => [
      e.date,
      e.title,
      e.place,
      [...e.tags].sort(),
      e.body,
    ];
    expect(fresh.essays.all().map(pick)).toEqual(before.map(pick));
  });
});

describe('a jrnl export', () => {
  it('takes date, title, body, tags and star, and re-imports as unchanged', async () => {
    const { dir, store } = workspace();
    const path = join(dir, 'jrnl.json');
    writeFileSync(path, JSON.stringify(jrnlExport()));
    const first = await importJournal(store, [path], OPTIONS);
    const standup = byEnd(first.results, '2024-05-01 09:30');
    expect(standup).toMatchObject({ status: 'added', date: '2024-05-01', title: 'Standup' });
    expect(essayOf(store, standup)).toMatchObject({
      body: 'Talked about the release.\nShipped it.',
      tags: ['work'],
    });
    // A first sentence is prose, not a title: the entry is whole again.
    expect(essayOf(store, byEnd(first.results, '2024-05-02 18:05'))).toMatchObject({
      title: null,
      body: 'Long walk by the river today. Saw herons. @life',
      tags: ['life', 'starred'],
    });
    const again = await importJournal(store, [path], OPTIONS);
    expect(again.totals).toMatchObject({ added: 0, unchanged: 2 });
  });
});

describe('bad input', () => {
  it('refuses each bad export with one sentence, writes nothing of it, and still imports the others', async () => {
    const { dir, store } = workspace();
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(jrnlExport()));
    const write = (name: string, content: string | Buffer) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    const journals = dayOneJournals() as Record<
      string,
      { entries: Array<Record<string, unknown>> }
    >;
    const noDate = structuredClone(journals['Journal.json']!);
    delete noDate.entries[2]!.creationDate;
    const noText = structuredClone(journals['Travel.json']!);
    noText.entries[1]!.text = '   ';
    const zipped = await zipBytes({ 'aa/x.json': JSON.stringify(journals['Travel.json']) });
    const paths = {
      malformed: write('malformed.json', '{"entries": [ {"date": '),
      missing: write('older-dayone.json', JSON.stringify(noDate)),
      noText: write('notext.json', JSON.stringify(noText)),
      escape: write('escape.zip', renameEntry(zipped, 'aa/x.json', '../x.json')),
      bomb: write('bomb.zip', declareUncompressedSize(await dayOneZip(), 0x80000000)),
      notZip: write('fake.zip', 'PK but not really'),
      unknown: write('other.json', '{"hello": "world"}'),
    };
    const outcome = await importJournal(store, [good, ...Object.values(paths)], OPTIONS);
    const reason = (path: string) => outcome.results.find((r) => r.path === path)?.reason;

    expect(reason(paths.malformed)).toMatch(
      /^malformed\.json is not valid JSON|is not valid JSON/u,
    );
    expect(reason(paths.missing)).toMatch(
      /not a Day One export this version reads \(entries\.2\.creationDate: .*\); nothing from it was imported/u,
    );
    expect(reason(paths.escape)).toMatch(/outside the archive.*nothing from it was imported/u);
    expect(reason(paths.bomb)).toMatch(/would unpack to 8\.0 GB|would unpack to \d+\.\d GB/u);
    expect(reason(paths.notZip)).toMatch(/not a zip file/u);
    expect(reason(paths.unknown)).toMatch(/not an export journal import knows/u);
    // An entry without text is refused alone; the rest of its export comes in.
    expect(outcome.results.find((r) => r.path.endsWith(UUID.travel))).toMatchObject({
      status: 'refused',
      reason: 'the entry of 2024-12-25 has no text',
    });
    for (const r of outcome.results.filter((r) => r.status === 'refused'))
      expect(r.reason!.split(/[.;] /u).length, r.reason).toBeLessThanOrEqual(3);

    expect(outcome.totals).toMatchObject({ added: 3, refused: 7 });
    expect(store.essays.count({ includeHidden: true })).toBe(3);
  });

  it('refuses a zip whose entries inflate past what they declare', async () => {
    const { dir, store } = workspace();
    const zip = declareUncompressedSize(await dayOneZip(), 10);
    writeFileSync(join(dir, 'liar.zip'), zip);
    const outcome = await importJournal(store, [join(dir, 'liar.zip')], OPTIONS);
    expect(outcome.results).toEqual([
      expect.objectContaining({
        status: 'refused',
        reason: expect.stringMatching(/not the size they claim.*nothing from it was imported/u),
      }),
    ]);
    expect(store.essays.count({ includeHidden: true })).toBe(0);
  });
});

describe('a dry run', () => {
  function fingerprint(path: string): string | null {
    return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
  }

  it('reports exactly what the import would do and leaves the database and its -wal byte-identical', async () => {
    const { dir, store, dbPath } = workspace();
    const vault = writeObsidianVault(join(dir, 'vault'));
    await importJournal(store, [join(vault, 'Daily')], OPTIONS);
    // Another connection (the bot) keeps the WAL alive across the dry run.
    const bot = new Database(dbPath);
    cleanups.push(() => bot.close());
    bot.pragma('wal_checkpoint(TRUNCATE)');
    const zip = join(dir, 'export.zip');
    writeFileSync(zip, await dayOneZip());

    const before = { db: fingerprint(dbPath), wal: fingerprint(`${dbPath}-wal`) };
    const count = store.essays.count({ includeHidden: true });
    const dry = await importJournal(store, [vault, zip], { ...OPTIONS, dryRun: true });
    expect({ db: fingerprint(dbPath), wal: fingerprint(`${dbPath}-wal`) }).toEqual(before);
    expect(store.essays.count({ includeHidden: true })).toBe(count);
    expect(dry.dryRun).toBe(true);

    const real = await importJournal(store, [vault, zip], OPTIONS);
    expect(dry.results).toEqual(real.results);
    expect(dry.totals).toEqual(real.totals);
    expect(real.totals.added).toBeGreaterThan(0);
    expect(fingerprint(`${dbPath}-wal`)).not.toEqual(before.wal);
  });
});
