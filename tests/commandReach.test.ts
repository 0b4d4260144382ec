/** Which subcommands run outside a server with the bot: exactly the reading ones the contract names. */
import { describe, expect, it } from 'vitest';
import { MESSAGE_MENUS, SLASH_COMMANDS, checkAccess, reachOf } from '../src/commands/index.js';
import { UserFacingError } from '../src/errors.js';
import { OWNER, handlerContext } from './helpers/handlers.js';
import { memoryStore } from './helpers/store.js';

const READING = [
  'essay list',
  'essay on',
  'essay places',
  'essay random',
  'essay search',
  'essay show',
  'essay today',
  'journal stats',
  'quote list',
  'quote random',
  'quote search',
];
/** Anniversaries by DM: anyone who reads the journal subscribes for themselves, from wherever they read it. */
const FOR_ONESELF = ['essay subscribe', 'essay unsubscribe'];

describe('reach of each command', () => {
  it('lets only the reading subcommands, DM subscriptions and Save as quote run beyond servers', () => {
    const anywhere = SLASH_COMMANDS.flatMap((c) =>
      c.subcommands
        .filter((s) => reachOf(s) === 'anywhere')
        .map((s) => `${c.data.name} ${s.data.name}`),
    ).sort();
    expect(anywhere).toEqual([...READING, ...FOR_ONESELF].sort());
    expect(MESSAGE_MENUS.map((m) => reachOf(m))).toEqual(['anywhere']);
  });

  it('refuses every other subcommand in a DM and through a user install, even to the owner', () => {
    const store = memoryStore();
    for (const place of ['botDm', 'userApp'] as const) {
      const ctx = handlerContext(store, { caller: OWNER, place, guildId: null });
      for (const c of SLASH_COMMANDS)
        for (const s of c.subcommands.filter((x) => reachOf(x) === 'server'))
          expect(() => checkAccess(ctx, s), `${c.data.name} ${s.data.name}`).toThrow(
            UserFacingError,
          );
      // The console is the author's own machine: writing works there.
      const local = handlerContext(store, { caller: OWNER, place: 'local', guildId: null });
      for (const c of SLASH_COMMANDS)
        for (const s of c.subcommands) expect(() => checkAccess(local, s)).not.toThrow();
    }
  });
});
