/**
 * The Markdown of a Day One entry, read and written. Day One escapes
 * Markdown punctuation with backslashes (`3\.5`, `\- not a list`) and marks
 * photos, videos and audio as `![](dayone-moment://ID)`. Pure; the reader
 * and writer are inverses for any title and body.
 */
import { trimBlankLines } from './essayFile.js';

/** `![](dayone-moment://…)`, `![](dayone-moment:/video/…)` and the like. */
const MOMENT = /!\[[^\]\n]*\]\(dayone-moment:[^)\s]*\)/gu;
/** A backslash before ASCII punctuation is an escape in CommonMark; Day One writes many. */
const ESCAPE = /\\([!-/:-@[-`{-~])/gu;
const HEADING = /^#{1,6}[ \t]+(\S.*)$/u;

export interface DayOneText {
  title: string | null;
  body: string;
  /** Photo (and other media) references left out of the body. */
  photos: number;
}

export function unescapeDayOne(text: string): string {
  return text.replace(ESCAPE, '$1');
}

/**
 * An entry's text as a title and a body. A first line that is a Markdown
 * heading (as Day One writes an entry's title) is the title; an escaped
 * `\#` is not a heading, so it stays in the body.
 */
export function readDayOneText(text: string): DayOneText {
  let photos = 0;
  let withoutMedia = text.replace(/\r\n?/gu, '\n').replace(MOMENT, () => {
    photos++;
    return '';
  });
  // A photo on a line of its own leaves a gap of blank lines behind.
  if (photos > 0) withoutMedia = withoutMedia.replace(/\n[ \t]*\n(?:[ \t]*\n)+/gu, '\n\n');
  let lines = trimBlankLines(withoutMedia.split('\n'));
  let title: string | null = null;
  const heading = HEADING.exec(lines[0] ?? '');
  if (heading) {
    title = unescapeDayOne(heading[1]!.trim());
    lines = trimBlankLines(lines.slice(1));
  }
  return { title, body: unescapeDayOne(lines.join('\n')), photos };
}

/** Escapes what readDayOneText would otherwise take away: backslashes, and a leading `#` that is not a title. */
function escapeDayOne(text: string): string {
  return text.replace(/\\/gu, '\\\\').replace(/^#/u, '\\#');
}

/** An essay as Day One entry text: `# Title`, a blank line, the body. */
export function writeDayOneText(title: string | null, body: string): string {
  const escaped = escapeDayOne(body);
  return title === null ? escaped : `# ${title.replace(/\\/gu, '\\\\')}\n\n${escaped}`;
}
