/**
 * A stand-in for cdn.discordapp.com: serves attachments the tests register
 * (and files the bot uploads), optionally slowly, stalled, or huge, so the
 * bot's download timeout and size cap can be exercised without real traffic.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomHex } from './ids.js';

export interface CdnServeOptions {
  /** Wait this long before sending headers. */
  delayMs?: number;
  /** Send the body in chunks of this many bytes (default 64 KiB)… */
  chunkBytes?: number;
  /** …waiting this long between chunks (default 0). */
  chunkDelayMs?: number;
  /** Send no Content-Length (chunked encoding), as a server lying about size might. */
  omitContentLength?: boolean;
  /** Stop sending after this many bytes and keep the connection open (a stalled download). */
  stallAfterBytes?: number;
  /** Answer with this status instead of 200 (e.g. 404 for an expired link). */
  status?: number;
}

/** What the fake returns for a registered file: an attachment object as Discord sends it. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type: string;
  description?: string;
  /** Set on files a user uploaded through a modal: Discord keeps those only for a while. */
  ephemeral?: boolean;
}

interface CdnEntry {
  contentType: string;
  size: number;
  /** Returns the bytes in [start, end). */
  read: (start: number, end: number) => Buffer;
  opts: CdnServeOptions;
}

export interface CdnRequest {
  at: number;
  method: string;
  path: string;
  status: number;
}

export class FakeCdn {
  private readonly entries = new Map<string, CdnEntry>();
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly requests: CdnRequest[] = [];

  constructor(private readonly baseUrl: string) {}

  /**
   * Serves `read` under `/attachments/{channel}/{id}/{filename}` and returns
   * the URL with Discord's signed-link query (`ex`, `is`, `hm`), which real
   * attachment URLs carry and a bot must keep when downloading.
   */
  register(
    channelId: string,
    id: string,
    filename: string,
    contentType: string,
    size: number,
    read: CdnEntry['read'],
    opts: CdnServeOptions = {},
  ): string {
    const path = `/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    this.entries.set(path, { contentType, size, read, opts });
    const ex = Math.floor(Date.now() / 1000 + 86_400).toString(16);
    const is = Math.floor(Date.now() / 1000).toString(16);
    return `${this.baseUrl}${path}?ex=${ex}&is=${is}&hm=${randomHex(32)}&`;
  }

  registerBytes(
    channelId: string,
    id: string,
    filename: string,
    bytes: Buffer,
    contentType: string,
    opts?: CdnServeOptions,
  ): string {
    return this.register(
      channelId,
      id,
      filename,
      contentType,
      bytes.length,
      (s, e) => bytes.subarray(s, e),
      opts,
    );
  }

  /** A body of `size` bytes produced on demand, so a "2 GB" file costs no memory. */
  registerGenerated(
    channelId: string,
    id: string,
    filename: string,
    size: number,
    contentType: string,
    opts?: CdnServeOptions,
  ): string {
    return this.register(
      channelId,
      id,
      filename,
      contentType,
      size,
      (s, e) => Buffer.alloc(e - s, 0x61),
      opts,
    );
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  handle(req: IncomingMessage, res: ServerResponse, subpath: string): void {
    const method = req.method ?? 'GET';
    const entry = this.entries.get(subpath);
    const log = (status: number) =>
      this.requests.push({ at: Date.now(), method, path: subpath, status });
    if (!entry || (method !== 'GET' && method !== 'HEAD')) {
      log(404);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    const { opts } = entry;
    const status = opts.status ?? 200;
    log(status);
    const start = () => {
      if (res.destroyed) return;
      const headers: Record<string, string> = {
        'content-type': entry.contentType,
        'cache-control': 'public, max-age=31536000',
      };
      if (!opts.omitContentLength) headers['content-length'] = String(entry.size);
      res.writeHead(status, headers);
      if (method === 'HEAD' || status !== 200) {
        res.end();
        return;
      }
      const chunk = opts.chunkBytes ?? 64 * 1024;
      const limit =
        opts.stallAfterBytes === undefined
          ? entry.size
          : Math.min(opts.stallAfterBytes, entry.size);
      let sent = 0;
      const pump = () => {
        while (!res.destroyed && sent < limit) {
          const end = Math.min(sent + chunk, limit);
          const ok = res.write(entry.read(sent, end));
          sent = end;
          if (opts.chunkDelayMs) {
            this.later(opts.chunkDelayMs, pump);
            return;
          }
          if (!ok) {
            res.once('drain', pump);
            return;
          }
        }
        // A stalled download never ends; close() tears the socket down.
        if (!res.destroyed && sent >= entry.size) res.end();
      };
      pump();
    };
    if (opts.delayMs) this.later(opts.delayMs, start);
    else start();
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
