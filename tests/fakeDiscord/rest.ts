/**
 * The REST API under `/api/v10`: a small route table, bot-token auth on the
 * routes that need it (interaction callbacks and webhook-token routes do not:
 * discord.js sends those with `auth: false`), fault injection, and a
 * rejection record for every 4xx so tests can assert the bot never sent
 * anything Discord would refuse.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { presentCommand, type CommandRegistry } from './commands.js';
import { DiscordHttpError, errors } from './errors.js';
import type { FaultInjector } from './faults.js';
import type { FakeGateway } from './gateway.js';
import { parseBody, sendJson, type ParsedBody } from './http.js';
import type { InteractionHub } from './interactions.js';
import { createMessage, CREATE_FLAGS, editMessage, type MessageContext } from './messages.js';
import { isRecord } from './validate.js';
import type { FakeChannel, FakeDmChannel, World } from './world.js';

interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: ParsedBody;
}

interface RouteResult {
  status: number;
  body?: unknown;
}

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  auth: boolean;
  handle: (ctx: RouteContext) => RouteResult;
}

/** How long a nonce deduplicates channel posts ("the past few minutes", DD:resources/message). */
const NONCE_WINDOW_MS = 5 * 60_000;

export interface RestDeps {
  world: World;
  messages: MessageContext;
  commands: CommandRegistry;
  interactions: InteractionHub;
  gateway: FakeGateway;
  faults: FaultInjector;
}

export class FakeRest {
  private readonly routes: Route[] = [];

  constructor(private readonly deps: RestDeps) {
    this.define();
  }

  private add(method: string, path: string, auth: boolean, handle: Route['handle']): void {
    const keys: string[] = [];
    const source = path
      .split('/')
      .map((seg) => {
        if (!seg.startsWith(':')) return seg.replace(/[.*+?^${}()|[\]\\@]/g, '\\$&');
        keys.push(seg.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, auth, handle });
  }

  private channel(id: string | undefined): FakeChannel {
    const channel = id ? this.deps.world.channels.get(id) : undefined;
    if (!channel) throw errors.unknownChannel();
    if (!this.deps.world.botCan(channel.id, PermissionFlagsBits.ViewChannel))
      throw errors.missingAccess(`bot cannot view channel ${channel.id}`);
    return channel;
  }

  private scope(app: string | undefined, guild?: string): string {
    const { world } = this.deps;
    if (app !== world.applicationId) throw errors.unknownApplication();
    if (guild === undefined) return 'global';
    if (guild !== world.guildId) throw errors.unknownGuild();
    return guild;
  }

  private define(): void {
    const { world, commands, interactions, gateway, messages } = this.deps;
    const p = (ctx: RouteContext, key: string) => ctx.params[key] ?? '';

    this.add('GET', '/gateway', false, () => ({ status: 200, body: { url: gateway.url } }));
    this.add('GET', '/gateway/bot', true, () => ({
      status: 200,
      body: {
        url: gateway.url,
        shards: 1,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 14_400_000,
          max_concurrency: 1,
        },
      },
    }));
    this.add('GET', '/users/@me', true, () => ({
      status: 200,
      body: { ...world.botUser, verified: true, flags: 0 },
    }));
    // Opening a DM: the same channel for the same user every time (DD:resources/user#create-dm).
    this.add('POST', '/users/@me/channels', true, (ctx) => {
      const body = isRecord(ctx.body.json) ? ctx.body.json : {};
      const user =
        typeof body.recipient_id === 'string' ? world.users.get(body.recipient_id) : undefined;
      if (!user || user.bot)
        throw errors.invalidRecipients(`no user ${String(body.recipient_id)} to open a DM with`);
      return { status: 200, body: world.dmChannelFor(user) };
    });
    const application = () => ({
      status: 200,
      body: {
        id: world.applicationId,
        name: world.botUser.username,
        icon: null,
        description: '',
        bot_public: false,
        bot_require_code_grant: false,
        flags: 0,
        owner: world.users.get(world.ownerId),
        team: null,
        verify_key: '0'.repeat(64),
        bot: world.botUser,
        approximate_guild_count: 1,
      },
    });
    this.add('GET', '/applications/@me', true, application);
    this.add('GET', '/oauth2/applications/@me', true, application);

    // Commands, global and guild.
    for (const prefix of ['/applications/:app', '/applications/:app/guilds/:guild']) {
      const scopeOf = (ctx: RouteContext) => this.scope(ctx.params.app, ctx.params.guild);
      this.add('GET', `${prefix}/commands`, true, (ctx) => ({
        status: 200,
        body: commands
          .list(scopeOf(ctx))
          .map((c) => presentCommand(c, ctx.query.get('with_localizations') === 'true')),
      }));
      this.add('PUT', `${prefix}/commands`, true, (ctx) => ({
        status: 200,
        body: commands.bulkOverwrite(scopeOf(ctx), ctx.body.json),
      }));
      this.add('POST', `${prefix}/commands`, true, (ctx) => {
        const { command, created } = commands.upsert(scopeOf(ctx), ctx.body.json);
        return { status: created ? 201 : 200, body: command };
      });
      this.add('GET', `${prefix}/commands/:cmd`, true, (ctx) => {
        const cmd = commands.list(scopeOf(ctx)).find((c) => c.id === ctx.params.cmd);
        if (!cmd) throw errors.unknownCommand();
        return { status: 200, body: cmd };
      });
      this.add('PATCH', `${prefix}/commands/:cmd`, true, (ctx) => ({
        status: 200,
        body: commands.edit(scopeOf(ctx), p(ctx, 'cmd'), ctx.body.json),
      }));
      this.add('DELETE', `${prefix}/commands/:cmd`, true, (ctx) => {
        commands.remove(scopeOf(ctx), p(ctx, 'cmd'));
        return { status: 204 };
      });
    }

    // Guild reads a bot might do.
    const guildOnly = (ctx: RouteContext) => {
      if (ctx.params.guild !== world.guildId) throw errors.unknownGuild();
    };
    this.add('GET', '/guilds/:guild', true, (ctx) => {
      guildOnly(ctx);
      const {
        channels: _c,
        members: _m,
        threads: _t,
        presences: _p,
        voice_states: _v,
        ...guild
      } = world.guildCreateJson();
      return { status: 200, body: guild };
    });
    this.add('GET', '/guilds/:guild/channels', true, (ctx) => {
      guildOnly(ctx);
      return { status: 200, body: [...world.channels.values()].map((c) => world.channelJson(c)) };
    });
    this.add('GET', '/guilds/:guild/members/:user', true, (ctx) => {
      guildOnly(ctx);
      if (ctx.params.user !== world.botUser.id) throw errors.unknownMember();
      return { status: 200, body: world.botMemberJson() };
    });

    // Channels and their messages.
    this.add('GET', '/channels/:channel', true, (ctx) => ({
      status: 200,
      body: world.channelJson(this.channel(ctx.params.channel)),
    }));
    this.add('POST', '/channels/:channel/typing', true, (ctx) => {
      this.channel(ctx.params.channel);
      return { status: 204 };
    });
    this.add('POST', '/channels/:channel/messages', true, (ctx) => this.postChannelMessage(ctx));
    this.add('GET', '/channels/:channel/messages', true, (ctx) => {
      const channel = this.channel(ctx.params.channel);
      if (!world.botCan(channel.id, PermissionFlagsBits.ReadMessageHistory))
        return { status: 200, body: [] };
      const limit = Math.min(Number(ctx.query.get('limit') ?? 50), 100);
      const list = world.messagesIn(channel.id).reverse().slice(0, limit);
      return { status: 200, body: list.map((m) => m.api) };
    });
    const channelMessage = (ctx: RouteContext) => {
      const channel = this.channel(ctx.params.channel);
      const message = world.messages.get(p(ctx, 'message'));
      if (!message || message.channelId !== channel.id || message.deleted || message.ephemeral)
        throw errors.unknownMessage();
      return message;
    };
    this.add('GET', '/channels/:channel/messages/:message', true, (ctx) => {
      const message = channelMessage(ctx);
      if (!world.botCan(message.channelId, PermissionFlagsBits.ReadMessageHistory))
        throw errors.missingAccess('bot lacks ReadMessageHistory');
      return { status: 200, body: message.api };
    });
    this.add('PATCH', '/channels/:channel/messages/:message', true, (ctx) => {
      const message = channelMessage(ctx);
      if (message.api.author.id !== world.botUser.id) throw errors.cannotEditOthersMessage();
      const body = isRecord(ctx.body.json) ? ctx.body.json : {};
      return { status: 200, body: editMessage(messages, message, body, ctx.body.files, []).api };
    });
    this.add('DELETE', '/channels/:channel/messages/:message', true, (ctx) => {
      const message = channelMessage(ctx);
      if (
        message.api.author.id !== world.botUser.id &&
        !world.botCan(message.channelId, PermissionFlagsBits.ManageMessages)
      ) {
        throw errors.missingPermissions(
          'bot lacks ManageMessages to delete another user’s message',
        );
      }
      message.deleted = true;
      return { status: 204 };
    });

    // Interactions: no bot auth; the id/token pair is the credential.
    this.add('POST', '/interactions/:id/:token/callback', false, (ctx) =>
      interactions.callback(
        p(ctx, 'id'),
        p(ctx, 'token'),
        ctx.body.json,
        ctx.body.files,
        ctx.query.get('with_response') === 'true',
      ),
    );
    this.add('POST', '/webhooks/:app/:token', false, (ctx) =>
      interactions.followUp(p(ctx, 'app'), p(ctx, 'token'), ctx.body.json, ctx.body.files),
    );
    this.add('GET', '/webhooks/:app/:token/messages/:message', false, (ctx) => ({
      status: 200,
      body: interactions.getMessage(p(ctx, 'app'), p(ctx, 'token'), p(ctx, 'message')),
    }));
    this.add('PATCH', '/webhooks/:app/:token/messages/:message', false, (ctx) => ({
      status: 200,
      body: interactions.editWebhookMessage(
        p(ctx, 'app'),
        p(ctx, 'token'),
        p(ctx, 'message'),
        ctx.body.json,
        ctx.body.files,
      ),
    }));
    this.add('DELETE', '/webhooks/:app/:token/messages/:message', false, (ctx) => {
      interactions.deleteWebhookMessage(p(ctx, 'app'), p(ctx, 'token'), p(ctx, 'message'));
      return { status: 204 };
    });
  }

  /** A message to a user's DM channel: refused (50007) when that user's DMs are closed to the bot. */
  private postDirectMessage(ctx: RouteContext, dm: FakeDmChannel): RouteResult {
    const recipient = dm.recipients[0]!;
    if (this.deps.world.closedDms.has(recipient.id))
      throw errors.cannotMessageUser(`${recipient.id} does not accept DMs from the bot`);
    return this.createWithNonce(dm.id, { ...(isRecord(ctx.body.json) ? ctx.body.json : {}) }, ctx);
  }

  private postChannelMessage(ctx: RouteContext): RouteResult {
    const { world } = this.deps;
    const dm = world.dmChannels.get(ctx.params.channel ?? '');
    if (dm) return this.postDirectMessage(ctx, dm);
    const channel = this.channel(ctx.params.channel);
    if (!world.botCan(channel.id, PermissionFlagsBits.SendMessages))
      throw errors.missingPermissions(`bot lacks SendMessages in channel ${channel.id}`);
    if (ctx.body.files.length > 0 && !world.botCan(channel.id, PermissionFlagsBits.AttachFiles)) {
      throw errors.missingPermissions(`bot lacks AttachFiles in channel ${channel.id}`);
    }
    const body = { ...(isRecord(ctx.body.json) ? ctx.body.json : {}) };
    if (
      Array.isArray(body.embeds) &&
      body.embeds.length > 0 &&
      !world.botCan(channel.id, PermissionFlagsBits.EmbedLinks)
    ) {
      // Discord accepts the message but does not show the embeds.
      world.warnings.push(`embeds dropped in channel ${channel.id}: bot lacks EmbedLinks`);
      body.embeds = [];
    }
    return this.createWithNonce(channel.id, body, ctx);
  }

  /** Creates a bot message in a channel; with `enforce_nonce`, a nonce seen in the window returns the earlier message. */
  private createWithNonce(
    channelId: string,
    body: Record<string, unknown>,
    ctx: RouteContext,
  ): RouteResult {
    const { world, messages } = this.deps;
    const nonce = body.nonce;
    if (body.enforce_nonce === true) {
      if (nonce === undefined || nonce === null) {
        throw errors.invalidFormBody([
          {
            path: ['nonce'],
            code: 'BASE_TYPE_REQUIRED',
            message: 'A nonce is required when enforce_nonce is set',
          },
        ]);
      }
      const now = world.now();
      const earlier = world
        .messagesIn(channelId, { source: 'channel' })
        .find(
          (m) =>
            m.api.nonce === nonce &&
            m.api.author.id === world.botUser.id &&
            now - m.createdAt <= NONCE_WINDOW_MS,
        );
      // Same nonce within the window: Discord returns the message it already made.
      if (earlier) return { status: 200, body: earlier.api };
    }
    const message = createMessage(messages, {
      channelId,
      body,
      files: ctx.body.files,
      prefix: [],
      allowedFlags: CREATE_FLAGS,
      source: 'channel',
    });
    return { status: 200, body: message.api };
  }

  /** Handles one request under `/api/v10`; `path` excludes that prefix and the query. */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ): Promise<void> {
    const { world, faults } = this.deps;
    const method = req.method ?? 'GET';
    const at = Date.now();
    let body: ParsedBody = { json: undefined, files: [], size: 0 };
    const reject = (err: DiscordHttpError) => {
      world.rejections.push({
        at,
        method,
        route: path,
        status: err.status,
        code: err.body.code,
        reason: err.reason,
        body: body.json,
      });
      world.requests.push({ at, method, route: path, status: err.status, body: body.json });
      sendJson(res, err.status, err.body);
    };
    try {
      body = await parseBody(req);
    } catch (err) {
      if (err instanceof DiscordHttpError) return reject(err);
      throw err;
    }
    if (faults.maybeFail(method, path, res)) {
      world.requests.push({
        at,
        method,
        route: path,
        status: res.statusCode,
        injected: true,
        body: body.json,
      });
      return;
    }
    const candidates = this.routes.filter((r) => r.pattern.test(path));
    const route = candidates.find((r) => r.method === method);
    if (!route)
      return reject(
        candidates.length > 0
          ? errors.methodNotAllowed()
          : errors.notFound(`the fake has no route ${method} ${path}`),
      );
    if (route.auth) {
      const auth = req.headers.authorization;
      if (auth !== `Bot ${world.token}` || !world.tokenValid) {
        return reject(
          errors.unauthorized(
            auth === undefined ? 'no Authorization header' : 'wrong or invalidated bot token',
          ),
        );
      }
    }
    const match = route.pattern.exec(path);
    const params: Record<string, string> = {};
    route.keys.forEach((k, i) => {
      params[k] = decodeURIComponent(match?.[i + 1] ?? '');
    });
    try {
      const result = route.handle({ params, query, body });
      world.requests.push({ at, method, route: path, status: result.status, body: body.json });
      sendJson(res, result.status, result.body);
    } catch (err) {
      if (err instanceof DiscordHttpError) return reject(err);
      // A bug in the fake itself: answer 500 and record it where e2e tests look.
      const reason = `fake Discord bug: ${(err as Error).stack ?? String(err)}`;
      world.rejections.push({
        at,
        method,
        route: path,
        status: 500,
        code: 0,
        reason,
        body: body.json,
      });
      world.requests.push({ at, method, route: path, status: 500, body: body.json });
      sendJson(res, 500, { message: '500: Internal Server Error', code: 0 });
    }
  }
}
