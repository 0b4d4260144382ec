/**
 * Every command the bot offers, and the dispatch both front ends (Discord
 * and the console) share: find the handler, check access, run it.
 */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { UserFacingError } from '../errors.js';
import { essayCommand, essayRoute } from './essay/index.js';
import { writeRoute } from './essay/writeRoute.js';
import { journalCommand, journalRoutes } from './journal/index.js';
import { quoteCommand, quoteRoutes } from './quote/index.js';
import { saveAsQuote } from './quote/saveAsQuote.js';
import type {
  Access,
  Choice,
  ComponentDefer,
  ComponentRoute,
  HandlerContext,
  MessageMenuCommand,
  ModalFields,
  Options,
  Reach,
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

/** Who may run a handler, and where. */
interface Guarded {
  access: Access;
  reach?: Reach;
}

/** Reading (open to everyone) runs anywhere unless a handler says otherwise; the rest needs a server. */
export function reachOf(handler: Guarded): Reach {
  return handler.reach ?? (handler.access === 'everyone' ? 'anywhere' : 'server');
}

/**
 * Installable to servers and to users, usable in servers, the DM with the
 * bot and private channels. Discord applies this per top-level command, so
 * a command gets it when any of its handlers reaches beyond servers; its
 * other handlers refuse there at run time (`checkAccess`).
 */
const EVERYWHERE = {
  integration_types: [
    ApplicationIntegrationType.GuildInstall,
    ApplicationIntegrationType.UserInstall,
  ],
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
};

function withReach(
  data: RESTPostAPIApplicationCommandsJSONBody,
  handlers: readonly Guarded[],
): RESTPostAPIApplicationCommandsJSONBody {
  return handlers.some((h) => reachOf(h) === 'anywhere') ? { ...data, ...EVERYWHERE } : data;
}

/** The JSON registered with Discord, in a stable order. */
export function commandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [
    ...SLASH_COMMANDS.map((c) => withReach(c.data, c.subcommands)),
    ...MESSAGE_MENUS.map((m) => withReach(m.data, [m])),
  ];
}

export function findSubcommand(command: string, name: string | null): Subcommand | undefined {
  return SLASH_COMMANDS.find((c) => c.data.name === command)?.subcommands.find(
    (s) => s.data.name === name,
  );
}

/** Refuses a caller who may not run a handler, or not here. */
export function checkAccess(ctx: HandlerContext, handler: Guarded): void {
  if (reachOf(handler) === 'server' && ctx.place !== 'server' && ctx.place !== 'local')
    throw new UserFacingError('needs a server with the bot', 'error.serverOnly');
  const { access } = handler;
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
  checkAccess(ctx, sub);
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
    checkAccess(ctx, sub);
  } catch {
    return [];
  }
  return sub.autocomplete(ctx, focused, options).slice(0, 25);
}

/** How a component is deferred, if at all, before its route runs. */
export function deferOf(
  route: ComponentRoute,
  args: readonly string[],
): ComponentDefer | undefined {
  return typeof route.defer === 'function' ? route.defer(args) : route.defer;
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
  fields: ModalFields = {},
): Promise<Reply> {
  const { route, args } = resolveComponent(customId);
  checkAccess(ctx, route);
  return route.handle(ctx, args, fields);
}
