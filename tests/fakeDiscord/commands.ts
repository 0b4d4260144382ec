/**
 * Registered application commands, global and per guild. A bulk PUT replaces
 * the whole list (keeping the ids of commands whose name and type survive, as
 * Discord does); GET returns localizations only with `with_localizations=true`.
 */
import type { APIApplicationCommand } from 'discord-api-types/v10';
import { errors } from './errors.js';
import { Problems, isRecord } from './validate.js';
import { checkCommand, checkCommandList } from './validateCommands.js';
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

  /** The command a user would invoke in the fake guild: guild commands shadow global ones. */
  find(name: string, type: number): APIApplicationCommand | undefined {
    return (
      this.list(this.world.guildId).find((c) => c.name === name && c.type === type) ??
      this.list('global').find((c) => c.name === name && c.type === type)
    );
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
