/**
 * A small journal on disk for the reliability tests: an anniversary essay
 * that says @everyone and pings a role, a long essay that pages, a hidden
 * essay, and the shipped seed essay. Plus the clock facts the tests need.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../../src/journal/dates.js';
import { oneYearBefore, stableZone, todayIn } from '../helpers/e2e.js';

export { answered, buttons, shownText } from '../helpers/e2e.js';

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
