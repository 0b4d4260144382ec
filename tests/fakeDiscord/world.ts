/**
 * The fake's state: one guild with roles and channels, the bot and a few
 * users, every message created, and the logs tests assert on (rejections,
 * warnings, requests). REST, gateway and interaction code all share it.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { APIAttachment, APIEmbed, APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { makeBotToken, SnowflakeGenerator } from './ids.js';

export interface Rejection {
  /** Wall-clock time (ms since epoch) of the request. */
  at: number;
  method: string;
  /** Path after `/api/v10`, without the query string. */
  route: string;
  status: number;
  /** Discord's JSON error code (0 for plain HTTP errors). */
  code: number;
  reason: string;
  /** The parsed request body, to see what the bot tried to send. */
  body?: unknown;
}

export interface RequestRecord {
  at: number;
  method: string;
  route: string;
  status: number;
  /** Set when the response was an injected fault (failNext). */
  injected?: boolean;
  /** The JSON body (`payload_json` for uploads) as sent, so tests can check every payload (e.g. `allowed_mentions`). */
  body?: unknown;
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
}

export interface Overwrite {
  id: string;
  /** 0 = role, 1 = member. */
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface FakeChannel {
  id: string;
  type: number;
  name: string;
  position: number;
  parent_id: string | null;
  topic: string | null;
  nsfw: boolean;
  rate_limit_per_user: number;
  last_message_id: string | null;
  permission_overwrites: Overwrite[];
}

/** A DM channel between the bot and one user (type 1), as `POST /users/@me/channels` returns it. */
export interface FakeDmChannel {
  id: string;
  type: 1;
  flags: 0;
  recipients: FakeUser[];
  last_message_id: string | null;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: string;
  position: number;
  color: number;
  colors: { primary_color: number; secondary_color: null; tertiary_color: null };
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  icon: null;
  unicode_emoji: null;
  flags: number;
  tags?: { bot_id: string };
}

/** A file uploaded with a message (multipart `files[n]`). */
export interface RecordedFile {
  id: string;
  filename: string;
  contentType: string;
  description?: string;
  bytes: Buffer;
  /** Where the fake's CDN serves it. */
  url: string;
}

/** The JSON Discord returns for a message (the fields this fake fills in). */
export interface ApiMessage {
  id: string;
  channel_id: string;
  type: number;
  author: FakeUser;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: unknown[];
  mention_roles: string[];
  attachments: APIAttachment[];
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  pinned: boolean;
  flags: number;
  nonce?: string | number;
  webhook_id?: string;
  application_id?: string;
  interaction_metadata?: Record<string, unknown>;
  message_reference?: Record<string, unknown>;
}

export type MessageSource = 'channel' | 'interaction' | 'followup' | 'user';

/** A message as stored by the fake: the API JSON plus how it came to be. */
export class StoredMessage {
  edits = 0;
  deleted = false;
  constructor(
    public api: ApiMessage,
    readonly source: MessageSource,
    public files: RecordedFile[],
    /** The interaction this message answers (interaction replies and follow-ups). */
    readonly interactionId?: string,
    /** Ephemeral messages are invisible to channel reads. */
    readonly ephemeral = false,
    /** Creation time on the fake's clock (World.now), for nonce deduplication windows. */
    readonly createdAt = Date.now(),
  ) {}

  get id(): string {
    return this.api.id;
  }
  get channelId(): string {
    return this.api.channel_id;
  }
  get content(): string {
    return this.api.content;
  }
  get embeds(): APIEmbed[] {
    return this.api.embeds;
  }
  get components(): APIMessageTopLevelComponent[] {
    return this.api.components;
  }
  get flags(): number {
    return this.api.flags;
  }
  /** True while a deferred reply still shows "… is thinking". */
  get loading(): boolean {
    return (this.api.flags & (1 << 7)) !== 0;
  }
}

/** Permissions a plain member has in a default community server (no admin, no manage). */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak;

/** A server manager: member permissions plus ManageGuild (what `/journal setup` requires). */
export const MANAGER_PERMISSIONS =
  MEMBER_PERMISSIONS |
  PermissionFlagsBits.ManageGuild |
  PermissionFlagsBits.ManageChannels |
  PermissionFlagsBits.ManageMessages;

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

export interface WorldOptions {
  guildName?: string;
  /** The guild's preferred locale (community guilds can change it; default en-US). */
  guildLocale?: string;
  /** Permissions of the bot's managed role. Default: MEMBER_PERMISSIONS. */
  botPermissions?: bigint;
  /** Permissions of @everyone. Default: MEMBER_PERMISSIONS. */
  everyonePermissions?: bigint;
  botUsername?: string;
}

export class World {
  readonly ids = new SnowflakeGenerator();
  readonly botUser: FakeUser;
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly ownerId: string;
  readonly botRoleId: string;
  readonly guildName: string;
  guildLocale: string;
  readonly channels = new Map<string, FakeChannel>();
  readonly roles = new Map<string, FakeRole>();
  readonly users = new Map<string, FakeUser>();
  /** DM channels between the bot and a user, by channel id: one per user, opened by the bot or by a DM interaction. */
  readonly dmChannels = new Map<string, FakeDmChannel>();
  /** Users whose DMs refuse the bot (privacy settings, no shared server): messages there answer 50007. */
  readonly closedDms = new Set<string>();
  /** Every message ever created, by id (deleted ones stay, flagged). */
  readonly messages = new Map<string, StoredMessage>();
  readonly rejections: Rejection[] = [];
  /** Things Discord accepts but silently degrades (e.g. embeds dropped without EmbedLinks). */
  readonly warnings: string[] = [];
  readonly requests: RequestRecord[] = [];
  tokenValid = true;
  /** Added to Date.now() for every deadline check; see FakeDiscord.advanceClock. */
  clockOffsetMs = 0;
  /** Set by the gateway: sends a dispatch event to every live session. */
  dispatch: (t: string, d: unknown) => void = () => {};

  constructor(opts: WorldOptions = {}) {
    // Modern apps share the id of their bot user.
    this.applicationId = this.ids.next();
    this.botUser = {
      id: this.applicationId,
      username: opts.botUsername ?? 'journal-bot',
      global_name: null,
      discriminator: '0000',
      avatar: null,
      bot: true,
    };
    this.users.set(this.botUser.id, this.botUser);
    this.token = makeBotToken(this.botUser.id);
    this.guildId = this.ids.next();
    this.guildName = opts.guildName ?? 'Fake Guild';
    this.guildLocale = opts.guildLocale ?? 'en-US';
    const owner = this.addUser({ username: 'guild-owner' });
    this.ownerId = owner.id;
    this.roles.set(
      this.guildId,
      this.makeRole(this.guildId, '@everyone', opts.everyonePermissions ?? MEMBER_PERMISSIONS, 0),
    );
    this.botRoleId = this.ids.next();
    const botRole = this.makeRole(
      this.botRoleId,
      this.botUser.username,
      opts.botPermissions ?? MEMBER_PERMISSIONS,
      1,
    );
    botRole.managed = true;
    botRole.tags = { bot_id: this.botUser.id };
    this.roles.set(this.botRoleId, botRole);
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  private makeRole(id: string, name: string, permissions: bigint, position: number): FakeRole {
    return {
      id,
      name,
      permissions: permissions.toString(),
      position,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      managed: false,
      mentionable: false,
      icon: null,
      unicode_emoji: null,
      flags: 0,
    };
  }

  addUser(partial: { id?: string; username?: string; globalName?: string | null } = {}): FakeUser {
    const id = partial.id ?? this.ids.next();
    const existing = this.users.get(id);
    if (existing) return existing;
    const user: FakeUser = {
      id,
      username: partial.username ?? `user${id.slice(-4)}`,
      global_name: partial.globalName ?? null,
      discriminator: '0',
      avatar: null,
    };
    this.users.set(id, user);
    return user;
  }

  addChannel(opts: {
    name: string;
    type?: number;
    topic?: string;
    botPermissions?: bigint;
  }): FakeChannel {
    const channel: FakeChannel = {
      id: this.ids.next(),
      type: opts.type ?? 0,
      name: opts.name,
      position: this.channels.size,
      parent_id: null,
      topic: opts.topic ?? null,
      nsfw: false,
      rate_limit_per_user: 0,
      last_message_id: null,
      permission_overwrites: [],
    };
    this.channels.set(channel.id, channel);
    if (opts.botPermissions !== undefined)
      this.setMemberOverwrite(channel, this.botUser.id, opts.botPermissions);
    return channel;
  }

  /**
   * Makes `perms` exactly what the member gets in the channel (short of
   * Administrator): allow those bits, deny every other one.
   */
  setMemberOverwrite(channel: FakeChannel, userId: string, perms: bigint): void {
    channel.permission_overwrites = channel.permission_overwrites.filter(
      (o) => !(o.type === 1 && o.id === userId),
    );
    channel.permission_overwrites.push({
      id: userId,
      type: 1,
      allow: perms.toString(),
      deny: (ALL_PERMISSIONS & ~perms).toString(),
    });
  }

  /** The user's DM channel with the bot, created on first use; the same one every time. */
  dmChannelFor(user: FakeUser): FakeDmChannel {
    for (const dm of this.dmChannels.values()) if (dm.recipients[0]?.id === user.id) return dm;
    const dm: FakeDmChannel = {
      id: this.ids.next(),
      type: 1,
      flags: 0,
      recipients: [user],
      last_message_id: null,
    };
    this.dmChannels.set(dm.id, dm);
    return dm;
  }

  memberRoles(userId: string): string[] {
    return userId === this.botUser.id ? [this.botRoleId] : [];
  }

  /** DD:topics/permissions "Permission Overwrites": base from roles, then @everyone, role and member overwrites. */
  permissionsIn(channelId: string, userId: string): bigint {
    if (userId === this.ownerId) return ALL_PERMISSIONS;
    const roleIds = this.memberRoles(userId);
    let perms = BigInt(this.roles.get(this.guildId)?.permissions ?? '0');
    for (const id of roleIds) perms |= BigInt(this.roles.get(id)?.permissions ?? '0');
    if ((perms & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;
    const channel = this.channels.get(channelId);
    if (!channel) return perms;
    const everyone = channel.permission_overwrites.find(
      (o) => o.type === 0 && o.id === this.guildId,
    );
    if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
    let allow = 0n;
    let deny = 0n;
    for (const o of channel.permission_overwrites) {
      if (o.type === 0 && roleIds.includes(o.id)) {
        allow |= BigInt(o.allow);
        deny |= BigInt(o.deny);
      }
    }
    perms = (perms & ~deny) | allow;
    const member = channel.permission_overwrites.find((o) => o.type === 1 && o.id === userId);
    if (member) perms = (perms & ~BigInt(member.deny)) | BigInt(member.allow);
    return perms;
  }

  botCan(channelId: string, flag: bigint): boolean {
    return (this.permissionsIn(channelId, this.botUser.id) & flag) === flag;
  }

  /** Channel JSON as REST and CHANNEL_* events carry it. */
  channelJson(channel: FakeChannel): Record<string, unknown> {
    return { ...channel, guild_id: this.guildId, flags: 0 };
  }

  botMemberJson(): Record<string, unknown> {
    return {
      user: this.botUser,
      nick: null,
      avatar: null,
      banner: null,
      roles: [this.botRoleId],
      joined_at: new Date(0).toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
    };
  }

  /** The full guild as sent in GUILD_CREATE: enough for discord.js to cache roles, channels and `members.me`. */
  guildCreateJson(): Record<string, unknown> {
    const firstText = [...this.channels.values()].find((c) => c.type === 0);
    return {
      id: this.guildId,
      name: this.guildName,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: this.guildLocale,
      system_channel_id: firstText?.id ?? null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      max_members: 500000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      application_id: null,
      features: [],
      roles: [...this.roles.values()],
      emojis: [],
      stickers: [],
      incidents_data: null,
      // GUILD_CREATE extras
      joined_at: new Date(0).toISOString(),
      large: false,
      unavailable: false,
      member_count: this.users.size,
      voice_states: [],
      members: [this.botMemberJson()],
      channels: [...this.channels.values()].map((c) => ({ ...c, flags: 0 })),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** The interaction-facing partial channel (INTERACTION_CREATE `channel`, resolved channels). */
  partialChannelJson(channel: FakeChannel, forUserId: string): Record<string, unknown> {
    return {
      ...this.channelJson(channel),
      permissions: this.permissionsIn(channel.id, forUserId).toString(),
    };
  }

  /** Channel messages (not ephemeral), optionally only those the bot posted through `POST /channels/…/messages`. */
  messagesIn(
    channelId: string,
    opts: { source?: MessageSource; includeDeleted?: boolean } = {},
  ): StoredMessage[] {
    return [...this.messages.values()].filter(
      (m) =>
        m.channelId === channelId &&
        !m.ephemeral &&
        (opts.includeDeleted || !m.deleted) &&
        (opts.source === undefined || m.source === opts.source),
    );
  }
}
