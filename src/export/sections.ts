/**
 * Parts of the journal besides essays that travel in a JSON export (curated
 * quotes, per-server settings, DM subscriptions). Each part's owner registers one section
 * here; export and restore then carry it without knowing its shape.
 */
import type { Store } from '../store/index.js';
import { quotesSection } from './quotesSection.js';
import { settingsSection } from './settingsSection.js';
import { subscriptionsSection } from './subscriptionsSection.js';
import { mutesSection } from './mutesSection.js';

export interface ExportSection {
  /** Its top-level key in the JSON export, e.g. `quotes` or `settings`. */
  key: string;
  /** What to write; must be JSON-serializable. Hidden essays' parts included (the export is the author's). */
  dump(store: Store): unknown;
  /**
   * Puts a dumped section back, inside the restore's transaction.
   * `essayIds` maps each exported essay id to the id it has now.
   * Throw a UserFacingError to refuse malformed data.
   */
  restore(store: Store, data: unknown, essayIds: ReadonlyMap<number, number>): void;
}

/**
 * The registered sections, in export order. Extension point: a module with
 * more to carry (its own table) adds its section here.
 */
export const EXPORT_SECTIONS: readonly ExportSection[] = [
  quotesSection,
  settingsSection,
  subscriptionsSection,
  mutesSection,
];
