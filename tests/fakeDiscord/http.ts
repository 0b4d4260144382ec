/** Request-body parsing (JSON and multipart) and JSON responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from './errors.js';

export interface UploadedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  /** n in `files[n]`; matches `attachments[].id` in the JSON payload. */
  index: number;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface ParsedBody {
  json: unknown;
  files: UploadedFile[];
  /** Raw size in bytes, for the upload size cap. */
  size: number;
}

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * discord.js sends JSON, or multipart with `payload_json` plus `files[n]`
 * whenever files are attached. Node's fetch `Request#formData()` parses
 * multipart, so no dependency is needed.
 */
export async function parseBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await readRaw(req);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { json: undefined, files: [], size: 0 };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    }).formData();
    let json: unknown;
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (field === 'payload_json' && typeof value === 'string') {
        try {
          json = JSON.parse(value);
        } catch {
          throw errors.invalidJson();
        }
      } else if (typeof value !== 'string') {
        const m = /^files\[(\d+)\]$/.exec(field) ?? /^file(\d*)$/.exec(field);
        files.push({
          field,
          index: m?.[1] ? Number(m[1]) : files.length,
          filename: value.name,
          contentType: value.type || 'application/octet-stream',
          bytes: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    return { json, files, size: raw.length };
  }
  try {
    return { json: JSON.parse(raw.toString('utf8')), files: [], size: raw.length };
  } catch {
    throw errors.invalidJson();
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (status === 204) {
    res.writeHead(204, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text).toString(),
      ...headers,
    })
    .end(text);
}
