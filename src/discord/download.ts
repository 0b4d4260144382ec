/**
 * Downloading an attachment for `/essay import`: only from DISCORD_CDN_URL
 * (anything else is refused before a single byte is requested), capped in
 * size both by what Discord says and by what actually arrives, and bounded
 * in time so a stalled server cannot hold an interaction forever.
 */
import { UserFacingError } from '../errors.js';
import type { AttachmentOption } from '../commands/types.js';

/** Essay files are text: a megabyte is hundreds of thousands of characters. */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024;
/** Well inside the 15 minutes a deferred interaction stays answerable. */
export const DOWNLOAD_TIMEOUT_MS = 15_000;

export interface DownloaderOptions {
  /** The CDN base (DISCORD_CDN_URL), without a trailing slash. */
  cdnUrl: string;
  maxBytes?: number;
  timeoutMs?: number;
  /** Injectable for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/** True when `url` is the CDN base itself or a path under it, on the same scheme, host and port. */
export function isUnderBase(url: string, base: string): boolean {
  let u: URL;
  let b: URL;
  try {
    u = new URL(url);
    b = new URL(base);
  } catch {
    return false;
  }
  if (u.username !== '' || u.password !== '') return false;
  if (u.protocol !== b.protocol || u.host !== b.host) return false;
  const prefix = b.pathname.endsWith('/') ? b.pathname : `${b.pathname}/`;
  return u.pathname.startsWith(prefix);
}

function tooLarge(maxBytes: number): UserFacingError {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new UserFacingError(`the file is larger than ${mb} MB`, 'write.import.tooLarge', { mb });
}

/** A downloader for `Services.download`. */
export function createDownloader(
  options: DownloaderOptions,
): (attachment: AttachmentOption) => Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_ATTACHMENT_BYTES;
  const timeoutMs = options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;

  return async (attachment) => {
    if (!isUnderBase(attachment.url, options.cdnUrl)) {
      throw new UserFacingError(
        `refusing to download from outside ${options.cdnUrl}`,
        'write.import.wrongHost',
      );
    }
    if (attachment.size > maxBytes) throw tooLarge(maxBytes);

    // A plain timer, not AbortSignal.timeout inside AbortSignal.any: on Node 20 the
    // combined signal holds its sources weakly, so a collected timeout never fired
    // and a stalled download hung (seen now and then in tests/download.test.ts).
    const stop = new AbortController();
    const signal = stop.signal;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stop.abort();
    }, timeoutMs);
    try {
      // A redirect could lead off the CDN, so none is followed.
      const response = await doFetch(attachment.url, { signal, redirect: 'error' });
      if (!response.ok || !response.body) {
        throw new UserFacingError(
          `the download failed with HTTP ${response.status}`,
          'write.import.downloadFailed',
          { status: response.status },
        );
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

      // The declared size may be missing or wrong: count what arrives.
      const chunks: Uint8Array[] = [];
      let total = 0;
      const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          await reader.cancel().catch(() => {});
          throw tooLarge(maxBytes);
        }
        chunks.push(value);
      }
      return Buffer.concat(chunks, total);
    } catch (err) {
      if (err instanceof UserFacingError) throw err;
      if (timedOut) {
        throw new UserFacingError(
          `the download took longer than ${timeoutMs / 1000} s`,
          'write.import.timeout',
          { seconds: timeoutMs / 1000 },
        );
      }
      throw new UserFacingError(
        `the download failed: ${(err as Error).message}`,
        'write.import.downloadFailed',
        { status: '—' },
      );
    } finally {
      clearTimeout(timer);
      stop.abort();
    }
  };
}
