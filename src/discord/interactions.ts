/**
 * The Discord adapter: turns discord.js interactions into handler calls and
 * replies into discord.js calls. It is the one error boundary: a
 * UserFacingError becomes an ephemeral message in the user's language;
 * anything else is logged with a short id and shown as a generic message.
 */
import {
  ApplicationCommandOptionType,
  ComponentType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type Attachment,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type MessageComponentInteraction,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Clock } from '../clock.js';
import { UserFacingError } from '../errors.js';
import { pickLocale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { errorText } from '../commands/errorText.js';
import {
  MESSAGE_MENUS,
  checkAccess,
  deferOf,
  resolveComponent,
  resolveSubcommand,
  runAutocomplete,
} from '../commands/index.js';
import type {
  AttachmentOption,
  HandlerContext,
  ModalFields,
  ModalValue,
  Options,
  Place,
  Services,
} from '../commands/types.js';
import type { Reply } from '../messages/payload.js';
import { noticePayload } from '../messages/builders.js';
import { toMessageOptions } from './messageOptions.js';

export interface AdapterDeps {
  store: Store;
  clock: Clock;
  /** JOURNAL_TIMEZONE. */
  timeZone: string;
  /** JOURNAL_AUTHOR_IDS; unset: the server's managers are the authors. */
  authorIds: readonly string[] | undefined;
  logger: Logger;
  services: Services;
}

type Repliable =
  | ChatInputCommandInteraction
  | MessageComponentInteraction
  | ModalSubmitInteraction
  | MessageContextMenuCommandInteraction;

/**
 * A server counts as ours when the bot is installed there (the guild is an
 * authorizing owner); used in any other server, the app came with the
 * caller's own install.
 */
function placeOf(interaction: Interaction): Place {
  if (interaction.guildId !== null)
    return interaction.authorizingIntegrationOwners.guildId === interaction.guildId
      ? 'server'
      : 'userApp';
  return interaction.context === InteractionContextType.BotDM ? 'botDm' : 'userApp';
}

function callerOf(
  interaction: Interaction,
  place: Place,
  authorIds: AdapterDeps['authorIds'],
): HandlerContext['caller'] {
  // Manage Server in a server without the bot (or in no server) says nothing about this journal.
  const isManager =
    place === 'server' &&
    (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false);
  const isAuthor = authorIds ? authorIds.includes(interaction.user.id) : isManager;
  return { id: interaction.user.id, isAuthor, isManager };
}

function contextFor(interaction: Interaction, deps: AdapterDeps): HandlerContext {
  const place = placeOf(interaction);
  return {
    store: deps.store,
    clock: deps.clock,
    timeZone: deps.timeZone,
    logger: deps.logger,
    services: deps.services,
    locale: pickLocale(interaction.locale),
    caller: callerOf(interaction, place, deps.authorIds),
    place,
    // Settings, schedules and quote history belong to servers with the bot.
    guildId: place === 'server' ? interaction.guildId : null,
    channelId: interaction.channelId,
    random: Math.random,
  };
}

/** Flattens discord.js options (subcommand level) into plain values. */
function optionsOf(data: readonly CommandInteractionOption[]): Options {
  const out: Record<string, Options[string]> = {};
  for (const opt of data) {
    if (
      opt.type === ApplicationCommandOptionType.Subcommand ||
      opt.type === ApplicationCommandOptionType.SubcommandGroup
    ) {
      Object.assign(out, optionsOf(opt.options ?? []));
    } else if (opt.type === ApplicationCommandOptionType.Attachment && opt.attachment) {
      out[opt.name] = attachmentOf(opt.attachment);
    } else if (opt.type === ApplicationCommandOptionType.Channel) {
      out[opt.name] = opt.channel?.id ?? opt.value;
    } else if (opt.value !== undefined) {
      out[opt.name] = opt.value;
    }
  }
  return out;
}

function attachmentOf(a: Attachment): AttachmentOption {
  return { id: a.id, filename: a.name, size: a.size, url: a.url, contentType: a.contentType };
}

/** A modal's text inputs, checkboxes and file uploads as plain values. */
function modalFieldsOf(interaction: ModalSubmitInteraction): ModalFields {
  const fields: Record<string, ModalValue> = {};
  for (const [id, field] of interaction.fields.fields) {
    if (field.type === ComponentType.TextInput || field.type === ComponentType.Checkbox)
      fields[id] = field.value;
    else if (field.type === ComponentType.FileUpload)
      fields[id] = [...(field.attachments?.values() ?? [])].map(attachmentOf);
  }
  return fields;
}

/** Sends a handler's reply, taking into account whether we already deferred. */
async function send(interaction: Repliable, reply: Reply): Promise<void> {
  if (reply.kind === 'modal') {
    if (interaction.isModalSubmit()) throw new Error('a modal cannot open another modal');
    await interaction.showModal(reply.modal);
    return;
  }
  const options = toMessageOptions(reply.payload);
  if (interaction.deferred || interaction.replied) {
    await interaction.editReply(options);
    return;
  }
  if (
    reply.kind === 'update' &&
    (interaction.isMessageComponent() ||
      (interaction.isModalSubmit() && interaction.isFromMessage()))
  ) {
    await interaction.update(options);
    return;
  }
  const ephemeral = reply.kind === 'message' && reply.ephemeral === true;
  await interaction.reply({
    ...options,
    flags: ephemeral ? options.flags | MessageFlags.Ephemeral : options.flags,
  });
}

/** Answers a failed interaction with one ephemeral sentence, however far it got. */
async function replyWithError(interaction: Repliable, text: string, logger: Logger): Promise<void> {
  const payload = toMessageOptions(noticePayload(text));
  try {
    if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
    else await interaction.reply({ ...payload, flags: payload.flags | MessageFlags.Ephemeral });
  } catch (err) {
    logger.warn({ err }, 'could not deliver an error message');
  }
}

async function handleChatInput(
  interaction: ChatInputCommandInteraction,
  ctx: HandlerContext,
): Promise<void> {
  const sub = resolveSubcommand(interaction.commandName, interaction.options.getSubcommand(false));
  checkAccess(ctx, sub);
  if (sub.defer)
    await interaction.deferReply({
      flags: sub.defer === 'ephemeral' ? MessageFlags.Ephemeral : undefined,
    });
  await send(interaction, await sub.execute(ctx, optionsOf(interaction.options.data)));
}

async function handleComponent(
  interaction: MessageComponentInteraction | ModalSubmitInteraction,
  ctx: HandlerContext,
): Promise<void> {
  const { route, args } = resolveComponent(interaction.customId);
  checkAccess(ctx, route);
  const defer = deferOf(route, args);
  if (defer === 'update' && interaction.isMessageComponent()) await interaction.deferUpdate();
  else if (defer)
    await interaction.deferReply({
      flags: defer === 'ephemeral' ? MessageFlags.Ephemeral : undefined,
    });
  const fields = interaction.isModalSubmit() ? modalFieldsOf(interaction) : {};
  await send(interaction, await route.handle(ctx, args, fields));
}

async function handleMessageMenu(
  interaction: MessageContextMenuCommandInteraction,
  ctx: HandlerContext,
): Promise<void> {
  const menu = MESSAGE_MENUS.find((m) => m.data.name === interaction.commandName);
  if (!menu) throw new UserFacingError('unknown menu command', 'error.unknownCommand');
  checkAccess(ctx, menu);
  const m = interaction.targetMessage;
  await send(
    interaction,
    await menu.execute(ctx, {
      id: m.id,
      channelId: m.channelId,
      guildId: m.guildId,
      content: m.content,
      authorId: m.author.id,
      url: m.url,
      sentAt: m.createdAt.toISOString(),
    }),
  );
}

async function handleAutocomplete(
  interaction: AutocompleteInteraction,
  ctx: HandlerContext,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const choices = runAutocomplete(
    ctx,
    interaction.commandName,
    interaction.options.getSubcommand(false),
    { name: focused.name, value: String(focused.value) },
    optionsOf(interaction.options.data),
  );
  await interaction.respond(choices);
}

/** The InteractionCreate listener. Never throws: one failed interaction never stops the bot. */
export function createInteractionHandler(deps: AdapterDeps) {
  return async (interaction: Interaction): Promise<void> => {
    const ctx = contextFor(interaction, deps);
    const started = Date.now();
    try {
      if (interaction.isChatInputCommand()) await handleChatInput(interaction, ctx);
      else if (interaction.isAutocomplete()) await handleAutocomplete(interaction, ctx);
      else if (interaction.isMessageContextMenuCommand()) await handleMessageMenu(interaction, ctx);
      else if (interaction.isMessageComponent() || interaction.isModalSubmit())
        await handleComponent(interaction, ctx);
      deps.logger.debug(
        { type: interaction.type, ms: Date.now() - started },
        'interaction answered',
      );
    } catch (err) {
      if (interaction.isAutocomplete()) {
        deps.logger.warn({ err }, 'autocomplete failed');
        await interaction.respond([]).catch(() => {});
        return;
      }
      if (interaction.isRepliable() && !interaction.isAutocomplete()) {
        await replyWithError(
          interaction as Repliable,
          errorText(err, ctx.locale, deps.logger, describe(interaction)),
          deps.logger,
        );
      }
    }
  };
}

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand())
    return `/${interaction.commandName} ${interaction.options.getSubcommand(false) ?? ''}`.trim();
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) return interaction.customId;
  return String(interaction.type);
}
