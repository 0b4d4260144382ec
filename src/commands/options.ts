import type { Options } from './types.js';

/** A string option's value, or '' when it is missing or of another type. */
export function textOption(options: Options, name: string): string {
  const value = options[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
