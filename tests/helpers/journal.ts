/**
 * A small journal on disk for the reliability tests: an anniversary essay
 * that says @everyone and pings a role, a long essay that pages, a hidden
 * essay, and the shipped seed essay. Plus the clock facts the tests need,
 * and the same journal in a store for calling handlers in-process.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../src/clock.js';
import { importPaths } from '../../src/import/importFiles.js';
import { addDays } from '../../src/journal/dates.js';
import type { Store } from '../../src/store/index.js';
import { oneYearBefore, stableZone, todayIn } from './e2e.js';
import { AUTHOR, contextWith } from './handlers.js';
import { memoryStore, tempDir } from './store.js';

export const ZONE = stableZone();
export const today = todayIn(ZONE);
export const lastYear = oneYearBefore(today);

export const ROLE_ID = '123456789012345678';
export const ANNIVERSARY_TITLE = '一年前的今天';
export const LONG_TITLE = '很长的一篇';
export const HIDDEN_TITLE = '不公开的秘密';
/** A sentence of the hidden essay (what quotes would draw from it). */
export const HIDDEN_QUOTE = '我从不告诉别人这句话。';
/** A word only the hidden essay contains, to search for. */
export const HIDDEN_WORD = '蓝鲸秘语';

/** Writes the journal into `dir/essays` and returns that folder. */
export function writeJournal(dir: string): string {
  const essays = join(dir, 'essays');
  mkdirSync(essays, { recursive: true });
  copyFileSync('data/essays/000_ef05097fed792a6c.txt', join(essays, 'seed.txt'));
  writeFileSync(
    join(essays, 'anniversary.md'),
    `${ANNIVERSARY_TITLE}\n\n那天写下了 **这些** 话,还有 @everyone 和 @here,<@&${ROLE_ID}> 与 <@${ROLE_ID}>。\n\n— ${lastYear.replaceAll('-', '.')} 于上海\n`,
  );
  const paragraphs = Array.from(
    { length: 120 },
    (_, i) => `第${i + 1}段。${'热爱是一种能力,也是一种不断给自己设立目标的动力。'.repeat(5)}`,
  );
  writeFileSync(
    join(essays, 'long.md'),
    `${LONG_TITLE}\n\n${paragraphs.join('\n\n')}\n\n— ${addDays(today, -40).replaceAll('-', '.')} 于北京\n`,
  );
  // Hidden, and written on this very day last year: it must stay out of every anniversary surface too.
  writeFileSync(
    join(essays, 'private.md'),
    `---\ntitle: ${HIDDEN_TITLE}\ndate: ${lastYear}\nhidden: true\ntags: [私密]\n---\n只给自己看的${HIDDEN_WORD},热爱也藏在这里。它说:${HIDDEN_QUOTE}\n`,
  );
  return essays;
}

/** Frozen at load: the journal is dated relative to the real today (the bot-process tests share it). */
export const NOW = new Date().toISOString();

/** Handler contexts on this journal's clock and zone. */
export const journalContext = contextWith({ clock: fixedClock(NOW), timeZone: ZONE });

/** A memory store holding the journal (hidden essay included), and a curated quote from the hidden essay. */
export function journalStore(dir: string): Store {
  const store = memoryStore(fixedClock(NOW));
  importPaths(store, [writeJournal(dir)]);
  const hidden = store.essays.list({ includeHidden: true }).find((e) => e.hidden)!;
  store.quotes.curated.add({ text: HIDDEN_QUOTE, essayId: hidden.id, savedBy: AUTHOR.id });
  return store;
}

export interface JournalFixture {
  store: Store;
  /** The hidden essay's id. */
  hiddenId: number;
  /** Closes the store and removes its folder. */
  close: () => void;
}

/** The journal in a store and a folder of its own, for a file or a describe block: open it in beforeAll, close it after. */
export function openJournalFixture(prefix: string): JournalFixture {
  const dir = tempDir(prefix);
  const store = journalStore(dir.dir);
  return {
    store,
    hiddenId: store.essays.list({ includeHidden: true }).find((e) => e.hidden)!.id,
    close: () => {
      store.close();
      dir.cleanup();
    },
  };
}
