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

export function tooLarge(maxBytes: number): UserFacingError {
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

    // The deadline is raced against every await rather than trusted to the fetch
    // signal alone: on Node 20, undici holds its abort listener weakly, so an abort
    // could go unheard once the response had arrived and a stalled body hung
    // (seen now and then in tests/download.test.ts). The abort still frees the socket.
    const stop = new AbortController();
    const signal = stop.signal;
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        stop.abort();
        reject(new Error('timed out'));
      }, timeoutMs);
    });
    // Keeps an unobserved rejection from being reported when the download won the race.
    deadline.catch(() => {});
    const withinDeadline = <T>(step: Promise<T>): Promise<T> => Promise.race([step, deadline]);
    try {
      // A redirect could lead off the CDN, so none is followed.
      const response = await withinDeadline(doFetch(attachment.url, { signal, redirect: 'error' }));
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
        const { done, value } = await withinDeadline(reader.read()).catch(async (err: unknown) => {
          await reader.cancel().catch(() => {});
          throw err;
        });
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
