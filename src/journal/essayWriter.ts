/**
 * Writing essays back out as files that `parseEssayFile` reads into exactly
 * the same essay (exports, the text handed back by a refused form). Pure.
 */
import { displayTitle } from './display.js';
import type { EssayDraft } from './essay.js';
import { readFooterLine } from './essayFile.js';
import { stringifyYaml } from './frontMatterYaml.js';

/** `---`-fenced YAML front matter; keys in the given order, null kept (it means "none"). */
export function frontMatter(fields: Readonly<Record<string, unknown>>): string {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return `---\n${stringifyYaml(defined)}---\n`;
}

/** The footer line the author writes: `— 2025-11-01 于北京`. */
export function footerLine(essay: Pick<EssayDraft, 'date' | 'place'>): string {
  return `— ${essay.date}${essay.place ? ` 于${essay.place}` : ''}`;
}

/**
 * An essay as a file: front matter with title, date, place, tags (and
 * hidden and warning when known), then the body. Reading it back gives the same essay:
 * `title: null` keeps an untitled essay untitled, and a body whose last
 * line looks like a footer gets a real footer after it, so that line stays.
 */
export function formatEssayFile(essay: EssayDraft): string {
  const head = frontMatter({
    title: essay.title,
    date: essay.date,
    place: essay.place,
    tags: essay.tags,
    hidden: essay.hidden,
    warning: essay.warning ?? undefined,
  });
  const lines = essay.body.split('\n');
  const last = [...lines].reverse().find((line) => line.trim() !== '');
  const footer = last !== undefined ? readFooterLine(last) : null;
  const guard = footer && !('impossible' in footer) ? `\n\n${footerLine(essay)}` : '';
  return `${head}${essay.body}${guard}\n`;
}

/** Characters no file system accepts in a name, plus whitespace (shells and phones handle dashes better). */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001F\u007F\s]+/gu;
const NAME_CHARS = 50;

/** `2025-11-01-出发` from an essay's date and title (or first words). */
export function fileStem(essay: Pick<EssayDraft, 'date' | 'title' | 'body'>): string {
  const words = Array.from(displayTitle(essay, false).normalize('NFC').replace(UNSAFE, '-'))
    .slice(0, NAME_CHARS)
    .join('')
    .replace(/-{2,}/gu, '-')
    .replace(/^[-.]+|[-.]+$/gu, '');
  return words === '' ? essay.date : `${essay.date}-${words}`;
}

/**
 * File names `YYYY-MM-DD-title.md` for essays in the given order, unique even
 * on case-insensitive file systems (`-2`, `-3`… on a clash).
 */
export function exportFileNames(
  essays: ReadonlyArray<Pick<EssayDraft, 'date' | 'title' | 'body'>>,
): string[] {
  const taken = new Set<string>();
  return essays.map((essay) => {
    const stem = fileStem(essay);
    let name = `${stem}.md`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}.md`;
    taken.add(name.toLowerCase());
    return name;
  });
}
