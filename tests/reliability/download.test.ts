/**
 * Hostile attachments against the downloader (src/discord/download.ts),
 * with a loopback "CDN" of our own that counts what it managed to send:
 * URLs off the CDN are never requested, redirects are not followed, a huge
 * body is cut off long before it completes, and a silent server times out.
 * (tests/download.test.ts covers the ordinary cases against the fake CDN.)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentOption } from '../../src/commands/types.js';
import { createDownloader, isUnderBase, MAX_ATTACHMENT_BYTES } from '../../src/discord/download.js';
import { refusal } from '../helpers/handlers.js';

let server: Server;
let base: string;
/** Bytes the server wrote for each path, and whether that response finished. */
const sent = new Map<string, { bytes: number; finished: boolean }>();
let trapHits = 0;

const ROUTES: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/cdn/attachments/1/2/redirect.md': (_req, res) =>
    res.writeHead(302, { location: `${base}/trap` }).end(),
  '/trap': (_req, res) => {
    trapHits++;
    res.end('---\ndate: 2025-11-01\n---\n不该被下载。');
  },
  // 50 MB without a Content-Length: written as fast as the client reads.
  '/cdn/attachments/1/2/endless.md': (req, res) => {
    const record = { bytes: 0, finished: false };
    sent.set(req.url!, record);
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const total = 50 * 1024 * 1024;
    const pump = () => {
      while (record.bytes < total) {
        record.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      record.finished = true;
      res.end();
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  },
  // Claims 40 MB up front.
  '/cdn/attachments/1/2/declared.md': (_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/plain',
      'content-length': String(40 * 1024 * 1024),
    });
    res.write('x');
  },
  // Headers, a little, then nothing ever again.
  '/cdn/attachments/1/2/stalled.md': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('开头……');
  },
  // Never even answers.
  '/cdn/attachments/1/2/silent.md': () => {},
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = ROUTES[path];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const attachment = (url: string, size = 100): AttachmentOption => ({
  id: '2',
  filename: 'a.md',
  size,
  url,
  contentType: 'text/plain',
});

describe('URLs that are not under DISCORD_CDN_URL', () => {
  const CDN = 'https://cdn.discordapp.com';
  it.each([
    'http://127.0.0.1:1/',
    'http://127.0.0.1:1/attachments/1/2/a.md',
    'https://cdn.discordapp.com.evil.com/attachments/1/2/a.md',
    'https://cdn.discordapp.com@evil.com/attachments/1/2/a.md',
    'https://evil.com@cdn.discordapp.com/attachments/1/2/a.md',
    'https://evil.com#@cdn.discordapp.com/attachments/a.md',
    'https://evil.com\\@cdn.discordapp.com/attachments/a.md',
    'http://cdn.discordapp.com/attachments/1/2/a.md',
    'https://cdn.discordapp.com:8443/attachments/1/2/a.md',
    'https://media.discordapp.net/attachments/1/2/a.md',
    'https://2130706433/attachments/a.md',
    'https://[::1]/attachments/a.md',
    'file:///etc/passwd',
    'data:text/plain,hello',
    'javascript:alert(1)',
    '//cdn.discordapp.com/attachments/a.md',
    '',
  ])('refuses %j without making a request', async (url) => {
    expect(isUnderBase(url, CDN)).toBe(false);
    let fetched = 0;
    const download = createDownloader({
      cdnUrl: CDN,
      fetch: () => {
        fetched++;
        throw new Error('no');
      },
    });
    expect((await refusal(download(attachment(url)))).key).toBe('write.import.wrongHost');
    expect(fetched).toBe(0);
  });

  it('refuses a path that climbs out of a CDN base that has a path', () => {
    expect(
      isUnderBase('http://127.0.0.1:5000/cdn/../api/v10/users/@me', 'http://127.0.0.1:5000/cdn'),
    ).toBe(false);
    expect(
      isUnderBase(
        'http://127.0.0.1:5000/cdn/%2e%2e/api/v10/users/@me',
        'http://127.0.0.1:5000/cdn',
      ),
    ).toBe(false);
    expect(
      isUnderBase('http://127.0.0.1:5000/cdn/attachments/%2e%2e/a.md', 'http://127.0.0.1:5000/cdn'),
    ).toBe(true);
  });
});

describe('a CDN URL that misbehaves', () => {
  it('does not follow a redirect off the CDN', async () => {
    const download = createDownloader({ cdnUrl: `${base}/cdn` });
    const err = await refusal(download(attachment(`${base}/cdn/attachments/1/2/redirect.md`)));
    expect(err.key).toBe('write.import.downloadFailed');
    expect(trapHits).toBe(0);
  });

  it('cuts off a 50 MB body sent without a length (the attachment claimed 100 bytes) long before it completes', async () => {
    const download = createDownloader({ cdnUrl: `${base}/cdn` });
    const err = await refusal(download(attachment(`${base}/cdn/attachments/1/2/endless.md?ex=1`)));
    expect(err.key).toBe('write.import.tooLarge');
    // Let the server notice the closed connection.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const record = sent.get('/cdn/attachments/1/2/endless.md?ex=1')!;
    expect(record.finished).toBe(false);
    // The cap plus what socket buffers hold: nowhere near 50 MB.
    expect(record.bytes).toBeLessThan(MAX_ATTACHMENT_BYTES + 16 * 1024 * 1024);
    console.log(
      `endless body: the server got ${(record.bytes / 1024 / 1024).toFixed(1)} MB out before the download was cut off (cap ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB)`,
    );
  });

  it('refuses a body whose Content-Length is over the cap before reading it', async () => {
    const download = createDownloader({ cdnUrl: `${base}/cdn` });
    expect(
      (await refusal(download(attachment(`${base}/cdn/attachments/1/2/declared.md`)))).key,
    ).toBe('write.import.tooLarge');
  });

  it('gives up on a body that stalls, and on a server that never answers, after the timeout', async () => {
    const download = createDownloader({ cdnUrl: `${base}/cdn`, timeoutMs: 300 });
    expect(
      (await refusal(download(attachment(`${base}/cdn/attachments/1/2/stalled.md`)))).key,
    ).toBe('write.import.timeout');
    expect((await refusal(download(attachment(`${base}/cdn/attachments/1/2/silent.md`)))).key).toBe(
      'write.import.timeout',
    );
  });
});
