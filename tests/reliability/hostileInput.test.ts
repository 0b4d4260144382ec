/**
 * Hostile and random input, as property tests (fast-check): the essay parser
 * on random bytes and text, search on random strings and FTS syntax, and
 * forged custom ids through the real dispatch. None of it may crash, import
 * garbage, or show a hidden essay to someone who is not an author.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { UserFacingError } from '../../src/errors.js';
import {
  COMPONENT_ROUTES,
  runAutocomplete,
  runComponent,
  runSubcommand,
  findSubcommand,
} from '../../src/commands/index.js';
import type { HandlerContext } from '../../src/commands/types.js';
import type { Reply } from '../../src/messages/payload.js';
import { LIMITS } from '../../src/messages/limits.js';
import { isValidDate } from '../../src/journal/dates.js';
import type { EssayDraft } from '../../src/journal/essay.js';
import { EssayParseError, parseEssayFile } from '../../src/journal/essayFile.js';
import type { Store } from '../../src/store/index.js';
import { memoryStore } from '../helpers/store.js';
import { OWNER, STRANGER, outcome, replyText } from '../helpers/handlers.js';
import {
  HIDDEN_TITLE,
  HIDDEN_WORD,
  journalContext,
  openJournalFixture,
} from '../helpers/journal.js';
import { buttonsOf } from '../helpers/messageText.js';
import { budgetOf, fitsMessage } from '../../src/messages/builders.js';

const RUNS = { numRuns: 400, seed: 20261129 };
const utf8 = (text: string) => new TextEncoder().encode(text);
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;

/** A draft the store may hold: a real date, some text, tidy metadata. */
function expectSaneDraft(draft: EssayDraft): void {
  expect(draft.date).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
  const [y, m, d] = draft.date.split('-').map(Number);
  expect(isValidDate(y!, m!, d!), draft.date).toBe(true);
  expect(draft.body.trim()).not.toBe('');
  expect(draft.body).not.toMatch(CONTROL);
  if (draft.title !== null) {
    expect(draft.title.trim()).not.toBe('');
    expect(draft.title).not.toMatch(CONTROL);
  }
  if (draft.place !== null) expect(draft.place.trim()).not.toBe('');
  expect(new Set(draft.tags).size).toBe(draft.tags.length);
  for (const tag of draft.tags) expect(tag.trim()).not.toBe('');
  if (draft.hidden !== undefined) expect(typeof draft.hidden).toBe('boolean');
}

/** Parses; a refusal must be an EssayParseError with one line of reason. */
function parseOrRefuse(bytes: Uint8Array): EssayDraft | null {
  try {
    return parseEssayFile(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(EssayParseError);
    expect((err as Error).message).not.toMatch(/\n/u);
    expect((err as Error).message.length).toBeLessThan(500);
    return null;
  }
}

// ------------------------------------------------------------ essay-shaped text

const dateText = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: -1, max: 12000 }),
      fc.integer({ min: -1, max: 14 }),
      fc.integer({ min: -1, max: 33 }),
      fc.constantFrom('.', '-', '/'),
    )
    .map(([y, m, d, sep]) => `${y}${sep}${m}${sep}${d}`),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(([y, m, d]) => `${y}年${m}月${d}日`),
  fc
    .tuple(
      fc.constantFrom('Nov', 'Feb', 'February', 'Foo', 'Sept', 'may'),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 10000 }),
    )
    .map(([mon, d, y]) => `${mon} ${d}, ${y}`),
  fc.constantFrom(
    '2025-02-29',
    '2024-02-29',
    '0000-01-01',
    '9999-12-31',
    '2025-11-01T10:00:00Z',
    '20251101',
    '2025.11.1 extra',
    '',
    '~',
    'null',
  ),
  fc.string({ maxLength: 12 }),
);

const yamlValue = fc.oneof(
  dateText,
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '[a, b',
    '{x: 1}',
    '*anchor',
    '&a x',
    '!!binary AAAA',
    '!!js/function f',
    '|',
    '>',
    'true',
    'no',
    '12',
    '-1',
    '1e99',
    '"',
    "'",
    '[]',
    '{}',
    '- a\n  - b',
  ),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
);

const frontMatter = fc
  .tuple(
    fc.dictionary(
      fc.constantFrom(
        'title',
        'date',
        'place',
        'tags',
        'hidden',
        'Title',
        'author',
        '__proto__',
        'constructor',
      ),
      yamlValue,
      { maxKeys: 5 },
    ),
    fc.constantFrom('---', '...', '--- ', ''),
  )
  .map(
    ([fields, close]) =>
      `---\n${Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')}\n${close}\n`,
  );

const line = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      '---',
      '# 标题',
      '## ',
      '\t',
      '\u2028',
      '\uFEFF',
      '@everyone',
      '<@&1>',
      '```',
      '> 引用',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const footer = fc
  .tuple(
    fc.constantFrom('— ', '——', '–', '-', '--', '', ' '),
    dateText,
    fc.constantFrom(' 于', '於', ',', ',', ' @ ', ' in ', ' ', ''),
    fc.string({ maxLength: 20 }),
  )
  .map(([dash, date, sep, place]) => `${dash}${date}${sep}${place}`);

const essayText = fc
  .tuple(
    fc.option(frontMatter, { freq: 3 }),
    fc.array(line, { maxLength: 12 }),
    fc.option(footer, { freq: 4 }),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([front, lines, foot, eol]) =>
    [front ?? '', ...lines, foot ?? ''].join('\n').replaceAll('\n', eol),
  );

describe('the essay parser on hostile input', () => {
  it('random bytes: only EssayParseError, and any draft it yields is sane', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const draft = parseOrRefuse(bytes);
        if (draft) expectSaneDraft(draft);
      }),
      RUNS,
    );
  });

  it('random Unicode (lone surrogates, controls, astral planes): only EssayParseError, drafts sane', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const draft = parseOrRefuse(utf8(text));
        if (draft) expectSaneDraft(draft);
      }),
      RUNS,
    );
  });

  it('essay-shaped text with odd front matter, dates and footers: only EssayParseError, drafts sane and storable', () => {
    const store = memoryStore();
    let parsed = 0;
    fc.assert(
      fc.property(essayText, (text) => {
        const draft = parseOrRefuse(utf8(text));
        if (!draft) return;
        parsed++;
        expectSaneDraft(draft);
        // "Never imports garbage": whatever parses, the store takes, and gives back as parsed.
        if (!store.essays.findByContent(draft)) {
          const saved = store.essays.insert(draft, 'property-test');
          expect(store.essays.get(saved.id, { includeHidden: true })).toMatchObject({
            body: draft.body,
            date: draft.date,
            title: draft.title,
            place: draft.place,
          });
        }
      }),
      { ...RUNS, numRuns: 1500 },
    );
    // The generator must reach the interesting part: drafts that parse.
    expect(parsed).toBeGreaterThan(100);
    store.close();
  });

  it("odd YAML tags print no process warning (it would be a stray non-JSON line in the bot's log)", () => {
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      const draft = parseEssayFile(
        utf8('---\ntitle: !!js/function f\nplace: !custom 北京\ndate: 2025-11-01\n---\n正文。\n'),
      );
      expect(draft).toMatchObject({ title: 'f', place: '北京' });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses impossible and out-of-range dates instead of rolling them over', () => {
    for (const date of ['2025-02-29', '2025-13-01', '0000-01-01', '2025-00-10', '2025-04-31']) {
      expect(() => parseEssayFile(utf8(`正文。\n\n— ${date} 于北京\n`)), date).toThrow(
        EssayParseError,
      );
      expect(() => parseEssayFile(utf8(`---\ndate: ${date}\n---\n正文。\n`)), date).toThrow(
        EssayParseError,
      );
    }
  });
});

// ------------------------------------------------------------ search

const FTS_TOKENS = [
  '"',
  '*',
  'NEAR(',
  'NEAR',
  ')',
  '(',
  'AND',
  'OR',
  'NOT',
  '^',
  ':',
  '-',
  '+',
  '{',
  '}',
  'title:',
  'body :',
  '热爱',
  '北',
  '京',
  'a',
  ' ',
  '%',
  '_',
  '\\',
  "'",
  '\u0000',
  '\u200b',
  '你好世界',
  'the',
  '一年前',
  '🙂',
  'Ⅻ',
  'ｆｕｌｌ',
];
const ftsQuery = fc
  .array(fc.constantFrom(...FTS_TOKENS), { minLength: 1, maxLength: 10 })
  .map((parts) => parts.join(''));
const anyQuery = fc.oneof(
  ftsQuery,
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ maxLength: 300 }),
);

describe('search on hostile input', () => {
  let store: Store;
  let hiddenId: number;
  beforeAll(() => {
    const journal = openJournalFixture('journal-hostile-search-');
    ({ store, hiddenId } = journal);
    return journal.close;
  });

  it('never errors on random strings and FTS syntax, and never returns a hidden essay to a reader', () => {
    fc.assert(
      fc.property(anyQuery, fc.integer({ min: -5, max: 1_000_000_000 }), (query, offset) => {
        const page = store.search.search(query, { includeHidden: false, limit: 10, offset });
        expect(page.total).toBeGreaterThanOrEqual(0);
        expect(page.essays.length).toBeLessThanOrEqual(10);
        expect(page.essays.some((e) => e.id === hiddenId || e.hidden)).toBe(false);
        store.search.search(query, { includeHidden: true, limit: 10, offset: 0 });
      }),
      { ...RUNS, numRuns: 1500 },
    );
  });

  it('the hidden essay is found by its author and by no one else', () => {
    expect(
      store.search.search(HIDDEN_WORD, { includeHidden: true }).essays.map((e) => e.id),
    ).toEqual([hiddenId]);
    expect(store.search.search(HIDDEN_WORD, { includeHidden: false })).toMatchObject({
      total: 0,
      essays: [],
    });
  });

  it('/essay search and autocomplete on random text: a reply or one polite line, never the hidden essay', async () => {
    const sub = findSubcommand('essay', 'search')!;
    const show = findSubcommand('essay', 'show')!;
    await fc.assert(
      fc.asyncProperty(anyQuery, async (query) => {
        const ctx = journalContext(store, { caller: STRANGER });
        const seen = await outcome(() => runSubcommand(ctx, sub, { query }));
        expectPolite(seen);
        expect(replyText(seen.reply)).not.toContain(HIDDEN_TITLE);
        expect(replyText(seen.reply)).not.toContain(HIDDEN_WORD);
        const choices = runAutocomplete(ctx, 'essay', 'show', { name: 'essay', value: query }, {});
        expect(choices.length).toBeLessThanOrEqual(LIMITS.choices);
        expect(
          choices.some(
            (c) => String(c.value) === String(hiddenId) || c.name.includes(HIDDEN_TITLE),
          ),
        ).toBe(false);
        for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
        const shown = await outcome(() => runSubcommand(ctx, show, { essay: query }));
        expectPolite(shown);
        expect(replyText(shown.reply)).not.toContain(HIDDEN_WORD);
      }),
      { ...RUNS, numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------ forged custom ids

/** A reply within Discord's limits, or exactly one short polite sentence from a UserFacingError. */
function expectPolite(seen: { reply?: Reply; error?: string; thrown?: unknown }): void {
  if (seen.thrown !== undefined) {
    expect(seen.thrown, String((seen.thrown as Error)?.stack ?? seen.thrown)).toBeInstanceOf(
      UserFacingError,
    );
    expect(seen.error).not.toMatch(/\n/u);
    expect(seen.error!.length).toBeLessThanOrEqual(LIMITS.text);
    return;
  }
  const reply = seen.reply!;
  if (reply.kind === 'modal') return;
  const { payload } = reply;
  expect(payload.allowed_mentions).toEqual({ parse: [] });
  // One Components V2 message's budget: 40 components, 4,000 characters of text.
  expect(fitsMessage(budgetOf(payload.components))).toBe(true);
  for (const b of buttonsOf(payload))
    expect((b.custom_id ?? '').length).toBeLessThanOrEqual(LIMITS.customId);
}

const PREFIXES = [
  ...new Set([...COMPONENT_ROUTES.map((r) => r.prefix), 'noop', 'essay', 'write', '']),
];
const ACTIONS = [
  'open',
  'page',
  'day',
  'list',
  'search',
  'add',
  'edit',
  'delete',
  'keep',
  'undo',
  'more',
  'next',
  'random',
  'again',
  'quote',
  'remove',
  '',
];
const idPart = fc.oneof(
  fc.integer({ min: -3, max: 12 }).map(String),
  fc.constantFrom(
    '-1',
    '1000000000',
    '9007199254740993',
    '1e3',
    '0x10',
    '01',
    ' 1',
    '1.5',
    'NaN',
    'Infinity',
    '',
    'all',
    '2025',
    '2025-11-01',
    '02-30',
    '9999-99-99',
    '../1',
    '%00',
  ),
  fc.string({ maxLength: 12 }),
);
const forgedId = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...PREFIXES),
      fc.constantFrom(...ACTIONS),
      fc.array(idPart, { maxLength: 4 }),
    )
    .map(([p, a, rest]) => [p, a, ...rest].join(':')),
  fc.string({ maxLength: 100 }),
  fc.string({ unit: 'binary', minLength: 90, maxLength: 100 }),
  fc.constantFrom(...PREFIXES).map((p) => `${p}:${'9'.repeat(100)}`.slice(0, 100)),
);

describe('forged custom ids through the real dispatch', () => {
  let store: Store;
  let hiddenId: number;
  let visibleIds: number[];
  beforeAll(() => {
    const journal = openJournalFixture('journal-hostile-ids-');
    ({ store, hiddenId } = journal);
    visibleIds = store.essays.list().map((e) => e.id);
    return journal.close;
  });

  const press = (ctx: HandlerContext, customId: string) =>
    outcome(() => runComponent(ctx, customId, { body: '正文', when: '2026-01-01', title: 'x' }));

  it("a hidden essay's id answers a reader exactly like an id that does not exist", async () => {
    const ctx = journalContext(store, { caller: STRANGER });
    const missing = 999_999;
    for (const [forged, absent] of [
      [`essay:open:${hiddenId}`, `essay:open:${missing}`],
      [`essay:page:${hiddenId}:0`, `essay:page:${missing}:0`],
      [`essay:page:${hiddenId}:-1`, `essay:page:${missing}:-1`],
    ] as const) {
      const a = await press(ctx, forged);
      const b = await press(ctx, absent);
      expect(a.thrown).toBeInstanceOf(UserFacingError);
      expect(a.error).toBe(b.error);
    }
    // The author opens it.
    const own = await press(journalContext(store, { caller: OWNER }), `essay:open:${hiddenId}`);
    expect(replyText(own.reply)).toContain(HIDDEN_WORD);
  });

  it('pages −1 and 10⁹ of a visible essay clamp to real pages', async () => {
    const ctx = journalContext(store, { caller: STRANGER });
    for (const page of ['-1', '1000000000', '999999999999999']) {
      const seen = await press(ctx, `essay:page:${visibleIds[0]}:${page}`);
      expectPolite(seen);
      expect(seen.reply?.kind).toBe('update');
    }
  });

  it('random and structured forgeries by a reader: never a crash, never the hidden essay, always a reply or one polite line', async () => {
    await fc.assert(
      fc.asyncProperty(
        forgedId,
        fc.constantFrom(...(['en-US', 'zh-CN'] as const)),
        async (customId, locale) => {
          const seen = await press(journalContext(store, { caller: STRANGER, locale }), customId);
          expectPolite(seen);
          const text = replyText(seen.reply) + (seen.error ?? '');
          expect(text).not.toContain(HIDDEN_WORD);
          expect(text).not.toContain(HIDDEN_TITLE);
        },
      ),
      { ...RUNS, numRuns: 2000 },
    );
    // A reader changed nothing.
    expect(store.essays.count({ includeHidden: true })).toBe(visibleIds.length + 1);
  });

  it('the same forgeries by an author never crash either', async () => {
    const own = openJournalFixture('journal-hostile-ids-author-');
    await fc.assert(
      fc.asyncProperty(forgedId, async (customId) => {
        expectPolite(await press(journalContext(own.store, { caller: OWNER }), customId));
      }),
      { ...RUNS, numRuns: 1000 },
    );
    own.close();
  });
});
