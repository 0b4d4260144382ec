import { createHash } from 'node:crypto';
import type { EssayDraft } from './essay.js';

/**
 * Identity of an essay's content: two files with the same text, date, title,
 * place, tags and content warning are one essay, wherever they live.
 */
export function contentHash(draft: EssayDraft): string {
  const fields: unknown[] = [
    draft.title,
    draft.date,
    draft.place,
    [...draft.tags].sort(),
    draft.body,
  ];
  // Appended only when set, so essays without a warning keep the hash they always had.
  if (draft.warning) fields.push({ warning: draft.warning });
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Hash of a file's raw bytes: unchanged bytes need no parsing at sync time. */
export function bytesHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
