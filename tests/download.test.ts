/**
 * The attachment downloader against the fake Discord's CDN over loopback:
 * only the CDN, capped in size, bounded in time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentOption } from '../src/commands/types.js';
import { createDownloader, isUnderBase, MAX_ATTACHMENT_BYTES } from '../src/discord/download.js';
import { startFakeDiscord, type FakeAttachment, type FakeDiscord } from './fakeDiscord/index.js';
import { refusal } from './helpers/handlers.js';

let fake: FakeDiscord;
/** Another host on loopback that counts what reaches it: a refused URL must never get here. */
let trap: Server;
let trapUrl: string;
let trapHits = 0;

beforeAll(async () => {
  fake = await startFakeDiscord();
  trap = createServer((_req, res) => {
    trapHits++;
    res.end('---\ndate: 2025-11-01\n---\n不该被下载。');
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => trap.close(resolve));
});

const asOption = (a: FakeAttachment, over: Partial<AttachmentOption> = {}): AttachmentOption => ({
  id: a.id,
  filename: a.filename,
  size: a.size,
  url: a.url,
  contentType: a.content_type,
  ...over,
});

describe('downloading an attachment', () => {
  it('fetches a file from the CDN, keeping its signed query', async () => {
    const download = createDownloader({ cdnUrl: fake.cdnUrl });
    const a = fake.registerAttachment('出发.md', '出发\n\n今天去了北京。\n\n— 2025.11.1 于北京\n');
    expect(a.url).toMatch(/\?ex=/u);
    expect(Buffer.from(await download(asOption(a))).toString('utf8')).toContain('今天去了北京');
  });

  it('refuses a URL on another host, or outside the CDN path, without making any request', async () => {
    const download = createDownloader({ cdnUrl: fake.cdnUrl });
    const before = fake.cdnRequests.length;
    const elsewhere = {
      id: '1',
      filename: 'a.md',
      size: 10,
      url: `${trapUrl}/cdn/attachments/1/2/a.md`,
      contentType: 'text/plain',
    };
    expect((await refusal(download(elsewhere))).key).toBe('write.import.wrongHost');
    const sideways = { ...elsewhere, url: `${fake.apiUrl}/v10/users/@me` };
    expect((await refusal(download(sideways))).key).toBe('write.import.wrongHost');
    const lookalike = { ...elsewhere, url: `${fake.cdnUrl}.evil.example/a.md` };
    expect((await refusal(download(lookalike))).key).toBe('write.import.wrongHost');
    expect(trapHits).toBe(0);
    expect(fake.cdnRequests.length).toBe(before);
    expect(fake.requests.filter((r) => r.route.startsWith('/users'))).toEqual([]);
  });

  it('refuses a file Discord says is over 1 MB without downloading it', async () => {
    const download = createDownloader({ cdnUrl: fake.cdnUrl });
    const a = fake.registerLargeAttachment('huge.md', MAX_ATTACHMENT_BYTES + 1);
    const before = fake.cdnRequests.length;
    const err = await refusal(download(asOption(a)));
    expect(err.key).toBe('write.import.tooLarge');
    expect(err.params).toEqual({ mb: 1 });
    expect(fake.cdnRequests.length).toBe(before);
  });

  it('stops reading once more than the cap arrives, whatever size was declared', async () => {
    const download = createDownloader({ cdnUrl: fake.cdnUrl, maxBytes: 64 * 1024 });
    const liar = fake.registerLargeAttachment('liar.md', 50 * 1024 * 1024, 'text/plain', {
      omitContentLength: true,
      chunkBytes: 16 * 1024,
    });
    expect((await refusal(download(asOption(liar, { size: 100 })))).key).toBe(
      'write.import.tooLarge',
    );
    const declared = fake.registerLargeAttachment('declared.md', 10 * 1024 * 1024);
    expect((await refusal(download(asOption(declared, { size: 100 })))).key).toBe(
      'write.import.tooLarge',
    );
  });

  it('gives up on a stalled download after its timeout', async () => {
    const download = createDownloader({ cdnUrl: fake.cdnUrl, timeoutMs: 300 });
    const stalled = fake.registerAttachment('stalled.md', 'x'.repeat(5000), 'text/plain', {
      stallAfterBytes: 100,
    });
    const err = await refusal(download(asOption(stalled)));
    expect(err.key).toBe('write.import.timeout');
  });

  it('reports an expired link as a failed download', async () => {
    const download = createDownloader({ cdnUrl: fake.cdnUrl });
    const gone = fake.registerAttachment('gone.md', 'x', 'text/plain', { status: 404 });
    expect((await refusal(download(asOption(gone)))).params).toEqual({ status: 404 });
  });
});

describe('which URLs are under the CDN base', () => {
  it.each([
    ['https://cdn.discordapp.com/attachments/1/2/a.md?ex=1', 'https://cdn.discordapp.com', true],
    [
      'https://cdn.discordapp.com.evil.example/attachments/a.md',
      'https://cdn.discordapp.com',
      false,
    ],
    ['http://cdn.discordapp.com/attachments/a.md', 'https://cdn.discordapp.com', false],
    ['https://user:pw@cdn.discordapp.com/attachments/a.md', 'https://cdn.discordapp.com', false],
    ['http://127.0.0.1:5000/cdn/attachments/a.md', 'http://127.0.0.1:5000/cdn', true],
    ['http://127.0.0.1:5000/cdnx/attachments/a.md', 'http://127.0.0.1:5000/cdn', false],
    ['http://127.0.0.1:5001/cdn/attachments/a.md', 'http://127.0.0.1:5000/cdn', false],
    ['not a url', 'https://cdn.discordapp.com', false],
  ])('%s under %s: %s', (url, base, expected) => {
    expect(isUnderBase(url, base)).toBe(expected);
  });
});
