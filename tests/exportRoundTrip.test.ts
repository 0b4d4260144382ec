/**
 * `journal export` then `journal import` into an empty database, as real
 * processes: the journal that comes back is equal in every field users see
 * (essays, hidden flags, curated quotes, server settings, muted periods).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.js';
import type { Essay, EssayDraft } from '../src/journal/essay.js';
import { openStore, type Store } from '../src/store/index.js';
import { runJournal } from './helpers/run.js';
import { tempDir } from './helpers/store.js';

const t = tempDir('journal-export-');
const source = join(t.dir, 'source.db');
const clock = fixedClock('2026-11-29T07:30:00Z');

const JOURNAL: Array<EssayDraft & { hidden?: boolean }> = [
  {
    title: '出发',
    body: '今天去了北京。\n\n天很蓝。',
    date: '2025-11-01',
    place: '横跨太平洋飞往北京的波音777上',
    tags: ['旅行', '2025', 'a,b'],
  },
  {
    title: null,
    body: '短短一行\n\n然后是正文,没有标题。',
    date: '2025-11-01',
    place: null,
    tags: [],
  },
  {
    title: '引文',
    body: '他说:\n\n— 2024.1.1 于上海',
    date: '2024-03-05',
    place: '上海',
    tags: ['读书'],
  },
  {
    title: '不想再看到',
    body: '很难过的一天。',
    date: '2023-07-07',
    place: null,
    tags: [],
    hidden: true,
  },
  {
    title: 'a: b # "c"',
    body: '---\n**粗体** 和 @everyone\n...',
    date: '2020-02-29',
    place: 'Zürich',
    tags: ['true'],
  },
  { title: 'Trip', body: 'Part one.', date: '2022-01-01', place: null, tags: [] },
  { title: 'trip', body: 'Part two.', date: '2022-01-01', place: null, tags: [] },
  { title: 'a/b\\c', body: 'Slashes in the title.', date: '2021-12-31', place: null, tags: [] },
];

/** What users see of an essay. */
const visible = (e: Essay) => ({
  id: e.id,
  title: e.title,
  date: e.date,
  place: e.place,
  tags: e.tags,
  hidden: e.hidden,
  body: e.body,
});
const withoutId = ({ id: _id, ...rest }: ReturnType<typeof visible>) => rest;
const byContent = (a: { date: string; body: string }, b: { date: string; body: string }) =>
  a.date + a.body < b.date + b.body ? -1 : 1;

let original: Essay[];
let originalQuotes: ReturnType<typeof quotesOf>;

/** Curated quotes as users see them: text, the essay they point to (by its title), where they came from. */
function quotesOf(store: Store) {
  return store.quotes.curated
    .list({ includeHidden: true })
    .map((q) => ({
      text: q.text,
      essay:
        q.essayId === null ? null : store.essays.get(q.essayId, { includeHidden: true })?.title,
      message: q.message,
      savedBy: q.savedBy,
      visible: q.visible,
    }))
    .sort((a, b) => (a.text < b.text ? -1 : 1));
}

beforeAll(() => {
  const store = openStore(source, clock);
  for (const draft of JOURNAL) {
    const essay = store.essays.insert(draft, 'discord');
    if (draft.hidden) store.essays.setHidden(essay.id, true);
  }
  // A deleted essay leaves a gap in the ids and is not exported.
  store.trash.put(
    store.essays.insert(
      { title: '删掉的', body: '不要了。', date: '2026-01-01', place: null, tags: [] },
      'discord',
    ).id,
    null,
  );
  // Curated quotes: one attributed to an essay, one to the hidden essay, one saved from a message.
  const [first, , , hidden] = store.essays.all({ includeHidden: true }).sort((a, b) => a.id - b.id);
  store.quotes.curated.add({ text: '天很蓝。', essayId: first!.id, savedBy: '300000000000000001' });
  store.quotes.curated.add({ text: '很难过的一天。', essayId: hidden!.id });
  store.quotes.curated.add({
    text: '别人说过的一句话。',
    message: {
      guildId: '100000000000000001',
      channelId: '200000000000000001',
      messageId: '400000000000000001',
      url: 'https://discord.com/channels/1/2/4',
      authorId: '300000000000000009',
      sentAt: '2026-11-20T09:15:00.000Z',
    },
  });
  store.guilds.save({
    guildId: '100000000000000001',
    channelId: '200000000000000001',
    time: '08:30',
    timeZone: 'Asia/Shanghai',
    enabled: true,
    language: 'zh-CN',
    emptyDay: 'nearest',
    startsOn: '2026-01-01',
  });
  store.subscriptions.subscribe(DMS[0]!);
  // An ended subscription stays behind: the export carries who still gets DMs.
  store.subscriptions.subscribe({ ...DMS[0]!, userId: '300000000000000008' });
  store.subscriptions.end('300000000000000008', 'recipient_closed');
  for (const { from, to, note } of MUTES) store.mutes.add({ from, to, note });
  original = store.essays.all({ includeHidden: true });
  originalQuotes = quotesOf(store);
  store.close();
});
afterAll(() => t.cleanup());

function readJournal(path: string): Essay[] {
  return readBack(path).essays;
}

function readBack(path: string) {
  const store: Store = openStore(path, clock);
  try {
    return {
      essays: store.essays.all({ includeHidden: true }),
      quotes: quotesOf(store),
      guilds: store.guilds.list().map(({ updatedAt: _u, ...g }) => g),
      // What a restore makes afresh (stamps, the ended-or-not state) is this machine's, not the export's.
      dms: store.subscriptions
        .listActive()
        .map(
          ({
            active: _a,
            endedReason: _r,
            endedDetail: _d,
            endedAt: _e,
            createdAt: _c,
            updatedAt: _u,
            ...dm
          }) => dm,
        ),
      mutes: store.mutes.list().map(({ id: _id, ...m }) => m),
    };
  } finally {
    store.close();
  }
}

const DMS = [
  {
    userId: '300000000000000007',
    time: '07:15',
    timeZone: 'Europe/London',
    language: 'en-US' as const,
    startsOn: '2026-02-01',
  },
];

const GUILDS = [
  {
    guildId: '100000000000000001',
    channelId: '200000000000000001',
    time: '08:30',
    timeZone: 'Asia/Shanghai',
    enabled: true,
    language: 'zh-CN',
    emptyDay: 'nearest',
    startsOn: '2026-01-01',
    disabledReason: null,
    pausedUntil: null,
    lastFailure: null,
  },
];

/** Muted periods as users see them (ids are the new journal's own). */
const MUTES = [
  { from: '2023-07-01', to: '2023-07-31', note: '那个夏天', createdAt: '2026-11-29T07:30:00.000Z' },
  { from: '2024-03-05', to: '2024-03-05', note: null, createdAt: '2026-11-29T07:30:00.000Z' },
];

describe('export and import round trip', () => {
  it('restores every field from a Markdown export (one file per essay, names by date and title)', async () => {
    const out = join(t.dir, 'md');
    const exported = await runJournal(['export', '--db', source, '--format', 'md', '--out', out]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/exported 8 essays \(1 hidden\)/u);
    const files = readdirSync(out)
      .filter((f) => f.endsWith('.md'))
      .sort();
    expect(files).toHaveLength(8);
    expect(readdirSync(out)).toContain('journal.json');
    expect(files).toContain('2025-11-01-出发.md');
    expect(files).toContain('2021-12-31-a-b-c.md');
    expect(files.filter((f) => f.toLowerCase().startsWith('2022-01-01-trip'))).toHaveLength(2);
    expect(readFileSync(join(out, '2023-07-07-不想再看到.md'), 'utf8')).toContain('hidden: true');

    const target = join(t.dir, 'from-md.db');
    const imported = await runJournal(['import', '--db', target, out]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /8 added, 0 updated, 0 unchanged, 0 duplicate, 0 skipped, 0 refused/u,
    );
    const back = readBack(target);
    expect(back.essays.map(visible).map(withoutId).sort(byContent)).toEqual(
      original.map(visible).map(withoutId).sort(byContent),
    );
    expect(back.quotes).toEqual(originalQuotes);
    expect(back.guilds).toEqual(GUILDS);
    expect(back.dms).toEqual(DMS);
    expect(back.mutes).toEqual(MUTES);

    // Importing the same export again changes nothing.
    expect((await runJournal(['import', '--db', target, out])).stdout).toMatch(
      /0 added, 0 updated, 8 unchanged/u,
    );
  });

  it('restores every field, ids included, from a JSON export', async () => {
    const out = join(t.dir, 'journal.json');
    const exported = await runJournal(['export', '--db', source, '--format', 'json', '--out', out]);
    expect(exported.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(doc).toMatchObject({
      format: 'journal-bot export',
      version: 1,
      settings: { guilds: [{ time: '08:30' }] },
    });
    expect(doc.quotes).toHaveLength(3);

    const target = join(t.dir, 'from-json.db');
    const imported = await runJournal(['import', '--db', target, out]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const back = readBack(target);
    expect(back.essays.map(visible)).toEqual(original.map(visible));
    expect(back.quotes).toEqual(originalQuotes);
    expect(back.guilds).toEqual(GUILDS);
    expect(back.dms).toEqual(DMS);
    expect(back.mutes).toEqual(MUTES);
    expect((await runJournal(['import', '--db', target, out])).stdout).toMatch(
      /0 added, 0 updated, 8 unchanged/u,
    );
  });

  it('refuses to overwrite: a non-empty folder or an existing file', async () => {
    const dir = join(t.dir, 'busy');
    await runJournal(['export', '--db', source, '--format', 'md', '--out', dir]);
    const again = await runJournal(['export', '--db', source, '--format', 'md', '--out', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/u);
    const file = join(t.dir, 'exists.json');
    writeFileSync(file, '{}');
    const json = await runJournal(['export', '--db', source, '--format', 'json', '--out', file]);
    expect(json.code).toBe(1);
    expect(json.stderr).toMatch(/already exists/u);
    expect(readFileSync(file, 'utf8')).toBe('{}');
  });

  it('refuses a JSON file that is not an export, naming the problem, and imports nothing', async () => {
    const file = join(t.dir, 'other.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'journal-bot export',
        version: 1,
        essays: [{ id: 1, title: null, date: '2025-02-30' }],
      }),
    );
    const target = join(t.dir, 'refused.db');
    const r = await runJournal(['import', '--db', target, file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a journal-bot export \(essays\.0\.date/u);
    expect(readJournal(target)).toEqual([]);
  });
});
