/** The messages between the bot and its read worker, and how errors and buffers cross. */
import { UserFacingError } from '../errors.js';
import type { ReadJobName } from './readJobs.js';
import type { MessageKey } from '../i18n/index.js';

export interface JobRequest {
  id: number;
  name: ReadJobName;
  args: unknown;
}

export interface SentError {
  message: string;
  stack?: string;
  /** Set for a UserFacingError, so the user still gets their sentence in their language. */
  userFacing?: { key?: MessageKey; params: Record<string, string | number> };
}

export type JobResponse =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SentError };

export function sendableError(err: unknown): SentError {
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    message: e.message,
    stack: e.stack,
    userFacing: err instanceof UserFacingError ? { key: err.key, params: err.params } : undefined,
  };
}

export function receivedError(sent: SentError): Error {
  const err = sent.userFacing
    ? new UserFacingError(sent.message, sent.userFacing.key, sent.userFacing.params)
    : new Error(sent.message);
  if (sent.stack) err.stack = `${err.name}: ${sent.message} (in the read worker)\n${sent.stack}`;
  return err;
}

/**
 * Structured cloning turns a Buffer into a plain Uint8Array; the reply
 * code (and discord.js) expect Buffers, so they are restored on arrival.
 */
export function restoreBuffers(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return Buffer.isBuffer(value)
      ? value
      : Buffer.from(value.buffer, value.byteOffset, value.length);
  if (Array.isArray(value)) return value.map(restoreBuffers);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = restoreBuffers(v);
    return out;
  }
  return value;
}
