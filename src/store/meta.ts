/** Key-value facts the bot keeps between runs (e.g. what it last registered with Discord). */
import { atomic, type Db } from './database.js';

export function createMetaStore(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const put = db.prepare<[string, string]>(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get: (key: string): string | null => get.get(key)?.value ?? null,
    set: atomic(db)((key: string, value: string): void => void put.run(key, value)),
  };
}

export type MetaStore = ReturnType<typeof createMetaStore>;
