/**
 * Front matter's YAML, with the `yaml` package loaded at the first front
 * matter read or written rather than at startup: most essays have none, a
 * restart reads no file, and it is one of the larger modules the bot loads.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
const yaml = () => require('yaml') as typeof Yaml;

/** Parses a front matter block; warnings are kept out of process.emitWarning (stray non-JSON lines in the bot's log). */
export function parseYaml(text: string): unknown {
  return yaml().parse(text, { logLevel: 'error' });
}

/** Writes fields as YAML; lineWidth 0 keeps a long title on one line instead of folding it. */
export function stringifyYaml(fields: Readonly<Record<string, unknown>>): string {
  return yaml().stringify(fields, { lineWidth: 0 });
}
