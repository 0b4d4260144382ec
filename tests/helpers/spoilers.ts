/**
 * What a message payload shows before anyone taps a spoiler: every string in
 * it, less `||…||` spans and Components V2 containers marked `spoiler`, with
 * markdown escapes undone. Content-warning tests search it for an essay's words.
 */
const SPOILER = /\|\|[\s\S]*?\|\|/gu;
const CONTAINER = 17;

function collect(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    out.push(value.replace(SPOILER, ' ').replace(/\\(.)/gu, '$1'));
  } else if (Array.isArray(value)) {
    for (const v of value) collect(v, out);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === CONTAINER && record.spoiler === true) return;
    for (const v of Object.values(record)) collect(v, out);
  }
}

export function unspoileredText(payload: unknown): string {
  const out: string[] = [];
  collect(payload, out);
  return out.join('\n');
}

/** The sentences of a text, without their end marks: each must stay out of sight. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/[。！？!?\n]/u)
    .map((s) => s.trim())
    .filter((s) => s.length >= 4);
}
