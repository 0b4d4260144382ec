/**
 * Turning a create or edit request into a stored message, the way Discord
 * does: validate the fields sent and the resulting message as a whole, then
 * upload files to the CDN and commit.
 */
import type { APIAttachment, APIEmbed, APIMessageTopLevelComponent } from 'discord-api-types/v10';
import type { FakeCdn } from './cdn.js';
import { errors } from './errors.js';
import type { UploadedFile } from './http.js';
import {
  attachmentsNotShown,
  checkMessageBody,
  checkMessageShape,
  isEmptyShape,
  isRecord,
  MessageFlag,
  type MessageShape,
  type Path,
} from './validate.js';
import {
  StoredMessage,
  type ApiMessage,
  type FakeUser,
  type MessageSource,
  type RecordedFile,
  type World,
} from './world.js';

/** Flags a message create may carry (DD:resources/message "Message Flags"). */
export const CREATE_FLAGS =
  MessageFlag.SuppressEmbeds |
  MessageFlag.SuppressNotifications |
  MessageFlag.IsVoiceMessage |
  MessageFlag.IsComponentsV2;
/** Interaction replies and follow-ups may also be ephemeral. */
export const INTERACTION_FLAGS = CREATE_FLAGS | MessageFlag.Ephemeral;
/** On edit only these can change. */
export const EDIT_FLAGS = MessageFlag.SuppressEmbeds | MessageFlag.IsComponentsV2;

export interface MessageContext {
  world: World;
  cdn: FakeCdn;
  /** Upload cap per request (Discord's default for bots is 10 MiB). */
  maxUploadBytes: number;
}

interface Draft extends Pick<ApiMessage, 'content' | 'embeds' | 'components' | 'flags'> {
  attachmentNames: string[];
}

function shapeOf(draft: Draft, extra: { stickersOrPoll?: boolean } = {}): MessageShape {
  return { ...draft, hasStickersOrPoll: extra.stickersOrPoll ?? false };
}

/** `attachments[]` entries of the JSON payload by id, which is `n` of the multipart `files[n]`. */
function describedFiles(body: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const described = new Map<string, Record<string, unknown>>();
  if (Array.isArray(body.attachments))
    for (const a of body.attachments) if (isRecord(a)) described.set(String(a.id), a);
  return described;
}

/** The name an uploaded file gets: `attachments[].filename` overrides the multipart name. */
function uploadName(described: Map<string, Record<string, unknown>>, f: UploadedFile): string {
  const meta = described.get(String(f.index));
  return typeof meta?.filename === 'string' ? meta.filename : f.filename;
}

/** A V2 message shows only the attachments its components reference; say so where one is lost. */
function warnUnshown(ctx: MessageContext, messageId: string, shape: MessageShape): void {
  for (const name of attachmentsNotShown(shape))
    ctx.world.warnings.push(
      `message ${messageId}: attachment "${name}" is not shown: a Components V2 message shows only files its components reference (attachment://${name})`,
    );
}

function uploadsFor(
  ctx: MessageContext,
  channelId: string,
  body: Record<string, unknown>,
  files: UploadedFile[],
): RecordedFile[] {
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  if (total > ctx.maxUploadBytes)
    throw errors.entityTooLarge(`files total ${total} bytes > ${ctx.maxUploadBytes}`);
  const described = describedFiles(body);
  return files.map((f) => {
    const id = ctx.world.ids.next();
    const meta = described.get(String(f.index));
    const filename = uploadName(described, f);
    const description = typeof meta?.description === 'string' ? meta.description : undefined;
    const url = ctx.cdn.registerBytes(channelId, id, filename, f.bytes, f.contentType);
    return {
      id,
      filename,
      contentType: f.contentType,
      bytes: f.bytes,
      url,
      ...(description === undefined ? {} : { description }),
    };
  });
}

function attachmentJson(f: RecordedFile): APIAttachment {
  return {
    id: f.id,
    filename: f.filename,
    size: f.bytes.length,
    url: f.url,
    proxy_url: f.url,
    content_type: f.contentType,
    ...(f.description === undefined ? {} : { description: f.description }),
  };
}

function normalizeEmbeds(value: unknown): APIEmbed[] {
  // Discord echoes embeds back with their type filled in.
  return Array.isArray(value)
    ? value.map((e) => ({ type: 'rich', ...(e as APIEmbed) }) as APIEmbed)
    : [];
}

export interface CreateOptions {
  channelId: string;
  body: Record<string, unknown>;
  files: UploadedFile[];
  /** Where the message sits in the request JSON (`['data']` for callbacks). */
  prefix: Path;
  allowedFlags: number;
  source: MessageSource;
  messageType?: number;
  author?: FakeUser;
  interactionId?: string;
  extra?: Partial<ApiMessage>;
  /** Deferred replies start out empty and "loading"; skip the emptiness check. */
  allowEmpty?: boolean;
}

export function createMessage(ctx: MessageContext, o: CreateOptions): StoredMessage {
  const { world } = ctx;
  const problems = checkMessageBody(o.body, o.prefix, { allowedFlags: o.allowedFlags });
  const flags = typeof o.body.flags === 'number' ? o.body.flags : 0;
  const described = describedFiles(o.body);
  const draft: Draft = {
    content: typeof o.body.content === 'string' ? o.body.content : '',
    embeds: normalizeEmbeds(o.body.embeds),
    components: (Array.isArray(o.body.components)
      ? o.body.components
      : []) as APIMessageTopLevelComponent[],
    flags,
    attachmentNames: o.files.map((f) => uploadName(described, f)),
  };
  const stickersOrPoll =
    (Array.isArray(o.body.sticker_ids) && o.body.sticker_ids.length > 0) || isRecord(o.body.poll);
  problems.push(...checkMessageShape(shapeOf(draft, { stickersOrPoll }), o.prefix));
  if (problems.length > 0) throw errors.invalidFormBody(problems);
  if (!o.allowEmpty && isEmptyShape(shapeOf(draft, { stickersOrPoll })))
    throw errors.emptyMessage();
  const files = uploadsFor(ctx, o.channelId, o.body, o.files);
  const api: ApiMessage = {
    id: world.ids.next(),
    channel_id: o.channelId,
    type: o.messageType ?? 0,
    author: o.author ?? world.botUser,
    content: draft.content,
    timestamp: new Date(world.now()).toISOString(),
    edited_timestamp: null,
    tts: o.body.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: files.map(attachmentJson),
    embeds: draft.embeds,
    components: draft.components,
    pinned: false,
    flags,
    ...o.extra,
  };
  if (typeof o.body.nonce === 'string' || typeof o.body.nonce === 'number')
    api.nonce = o.body.nonce;
  if (isRecord(o.body.message_reference)) api.message_reference = o.body.message_reference;
  const ephemeral = (flags & MessageFlag.Ephemeral) !== 0;
  const message = new StoredMessage(api, o.source, files, o.interactionId, ephemeral, world.now());
  world.messages.set(api.id, message);
  warnUnshown(ctx, api.id, shapeOf(draft));
  const channel = world.channels.get(o.channelId);
  if (channel && !ephemeral) channel.last_message_id = api.id;
  return message;
}

/**
 * Applies an edit (PATCH). Fields present replace the old ones (`null`
 * clears); `attachments`, when present, lists the old attachments to keep.
 * The IS_COMPONENTS_V2 flag cannot be taken off a message once set.
 */
export function editMessage(
  ctx: MessageContext,
  message: StoredMessage,
  body: Record<string, unknown>,
  files: UploadedFile[],
  prefix: Path,
): StoredMessage {
  const problems = checkMessageBody(body, prefix, {
    allowedFlags: EDIT_FLAGS | MessageFlag.Ephemeral,
  });
  const old = message.api;
  let flags = old.flags & ~MessageFlag.Loading;
  if (typeof body.flags === 'number') {
    if (
      (old.flags & MessageFlag.IsComponentsV2) !== 0 &&
      (body.flags & MessageFlag.IsComponentsV2) === 0
    ) {
      problems.push({
        path: [...prefix, 'flags'],
        code: 'MESSAGE_FLAGS_CANNOT_REMOVE_COMPONENTS_V2',
        message: 'The IS_COMPONENTS_V2 flag cannot be removed from a message',
      });
    }
    // Ephemerality is fixed at creation; only the editable bits follow the request.
    flags = (flags & ~EDIT_FLAGS) | (body.flags & EDIT_FLAGS);
  }
  const keep = Array.isArray(body.attachments)
    ? old.attachments.filter((a) =>
        (body.attachments as unknown[]).some((b) => isRecord(b) && String(b.id) === a.id),
      )
    : body.attachments === null
      ? []
      : old.attachments;
  const described = describedFiles(body);
  const draft: Draft = {
    content:
      'content' in body ? (typeof body.content === 'string' ? body.content : '') : old.content,
    embeds: 'embeds' in body ? normalizeEmbeds(body.embeds) : old.embeds,
    components: ('components' in body
      ? Array.isArray(body.components)
        ? body.components
        : []
      : old.components) as APIMessageTopLevelComponent[],
    flags,
    attachmentNames: [
      ...keep.map((a) => a.filename),
      ...files.map((f) => uploadName(described, f)),
    ],
  };
  problems.push(...checkMessageShape(shapeOf(draft), prefix));
  if (problems.length > 0) throw errors.invalidFormBody(problems);
  if (isEmptyShape(shapeOf(draft))) throw errors.emptyMessage();
  const uploaded = uploadsFor(ctx, old.channel_id, body, files);
  message.api = {
    ...old,
    content: draft.content,
    embeds: draft.embeds,
    components: draft.components,
    flags,
    attachments: [...keep, ...uploaded.map(attachmentJson)],
    edited_timestamp: new Date(ctx.world.now()).toISOString(),
  };
  message.files = [...message.files.filter((f) => keep.some((k) => k.id === f.id)), ...uploaded];
  message.edits++;
  warnUnshown(ctx, message.id, shapeOf(draft));
  return message;
}
