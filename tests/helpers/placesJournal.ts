/**
 * A journal whose places test grouping: one place in traditional and
 * simplified spelling (臺北 ×2, 台北 ×1 → shown 臺北), one in full-width and
 * plain letters (Ｔｏｋｙｏ, Tokyo), a hidden essay at a place of its own,
 * essays without a place, and thirty one-essay places (more than Discord's
 * 25 autocomplete choices).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HIDDEN_PLACE = '秘密基地';
export const MANY_PLACES = 30;

/** One essay file per entry: `[file, date, place | null, hidden]`. */
const ESSAYS: Array<[string, string, string | null, boolean]> = [
  ['taipei-2019', '2019-03-01', '臺北', false],
  ['taipei-2021', '2021-05-02', '臺北', false],
  ['taipei-2020', '2020-07-03', '台北', false],
  ['tokyo-fw', '2022-01-04', 'Ｔｏｋｙｏ', false],
  ['tokyo', '2023-02-05', 'Tokyo', false],
  ['secret', '2024-03-06', HIDDEN_PLACE, true],
  ['nowhere', '2024-04-07', null, false],
  ...Array.from({ length: MANY_PLACES }, (_, i): [string, string, string | null, boolean] => [
    `town-${i}`,
    `2018-01-${String((i % 28) + 1).padStart(2, '0')}`,
    `Town ${i + 1}`,
    false,
  ]),
];

/** Writes the journal into `dir/essays` and returns that folder. */
export function writePlacesJournal(dir: string): string {
  const essays = join(dir, 'essays');
  mkdirSync(essays, { recursive: true });
  for (const [file, date, place, hidden] of ESSAYS) {
    const front = [
      `title: ${file}`,
      `date: ${date}`,
      ...(place ? [`place: ${place}`] : []),
      ...(hidden ? ['hidden: true'] : []),
    ];
    writeFileSync(
      join(essays, `${file}.md`),
      `---\n${front.join('\n')}\n---\n写于某地的${file}。\n`,
    );
  }
  return essays;
}
