/**
 * A hidden essay is seen by its authors only, in private. Every command and
 * every button, through the shared dispatch: a reader or a manager who is
 * not an author never sees it, and an author's reply that the whole channel
 * sees (a public message, or an in-place update of one) never shows it either.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandOption,
} from 'discord-api-types/v10';
import {
  SLASH_COMMANDS,
  runAutocomplete,
  runComponent,
  runSubcommand,
} from '../../src/commands/index.js';
import type { Caller, Options, Subcommand } from '../../src/commands/types.js';
import type { Reply } from '../../src/messages/payload.js';
import type { Store } from '../../src/store/index.js';
import { MANAGER, OWNER, STRANGER, outcome, replyText } from '../helpers/handlers.js';
import {
  HIDDEN_TITLE,
  HIDDEN_WORD,
  journalContext,
  lastYear,
  openJournalFixture,
} from '../helpers/journal.js';
import { buttonsOf } from '../helpers/messageText.js';

/** What only the hidden essay contains: its title, a word of its body, its tag, a sentence quotes would draw. */
const MARKERS = [HIDDEN_TITLE, HIDDEN_WORD, '私密', '我从不告诉别人这句话'];

let store: Store;
let hiddenId: number;
beforeAll(() => {
  const journal = openJournalFixture('journal-hidden-');
  ({ store, hiddenId } = journal);
  return journal.close;
});

/** Values worth trying for an option: the ones that would find the hidden essay if anything did. */
function candidates(option: APIApplicationCommandOption): Array<string | number | boolean> {
  const year = Number(lastYear.slice(0, 4));
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
      return option.name === 'year' ? [year] : [hiddenId, 1];
    case ApplicationCommandOptionType.Number:
      return [1];
    case ApplicationCommandOptionType.Boolean:
      return [true, false];
    case ApplicationCommandOptionType.Channel:
      return ['200000000000000001'];
    case ApplicationCommandOptionType.String:
      if (option.name === 'date') return [lastYear.slice(5), lastYear];
      if (option.name === 'time') return ['09:00'];
      if (option.name === 'timezone') return ['Asia/Shanghai'];
      if ('choices' in option && option.choices?.length) return option.choices.map((c) => c.value);
      return [String(hiddenId), HIDDEN_TITLE, HIDDEN_WORD, '私密', '热爱'];
    default:
      return [];
  }
}

interface Case {
  label: string;
  sub: Subcommand;
  options: Options;
}

/** Every subcommand with each interesting value of each of its options (one option varied at a time). */
function everyCase(): Case[] {
  const cases: Case[] = [];
  for (const command of SLASH_COMMANDS) {
    for (const sub of command.subcommands) {
      const name = `/${command.data.name} ${sub.data.name}`;
      const options = (sub.data.options ?? []) as APIApplicationCommandOption[];
      const base: Record<string, string | number | boolean> = {};
      for (const o of options) if (o.required) base[o.name] = candidates(o)[0] ?? '';
      cases.push({ label: name, sub, options: base });
      for (const o of options)
        for (const value of candidates(o))
          cases.push({
            label: `${name} ${o.name}:${value}`,
            sub,
            options: { ...base, [o.name]: value },
          });
    }
  }
  return cases;
}

/** Whether the channel sees a reply (the adapter defers public subcommands before running them). */
function isPublic(reply: Reply, sub?: Subcommand): boolean {
  if (reply.kind === 'modal') return false;
  if (reply.kind === 'update') return true;
  if (sub?.defer) return sub.defer === 'public';
  return reply.ephemeral !== true;
}

/** The markers a text shows, beyond the words the caller typed themselves (replies may quote the query). */
function leaks(text: string, typed: readonly unknown[] = []): string[] {
  let shown = text;
  for (const value of typed)
    if (typeof value === 'string' && value !== '')
      shown = shown.replaceAll(JSON.stringify(value).slice(1, -1), '').replaceAll(value, '');
  return MARKERS.filter((m) => shown.includes(m));
}

function customIds(reply: Reply | undefined): string[] {
  if (!reply || reply.kind === 'modal') return [];
  return buttonsOf(reply.payload).flatMap((b) => (b.custom_id && !b.disabled ? [b.custom_id] : []));
}

const NON_AUTHORS: Array<[string, Caller]> = [
  ['a reader', STRANGER],
  ['a manager who is not an author', MANAGER],
];

describe.each(NON_AUTHORS)('%s', (_, caller) => {
  it('never sees the hidden essay in any command, nor behind any button those replies carry', async () => {
    const found: string[] = [];
    const ids = new Set<string>();
    for (const c of everyCase()) {
      const seen = await outcome(() =>
        runSubcommand(journalContext(store, { caller }), c.sub, c.options),
      );
      const leaked = leaks(replyText(seen.reply) + (seen.error ?? ''), Object.values(c.options));
      if (leaked.length > 0) found.push(`${c.label}: ${leaked.join(', ')}`);
      for (const id of customIds(seen.reply)) ids.add(id);
    }
    for (const id of [
      ...ids,
      `essay:open:${hiddenId}`,
      `essay:page:${hiddenId}:1`,
      `essay:day:${lastYear}:0`,
      'essay:list:all:0',
      `essay:search:0:${HIDDEN_WORD}`,
    ]) {
      const seen = await outcome(() => runComponent(journalContext(store, { caller }), id));
      const leaked = leaks(replyText(seen.reply) + (seen.error ?? ''), [
        id.split(':').slice(3).join(':'),
      ]);
      if (leaked.length > 0) found.push(`button ${id}: ${leaked.join(', ')}`);
    }
    expect(found).toEqual([]);
    expect(ids.size).toBeGreaterThan(3);
  });

  it('is offered no hidden essay by any autocomplete', () => {
    const found: string[] = [];
    for (const command of SLASH_COMMANDS) {
      for (const sub of command.subcommands) {
        for (const o of (sub.data.options ?? []) as APIApplicationCommandOption[]) {
          if (!('autocomplete' in o) || !o.autocomplete) continue;
          for (const typed of ['', String(hiddenId), HIDDEN_TITLE, '不公开', lastYear, '私']) {
            const choices = runAutocomplete(
              journalContext(store, { caller }),
              command.data.name,
              sub.data.name,
              { name: o.name, value: typed },
              {},
            );
            for (const choice of choices) {
              if (String(choice.value) === String(hiddenId) || leaks(choice.name).length > 0)
                found.push(
                  `/${command.data.name} ${sub.data.name} ${o.name}:"${typed}" → ${choice.name}`,
                );
            }
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});

describe('an author', () => {
  it('finds the hidden essay in private: autocomplete, the open button, /essay show', async () => {
    const ctx = journalContext(store, { caller: OWNER });
    expect(
      runAutocomplete(ctx, 'essay', 'show', { name: 'essay', value: '不公开' }, {}).map(
        (c) => c.value,
      ),
    ).toContain(String(hiddenId));
    const opened = await outcome(() => runComponent(ctx, `essay:open:${hiddenId}`));
    expect(replyText(opened.reply)).toContain(HIDDEN_WORD);
    expect(isPublic(opened.reply!)).toBe(false);
  });

  it('never shows it to the channel: no public reply or in-place update carries it', async () => {
    const found: string[] = [];
    const ids = new Set<string>();
    for (const c of everyCase()) {
      // Writes (unhide, delete, quote add…) get a journal of their own, so each case starts from the same state.
      const own = c.sub.access === 'everyone' ? null : openJournalFixture('journal-hidden-write-');
      const seen = await outcome(() =>
        runSubcommand(journalContext(own?.store ?? store, { caller: OWNER }), c.sub, c.options),
      );
      own?.close();
      if (!seen.reply) continue;
      if (isPublic(seen.reply, c.sub)) {
        const leaked = leaks(replyText(seen.reply), Object.values(c.options));
        if (leaked.length > 0) found.push(`${c.label}: ${leaked.join(', ')}`);
        for (const id of customIds(seen.reply)) ids.add(id);
      }
    }
    // Buttons on public messages, and the pagers a busy day or list would carry, pressed by the author.
    const pagers = [
      `essay:day:${lastYear}:0`,
      'essay:list:all:0',
      `essay:list:${lastYear.slice(0, 4)}:0`,
      `essay:search:0:${HIDDEN_WORD}`,
      'essay:search:0:热爱',
      'quote:list:0',
      `quote:search:0:${HIDDEN_WORD}`,
    ];
    for (const id of [...ids, ...pagers]) {
      const seen = await outcome(() => runComponent(journalContext(store, { caller: OWNER }), id));
      if (seen.reply && seen.reply.kind === 'update') {
        const leaked = leaks(replyText(seen.reply), [id.split(':').slice(3).join(':')]);
        if (leaked.length > 0)
          found.push(`button ${id} (updates a public message): ${leaked.join(', ')}`);
      }
    }
    expect(found).toEqual([]);
  });
});
