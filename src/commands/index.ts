/**
 * Every command the bot offers, and the dispatch both front ends (Discord
 * and the console) share: find the handler, check access, run it.
 */
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { UserFacingError } from '../errors.js';
import { essayCommand, essayRoute } from './essay/index.js';
import { writeRoute } from './essay/writeRoute.js';
import { journalCommand, journalRoutes } from './journal/index.js';
import { quoteCommand, quoteRoutes } from './quote/index.js';
import { saveAsQuote } from './quote/saveAsQuote.js';
import type {
  Access,
  Choice,
  ComponentRoute,
  HandlerContext,
  MessageMenuCommand,
  Options,
  Reply,
  SlashCommand,
  Subcommand,
} from './types.js';

export const SLASH_COMMANDS: readonly SlashCommand[] = [essayCommand, quoteCommand, journalCommand];
export const MESSAGE_MENUS: readonly MessageMenuCommand[] = [saveAsQuote];
export const COMPONENT_ROUTES: readonly ComponentRoute[] = [
  essayRoute,
  writeRoute,
  ...quoteRoutes,
  ...journalRoutes,
];

/** The JSON registered with Discord, in a stable order. */
export function commandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...SLASH_COMMANDS.map((c) => c.data), ...MESSAGE_MENUS.map((m) => m.data)];
}

export function findSubcommand(command: string, name: string | null): Subcommand | undefined {
  return SLASH_COMMANDS.find((c) => c.data.name === command)?.subcommands.find(
    (s) => s.data.name === name,
  );
}

/** Refuses a caller who lacks the access a handler needs. */
export function checkAccess(ctx: HandlerContext, access: Access): void {
  if (access === 'author' && !ctx.caller.isAuthor)
    throw new UserFacingError('authors only', 'error.authorOnly');
  if (access === 'manager' && !ctx.caller.isManager)
    throw new UserFacingError('managers only', 'error.managerOnly');
}

/** Finds the handler for `/command subcommand`, or refuses an unknown one. */
export function resolveSubcommand(command: string, name: string | null): Subcommand {
  const sub = findSubcommand(command, name);
  if (!sub)
    throw new UserFacingError(`unknown command /${command} ${name ?? ''}`, 'error.unknownCommand');
  return sub;
}

export async function runSubcommand(
  ctx: HandlerContext,
  sub: Subcommand,
  options: Options,
): Promise<Reply> {
  checkAccess(ctx, sub.access);
  return sub.execute(ctx, options);
}

export function runAutocomplete(
  ctx: HandlerContext,
  command: string,
  name: string | null,
  focused: { name: string; value: string },
  options: Options,
): Choice[] {
  const sub = findSubcommand(command, name);
  if (!sub?.autocomplete) return [];
  // Suggestions leak titles: only offer them to those who may run the command.
  try {
    checkAccess(ctx, sub.access);
  } catch {
    return [];
  }
  return sub.autocomplete(ctx, focused, options).slice(0, 25);
}

/** Custom ids are `prefix:arg:arg…`. */
export function resolveComponent(customId: string): { route: ComponentRoute; args: string[] } {
  const [prefix, ...args] = customId.split(':');
  const route = COMPONENT_ROUTES.find((r) => r.prefix === prefix);
  if (!route) throw new UserFacingError(`unknown button ${customId}`, 'error.stale');
  return { route, args };
}

export async function runComponent(
  ctx: HandlerContext,
  customId: string,
  fields: Readonly<Record<string, string>> = {},
): Promise<Reply> {
  const { route, args } = resolveComponent(customId);
  checkAccess(ctx, route.access);
  return route.handle(ctx, args, fields);
}
