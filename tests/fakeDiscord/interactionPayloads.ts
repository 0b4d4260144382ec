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
import {
  IntegrationType,
  InteractionContext,
  OptionType,
  type InteractionPlace,
  type Placement,
} from './validateCommands.js';
import { StoredMessage, type ApiMessage, type FakeUser, type World } from './world.js';

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
  /** In a DM with the bot instead of the guild: short for `context: 'botDm'`. */
  dm?: boolean;
  /**
   * Where it happens: the fake guild (default), the user's DM with the bot
   * (context 1), or a DM or group DM between users (context 2, which only a
   * user-installed app can be used in).
   */
  context?: InteractionPlace;
  /**
   * Which installation authorises it: the guild's (default) or the acting
   * user's own, as for a user-installed app that the server never added.
   */
  install?: 'guild' | 'user';
  /**
   * With `install: 'user'` in the guild: whether the server lets members use
   * external apps. When it does not, Discord makes every reply ephemeral.
   */
  externalAppsAllowed?: boolean;
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
  /**
   * What the user entered, by custom_id: text for a text input, values for a
   * select or checkbox group, a value for a radio group, true/false for a
   * checkbox (unset: its default), and files from `registerAttachment` for a
   * file upload.
   */
  fields: Record<string, ModalFieldValue>;
}

export type ModalFieldValue = string | string[] | boolean | FakeAttachment | FakeAttachment[];

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
  /**
   * Only the user's installation authorises it (the app is not installed where
   * it is used): Discord then allows at most 5 follow-ups.
   */
  userInstallOnly: boolean;
  /** Replies are made ephemeral whatever their flags (a server that denies external apps). */
  forceEphemeral: boolean;
}

export function placementOf(spec: InteractionBase): Placement {
  const place = spec.context ?? (spec.dm ? 'botDm' : 'guild');
  const install = spec.install ?? 'guild';
  // Group DMs and DMs between users have no bot in them: only the user's own install reaches there.
  if (place === 'privateChannel' && install !== 'user')
    throw new Error(
      "fakeDiscord: a private-channel interaction needs install: 'user' (a guild install cannot be used there)",
    );
  return { place, install };
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
  private readonly privateChannels = new Map<string, Record<string, unknown>>();

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
    const { place, install } = placementOf(spec);
    const userInstallOnly = install === 'user';
    payload.context = InteractionContext[place];
    if (place !== 'guild') {
      // Outside a guild Discord sends `user` instead of `member`, and no guild at all.
      const channel = this.privateChannel(user, place);
      payload.user = user;
      payload.channel_id = channel.id;
      payload.channel = channel;
      payload.authorizing_integration_owners =
        install === 'user' ? { [IntegrationType.user]: user.id } : { [IntegrationType.guild]: '0' };
      payload.app_permissions = '0';
      return { id, token, payload, sourceMessage: null, userInstallOnly, forceEphemeral: false };
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
    payload.authorizing_integration_owners =
      install === 'user'
        ? { [IntegrationType.user]: user.id }
        : { [IntegrationType.guild]: world.guildId };
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
    const forceEphemeral = userInstallOnly && spec.externalAppsAllowed === false;
    return { id, token, payload, sourceMessage: null, userInstallOnly, forceEphemeral };
  }

  /** The same DM (or group DM) channel every time for a user, so later clicks land where the reply is. */
  private privateChannel(
    user: FakeUser,
    place: 'botDm' | 'privateChannel',
  ): Record<string, unknown> {
    // The bot's own DM with the user: where `POST /users/@me/channels` leads too.
    if (place === 'botDm') return { ...this.world.dmChannelFor(user) };
    const key = `${place}:${user.id}`;
    let channel = this.privateChannels.get(key);
    if (!channel) {
      const friend = this.world.addUser({ username: 'friend' });
      channel = {
        id: this.world.ids.next(),
        // 3 = group DM: a user-installed app is used among people, the bot not among them.
        type: 3,
        flags: 0,
        recipients: [user, friend],
        last_message_id: null,
        name: null,
        icon: null,
        owner_id: user.id,
      };
      this.privateChannels.set(key, channel);
    }
    return channel;
  }

  private findCommand(
    spec: InteractionBase & { name: string; allowUnregistered?: boolean },
    type: number,
  ): APIApplicationCommand | undefined {
    const where = placementOf(spec);
    const cmd = this.registry.find(spec.name, type, where);
    if (!cmd && !spec.allowUnregistered) {
      throw new Error(
        `fakeDiscord: command "${spec.name}" (type ${type}) is not offered in context ${where.place} with a ${where.install} install, so Discord would not send it. Registered: ${this.registry.describeRegistrations(spec.name, type)}. Register it for there first or pass allowUnregistered.`,
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
    const cmd = this.findCommand(spec, 1);
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
    const cmd = this.findCommand(spec, 1);
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
    const cmd = this.findCommand(spec, 3);
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
    const submission: Submission = { fields, attachments: {}, nextId: 1 };
    const components = (Array.isArray(modal.components) ? modal.components : []).map((c) =>
      submitted(c, submission),
    );
    if (fields.size > 0)
      throw new Error(`fakeDiscord: the modal has no inputs ${[...fields.keys()].join(', ')}`);
    const data: Record<string, unknown> = { custom_id: modal.custom_id, components };
    // Uploaded files arrive as ids in the component and as attachment objects here.
    if (Object.keys(submission.attachments).length > 0)
      data.resolved = { attachments: submission.attachments };
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

interface Submission {
  fields: Map<string, ModalFieldValue>;
  /** `resolved.attachments` of the submission, by id. */
  attachments: Record<string, FakeAttachment>;
  /** Discord numbers components that were sent without an `id`, in tree order. */
  nextId: number;
}

const isAttachment = (v: unknown): v is FakeAttachment =>
  isRecord(v) && typeof v.id === 'string' && typeof v.url === 'string';

/** Checks a count of chosen values against `min_values`/`max_values`, as the Discord client does before submitting. */
function checkCount(inner: Record<string, unknown>, id: string, n: number, max: number): void {
  const required = inner.required !== false;
  const min = typeof inner.min_values === 'number' ? inner.min_values : 1;
  if (n === 0 && !required) return;
  if (n < min || n > max)
    throw new Error(`fakeDiscord: modal input "${id}" takes ${min}–${max} values (got ${n})`);
}

/**
 * What Discord sends back for one modal component (discord-api-types
 * `APIModalSubmissionComponent`), consuming the user's value from `fields`.
 * Checks the Discord client makes before it lets a user submit throw here:
 * they are test mistakes.
 */
function submitted(c: unknown, sub: Submission): unknown {
  if (!isRecord(c)) return c;
  const idOf = (x: Record<string, unknown>) => (typeof x.id === 'number' ? x.id : sub.nextId++);
  const input = (inner: Record<string, unknown>): Record<string, unknown> => {
    const componentId = idOf(inner);
    const id = String(inner.custom_id);
    const value = sub.fields.get(id);
    sub.fields.delete(id);
    const base = { type: inner.type, id: componentId, custom_id: id };
    const required = inner.required !== false;
    switch (inner.type) {
      case Component.TextInput: {
        const text = typeof value === 'string' ? value : '';
        if (required && text === '')
          throw new Error(`fakeDiscord: modal input "${id}" is required`);
        const max = typeof inner.max_length === 'number' ? inner.max_length : 4000;
        const min = typeof inner.min_length === 'number' ? inner.min_length : 0;
        if (text.length > max || (text !== '' && text.length < min))
          throw new Error(`fakeDiscord: modal input "${id}" must be ${min}–${max} characters`);
        return { ...base, value: text };
      }
      case Component.Checkbox:
        if (value !== undefined && typeof value !== 'boolean')
          throw new Error(`fakeDiscord: checkbox "${id}" takes true or false`);
        return { ...base, value: value ?? inner.default === true };
      case Component.FileUpload: {
        const files = value === undefined ? [] : Array.isArray(value) ? value : [value];
        if (!files.every(isAttachment))
          throw new Error(
            `fakeDiscord: file upload "${id}" takes attachments from registerAttachment()`,
          );
        const max = typeof inner.max_values === 'number' ? inner.max_values : 1;
        checkCount(inner, id, files.length, max);
        for (const f of files) sub.attachments[f.id] = { ...f, ephemeral: true };
        return { ...base, values: files.map((f) => f.id) };
      }
      case Component.RadioGroup: {
        const options = Array.isArray(inner.options) ? inner.options.filter(isRecord) : [];
        const chosen =
          typeof value === 'string'
            ? value
            : (options.find((o) => o.default === true)?.value as string | undefined);
        if (chosen !== undefined && !options.some((o) => o.value === chosen))
          throw new Error(`fakeDiscord: radio group "${id}" has no option "${chosen}"`);
        if (required && chosen === undefined)
          throw new Error(`fakeDiscord: radio group "${id}" is required`);
        return { ...base, value: chosen ?? null };
      }
      default: {
        if (isAttachment(value) || typeof value === 'boolean')
          throw new Error(`fakeDiscord: modal input "${id}" takes a string or strings`);
        const values = Array.isArray(value)
          ? (value as string[])
          : value === undefined
            ? []
            : [value];
        if (inner.type === Component.CheckboxGroup) {
          const options = Array.isArray(inner.options) ? inner.options.filter(isRecord) : [];
          for (const v of values)
            if (!options.some((o) => o.value === v))
              throw new Error(`fakeDiscord: checkbox group "${id}" has no option "${v}"`);
          const max = typeof inner.max_values === 'number' ? inner.max_values : options.length;
          checkCount(inner, id, values.length, max);
        }
        return { ...base, values };
      }
    }
  };
  if (c.type === Component.ActionRow && Array.isArray(c.components)) {
    return {
      type: Component.ActionRow,
      id: idOf(c),
      components: c.components.map((x) => (isRecord(x) ? input(x) : x)),
    };
  }
  if (c.type === Component.Label && isRecord(c.component)) {
    const labelId = idOf(c);
    return { type: Component.Label, id: labelId, component: input(c.component) };
  }
  return { type: c.type, id: idOf(c) };
}
