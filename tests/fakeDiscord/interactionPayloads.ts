/**
 * Builds INTERACTION_CREATE payloads the way Discord does for a user in the
 * fake guild. Where a command is registered, option types and ids come from
 * the registration, and the checks the Discord client does before sending
 * (unknown options, missing required ones, values outside choices) throw in
 * the test instead: those would be test mistakes, not bot bugs.
 */
import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord-api-types/v10';
import type { FakeAttachment } from './cdn.js';
import type { CommandRegistry } from './commands.js';
import { makeInteractionToken } from './ids.js';
import { Component, isRecord } from './validate.js';
import { OptionType } from './validateCommands.js';
import { StoredMessage, type ApiMessage, type World } from './world.js';

/** Who acts and where; shared by every kind of interaction. */
export interface InteractionBase {
  /** The acting user's id (default: the fake's default user). */
  userId?: string;
  /** The user's client language, e.g. 'zh-CN' or 'en-US' (default 'en-US'). */
  locale?: string;
  /** Overrides the guild's preferred locale for this interaction. */
  guildLocale?: string;
  /** The member's permissions in the channel (default MEMBER_PERMISSIONS). */
  permissions?: bigint | string;
  /** Channel the interaction happens in (default: the fake's text channel). */
  channelId?: string;
  /** In a DM with the bot instead of the guild. */
  dm?: boolean;
  /** Give up waiting for the first callback after this long (default 10 s). */
  timeoutMs?: number;
}

/** A value for a slash-command option: attachments as registered with `registerAttachment`, users/channels/roles by id. */
export type OptionValue = string | number | boolean | FakeAttachment;

export interface CommandSpec extends InteractionBase {
  name: string;
  group?: string;
  subcommand?: string;
  /** Option values by name, or raw option payloads. */
  options?: Record<string, OptionValue> | unknown[];
  /** Allow a command that is not registered (then option types are guessed from JS values). */
  allowUnregistered?: boolean;
}

export interface AutocompleteSpec extends InteractionBase {
  name: string;
  group?: string;
  subcommand?: string;
  /** Values already filled in for other options. */
  options?: Record<string, OptionValue>;
  /** The option being typed into, and what has been typed so far. */
  focused: string;
  value: string;
  allowUnregistered?: boolean;
}

export interface ComponentSpec extends InteractionBase {
  /** The message holding the component (as stored by the fake, or its id). */
  message: StoredMessage | string;
  customId: string;
  /** Selected values, for select menus. */
  values?: string[];
}

export interface ModalSubmitSpec extends InteractionBase {
  /** The modal shown: the result of the interaction answered with it, or the raw modal data. */
  modal:
    | { modal: Record<string, unknown> | null; message?: StoredMessage | null }
    | Record<string, unknown>;
  /** Text input (or select) values by custom_id. */
  fields: Record<string, string | string[]>;
}

export interface MessageMenuSpec extends InteractionBase {
  /** The context-menu command's name, e.g. 'Save as quote'. */
  name: string;
  /** The message right-clicked. */
  target: StoredMessage | ApiMessage;
  allowUnregistered?: boolean;
}

export interface InteractionSpecs {
  command: CommandSpec;
  autocomplete: AutocompleteSpec;
  component: ComponentSpec;
  modalSubmit: ModalSubmitSpec;
  messageMenu: MessageMenuSpec;
}

export type InteractionKind = keyof InteractionSpecs;

export interface BuiltInteraction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
  /** The message a component (or a modal opened from one) sits on. */
  sourceMessage: StoredMessage | null;
}

interface Resolved {
  users?: Record<string, unknown>;
  members?: Record<string, unknown>;
  channels?: Record<string, unknown>;
  roles?: Record<string, unknown>;
  attachments?: Record<string, unknown>;
  messages?: Record<string, unknown>;
}

export class InteractionBuilder {
  readonly defaultUserId: string;

  constructor(
    private readonly world: World,
    private readonly registry: CommandRegistry,
    private readonly defaultPermissions: bigint,
  ) {
    this.defaultUserId = world.addUser({ username: 'author', globalName: '作者' }).id;
  }

  private base(
    spec: InteractionBase,
    type: number,
    data: unknown,
    extra: Record<string, unknown> = {},
  ): BuiltInteraction {
    const { world } = this;
    const id = world.ids.next();
    const token = makeInteractionToken();
    const user =
      world.users.get(spec.userId ?? this.defaultUserId) ?? world.addUser({ id: spec.userId });
    const payload: Record<string, unknown> = {
      id,
      application_id: world.applicationId,
      type,
      token,
      version: 1,
      locale: spec.locale ?? 'en-US',
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
      data,
      ...extra,
    };
    if (spec.dm) {
      const dmId = world.ids.next();
      payload.user = user;
      payload.channel_id = dmId;
      payload.channel = { id: dmId, type: 1, flags: 0, recipients: [user], last_message_id: null };
      payload.context = 1;
      payload.authorizing_integration_owners = { '0': '0' };
      payload.app_permissions = '0';
      return { id, token, payload, sourceMessage: null };
    }
    const channelId = spec.channelId ?? [...world.channels.values()].find((c) => c.type === 0)?.id;
    const channel = channelId ? world.channels.get(channelId) : undefined;
    if (!channel)
      throw new Error(`fakeDiscord: no channel ${String(channelId)} for the interaction`);
    payload.guild_id = world.guildId;
    payload.guild = {
      id: world.guildId,
      locale: spec.guildLocale ?? world.guildLocale,
      features: [],
    };
    payload.guild_locale = spec.guildLocale ?? world.guildLocale;
    payload.channel_id = channel.id;
    payload.channel = world.partialChannelJson(channel, world.botUser.id);
    payload.app_permissions = world.permissionsIn(channel.id, world.botUser.id).toString();
    payload.context = 0;
    payload.authorizing_integration_owners = { '0': world.guildId };
    payload.member = {
      user,
      roles: [],
      premium_since: null,
      permissions: (spec.permissions ?? this.defaultPermissions).toString(),
      pending: false,
      nick: null,
      mute: false,
      joined_at: new Date(0).toISOString(),
      flags: 0,
      deaf: false,
      communication_disabled_until: null,
      avatar: null,
      banner: null,
    };
    return { id, token, payload, sourceMessage: null };
  }

  private findCommand(
    name: string,
    type: number,
    allowUnregistered: boolean | undefined,
  ): APIApplicationCommand | undefined {
    const cmd = this.registry.find(name, type);
    if (!cmd && !allowUnregistered) {
      throw new Error(
        `fakeDiscord: command "${name}" (type ${type}) is not registered; Discord would not send it. Register it first or pass allowUnregistered.`,
      );
    }
    return cmd;
  }

  /** Walks group/subcommand, returning the option definitions at the leaf and the wrapper to nest values in. */
  private leaf(
    cmd: APIApplicationCommand | undefined,
    spec: { name: string; group?: string; subcommand?: string },
  ) {
    let defs: APIApplicationCommandOption[] | undefined = cmd ? (cmd.options ?? []) : undefined;
    const path: { type: number; name: string }[] = [];
    for (const [kind, name] of [
      [OptionType.SubcommandGroup, spec.group],
      [OptionType.Subcommand, spec.subcommand],
    ] as const) {
      if (name === undefined) continue;
      if (defs) {
        const def = defs.find((d) => d.name === name && d.type === kind);
        if (!def)
          throw new Error(
            `fakeDiscord: /${spec.name} has no ${kind === 1 ? 'subcommand' : 'group'} "${name}"`,
          );
        defs = 'options' in def ? (def.options ?? []) : [];
      }
      path.push({ type: kind, name });
    }
    if (
      defs &&
      defs.some((d) => d.type === OptionType.Subcommand || d.type === OptionType.SubcommandGroup)
    ) {
      throw new Error(`fakeDiscord: /${spec.name} needs a subcommand (and group) to be invoked`);
    }
    const wrap = (options: unknown[]): unknown[] => {
      let inner: unknown[] = options;
      for (const step of [...path].reverse())
        inner = [{ type: step.type, name: step.name, options: inner }];
      return inner;
    };
    return { defs, wrap };
  }

  private optionPayload(
    name: string,
    value: OptionValue,
    def: APIApplicationCommandOption | undefined,
    resolved: Resolved,
    cmdName: string,
  ): Record<string, unknown> {
    const { world } = this;
    const guess = () => {
      if (typeof value === 'boolean') return OptionType.Boolean;
      if (typeof value === 'number')
        return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
      if (typeof value === 'object') return OptionType.Attachment;
      return OptionType.String;
    };
    const type = def?.type ?? guess();
    if (
      def &&
      'choices' in def &&
      def.choices &&
      def.choices.length > 0 &&
      !def.choices.some((c) => c.value === value)
    ) {
      throw new Error(
        `fakeDiscord: /${cmdName} ${name}=${String(value)} is not one of its choices`,
      );
    }
    switch (type) {
      case OptionType.Attachment: {
        if (typeof value !== 'object')
          throw new Error(
            `fakeDiscord: option ${name} needs an attachment from registerAttachment()`,
          );
        (resolved.attachments ??= {})[value.id] = value;
        return { name, type, value: value.id };
      }
      case OptionType.User:
      case OptionType.Mentionable: {
        const id = String(value);
        const user = world.users.get(id);
        const role = world.roles.get(id);
        if (user) {
          (resolved.users ??= {})[id] = user;
          (resolved.members ??= {})[id] = {
            roles: world.memberRoles(id),
            joined_at: new Date(0).toISOString(),
            nick: null,
            avatar: null,
            flags: 0,
            pending: false,
            premium_since: null,
            communication_disabled_until: null,
            permissions: '0',
          };
        } else if (role && type === OptionType.Mentionable) (resolved.roles ??= {})[id] = role;
        else throw new Error(`fakeDiscord: option ${name}: no user ${id}`);
        return { name, type, value: id };
      }
      case OptionType.Role: {
        const role = world.roles.get(String(value));
        if (!role) throw new Error(`fakeDiscord: option ${name}: no role ${String(value)}`);
        (resolved.roles ??= {})[role.id] = role;
        return { name, type, value: role.id };
      }
      case OptionType.Channel: {
        const channel = world.channels.get(String(value));
        if (!channel) throw new Error(`fakeDiscord: option ${name}: no channel ${String(value)}`);
        (resolved.channels ??= {})[channel.id] = world.partialChannelJson(
          channel,
          world.botUser.id,
        );
        return { name, type, value: channel.id };
      }
      case OptionType.Integer:
      case OptionType.Number:
        if (typeof value !== 'number')
          throw new Error(`fakeDiscord: option ${name} needs a number`);
        return { name, type, value };
      case OptionType.Boolean:
        return { name, type, value: Boolean(value) };
      default:
        return { name, type, value: String(value) };
    }
  }

  private options(
    cmd: APIApplicationCommand | undefined,
    spec: { name: string; group?: string; subcommand?: string },
    values: Record<string, OptionValue>,
    focused?: { name: string; value: string },
  ): { options: unknown[]; resolved: Resolved } {
    const { defs, wrap } = this.leaf(cmd, spec);
    const resolved: Resolved = {};
    const out: Record<string, unknown>[] = [];
    for (const [name, value] of Object.entries(values)) {
      const def = defs?.find((d) => d.name === name);
      if (defs && !def) throw new Error(`fakeDiscord: /${spec.name} has no option "${name}"`);
      out.push(this.optionPayload(name, value, def, resolved, spec.name));
    }
    if (focused) {
      const def = defs?.find((d) => d.name === focused.name);
      if (defs && !def)
        throw new Error(`fakeDiscord: /${spec.name} has no option "${focused.name}"`);
      if (def && !('autocomplete' in def && def.autocomplete))
        throw new Error(
          `fakeDiscord: option "${focused.name}" of /${spec.name} has no autocomplete`,
        );
      // The focused value is whatever has been typed so far: always a string.
      out.push({
        name: focused.name,
        type: def?.type ?? OptionType.String,
        value: focused.value,
        focused: true,
      });
    } else if (defs) {
      for (const d of defs) {
        if ('required' in d && d.required && !(d.name in values))
          throw new Error(`fakeDiscord: /${spec.name} requires option "${d.name}"`);
      }
    }
    return { options: wrap(out), resolved };
  }

  command(spec: CommandSpec): BuiltInteraction {
    const cmd = this.findCommand(spec.name, 1, spec.allowUnregistered);
    let options: unknown[];
    let resolved: Resolved = {};
    if (Array.isArray(spec.options)) options = spec.options;
    else ({ options, resolved } = this.options(cmd, spec, spec.options ?? {}));
    const data: Record<string, unknown> = {
      id: cmd?.id ?? this.world.ids.next(),
      name: spec.name,
      type: 1,
      options,
    };
    if (cmd && 'guild_id' in cmd && cmd.guild_id) data.guild_id = cmd.guild_id;
    if (Object.keys(resolved).length > 0) data.resolved = resolved;
    return this.base(spec, 2, data);
  }

  autocomplete(spec: AutocompleteSpec): BuiltInteraction {
    const cmd = this.findCommand(spec.name, 1, spec.allowUnregistered);
    const { options } = this.options(cmd, spec, spec.options ?? {}, {
      name: spec.focused,
      value: spec.value,
    });
    return this.base(spec, 4, {
      id: cmd?.id ?? this.world.ids.next(),
      name: spec.name,
      type: 1,
      options,
    });
  }

  messageMenu(spec: MessageMenuSpec): BuiltInteraction {
    const cmd = this.findCommand(spec.name, 3, spec.allowUnregistered);
    const target = spec.target instanceof StoredMessage ? spec.target.api : spec.target;
    const data = {
      id: cmd?.id ?? this.world.ids.next(),
      name: spec.name,
      type: 3,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
    };
    return this.base({ channelId: target.channel_id, ...spec }, 2, data);
  }

  component(spec: ComponentSpec): BuiltInteraction {
    const message =
      typeof spec.message === 'string' ? this.world.messages.get(spec.message) : spec.message;
    if (!message) throw new Error(`fakeDiscord: no message ${String(spec.message)}`);
    const component = findComponent(message.api.components, spec.customId);
    if (!component)
      throw new Error(
        `fakeDiscord: message ${message.id} has no component with custom_id "${spec.customId}"`,
      );
    if (component.disabled === true)
      throw new Error(
        `fakeDiscord: component "${spec.customId}" is disabled; a user cannot use it`,
      );
    const data: Record<string, unknown> = {
      custom_id: spec.customId,
      component_type: component.type,
    };
    if (component.type !== Component.Button) data.values = spec.values ?? [];
    if (typeof component.id === 'number') data.id = component.id;
    const built = this.base({ channelId: message.channelId, ...spec }, 3, data, {
      message: message.api,
    });
    built.sourceMessage = message;
    return built;
  }

  modalSubmit(spec: ModalSubmitSpec): BuiltInteraction {
    const from = spec.modal;
    const modal =
      'modal' in from && (from.modal === null || isRecord(from.modal))
        ? from.modal
        : (from as Record<string, unknown>);
    const sourceMessage =
      'modal' in from && from.message instanceof StoredMessage ? from.message : null;
    if (!modal) throw new Error('fakeDiscord: that interaction was not answered with a modal');
    const fields = new Map(Object.entries(spec.fields));
    const components = (Array.isArray(modal.components) ? modal.components : []).map((c) =>
      submitted(c, fields),
    );
    if (fields.size > 0)
      throw new Error(`fakeDiscord: the modal has no inputs ${[...fields.keys()].join(', ')}`);
    const data = { custom_id: modal.custom_id, components };
    const extra = sourceMessage ? { message: sourceMessage.api } : {};
    const built = this.base(
      { ...(sourceMessage ? { channelId: sourceMessage.channelId } : {}), ...spec },
      5,
      data,
      extra,
    );
    built.sourceMessage = sourceMessage;
    return built;
  }
}

/** Finds a component with this custom_id anywhere in a message's component tree. */
export function findComponent(
  components: unknown,
  customId: string,
): Record<string, unknown> | null {
  if (!Array.isArray(components)) return null;
  for (const c of components) {
    if (!isRecord(c)) continue;
    if (c.custom_id === customId) return c;
    const inner =
      findComponent(c.components, customId) ??
      (isRecord(c.accessory) ? findComponent([c.accessory], customId) : null);
    if (inner) return inner;
  }
  return null;
}

/** What Discord sends back for one modal component, consuming the value from `fields`. */
function submitted(c: unknown, fields: Map<string, string | string[]>): unknown {
  if (!isRecord(c)) return c;
  const input = (inner: Record<string, unknown>): Record<string, unknown> => {
    const id = String(inner.custom_id);
    const value = fields.get(id);
    fields.delete(id);
    const required = inner.required !== false;
    if (inner.type === Component.TextInput) {
      const text = typeof value === 'string' ? value : '';
      if (required && text === '') throw new Error(`fakeDiscord: modal input "${id}" is required`);
      const max = typeof inner.max_length === 'number' ? inner.max_length : 4000;
      const min = typeof inner.min_length === 'number' ? inner.min_length : 0;
      if (text.length > max || (text !== '' && text.length < min))
        throw new Error(`fakeDiscord: modal input "${id}" must be ${min}–${max} characters`);
      return { type: Component.TextInput, id: inner.id ?? 0, custom_id: id, value: text };
    }
    return {
      type: inner.type,
      id: inner.id ?? 0,
      custom_id: id,
      values: Array.isArray(value) ? value : value === undefined ? [] : [value],
    };
  };
  if (c.type === Component.ActionRow && Array.isArray(c.components)) {
    return {
      type: Component.ActionRow,
      id: c.id ?? 0,
      components: c.components.map((x) => (isRecord(x) ? input(x) : x)),
    };
  }
  if (c.type === Component.Label && isRecord(c.component))
    return { type: Component.Label, id: c.id ?? 0, component: input(c.component) };
  return { type: c.type, id: c.id ?? 0 };
}
