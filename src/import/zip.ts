/**
 * Reading the few entries an import needs out of a zip (the journals of a
 * Day One export, not its photos), within limits: a zip bomb, a zip with
 * too many entries or a name reaching outside it (`../x`) is refused with
 * one sentence before anything is imported.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

export interface ZipLimits {
  /** Entries in the whole archive, photos included. */
  maxEntries: number;
  /** Uncompressed bytes of the entries read, together. */
  maxBytes: number;
}

export const ZIP_LIMITS: ZipLimits = { maxEntries: 100_000, maxBytes: 256 * 1024 * 1024 };

/** Why a zip was refused; the message is one sentence for the author. */
export class ZipRefusal extends Error {
  override readonly name = 'ZipRefusal';
}

function megabytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** yauzl's messages, as a sentence an author can act on. */
function explain(err: Error): string {
  const m = err.message;
  if (/invalid relative path|absolute path|invalid characters/iu.test(m))
    return `it holds a file named outside the archive (${m.replace(/^.*?:\s*/u, '')}), so it was not read`;
  if (/end of central directory|signature/iu.test(m))
    return `it is not a zip file, or it is damaged (${m})`;
  if (/too many bytes|too few bytes|extends beyond|exceeds/iu.test(m))
    return `its entries are not the size they claim (${m}), so it was not read`;
  if (/encrypted/iu.test(m)) return 'it is encrypted; export it again without a password';
  return `it could not be read: ${m}`;
}

async function readEntry(
  zip: ZipFile,
  entry: Entry,
  budget: { left: number; max: number },
): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    // yauzl checks the declared size as it inflates; this bounds the total even so.
    budget.left -= chunk.length;
    if (budget.left < 0) {
      stream.destroy();
      throw new ZipRefusal(`it unpacks to more than ${megabytes(budget.max)}`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The entries of a zip (a file path or bytes) whose names `want` accepts,
 * by name. Throws ZipRefusal with the reason when the archive is refused.
 */
export async function readZipEntries(
  source: { path: string } | { bytes: Buffer },
  want: (name: string) => boolean,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<Map<string, Buffer>> {
  let zip: ZipFile;
  try {
    // Entries are listed first and read after, so the file must stay open past the last one.
    const options = { lazyEntries: true, autoClose: false };
    zip =
      'path' in source
        ? await yauzl.openPromise(source.path, options)
        : await yauzl.fromBufferPromise(source.bytes, options);
  } catch (err) {
    throw new ZipRefusal(explain(err as Error));
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new ZipRefusal(
        `it holds ${zip.entryCount} files, more than the ${limits.maxEntries} an export may have`,
      );
    // Every name is checked (yauzl refuses ../ and absolute paths) before anything is read.
    const wanted: Entry[] = [];
    for await (const entry of zip.eachEntry()) {
      if (!entry.fileName.endsWith('/') && want(entry.fileName)) wanted.push(entry);
    }
    const declared = wanted.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (declared > limits.maxBytes)
      throw new ZipRefusal(
        `it would unpack to ${megabytes(declared)}, more than the ${megabytes(limits.maxBytes)} an import reads`,
      );
    const budget = { left: limits.maxBytes, max: limits.maxBytes };
    const out = new Map<string, Buffer>();
    for (const entry of wanted) out.set(entry.fileName, await readEntry(zip, entry, budget));
    return out;
  } catch (err) {
    if (err instanceof ZipRefusal) throw err;
    throw new ZipRefusal(explain(err as Error));
  } finally {
    zip.close();
  }
}
