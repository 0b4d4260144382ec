/**
 * Registering slash commands. Guild-scoped when DISCORD_GUILD_ID is set
 * (instant), else global. At startup only when the definitions changed since
 * the last registration, to stay inside Discord's daily create limit.
 */
import { createHash } from 'node:crypto';
import { REST } from 'discord.js';
import { Routes, type RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { MetaStore } from '../store/meta.js';

export interface RegisterTarget {
  token: string;
  apiUrl: string;
  applicationId: string;
  guildId?: string;
}

/** The bot's application id is its user id, which the token's first segment encodes. */
export function applicationIdFromToken(token: string): string | null {
  const first = token.split('.')[0] ?? '';
  try {
    const decoded = Buffer.from(first, 'base64').toString('utf8');
    return /^\d{17,20}$/u.test(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

function definitionsHash(
  target: RegisterTarget,
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
): string {
  return createHash('sha256')
    .update(JSON.stringify([target.applicationId, target.guildId ?? null, definitions]))
    .digest('hex');
}

const metaKey = (target: RegisterTarget) =>
  `commands:${target.applicationId}:${target.guildId ?? 'global'}`;

/**
 * Guild commands are never offered in DMs or to user installs, and Discord
 * ignores `integration_types`/`contexts` on them: leave them out there, so
 * the user-installable app needs global registration (DISCORD_GUILD_ID unset).
 */
function forScope(
  target: RegisterTarget,
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
): RESTPostAPIApplicationCommandsJSONBody[] {
  if (!target.guildId) return [...definitions];
  return definitions.map(({ integration_types: _i, contexts: _c, ...rest }) => rest);
}

/** PUTs the whole set (bulk overwrite: only new commands count toward the daily limit). */
export async function registerCommands(
  target: RegisterTarget,
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
): Promise<number> {
  const rest = new REST({ api: target.apiUrl }).setToken(target.token);
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const result = (await rest.put(route, { body: forScope(target, definitions) })) as unknown[];
  return result.length;
}

/** Registers only when the definitions differ from the last successful registration. */
export async function registerIfChanged(
  target: RegisterTarget,
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
  meta: MetaStore,
): Promise<'registered' | 'unchanged'> {
  const hash = definitionsHash(target, definitions);
  if (meta.get(metaKey(target)) === hash) return 'unchanged';
  await registerCommands(target, definitions);
  meta.set(metaKey(target), hash);
  return 'registered';
}
