/**
 * Files attached to a form in the console: a path typed at the prompt
 * becomes an attachment whose `file:` URL the console's downloader reads,
 * with the same size cap as Discord downloads, so the form's handler reads
 * a file the same way on both front ends.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AttachmentOption } from '../commands/types.js';
import { MAX_ATTACHMENT_BYTES, tooLarge } from '../discord/download.js';
import { UserFacingError } from '../errors.js';

/** The file at `path` as an attachment, or null when there is no readable file there. */
export function localAttachment(path: string): AttachmentOption | null {
  const full = resolve(path);
  try {
    const stat = statSync(full);
    if (!stat.isFile()) return null;
    return {
      id: `local:${full}`,
      filename: basename(full),
      size: stat.size,
      url: pathToFileURL(full).href,
      contentType: null,
    };
  } catch {
    return null;
  }
}

/** `Services.download` for the console: local `file:` URLs only, at most MAX_ATTACHMENT_BYTES. */
export function readLocalAttachment(attachment: AttachmentOption): Promise<Uint8Array> {
  if (!attachment.url.startsWith('file:'))
    return Promise.reject(
      new UserFacingError('the console reads only local files', 'write.import.unavailable'),
    );
  const path = fileURLToPath(attachment.url);
  try {
    // Checked again: the file may have grown since it was named.
    if (statSync(path).size > MAX_ATTACHMENT_BYTES) throw tooLarge(MAX_ATTACHMENT_BYTES);
    return Promise.resolve(new Uint8Array(readFileSync(path)));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}
