/**
 * Logseq pages as prose. Logseq stores every paragraph as an outline block
 * (`- text`, nested with tabs) and metadata as `key:: value` lines; the rest
 * of its syntax (`[[links]]`, `#tags`, `TODO`) is kept as the author typed it.
 * Pure: text in, text and metadata out.
 */

export interface LogseqPage {
  /** The page as plain Markdown: top-level blocks are paragraphs, nested ones list items. */
  text: string;
  /** From `tags::` (and `tag::`) properties. */
  tags: string[];
  /** From a `title::` property. */
  title: string | null;
}

const PROPERTY = /^([A-Za-z][\w-]*)::(?:\s+(.*))?$/u;
const BULLET = /^-(?:\s+|$)/u;

/** `travel, [[New York]], #food` → `travel`, `New York`, `food`. */
function propertyValues(value: string): string[] {
  return value
    .split(/[,，]/u)
    .map((v) =>
      v
        .trim()
        .replace(/^#/u, '')
        .replace(/^\[\[(.*)\]\]$/u, '$1')
        .trim(),
    )
    .filter((v) => v !== '');
}

/** Nesting depth of a line's indentation (Logseq writes tabs; two spaces count as one level too). */
function depthOf(indent: string): number {
  return indent.replace(/ {2}/gu, '\t').replace(/ /gu, '').length;
}

export function cleanLogseq(source: string): LogseqPage {
  const tags: string[] = [];
  let title: string | null = null;
  const paragraphs: string[][] = [];
  let blockDepth = 0;
  let afterBlank = false;
  for (const raw of source.split('\n')) {
    const indent = /^[\t ]*/u.exec(raw)![0];
    let content = raw.slice(indent.length);
    const bullet = BULLET.exec(content);
    if (bullet) content = content.slice(bullet[0].length);
    const property = PROPERTY.exec(content.trim());
    if (property) {
      const key = property[1]!.toLowerCase();
      const value = property[2] ?? '';
      if (key === 'tags' || key === 'tag') tags.push(...propertyValues(value));
      else if (key === 'title' && value.trim() !== '') title ??= value.trim();
      continue;
    }
    if (bullet) {
      afterBlank = false;
      blockDepth = depthOf(indent);
      if (content.trim() === '') continue; // Logseq's empty block on a fresh journal page
      if (blockDepth === 0) paragraphs.push([content]);
      else {
        const line = `${'  '.repeat(blockDepth - 1)}- ${content}`;
        if (paragraphs.length === 0) paragraphs.push([line]);
        else paragraphs[paragraphs.length - 1]!.push(line);
      }
      continue;
    }
    if (content.trim() === '') {
      afterBlank = true;
      continue;
    }
    // A block's continuation line, indented under its bullet; outside any block, plain Markdown paragraphs.
    const keep = blockDepth === 0 ? content : `${'  '.repeat(blockDepth)}${content}`;
    if (paragraphs.length === 0 || (afterBlank && blockDepth === 0)) paragraphs.push([keep]);
    else paragraphs[paragraphs.length - 1]!.push(keep);
    afterBlank = false;
  }
  return {
    text: paragraphs.map((p) => p.join('\n')).join('\n\n'),
    tags: [...new Set(tags)],
    title,
  };
}
