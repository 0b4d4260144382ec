/**
 * Interaction lifecycle: dispatch over the gateway, the first callback within
 * 3 s, then edits and follow-ups through the interaction webhook for 15 min
 * (DD:interactions/receiving-and-responding; docs/platform-facts.md §1).
 */
import { performance } from 'node:perf_hooks';
import { DiscordHttpError, errors } from './errors.js';
import type { UploadedFile } from './http.js';
import type { BuiltInteraction, InteractionKind } from './interactionPayloads.js';
import {
  createMessage,
  EDIT_FLAGS,
  editMessage,
  INTERACTION_FLAGS,
  type MessageContext,
} from './messages.js';
import { checkAutocompleteChoices, checkModal, isRecord, MessageFlag } from './validate.js';
import type { StoredMessage } from './world.js';

export const FIRST_RESPONSE_DEADLINE_MS = 3_000;
export const TOKEN_LIFETIME_MS = 15 * 60_000;
/** Follow-ups allowed when only the user's install authorises the interaction (DD:receiving-and-responding). */
export const USER_INSTALL_FOLLOW_UP_LIMIT = 5;

/** InteractionResponseType (DD): the callback `type` values. */
export const Callback = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredMessageUpdate: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
  PremiumRequired: 10,
  LaunchActivity: 12,
} as const;

/** Which callbacks each kind of interaction accepts. */
const ALLOWED_CALLBACKS: Record<InteractionKind, readonly number[]> = {
  command: [4, 5, 9],
  messageMenu: [4, 5, 9],
  component: [4, 5, 6, 7, 9],
  autocomplete: [8],
  // 6 and 7 only when the modal was opened from a component (checked below).
  modalSubmit: [4, 5, 6, 7],
};

export interface CallbackAttempt {
  /** ms from dispatch to this callback reaching the fake. */
  ms: number;
  type: number;
  data: unknown;
  accepted: boolean;
  error?: { status: number; code: number; reason: string };
}

/** What `interaction()` resolves to: the first callback, plus live views of what followed. */
export interface InteractionResult {
  id: string;
  token: string;
  kind: InteractionKind;
  /** The INTERACTION_CREATE payload that was dispatched. */
  payload: Record<string, unknown>;
  /** Time from dispatch to the first callback, in ms. */
  ms: number;
  /** The first callback's type (4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete, 9 modal). */
  type: number;
  /** The first callback's `data`. */
  data: unknown;
  /** Whether the first callback was accepted (false: see `error`). */
  accepted: boolean;
  error?: CallbackAttempt['error'];
  /** Every callback attempt so far (a second one is a 40060). */
  readonly callbacks: readonly CallbackAttempt[];
  /** Whether some callback was accepted. */
  readonly acknowledged: boolean;
  /** `@original` as it stands now, after any edits; null before a reply (or for modals/autocomplete). */
  readonly message: StoredMessage | null;
  readonly followUps: StoredMessage[];
  /** The modal data, when answered with a modal (pass the result to `modalSubmit`). */
  readonly modal: Record<string, unknown> | null;
  /** Autocomplete choices, when answered with type 8. */
  readonly choices: unknown[] | null;
  /** Waits until `@original` exists, is no longer "thinking", and satisfies `predicate`. */
  waitForMessage(
    predicate?: (m: StoredMessage) => boolean,
    timeoutMs?: number,
  ): Promise<StoredMessage>;
}

/** Where a server denies external apps, Discord makes a user-installed app's replies ephemeral. */
function forcedEphemeral(
  record: InteractionRecord,
  body: Record<string, unknown>,
): Record<string, unknown> {
  if (!record.built.forceEphemeral) return body;
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  return { ...body, flags: flags | MessageFlag.Ephemeral };
}

class InteractionRecord {
  readonly callbacks: CallbackAttempt[] = [];
  acknowledged = false;
  originalId: string | null = null;
  readonly followUpIds: string[] = [];
  /** Follow-up webhook executions accepted, including one that filled a deferred reply. */
  followUpCount = 0;
  modal: Record<string, unknown> | null = null;
  choices: unknown[] | null = null;
  private settle: ((a: CallbackAttempt) => void) | null = null;
  readonly first: Promise<CallbackAttempt>;

  constructor(
    readonly kind: InteractionKind,
    readonly built: BuiltInteraction,
    /** Fake-clock time of dispatch, for deadlines. */
    readonly dispatchedAt: number,
    /** performance.now() at dispatch, for `ms`. */
    readonly dispatchedPerf: number,
  ) {
    this.first = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  record(attempt: CallbackAttempt): void {
    this.callbacks.push(attempt);
    this.settle?.(attempt);
    this.settle = null;
  }
}

export class InteractionHub {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ctx: MessageContext,
    private readonly dispatch: (t: string, d: unknown) => number,
    /** Describes the gateway state for timeout errors (is the bot even connected?). */
    private readonly describeGateway: () => string = () => '',
  ) {}

  /** Dispatches the interaction and resolves with its first callback (accepted or not). */
  async send(
    kind: InteractionKind,
    built: BuiltInteraction,
    timeoutMs = 10_000,
  ): Promise<InteractionResult> {
    const record = new InteractionRecord(kind, built, this.ctx.world.now(), performance.now());
    this.byId.set(built.id, record);
    this.byToken.set(built.token, record);
    const reached = this.dispatch('INTERACTION_CREATE', built.payload);
    if (reached === 0)
      throw new Error(
        'fakeDiscord: no gateway session to deliver the interaction to (is the bot logged in?)',
      );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `fakeDiscord: no callback for ${kind} interaction ${built.id} within ${timeoutMs} ms ${this.describeGateway()}`,
            ),
          ),
        timeoutMs,
      );
      this.timers.add(timer);
    });
    try {
      const first = await Promise.race([record.first, timeout]);
      return this.view(record, first);
    } finally {
      if (timer) {
        clearTimeout(timer);
        this.timers.delete(timer);
      }
    }
  }

  private view(record: InteractionRecord, first: CallbackAttempt): InteractionResult {
    const messages = this.ctx.world.messages;
    const original = () => {
      const m = record.originalId ? messages.get(record.originalId) : undefined;
      return m && !m.deleted ? m : null;
    };
    return {
      id: record.built.id,
      token: record.built.token,
      kind: record.kind,
      payload: record.built.payload,
      ms: first.ms,
      type: first.type,
      data: first.data,
      accepted: first.accepted,
      ...(first.error ? { error: first.error } : {}),
      get callbacks() {
        return record.callbacks;
      },
      get acknowledged() {
        return record.acknowledged;
      },
      get message() {
        return original();
      },
      get followUps() {
        return record.followUpIds
          .map((id) => messages.get(id))
          .filter((m): m is StoredMessage => m !== undefined && !m.deleted);
      },
      get modal() {
        return record.modal;
      },
      get choices() {
        return record.choices;
      },
      waitForMessage: (predicate = () => true, timeoutMs = 5_000) => {
        return this.waitUntil(
          () => {
            const m = original();
            return m && !m.loading && predicate(m) ? m : null;
          },
          timeoutMs,
          `@original of interaction ${record.built.id}`,
        );
      },
    };
  }

  waitUntil<T>(probe: () => T | null, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const tick = () => {
        const value = probe();
        if (value !== null) return resolve(value);
        if (Date.now() - started > timeoutMs)
          return reject(
            new Error(`fakeDiscord: timed out after ${timeoutMs} ms waiting for ${what}`),
          );
        const t = setTimeout(() => {
          this.timers.delete(t);
          tick();
        }, 15);
        this.timers.add(t);
      };
      tick();
    });
  }

  // ------------------------------------------------------------ POST /interactions/:id/:token/callback

  callback(
    id: string,
    token: string,
    body: unknown,
    files: UploadedFile[],
    withResponse: boolean,
  ): { status: number; body?: unknown } {
    const record = this.byId.get(id);
    if (!record || record.built.token !== token)
      throw errors.unknownInteraction('no such interaction id/token');
    const ms = Math.round(performance.now() - record.dispatchedPerf);
    const b = isRecord(body) ? body : {};
    const type = typeof b.type === 'number' ? b.type : -1;
    try {
      const result = this.applyCallback(record, type, b.data, files, withResponse);
      record.acknowledged = true;
      record.record({ ms, type, data: b.data, accepted: true });
      return result;
    } catch (err) {
      if (err instanceof DiscordHttpError) {
        record.record({
          ms,
          type,
          data: b.data,
          accepted: false,
          error: { status: err.status, code: err.body.code, reason: err.reason },
        });
      }
      throw err;
    }
  }

  private applyCallback(
    record: InteractionRecord,
    type: number,
    data: unknown,
    files: UploadedFile[],
    withResponse: boolean,
  ): { status: number; body?: unknown } {
    if (record.acknowledged) throw errors.alreadyAcknowledged();
    const elapsed = this.ctx.world.now() - record.dispatchedAt;
    if (elapsed > FIRST_RESPONSE_DEADLINE_MS) {
      throw errors.unknownInteraction(
        `first callback ${elapsed} ms after dispatch (limit ${FIRST_RESPONSE_DEADLINE_MS} ms)`,
      );
    }
    const allowed = ALLOWED_CALLBACKS[record.kind];
    const source = record.built.sourceMessage;
    if (!allowed.includes(type) || ((type === 6 || type === 7) && !source)) {
      throw errors.invalidFormBody([
        {
          path: ['type'],
          code: 'INTERACTION_CALLBACK_TYPE_INVALID',
          message: `Callback type ${type} is not valid for a ${record.kind} interaction`,
        },
      ]);
    }
    const d = isRecord(data) ? data : {};
    const payload = record.built.payload;
    const channelId = String(payload.channel_id);
    let message: StoredMessage | null = null;
    switch (type) {
      case Callback.ChannelMessageWithSource:
        message = this.createReply(
          record,
          channelId,
          forcedEphemeral(record, d),
          files,
          ['data'],
          false,
        );
        break;
      case Callback.DeferredChannelMessageWithSource: {
        // Only EPHEMERAL may be set on a defer; Components V2 goes on the later edit.
        const flags = typeof d.flags === 'number' ? d.flags : 0;
        if ((flags & ~MessageFlag.Ephemeral) !== 0) {
          throw errors.invalidFormBody([
            {
              path: ['data', 'flags'],
              code: 'MESSAGE_FLAGS_INVALID',
              message: `A deferred response may only set EPHEMERAL (got ${flags})`,
            },
          ]);
        }
        message = this.createReply(
          record,
          channelId,
          forcedEphemeral(record, { flags: flags | MessageFlag.Loading }),
          [],
          ['data'],
          true,
        );
        break;
      }
      case Callback.DeferredMessageUpdate:
        message = source;
        record.originalId = source?.id ?? null;
        break;
      case Callback.UpdateMessage:
        if (!source) throw errors.unknownMessage();
        message = editMessage(this.ctx, source, d, files, ['data']);
        record.originalId = source.id;
        break;
      case Callback.ApplicationCommandAutocompleteResult: {
        const problems = checkAutocompleteChoices(data, ['data']);
        if (problems.length > 0) throw errors.invalidFormBody(problems);
        record.choices = Array.isArray(d.choices) ? d.choices : [];
        break;
      }
      case Callback.Modal: {
        const problems = checkModal(data, ['data']);
        if (problems.length > 0) throw errors.invalidFormBody(problems);
        record.modal = d;
        break;
      }
    }
    if (!withResponse) return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: record.built.id,
          type: payload.type,
          ...(message
            ? {
                response_message_id: message.id,
                response_message_loading: message.loading,
                response_message_ephemeral: message.ephemeral,
              }
            : {}),
        },
        resource: { type, ...(message ? { message: message.api } : {}) },
      },
    };
  }

  private createReply(
    record: InteractionRecord,
    channelId: string,
    body: Record<string, unknown>,
    files: UploadedFile[],
    prefix: (string | number)[],
    loading: boolean,
  ): StoredMessage {
    const payload = record.built.payload;
    const data = isRecord(payload.data) ? payload.data : {};
    const user = isRecord(payload.member) ? payload.member.user : payload.user;
    const message = createMessage(this.ctx, {
      channelId,
      body,
      files,
      prefix,
      allowedFlags: INTERACTION_FLAGS | (loading ? MessageFlag.Loading : 0),
      source: 'interaction',
      // 20 = CHAT_INPUT_COMMAND, 23 = CONTEXT_MENU_COMMAND
      messageType: record.kind === 'command' ? 20 : record.kind === 'messageMenu' ? 23 : 0,
      interactionId: record.built.id,
      allowEmpty: loading,
      extra: {
        webhook_id: this.ctx.world.applicationId,
        application_id: this.ctx.world.applicationId,
        interaction_metadata: {
          id: record.built.id,
          type: payload.type,
          user,
          authorizing_integration_owners: payload.authorizing_integration_owners,
          ...(typeof data.name === 'string' ? { name: data.name } : {}),
        },
      },
    });
    record.originalId = message.id;
    return message;
  }

  // ------------------------------------------------------------ /webhooks/:app/:token…

  /** The interaction behind a webhook token, checking the token is usable right now. */
  private webhookRecord(appId: string, token: string): InteractionRecord {
    const record = this.byToken.get(token);
    if (appId !== this.ctx.world.applicationId || !record)
      throw errors.unknownWebhook('no interaction with this token');
    if (this.ctx.world.now() - record.dispatchedAt > TOKEN_LIFETIME_MS) {
      throw errors.invalidWebhookToken(
        `interaction token used ${Math.round((this.ctx.world.now() - record.dispatchedAt) / 1000)} s after dispatch (limit 15 min)`,
      );
    }
    if (!record.acknowledged)
      throw errors.unknownWebhook('the interaction has not been acknowledged yet');
    return record;
  }

  private webhookMessage(record: InteractionRecord, messageId: string): StoredMessage {
    const id = messageId === '@original' ? record.originalId : messageId;
    const owned = id !== null && (id === record.originalId || record.followUpIds.includes(id));
    const message = owned && id ? this.ctx.world.messages.get(id) : undefined;
    if (!message || message.deleted) throw errors.unknownMessage();
    return message;
  }

  followUp(
    appId: string,
    token: string,
    body: unknown,
    files: UploadedFile[],
  ): { status: number; body?: unknown } {
    const record = this.webhookRecord(appId, token);
    // Counting every execution, even the one that fills a defer, is the stricter reading of the limit.
    if (record.built.userInstallOnly && record.followUpCount >= USER_INSTALL_FOLLOW_UP_LIMIT)
      throw errors.tooManyFollowUps(USER_INSTALL_FOLLOW_UP_LIMIT);
    const b = forcedEphemeral(record, isRecord(body) ? body : {});
    const original = record.originalId ? this.ctx.world.messages.get(record.originalId) : undefined;
    let message: StoredMessage;
    if (original && original.loading && original.interactionId === record.built.id) {
      // The first follow-up after a defer replaces the "thinking…" message; its
      // ephemerality was fixed by the defer, so only the editable flags apply.
      const flags = typeof b.flags === 'number' ? b.flags & EDIT_FLAGS : undefined;
      message = editMessage(this.ctx, original, { ...b, flags }, files, []);
    } else {
      const payload = record.built.payload;
      message = createMessage(this.ctx, {
        channelId: String(payload.channel_id),
        body: b,
        files,
        prefix: [],
        allowedFlags: INTERACTION_FLAGS,
        source: 'followup',
        interactionId: record.built.id,
        extra: {
          webhook_id: this.ctx.world.applicationId,
          application_id: this.ctx.world.applicationId,
        },
      });
      record.followUpIds.push(message.id);
    }
    record.followUpCount++;
    // Follow-ups always answer with the message, whatever `wait` says (discord-api-docs#2461).
    return { status: 200, body: message.api };
  }

  getMessage(appId: string, token: string, messageId: string): unknown {
    return this.webhookMessage(this.webhookRecord(appId, token), messageId).api;
  }

  editWebhookMessage(
    appId: string,
    token: string,
    messageId: string,
    body: unknown,
    files: UploadedFile[],
  ): unknown {
    const message = this.webhookMessage(this.webhookRecord(appId, token), messageId);
    return editMessage(this.ctx, message, isRecord(body) ? body : {}, files, []).api;
  }

  deleteWebhookMessage(appId: string, token: string, messageId: string): void {
    this.webhookMessage(this.webhookRecord(appId, token), messageId).deleted = true;
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
