/**
 * Cutting long text into pages that fit a Discord embed, at the most natural
 * boundary available: a paragraph, else a line, else a sentence, else a
 * word or character. Pure; never splits a surrogate pair or an escape.
 */

const SENTENCE_END = /[。！？!?；;…]|\.(?=\s)/gu;

function lastMatchEnd(text: string, re: RegExp, minIndex: number): number {
  let best = -1;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    if (end >= minIndex) best = end;
  }
  return best;
}

/** Where to cut `text` (≤ `max` UTF-16 units), preferring natural boundaries past half the page. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max);
  const half = Math.floor(max / 2);
  const paragraph = window.lastIndexOf('\n\n');
  if (paragraph >= half) return paragraph + 2;
  const line = window.lastIndexOf('\n');
  if (line >= half) return line + 1;
  const sentence = lastMatchEnd(window, SENTENCE_END, half);
  if (sentence > 0) return sentence;
  const space = window.lastIndexOf(' ');
  if (space >= half) return space + 1;
  let cut = max;
  // Never leave half a surrogate pair or a dangling escape backslash at the end of a page.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  let slashes = 0;
  while (cut - 1 - slashes >= 0 && text[cut - 1 - slashes] === '\\') slashes++;
  if (slashes % 2 === 1) cut--;
  return cut;
}

/** Splits text into pages of at most `max` UTF-16 units each (Discord counts those). */
export function paginate(text: string, max: number): string[] {
  if (max < 8) throw new RangeError('page size too small');
  const pages: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const page = rest.slice(0, cut).trimEnd();
    if (page !== '') pages.push(page);
    rest = rest.slice(cut).replace(/^\n+/u, '');
  }
  if (rest.trim() !== '' || pages.length === 0) pages.push(rest);
  return pages;
}

/** A page of a list: which one, of how many, and where its items start. */
export interface PageWindow {
  page: number;
  pageCount: number;
  offset: number;
}

/**
 * Page `page` of `total` items at `size` a page, brought inside the list:
 * a stale button past the end shows the last page, and an empty list has
 * one (empty) page.
 */
export function clampPage(page: number, total: number, size: number): PageWindow {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const clamped = Math.min(Math.max(0, Math.trunc(page) || 0), pageCount - 1);
  return { page: clamped, pageCount, offset: clamped * size };
}

/**
 * A page of a search, whose total is known only once it ran: page `page` is
 * asked for, and if the results have shrunk below it, the last page is asked
 * for again.
 */
export function searchPage<R extends { total: number }>(
  page: number,
  size: number,
  search: (window: { limit: number; offset: number }) => R,
): PageWindow & { result: R } {
  const asked = clampPage(page, Number.MAX_SAFE_INTEGER, size);
  const first = search({ limit: size, offset: asked.offset });
  const window = clampPage(asked.page, first.total, size);
  const result =
    window.page === asked.page ? first : search({ limit: size, offset: window.offset });
  return { ...window, result };
}
