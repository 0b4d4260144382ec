/**
 * A fake Discord on 127.0.0.1: REST under `/api/v10`, a gateway WebSocket,
 * and a CDN, enough for a real discord.js 14 client (`rest: { api: apiUrl }`,
 * Guilds intent) to log in, register commands, answer interactions and post.
 * It refuses what Discord refuses and records each refusal in `rejections`.
 *
 * ```ts
 * const fake = await startFakeDiscord();
 * // start the bot with DISCORD_TOKEN=fake.token DISCORD_API_URL=fake.apiUrl DISCORD_CDN_URL=fake.cdnUrl
 * await waitFor(() => fake.commands('global').length > 0);
 * const r = await fake.interaction('command', { name: 'essay', subcommand: 'today', locale: 'zh-CN' });
 * const reply = await r.waitForMessage();
 * expect(fake.rejections).toEqual([]);
 * await fake.close();
 * ```
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand } from 'discord-api-types/v10';
import { FakeCdn, type CdnServeOptions, type FakeAttachment } from './cdn.js';
import { CommandRegistry } from './commands.js';
import { FaultInjector, type FaultSpec, type InjectedFault, type RouteMatcher } from './faults.js';
import { FakeGateway, type GatewayLog } from './gateway.js';
import { sendJson } from './http.js';
import {
  InteractionBuilder,
  type InteractionKind,
  type InteractionSpecs,
} from './interactionPayloads.js';
import { InteractionHub, type InteractionResult } from './interactions.js';
import { FakeRest } from './rest.js';
import {
  MEMBER_PERMISSIONS,
  World,
  type FakeChannel,
  type FakeUser,
  type MessageSource,
  type Rejection,
  type RequestRecord,
  StoredMessage,
  type WorldOptions,
} from './world.js';

export type { CdnServeOptions, FakeAttachment } from './cdn.js';
export type { FaultSpec, InjectedFault, RouteMatcher } from './faults.js';
export type { GatewayLog } from './gateway.js';
export type {
  AutocompleteSpec,
  CommandSpec,
  ComponentSpec,
  InteractionBase,
  InteractionKind,
  InteractionSpecs,
  MessageMenuSpec,
  ModalFieldValue,
  ModalSubmitSpec,
  OptionValue,
} from './interactionPayloads.js';
export type { InteractionPlace, Placement } from './validateCommands.js';
export type { CallbackAttempt, InteractionResult } from './interactions.js';
export {
  FIRST_RESPONSE_DEADLINE_MS,
  TOKEN_LIFETIME_MS,
  USER_INSTALL_FOLLOW_UP_LIMIT,
} from './interactions.js';
export {
  ALL_PERMISSIONS,
  MANAGER_PERMISSIONS,
  MEMBER_PERMISSIONS,
  StoredMessage,
} from './world.js';
export type {
  ApiMessage,
  FakeChannel,
  FakeDmChannel,
  FakeUser,
  MessageSource,
  RecordedFile,
  Rejection,
  RequestRecord,
} from './world.js';

export interface FakeDiscordOptions extends WorldOptions {
  /** Name of the text channel created at start (default 'journal'). */
  channelName?: string;
  /** Upload cap per message (default 10 MiB, Discord's default for bots). */
  maxUploadBytes?: number;
  /** Permissions of interaction users unless a spec says otherwise (default MEMBER_PERMISSIONS). */
  userPermissions?: bigint;
  /** Gateway HELLO heartbeat interval (default 41 250 ms, like Discord). */
  heartbeatIntervalMs?: number;
}

export class FakeDiscord {
  readonly apiUrl: string;
  readonly cdnUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly guildId: string;
  /** The text channel created at start. */
  readonly channelId: string;
  /** The user interactions come from unless a spec names another. */
  readonly userId: string;

  private readonly interactionBuilder: InteractionBuilder;

  /** @internal use startFakeDiscord() */
  constructor(
    private readonly server: Server,
    readonly world: World,
    private readonly gateway: FakeGateway,
    private readonly cdn: FakeCdn,
    private readonly registry: CommandRegistry,
    private readonly hub: InteractionHub,
    private readonly faults: FaultInjector,
    base: string,
    channelId: string,
    userPermissions: bigint,
  ) {
    this.apiUrl = `${base}/api`;
    this.cdnUrl = `${base}/cdn`;
    this.gatewayUrl = gateway.url;
    this.token = world.token;
    this.applicationId = world.applicationId;
    this.botUserId = world.botUser.id;
    this.guildId = world.guildId;
    this.channelId = channelId;
    this.interactionBuilder = new InteractionBuilder(world, registry, userPermissions);
    this.userId = this.interactionBuilder.defaultUserId;
  }

  // ---------------------------------------------------------------- what happened

  /** Every request Discord would have refused (4xx), plus fake-internal 500s. E2E tests assert this stays empty. */
  get rejections(): Rejection[] {
    return this.world.rejections;
  }

  /** Requests Discord accepts but degrades (e.g. embeds dropped for lack of EmbedLinks). */
  get warnings(): string[] {
    return this.world.warnings;
  }

  /** Every REST request with its status. */
  get requests(): RequestRecord[] {
    return this.world.requests;
  }

  /** Faults served by `failNext`. */
  get injectedFaults(): InjectedFault[] {
    return this.faults.injected;
  }

  get gatewayLog(): GatewayLog {
    return this.gateway.log;
  }

  get gatewaySessions(): { total: number; connected: number } {
    return this.gateway.sessionCounts;
  }

  get cdnRequests(): FakeCdn['requests'] {
    return this.cdn.requests;
  }

  clearRecords(): void {
    this.world.rejections.length = 0;
    this.world.warnings.length = 0;
    this.world.requests.length = 0;
  }

  /**
   * Messages in a channel (default: the main one), oldest first, excluding
   * ephemeral and deleted ones. `source: 'channel'` keeps only what the bot
   * posted with `POST /channels/{id}/messages` (e.g. scheduled posts).
   */
  messages(
    channelId: string = this.channelId,
    opts: { source?: MessageSource; includeDeleted?: boolean } = {},
  ): StoredMessage[] {
    return this.world.messagesIn(channelId, opts);
  }

  message(id: string): StoredMessage | undefined {
    return this.world.messages.get(id);
  }

  // ---------------------------------------------------------------- the guild

  /** Adds a channel (announced to connected clients with CHANNEL_CREATE). */
  addChannel(opts: {
    name: string;
    type?: number;
    topic?: string;
    botPermissions?: bigint;
  }): FakeChannel {
    const channel = this.world.addChannel(opts);
    this.world.dispatch('CHANNEL_CREATE', this.world.channelJson(channel));
    return channel;
  }

  /**
   * Makes `permissions` exactly the bot's permissions in the channel, through a
   * member overwrite (announced with CHANNEL_UPDATE so discord.js's
   * `permissionsFor` agrees with REST).
   */
  setBotPermissions(channelId: string, permissions: bigint): void {
    const channel = this.world.channels.get(channelId);
    if (!channel) throw new Error(`fakeDiscord: no channel ${channelId}`);
    this.world.setMemberOverwrite(channel, this.botUserId, permissions);
    this.world.dispatch('CHANNEL_UPDATE', this.world.channelJson(channel));
  }

  addUser(opts: { id?: string; username?: string; globalName?: string | null } = {}): FakeUser {
    return this.world.addUser(opts);
  }

  /**
   * What the bot sent a user by DM (`POST /channels/{dm}/messages` after
   * `POST /users/@me/channels`), oldest first. Replies to interactions in the
   * DM are not among them.
   */
  directMessages(userId: string): StoredMessage[] {
    const dm = [...this.world.dmChannels.values()].find((c) => c.recipients[0]?.id === userId);
    return dm ? this.world.messagesIn(dm.id, { source: 'channel' }) : [];
  }

  /** Makes a user's DMs refuse the bot, as their privacy settings can: sends there answer 403 50007. */
  closeDms(userId: string): void {
    this.world.closedDms.add(userId);
  }

  /** A message posted by a user (not the bot), e.g. as a context-menu target. */
  postUserMessage(opts: { content: string; channelId?: string; userId?: string }): StoredMessage {
    const { world } = this;
    const author =
      world.users.get(opts.userId ?? this.userId) ?? world.addUser({ id: opts.userId });
    const channelId = opts.channelId ?? this.channelId;
    // Built directly: users are not subject to the bot's REST checks.
    const id = world.ids.next();
    const api = {
      id,
      channel_id: channelId,
      type: 0,
      author,
      content: opts.content,
      timestamp: new Date(world.now()).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
    };
    const message = new StoredMessage(api, 'user', [], undefined, false, world.now());
    world.messages.set(id, message);
    return message;
  }

  // ---------------------------------------------------------------- commands

  /**
   * Registered commands: `'global'`, `'guild'` (the fake guild) or a guild id;
   * with no argument, guild and global together.
   */
  commands(scope?: string): APIApplicationCommand[] {
    if (scope === undefined)
      return [...this.registry.list(this.guildId), ...this.registry.list('global')];
    return this.registry.list(scope === 'guild' ? this.guildId : scope);
  }

  /** Bulk overwrites (PUT) received for a scope, or in total. */
  commandPuts(scope?: string): number {
    return this.registry.putCount(scope === 'guild' ? this.guildId : scope);
  }

  // ---------------------------------------------------------------- interactions

  /**
   * Sends an interaction over the gateway and resolves with the bot's first
   * callback (time, type, data, accepted or not) and live views of the reply.
   */
  interaction<K extends InteractionKind>(
    kind: K,
    spec: InteractionSpecs[K],
  ): Promise<InteractionResult> {
    const b = this.interactionBuilder;
    const built =
      kind === 'command'
        ? b.command(spec as InteractionSpecs['command'])
        : kind === 'autocomplete'
          ? b.autocomplete(spec as InteractionSpecs['autocomplete'])
          : kind === 'component'
            ? b.component(spec as InteractionSpecs['component'])
            : kind === 'modalSubmit'
              ? b.modalSubmit(spec as InteractionSpecs['modalSubmit'])
              : b.messageMenu(spec as InteractionSpecs['messageMenu']);
    return this.hub.send(kind, built, spec.timeoutMs);
  }

  command(spec: InteractionSpecs['command']): Promise<InteractionResult> {
    return this.interaction('command', spec);
  }
  autocomplete(spec: InteractionSpecs['autocomplete']): Promise<InteractionResult> {
    return this.interaction('autocomplete', spec);
  }
  component(spec: InteractionSpecs['component']): Promise<InteractionResult> {
    return this.interaction('component', spec);
  }
  modalSubmit(spec: InteractionSpecs['modalSubmit']): Promise<InteractionResult> {
    return this.interaction('modalSubmit', spec);
  }
  messageMenu(spec: InteractionSpecs['messageMenu']): Promise<InteractionResult> {
    return this.interaction('messageMenu', spec);
  }

  // ---------------------------------------------------------------- CDN

  /**
   * Serves `bytes` under the CDN and returns the attachment object Discord
   * would send (usable as an attachment option value). `opts` can make the
   * download slow, stalled or failing.
   */
  registerAttachment(
    name: string,
    bytes: Buffer | string,
    contentType = 'text/plain; charset=utf-8',
    opts?: CdnServeOptions,
  ): FakeAttachment {
    const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    const id = this.world.ids.next();
    const url = this.cdn.registerBytes(this.channelId, id, name, data, contentType, opts);
    return {
      id,
      filename: name,
      size: data.length,
      url,
      proxy_url: url,
      content_type: contentType,
    };
  }

  /** Like registerAttachment, but the body (of `size` bytes) is generated while streaming, so huge files cost nothing. */
  registerLargeAttachment(
    name: string,
    size: number,
    contentType = 'text/plain; charset=utf-8',
    opts?: CdnServeOptions,
  ): FakeAttachment {
    const id = this.world.ids.next();
    const url = this.cdn.registerGenerated(this.channelId, id, name, size, contentType, opts);
    return { id, filename: name, size, url, proxy_url: url, content_type: contentType };
  }

  // ---------------------------------------------------------------- faults and time

  /** Makes the next `count` requests matching `route` fail with a 5xx or 429. */
  failNext(route: RouteMatcher, spec: FaultSpec): void {
    this.faults.add(route, spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Moves the fake's clock forward for deadline checks (3 s first response, 15 min token). */
  advanceClock(ms: number): void {
    this.world.clockOffsetMs += ms;
  }

  /** Kills every gateway socket abnormally; clients should RESUME and get missed events replayed. */
  dropGatewayConnections(): void {
    this.gateway.dropConnections();
  }

  /** Sends op 7 RECONNECT to every client. */
  requestGatewayReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Stop acknowledging heartbeats (a zombie connection). */
  setHeartbeatAcks(on: boolean): void {
    this.gateway.ackHeartbeats = on;
  }

  /** As if the token were reset: REST answers 401 and the gateway closes with 4004. */
  invalidateToken(): void {
    this.world.tokenValid = false;
    this.gateway.closeAll(4004, 'Authentication failed.');
  }

  async close(): Promise<void> {
    this.hub.close();
    this.cdn.close();
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const world = new World(options);
  const channel = world.addChannel({ name: options.channelName ?? 'journal' });
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const cdn = new FakeCdn(`${base}/cdn`);
  const gateway = new FakeGateway(world, `ws://127.0.0.1:${port}`, {
    heartbeatIntervalMs: options.heartbeatIntervalMs,
  });
  const registry = new CommandRegistry(world);
  const faults = new FaultInjector();
  const messageCtx = { world, cdn, maxUploadBytes: options.maxUploadBytes ?? 10 * 1024 * 1024 };
  const hub = new InteractionHub(
    messageCtx,
    (t, d) => gateway.dispatch(t, d),
    () =>
      `(gateway sessions: ${gateway.sessionCounts.total}, with a live socket: ${gateway.sessionCounts.connected})`,
  );
  const rest = new FakeRest({
    world,
    messages: messageCtx,
    commands: registry,
    interactions: hub,
    gateway,
    faults,
  });

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    if (path.startsWith('/api/v10/')) {
      rest
        .handle(req, res, path.slice('/api/v10'.length), url.searchParams)
        .catch((err: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { message: String(err), code: 0 });
        });
    } else if (path.startsWith('/cdn/')) {
      cdn.handle(req, res, path.slice('/cdn'.length));
    } else {
      world.rejections.push({
        at: Date.now(),
        method: req.method ?? 'GET',
        route: path,
        status: 404,
        code: 0,
        reason: 'outside /api/v10 and /cdn',
      });
      sendJson(res, 404, { message: '404: Not Found', code: 0 });
    }
  });
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));

  return new FakeDiscord(
    server,
    world,
    gateway,
    cdn,
    registry,
    hub,
    faults,
    base,
    channel.id,
    options.userPermissions ?? MEMBER_PERMISSIONS,
  );
}

/**
 * Polls `predicate` until it returns something truthy, and returns that.
 * Rejects after `timeoutMs` with `message` (or a generic one).
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  timeoutMs = 5_000,
  message?: string,
): Promise<NonNullable<T>> {
  const started = Date.now();
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(message ?? `waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 15));
  }
}
