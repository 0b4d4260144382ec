/**
 * The read–eval–print loop around a session, on any pair of streams. On a
 * terminal: a prompt, Tab completion, history, Ctrl+C to clear the line or
 * leave. Piped: no prompt and no echo, lines handled strictly in order (each
 * awaited before the next is read), exit at the end of input.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { commandDefinitions } from '../commands/index.js';
import { errorText } from '../commands/errorText.js';
import type { HandlerContext } from '../commands/types.js';
import type { ReplyFile } from '../messages/payload.js';
import { t } from '../i18n/index.js';
import { completeLine } from './complete.js';
import type { CommandDefinition } from './definitions.js';
import { createSession, type ConsoleIO, type Dispatch } from './session.js';

export interface ReplOptions {
  ctx: HandlerContext;
  input: Readable & { isTTY?: boolean };
  output: Writable & { isTTY?: boolean };
  saveFile: (file: ReplyFile) => string;
  /** For tests: other commands than the shared registry's, and how to run them. */
  definitions?: readonly CommandDefinition[];
  dispatch?: Dispatch;
}

const PROMPT = 'journal> ';

/** Runs until `/quit` or the end of input; returns the exit code (0). */
export async function runRepl(options: ReplOptions): Promise<number> {
  const { ctx, input, output } = options;
  const interactive = input.isTTY === true && output.isTTY === true;
  const definitions = options.definitions ?? commandDefinitions();
  const rl = createInterface({
    input,
    // Piped, readline gets no output stream at all, so nothing is ever echoed.
    ...(interactive
      ? { output, terminal: true, completer: (line: string) => completeLine(line, definitions) }
      : { terminal: false }),
  });
  if (interactive) {
    rl.on('SIGINT', () => {
      if (rl.line !== '') {
        rl.write(null, { ctrl: true, name: 'u' });
      } else {
        output.write('\n');
        rl.close();
      }
    });
  }
  // One iterator for the whole session, so a form can read the lines after its command.
  const lines = rl[Symbol.asyncIterator]();
  const io: ConsoleIO = {
    async readLine(prompt) {
      if (interactive) {
        rl.setPrompt(prompt);
        rl.prompt();
      }
      const next = await lines.next();
      return next.done ? null : next.value;
    },
    write: (text) => output.write(`${text}\n`),
  };
  const session = createSession({
    ctx,
    definitions,
    style: output.isTTY ? 'ansi' : 'plain',
    io,
    saveFile: options.saveFile,
    ...(options.dispatch ? { dispatch: options.dispatch } : {}),
  });

  if (interactive)
    io.write(
      `${t(ctx.locale, 'console.banner', { essays: ctx.store.essays.count({ includeHidden: true }) })}\n`,
    );
  try {
    for (;;) {
      const line = await io.readLine(PROMPT);
      if (line === null) break;
      try {
        if ((await session.handleLine(line)) === 'quit') break;
      } catch (err) {
        // A bug in the console itself: one line, and the session goes on.
        io.write(`${errorText(err, ctx.locale, ctx.logger, 'console')}\n`);
      }
    }
  } finally {
    rl.close();
  }
  return 0;
}
