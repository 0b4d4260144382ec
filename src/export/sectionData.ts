/** Reading an export section's data back: checked against its schema, refused in one sentence. */
import type { z } from 'zod';
import { UserFacingError } from '../errors.js';

/** A section's data as its schema reads it, or one sentence naming what is malformed (nothing is imported). */
export function parseSection<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new UserFacingError(
      `the export's ${what} are malformed (${parsed.error.issues[0]?.message ?? 'bad value'}); nothing was imported`,
    );
  return parsed.data;
}
