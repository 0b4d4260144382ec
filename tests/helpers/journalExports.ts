/**
 * Real-shaped exports of other journaling tools, built at test time: an
 * Obsidian vault, a Logseq graph, a Day One export zip, a jrnl export.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import yazl from 'yazl';

function put(root: string, files: Record<string, string | Buffer>): string {
  for (const [name, content] of Object.entries(files)) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return root;
}

/** A zip of these entries, as bytes. */
export async function zipBytes(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) {
    const mtime = new Date('2024-12-31T00:00:00Z');
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name, { mtime });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Sets the uncompressed size every central-directory record of `zip` declares (a zip bomb's lie). */
export function declareUncompressedSize(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = out.indexOf('PK\u0001\u0002', 0, 'latin1'); i >= 0;) {
    out.writeUInt32LE(size, i + 24);
    i = out.indexOf('PK\u0001\u0002', i + 4, 'latin1');
  }
  return out;
}

/** Renames an entry in place (same length), in its local header and the central directory alike. */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('names must have the same length');
  return Buffer.from(zip.toString('latin1').split(from).join(to), 'latin1');
}

/**
 * An Obsidian vault: daily notes named in each layout Obsidian and jrnl
 * use, its `.obsidian/` settings, a templates folder, an empty note.
 */
export function writeObsidianVault(root: string): string {
  return put(root, {
    '.obsidian/app.json': '{"legacyEditor":false}',
    '.obsidian/daily-notes.json': '{"folder":"Daily","template":"templates/Daily"}',
    '.obsidian/plugins/calendar/README.md': '# Calendar plugin\n\nNot a note.\n',
    'templates/Daily.md': '# {{date}}\n\n## 今天\n\n',
    'Daily/2024-03-15.md': '# 周五\n去了西湖,#travel 风很大。\n\n[[杭州]] 下次再去。\n',
    'Daily/2024-03-16 Saturday.md': 'Slept in. Read [[The Overstory]].\n',
    'Journal/2024/03/17.md': '山里没有信号。\n',
    'Journal/2024/03/2024-03-18.md': '回城。\n',
    '20240319.md': 'Compact name.\n',
    'Daily/2024-03-20.md': '',
    'Daily/2023-02-29.md': '不存在的一天。\n',
    'Ideas.md': '---\ndate: 2024-01-02\ntags: [idea]\n---\n一个想法。\n',
  });
}

/** A Logseq graph: journals as outlines with properties, its `logseq/` folder and backups, an empty page. */
export function writeLogseqGraph(root: string): string {
  return put(root, {
    'logseq/config.edn': '{:meta/version 1}\n',
    'logseq/custom.css': '',
    'logseq/bak/journals/2024_03_15/2024-03-15T10_00_00.000Z.Desktop.md': '- 旧的备份\n',
    'journals/2024_03_15.md':
      'title:: 西湖\ntags:: travel, [[杭州]], #spring\n\n- 早上去了西湖。\n\t- 人很多\n\t  还下了雨\n- 晚上吃了面。\n  collapsed:: true\n',
    'journals/2024_03_16.md': '- \n',
    'pages/contents.md': '-\n',
  });
}

/** Day One's entry uuids: 32 upper-case hex digits. */
export const UUID = {
  shanghaiLate: '0A1B2C3D4E5F60718293A4B5C6D7E8F9',
  newYork: '1A1B2C3D4E5F60718293A4B5C6D7E8F9',
  berlin: '2A1B2C3D4E5F60718293A4B5C6D7E8F9',
  photoOnly: '3A1B2C3D4E5F60718293A4B5C6D7E8F9',
  travel: '4A1B2C3D4E5F60718293A4B5C6D7E8FA',
} as const;

/**
 * The journals of a Day One export: three time zones (one entry written
 * after midnight in Shanghai, still the previous day in UTC), places at
 * each level of detail, tags, a star, photos, Day One's backslash escapes.
 */
export function dayOneJournals(): Record<string, unknown> {
  const journal = {
    metadata: { version: '1.0' },
    entries: [
      {
        uuid: UUID.shanghaiLate,
        creationDate: '2024-03-15T17:30:00Z', // 01:30 on the 16th in Shanghai
        modifiedDate: '2024-03-15T18:00:00Z',
        timeZone: 'Asia/Shanghai',
        text: '# 夜里的外滩\n\n风很大\\. 走了 3\\.5 公里\\!\n\n![](dayone-moment://AAAA1111)\n\n\\- 不是列表',
        richText: '{"contents":[]}',
        starred: true,
        tags: ['散步', 'night'],
        location: {
          placeName: '外滩',
          localityName: '上海',
          administrativeArea: '上海市',
          country: 'China',
          latitude: 31.24,
          longitude: 121.49,
        },
        photos: [{ identifier: 'AAAA1111', md5: 'aaaa1111', type: 'jpeg', orderInEntry: 0 }],
        creationDevice: 'iPhone',
        duration: 0,
        isPinned: false,
      },
      {
        uuid: UUID.newYork,
        creationDate: '2024-07-04T02:00:00Z', // 22:00 on the 3rd in New York
        timeZone: 'America/New_York',
        text: 'Fireworks were early this year\\.',
        starred: false,
        location: { localityName: 'Brooklyn', administrativeArea: 'New York' },
      },
      {
        uuid: UUID.photoOnly,
        creationDate: '2024-07-05T12:00:00Z',
        timeZone: 'America/New_York',
        text: '![](dayone-moment://BBBB2222)\n![](dayone-moment://CCCC3333)',
        photos: [{ identifier: 'BBBB2222' }, { identifier: 'CCCC3333' }],
      },
    ],
  };
  const travel = {
    metadata: { version: '1.0' },
    entries: [
      {
        uuid: UUID.berlin,
        creationDate: '2024-12-24T18:00:00Z', // 19:00 in Berlin
        timeZone: 'Europe/Berlin',
        text: '# Heiligabend\n\nMarkt am Gendarmenmarkt\\, dann nach Hause\\.',
        tags: ['travel'],
        location: { administrativeArea: 'Berlin' },
      },
      {
        uuid: UUID.travel,
        creationDate: '2024-12-25T09:00:00.000Z',
        timeZone: 'Europe/Berlin',
        text: 'Christmas morning, C:\\\\Users\\\\me and a \\\\ backslash.',
        tags: [],
      },
    ],
  };
  return { 'Journal.json': journal, 'Travel.json': travel };
}

/** The Day One export zip: both journals and their photos. */
export async function dayOneZip(): Promise<Buffer> {
  const files: Record<string, string | Buffer> = {
    'photos/aaaa1111.jpeg': Buffer.alloc(2048, 0xff),
    'photos/bbbb2222.jpeg': Buffer.alloc(1024, 0xfe),
    'photos/cccc3333.jpeg': Buffer.alloc(1024, 0xfd),
  };
  for (const [name, doc] of Object.entries(dayOneJournals()))
    files[name] = JSON.stringify(doc, null, 2);
  return zipBytes(files);
}

/** What `jrnl --format json` writes. */
export function jrnlExport(): unknown {
  return {
    tags: { '@work': 1, '@life': 1 },
    entries: [
      {
        title: 'Standup',
        body: 'Talked about the release.\nShipped it.',
        date: '2024-05-01',
        time: '09:30',
        tags: ['@work'],
        starred: false,
      },
      {
        title: 'Long walk by the river today.',
        body: 'Saw herons. @life',
        date: '2024-05-02',
        time: '18:05',
        tags: ['@life'],
        starred: true,
      },
    ],
  };
}
