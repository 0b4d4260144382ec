/**
 * Registered application commands, global and per guild. A bulk PUT replaces
 * the whole list (keeping the ids of commands whose name and type survive, as
 * Discord does); GET returns localizations only with `with_localizations=true`.
 */
import type { APIApplicationCommand } from 'discord-api-types/v10';
import { errors } from './errors.js';
import { Problems, isRecord } from './validate.js';
import {
  availableIn,
  checkCommand,
  checkCommandList,
  IntegrationType,
  InteractionContext,
  type Placement,
} from './validateCommands.js';
import type { World } from './world.js';

/** `'global'` or a guild id. */
export type CommandScope = string;

export class CommandRegistry {
  private readonly lists = new Map<CommandScope, APIApplicationCommand[]>();
  /** Stable ids: the same scope, type and name keep their id across overwrites. */
  private readonly idByKey = new Map<string, string>();
  /** Bulk overwrites received, by scope. */
  readonly puts = new Map<CommandScope, number>();

  constructor(private readonly world: World) {}

  list(scope: CommandScope): APIApplicationCommand[] {
    return this.lists.get(scope) ?? [];
  }

  putCount(scope?: CommandScope): number {
    if (scope !== undefined) return this.puts.get(scope) ?? 0;
    let n = 0;
    for (const v of this.puts.values()) n += v;
    return n;
  }

  private store(
    scope: CommandScope,
    body: Record<string, unknown>,
    existingId?: string,
  ): APIApplicationCommand {
    const type = typeof body.type === 'number' ? body.type : 1;
    if (scope !== 'global') this.warnIgnoredReach(body);
    const key = `${scope}:${type}:${String(body.name)}`;
    const id = existingId ?? this.idByKey.get(key) ?? this.world.ids.next();
    this.idByKey.set(key, id);
    const cmd = {
      ...body,
      id,
      application_id: this.world.applicationId,
      version: this.world.ids.next(),
      type,
      description: typeof body.description === 'string' ? body.description : '',
      default_member_permissions: body.default_member_permissions ?? null,
      nsfw: body.nsfw ?? false,
      ...(scope === 'global' ? {} : { guild_id: scope }),
    } as unknown as APIApplicationCommand;
    return cmd;
  }

  /**
   * `contexts` and `integration_types` apply to global commands only: a
   * guild command is never offered in DMs or through a user's own install.
   * Discord accepts them there silently, which hides the mistake; say it.
   */
  private warnIgnoredReach(body: Record<string, unknown>): void {
    const beyond = (v: unknown, guildValue: number) =>
      Array.isArray(v) && v.some((x) => x !== guildValue);
    if (
      beyond(body.contexts, InteractionContext.guild) ||
      beyond(body.integration_types, IntegrationType.guild)
    )
      this.world.warnings.push(
        `guild command "${String(body.name)}": contexts/integration_types reach beyond the guild, but only global commands are offered in DMs or to user installs`,
      );
  }

  bulkOverwrite(scope: CommandScope, body: unknown): APIApplicationCommand[] {
    this.puts.set(scope, (this.puts.get(scope) ?? 0) + 1);
    const problems = checkCommandList(body);
    if (problems.length > 0) throw errors.invalidFormBody(problems);
    const list = (body as Record<string, unknown>[]).map((c) => this.store(scope, c));
    this.lists.set(scope, list);
    return list;
  }

  /** POST: creates, or overwrites the command with the same name and type. */
  upsert(scope: CommandScope, body: unknown): { command: APIApplicationCommand; created: boolean } {
    const p = new Problems();
    checkCommand(p, [], body);
    if (p.list.length > 0) throw errors.invalidFormBody(p.list);
    const b = body as Record<string, unknown>;
    const type = typeof b.type === 'number' ? b.type : 1;
    const list = [...this.list(scope)];
    const i = list.findIndex((c) => c.name === b.name && c.type === type);
    const command = this.store(scope, b, i >= 0 ? list[i]?.id : undefined);
    if (i >= 0) list[i] = command;
    else list.push(command);
    this.lists.set(scope, list);
    return { command, created: i < 0 };
  }

  edit(scope: CommandScope, id: string, body: unknown): APIApplicationCommand {
    const list = [...this.list(scope)];
    const i = list.findIndex((c) => c.id === id);
    const old = list[i];
    if (!old) throw errors.unknownCommand();
    const merged = { ...old, ...(isRecord(body) ? body : {}) } as Record<string, unknown>;
    for (const k of ['id', 'application_id', 'version', 'guild_id']) delete merged[k];
    const p = new Problems();
    checkCommand(p, [], merged);
    if (p.list.length > 0) throw errors.invalidFormBody(p.list);
    const command = this.store(scope, merged, id);
    list[i] = command;
    this.lists.set(scope, list);
    return command;
  }

  remove(scope: CommandScope, id: string): void {
    const list = this.list(scope);
    if (!list.some((c) => c.id === id)) throw errors.unknownCommand();
    this.lists.set(
      scope,
      list.filter((c) => c.id !== id),
    );
  }

  /**
   * The command a user would invoke there: in the fake guild through its
   * install, guild commands shadow global ones; anywhere else (a DM, or a
   * user's own install) only global commands whose `contexts` and
   * `integration_types` allow it are offered.
   */
  find(
    name: string,
    type: number,
    where: Placement = { place: 'guild', install: 'guild' },
  ): APIApplicationCommand | undefined {
    const same = (c: APIApplicationCommand) => c.name === name && c.type === type;
    if (where.place === 'guild' && where.install === 'guild') {
      const inGuild = this.list(this.world.guildId).find(same);
      if (inGuild) return inGuild;
    }
    const global = this.list('global').find(same);
    return global && availableIn(global as unknown as Record<string, unknown>, where)
      ? global
      : undefined;
  }

  /** Where a command is registered, for explaining why it is not offered somewhere. */
  describeRegistrations(name: string, type: number): string {
    const found: string[] = [];
    for (const [scope, list] of this.lists) {
      const cmd = list.find((c) => c.name === name && c.type === type);
      if (!cmd) continue;
      const json = cmd as unknown as Record<string, unknown>;
      found.push(
        `${scope === 'global' ? 'global' : `guild ${scope}`} (contexts ${JSON.stringify(json.contexts ?? null)}, integration_types ${JSON.stringify(json.integration_types ?? null)})`,
      );
    }
    return found.length > 0 ? found.join('; ') : 'nowhere';
  }
}

/** GET strips localization maps unless asked for them. */
export function presentCommand(cmd: APIApplicationCommand, withLocalizations: boolean): unknown {
  if (withLocalizations) return cmd;
  const strip = (o: unknown): unknown => {
    if (Array.isArray(o)) return o.map(strip);
    if (!isRecord(o)) return o;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (k === 'name_localizations' || k === 'description_localizations') continue;
      out[k] = strip(v);
    }
    return out;
  };
  return strip(cmd);
}
