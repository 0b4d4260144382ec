/**
 * The contract between front ends (Discord, the offline console) and the
 * handlers. A handler takes parsed options and a context and returns a
 * reply as Discord API JSON; it never sees a discord.js object, so the same
 * handler serves Discord, the console and tests.
 */
import type {
  APIApplicationCommandOptionChoice,
  APIApplicationCommandSubcommandOption,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Clock } from '../clock.js';
import type { Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import type { PostOutcome } from '../schedule/types.js';
import type { Reply } from '../messages/payload.js';
import type { ReadJobRunner } from '../worker/readJobRunner.js';

// Replies are the presentation layer's; re-exported because every handler names them.
export type { MessagePayload, Reply, ReplyFile } from '../messages/payload.js';

export type Choice = APIApplicationCommandOptionChoice<string | number>;

/** An attachment option, as far as handlers need it. */
export interface AttachmentOption {
  id: string;
  filename: string;
  size: number;
  url: string;
  contentType: string | null;
}

export type OptionValue = string | number | boolean | AttachmentOption;
export type Options = Readonly<Record<string, OptionValue | undefined>>;

/** Who is asking, as far as permissions go. */
export interface Caller {
  id: string;
  /** A journal author: may write, and sees hidden essays. */
  isAuthor: boolean;
  /** Has Manage Server in this guild. */
  isManager: boolean;
}

/** Side effects a handler may ask of its front end, beyond its reply. */
export interface Services {
  /** Downloads an attachment (size-capped, from DISCORD_CDN_URL only). */
  download?: (attachment: AttachmentOption) => Promise<Uint8Array>;
  /** Posts today's anniversary post in a server now (Discord only; the console previews instead). */
  postAnniversary?: (guildId: string) => Promise<PostOutcome>;
  /** Whole-journal reads on a worker thread (the bot); without it they run inline (console, tests). */
  readJobs?: ReadJobRunner;
}

/**
 * Where an interaction happens, as far as what may run there and who reads
 * the reply go:
 * - `server`: a server that installed the bot; its members read public replies.
 * - `botDm`: the caller's DM with the bot; only they read it.
 * - `userApp`: reached only through the caller's own install (a server without
 *   the bot, a DM or group DM between users): others there may read replies,
 *   and the server's permissions say nothing about the journal.
 * - `local`: the offline console, on the author's own machine.
 */
export type Place = 'server' | 'botDm' | 'userApp' | 'local';

/**
 * Where a handler may run. Reading runs wherever the app is offered; writing
 * and managing only in a server with the bot (and the console), since
 * Discord can restrict only whole top-level commands, not subcommands.
 */
export type Reach = 'anywhere' | 'server';

export interface HandlerContext {
  store: Store;
  clock: Clock;
  /**
   * The IANA zone the author writes in (JOURNAL_TIMEZONE): "today" where a
   * server has set no zone of its own. Handlers get this, not the whole
   * config, which holds the bot token.
   */
  timeZone: string;
  logger: Logger;
  locale: Locale;
  caller: Caller;
  place: Place;
  /** The server, when the bot is installed there (`place` is `server`); else null. */
  guildId: string | null;
  channelId: string | null;
  services: Services;
  /** Uniform in [0, 1): Math.random in production, seeded in tests. */
  random: () => number;
}

export type Access = 'everyone' | 'author' | 'manager';

export interface Subcommand {
  data: APIApplicationCommandSubcommandOption;
  /** Checked at run time before `execute` (Discord lets admins re-grant commands to anyone). */
  access: Access;
  /** Default: `anywhere` for `everyone`, else `server`. */
  reach?: Reach;
  /**
   * Defer before running when the work may outlast Discord's 3 s; the value
   * says whether the eventual reply is ephemeral (it cannot change later).
   */
  defer?: 'public' | 'ephemeral';
  execute(ctx: HandlerContext, options: Options): Reply | Promise<Reply>;
  /** Choices for the focused option (≤ 25; cannot be deferred). */
  autocomplete?(
    ctx: HandlerContext,
    focused: { name: string; value: string },
    options: Options,
  ): Choice[];
}

/** A top-level slash command made of subcommands. */
export interface SlashCommand {
  data: RESTPostAPIApplicationCommandsJSONBody;
  subcommands: readonly Subcommand[];
}

/** What one modal field submits: a text input's text, a checkbox's state, a file upload's files. */
export type ModalValue = string | boolean | readonly AttachmentOption[];
/** A modal submission's fields by custom id (none for a button). */
export type ModalFields = Readonly<Record<string, ModalValue>>;

/** How a component is answered before its handler runs: see `Subcommand.defer`; `update` edits the message later. */
export type ComponentDefer = 'public' | 'ephemeral' | 'update';

/** Buttons and modal submits are routed by the first segment of their custom id. */
export interface ComponentRoute {
  prefix: string;
  access: Access;
  /** Default: `anywhere` for `everyone`, else `server`. */
  reach?: Reach;
  /** `args` are the custom id's segments after the prefix; `fields` a modal's fields. */
  handle(ctx: HandlerContext, args: readonly string[], fields: ModalFields): Reply | Promise<Reply>;
  /** One way for the whole route, or chosen per custom id (a route serving both buttons and forms). */
  defer?: ComponentDefer | ((args: readonly string[]) => ComponentDefer | undefined);
}

/** A message context-menu command (e.g. "Save as quote"). */
export interface MessageMenuCommand {
  data: RESTPostAPIApplicationCommandsJSONBody;
  access: Access;
  /** Default: `anywhere` for `everyone`, else `server`. */
  reach?: Reach;
  execute(
    ctx: HandlerContext,
    message: {
      id: string;
      channelId: string;
      guildId: string | null;
      content: string;
      authorId: string;
      url: string;
      /** When the message was sent (ISO instant). */
      sentAt: string;
    },
  ): Reply | Promise<Reply>;
}
