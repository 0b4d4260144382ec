/**
 * One console session: each line is parsed, run through the same dispatch
 * Discord uses, and answered as text. The buttons of the last message shown
 * can be pressed by number; forms are asked field by field. Every failure
 * becomes one line, as the Discord adapter makes it one ephemeral message.
 */
import type { APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { resolveSubcommand, runComponent, runSubcommand } from '../commands/index.js';
import { errorText } from '../commands/errorText.js';
import type {
  AttachmentOption,
  HandlerContext,
  ModalFields,
  ModalValue,
  Options,
} from '../commands/types.js';
import type { Reply, ReplyFile } from '../messages/payload.js';
import { t } from '../i18n/index.js';
import type { CommandDefinition } from './definitions.js';
import { renderHelp } from './help.js';
import { localAttachment } from './localFiles.js';
import { formParts, readAnswer, readCheckbox, type FormField, type FormPart } from './modal.js';
import { parseInput, type InputProblem } from './parseInput.js';
import { renderPayload, type ConsoleAction, type TextStyle } from './renderText.js';

export interface ConsoleIO {
  /** The next line typed, or null at the end of input. `prompt` is shown only on a terminal. */
  readLine(prompt: string): Promise<string | null>;
  /** Prints text (a newline is added). */
  write(text: string): void;
}

/** How commands and buttons are run: the shared registry (src/commands/index.ts) unless a test supplies its own. */
export interface Dispatch {
  command(
    ctx: HandlerContext,
    command: string,
    subcommand: string | null,
    options: Options,
  ): Promise<Reply>;
  component(ctx: HandlerContext, customId: string, fields?: ModalFields): Promise<Reply>;
}

/** The dispatch Discord uses. */
export const sharedDispatch: Dispatch = {
  command: (ctx, command, subcommand, options) =>
    runSubcommand(ctx, resolveSubcommand(command, subcommand), options),
  component: runComponent,
};

export interface SessionDeps {
  ctx: HandlerContext;
  definitions: readonly CommandDefinition[];
  style: TextStyle;
  io: ConsoleIO;
  /** Saves an attached file and returns its path. */
  saveFile(file: ReplyFile): string;
  dispatch?: Dispatch;
}

export interface ConsoleSession {
  /** Handles one line; `quit` when the user asked to leave. */
  handleLine(line: string): Promise<'continue' | 'quit'>;
}

/** A prefilled value or hint, on one line and short enough for a prompt. */
function short(text: string): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  return [...line].length > 40 ? `${[...line].slice(0, 40).join('')}…` : line;
}

/** Ends a multi-line answer. */
const END_OF_TEXT = '.';
const CANCEL = '/cancel';

/** A session with its own "last message" (whose buttons a number presses). */
export function createSession(deps: SessionDeps): ConsoleSession {
  const { ctx, io } = deps;
  const { locale } = ctx;
  const dispatch = deps.dispatch ?? sharedDispatch;
  /** Buttons of the message shown last: what a typed number presses. */
  let actions: ConsoleAction[] | undefined;

  const say = (problem: InputProblem) => io.write(`${t(locale, problem.key, problem.params)}\n`);

  function saveFiles(files: readonly ReplyFile[]): Map<string, string> {
    const saved = new Map<string, string>();
    for (const file of files) {
      try {
        saved.set(file.name, deps.saveFile(file));
      } catch (err) {
        say({
          key: 'console.fileFailed',
          params: { name: file.name, reason: (err as Error).message },
        });
      }
    }
    return saved;
  }

  /** "Date [2026-11-29] (2025-11-01)" · "Body — required; several lines, ended by "."" */
  function describeField(field: FormField): string {
    const notes = [
      field.required ? t(locale, 'console.helpRequired') : '',
      field.multiline ? t(locale, 'console.fieldLines') : '',
    ].filter(Boolean);
    const value = field.value ? ` [${short(field.value)}]` : '';
    const hint = field.placeholder ? ` (${short(field.placeholder)})` : '';
    return `${field.label}${value}${hint}${notes.length > 0 ? ` — ${notes.join('; ')}` : ''}`;
  }

  /**
   * Asks one field until the answer is acceptable; null when the form is
   * dropped (/cancel, or no answer before the input ends). The end of input
   * also ends a long text, so a whole form can be piped in.
   */
  async function askField(field: FormField): Promise<string | null> {
    const shown = field.value ? ` [${short(field.value)}]` : '';
    for (;;) {
      const lines: string[] = [];
      let line = await io.readLine(`${field.label}${shown}: `);
      while (
        line !== null &&
        line.trim() !== CANCEL &&
        field.multiline &&
        line.trim() !== END_OF_TEXT
      ) {
        lines.push(line);
        line = await io.readLine('… ');
      }
      if (line === null && lines.length === 0) return null;
      if (line?.trim() === CANCEL) return null;
      const answer = field.multiline ? lines.join('\n') : (line ?? '');
      const reading = readAnswer(field, answer);
      if (reading.ok) return reading.value;
      say(reading.problem);
      if (line === null) return null;
    }
  }

  /** A line of the upfront list for a part the console asks for; null for the others. */
  function describePart(part: FormPart): string | null {
    switch (part.kind) {
      case 'field':
        return describeField(part.field);
      case 'file': {
        const notes = [
          part.required ? t(locale, 'console.helpRequired') : '',
          t(locale, 'console.fieldFile'),
        ];
        return `${part.label} — ${notes.filter(Boolean).join('; ')}`;
      }
      case 'checkbox':
        return `${part.label} [${part.value ? 'y' : 'n'}] — ${t(locale, 'console.fieldCheckbox')}`;
      default:
        return null;
    }
  }

  /** Asks for a file's path until it names a readable file (or, when allowed, nothing); null drops the form. */
  async function askFile(
    part: Extract<FormPart, { kind: 'file' }>,
  ): Promise<AttachmentOption[] | null> {
    for (;;) {
      const line = await io.readLine(`${part.label}: `);
      if (line === null || line.trim() === CANCEL) return null;
      const path = line.trim();
      if (path === '' && !part.required) return [];
      const file = path === '' ? null : localAttachment(path);
      if (file) return [file];
      say(
        path === ''
          ? { key: 'console.modalRequired', params: { label: part.label } }
          : { key: 'console.noSuchFile', params: { path } },
      );
    }
  }

  /** Asks y/n until answered; an empty answer keeps the box as shown. Null drops the form. */
  async function askCheckbox(
    part: Extract<FormPart, { kind: 'checkbox' }>,
  ): Promise<boolean | null> {
    for (;;) {
      const line = await io.readLine(`${part.label} [${part.value ? 'y' : 'n'}]: `);
      if (line === null || line.trim() === CANCEL) return null;
      const value = readCheckbox(line, part.value);
      if (value !== null) return value;
      say({ key: 'console.yesOrNo', params: {} });
    }
  }

  /** One part's id and answer (a field's text, a file list, a checkbox); undefined for parts not asked; null drops the form. */
  async function askPart(part: FormPart): Promise<[string, ModalValue] | null | undefined> {
    const answer = (id: string, value: ModalValue | null): [string, ModalValue] | null =>
      value === null ? null : [id, value];
    switch (part.kind) {
      case 'field':
        return answer(part.field.id, await askField(part.field));
      case 'file':
        return answer(part.id, await askFile(part));
      case 'checkbox':
        return answer(part.id, await askCheckbox(part));
      default:
        return undefined;
    }
  }

  /** Fills a form and submits it through the same route Discord's modal submit takes. */
  async function fillForm(modal: APIModalInteractionResponseCallbackData): Promise<void> {
    const parts = formParts(modal);
    const unsupported = parts.find((p) => p.kind === 'unsupported');
    if (unsupported)
      return say({ key: 'console.modalUnsupported', params: { label: unsupported.label } });
    // The fields are listed up front: piped, no prompt will name them.
    const fieldList = parts
      .flatMap((p) => describePart(p) ?? [])
      .map((line, i) => `  ${i + 1}. ${line}`);
    io.write(
      [
        t(locale, 'console.modalTitle', { title: modal.title }),
        t(locale, 'console.modalHelp'),
        ...fieldList,
      ].join('\n'),
    );
    const fields: Record<string, ModalValue> = {};
    for (const part of parts) {
      if (part.kind === 'text') io.write(part.text);
      const asked = await askPart(part);
      if (asked === undefined) continue;
      if (asked === null) return say({ key: 'console.modalCancelled', params: {} });
      fields[asked[0]] = asked[1];
    }
    io.write('');
    await run(modal.custom_id, () => dispatch.component(ctx, modal.custom_id, fields));
  }

  async function show(reply: Reply): Promise<void> {
    if (reply.kind === 'modal') return fillForm(reply.modal);
    // A new message and an edited one read the same here: the latest text, with its buttons.
    const rendered = renderPayload(reply.payload, {
      style: deps.style,
      locale,
      timeZone: ctx.timeZone,
      savedFiles: saveFiles(reply.payload.files ?? []),
    });
    actions = rendered.actions;
    io.write(`${rendered.text}\n`);
  }

  async function run(where: string, handler: () => Promise<Reply>): Promise<void> {
    let reply: Reply;
    try {
      reply = await handler();
    } catch (err) {
      io.write(`${errorText(err, locale, ctx.logger, where)}\n`);
      return;
    }
    await show(reply);
  }

  function press(n: number): void | Promise<void> {
    if (!actions || actions.length === 0) return say({ key: 'console.noMessage', params: {} });
    const action = actions.find((a) => a.number === n);
    if (!action) return say({ key: 'console.noButton', params: { n, count: actions.length } });
    if (action.url) return say({ key: 'console.linkButton', params: { n, url: action.url } });
    if (action.disabled || !action.customId)
      return say({ key: 'console.disabledButton', params: { n, label: action.label } });
    const customId = action.customId;
    return run(customId, () => dispatch.component(ctx, customId));
  }

  return {
    async handleLine(line) {
      const input = parseInput(line, deps.definitions, locale);
      switch (input.kind) {
        case 'empty':
          break;
        case 'quit':
          return 'quit';
        case 'problem':
          say(input);
          break;
        case 'help': {
          const help = renderHelp(deps.definitions, locale, input.topic);
          if (help.ok) io.write(`${help.text}\n`);
          else say(help.problem);
          break;
        }
        case 'press':
          await press(input.number);
          break;
        case 'command': {
          const where = `/${input.command} ${input.subcommand ?? ''}`.trim();
          await run(where, () =>
            dispatch.command(ctx, input.command, input.subcommand, input.options),
          );
          break;
        }
      }
      return 'continue';
    },
  };
}
