/**
 * Reading a console line as Discord reads a slash command: `/essay on
 * date:11-01`, values with spaces in quotes, every option checked against
 * the command's JSON (type, required, choices, ranges) so a handler gets
 * exactly the guarantees Discord gives it. Pure: problems come back as i18n
 * keys for the session to print.
 */
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandBasicOption,
} from 'discord-api-types/v10';
import type { Locale, MessageKey } from '../i18n/index.js';
import {
  describedIn,
  findNamed,
  optionsOf,
  slashCommands,
  subcommandsOf,
  type CommandDefinition,
} from './definitions.js';

export type ConsoleOptionValue = string | number | boolean;

/** Something wrong with a line, said by an i18n key and its parameters. */
export interface InputProblem {
  key: MessageKey;
  params: Record<string, string | number>;
}

export type ConsoleInput =
  | { kind: 'empty' }
  | { kind: 'quit' }
  /** `/help`, `/help essay`, `/help essay on`. */
  | { kind: 'help'; topic: string[] }
  /** A button's number. */
  | { kind: 'press'; number: number }
  | {
      kind: 'command';
      command: string;
      subcommand: string | null;
      options: Record<string, ConsoleOptionValue>;
    }
  | ({ kind: 'problem' } & InputProblem);

/** A word of a line: its text with quotes removed, where it starts, and where its `name:` colon is (-1 without one). */
export interface Word {
  text: string;
  start: number;
  colon: number;
}

/** Straight and curly quotes (a Chinese input method types the curly ones). */
const QUOTES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '“': '”', '‘': '’' };
/** The full-width colon too, for the same reason. */
const COLONS = new Set([':', '：']);
const SPACE = /\s/u;

/**
 * Splits a line into words. A quote opens only where a word or a value
 * starts, so `query:don't` needs no quoting and `query:"a b"` keeps its
 * space; inside quotes a backslash escapes the closing quote. `unclosed` is
 * the quote still missing, if any.
 */
export function splitWords(line: string): { words: Word[]; unclosed?: string } {
  const words: Word[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && SPACE.test(line[i]!)) i++;
    if (i >= line.length) break;
    const word: Word = { text: '', start: i, colon: -1 };
    while (i < line.length && !SPACE.test(line[i]!)) {
      const ch = line[i]!;
      const close = QUOTES[ch];
      const atValueStart =
        word.text === '' || (word.colon >= 0 && word.text.length === word.colon + 1);
      if (close !== undefined && atValueStart) {
        let j = i + 1;
        while (j < line.length && line[j] !== close) {
          const next = line[j + 1];
          if (line[j] === '\\' && (next === close || next === '\\')) {
            word.text += next;
            j += 2;
          } else {
            word.text += line[j];
            j++;
          }
        }
        if (j >= line.length) {
          words.push(word);
          return { words, unclosed: close };
        }
        i = j + 1;
      } else if (word.colon < 0 && COLONS.has(ch)) {
        word.colon = word.text.length;
        word.text += ':';
        i++;
      } else {
        word.text += ch;
        i++;
      }
    }
    words.push(word);
  }
  return { words };
}

function problem(key: MessageKey, params: Record<string, string | number> = {}): ConsoleInput {
  return { kind: 'problem', key, params };
}

/** `date:, query:` — how option names are listed in messages. */
function optionNames(options: readonly APIApplicationCommandBasicOption[]): string {
  return options.map((o) => `${o.name}:`).join(', ');
}

type Reading = { ok: true; value: ConsoleOptionValue } | { ok: false; problem: ConsoleInput };

const ID = /^(?:<(?:#|@[!&]?))?(\d{17,20})>?$/u;

function checkRange(
  name: string,
  n: number,
  opt: { min_value?: number; max_value?: number },
): Reading {
  if (opt.min_value !== undefined && n < opt.min_value)
    return { ok: false, problem: problem('console.tooSmall', { name, min: opt.min_value }) };
  if (opt.max_value !== undefined && n > opt.max_value)
    return { ok: false, problem: problem('console.tooLarge', { name, max: opt.max_value }) };
  return { ok: true, value: n };
}

/** Converts a typed value to the option's type, as Discord's client would before sending it. */
function readValue(opt: APIApplicationCommandBasicOption, raw: string): Reading {
  const name = opt.name;
  if ('choices' in opt && opt.choices && opt.choices.length > 0) {
    // Discord users pick a choice by its shown name; accept that or the value.
    const choice = opt.choices.find(
      (c) => String(c.value) === raw || c.name === raw || c.name_localizations?.['zh-CN'] === raw,
    );
    if (!choice)
      return {
        ok: false,
        problem: problem('console.badChoice', {
          name,
          list: opt.choices.map((c) => String(c.value)).join(', '),
        }),
      };
    return { ok: true, value: choice.value };
  }
  switch (opt.type) {
    case ApplicationCommandOptionType.String: {
      const length = [...raw].length;
      if (opt.min_length !== undefined && length < opt.min_length)
        return { ok: false, problem: problem('console.tooShort', { name, min: opt.min_length }) };
      if (opt.max_length !== undefined && length > opt.max_length)
        return { ok: false, problem: problem('console.tooLong', { name, max: opt.max_length }) };
      return { ok: true, value: raw };
    }
    case ApplicationCommandOptionType.Integer: {
      const n = Number(raw);
      if (!/^[-+]?\d{1,16}$/u.test(raw) || !Number.isSafeInteger(n))
        return { ok: false, problem: problem('console.badInteger', { name, value: raw }) };
      return checkRange(name, n, opt);
    }
    case ApplicationCommandOptionType.Number: {
      const n = Number(raw);
      if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/iu.test(raw) || !Number.isFinite(n))
        return { ok: false, problem: problem('console.badNumber', { name, value: raw }) };
      return checkRange(name, n, opt);
    }
    case ApplicationCommandOptionType.Boolean: {
      const v = raw.toLowerCase();
      if (v === 'true' || v === 'yes') return { ok: true, value: true };
      if (v === 'false' || v === 'no') return { ok: true, value: false };
      return { ok: false, problem: problem('console.badBoolean', { name, value: raw }) };
    }
    case ApplicationCommandOptionType.User:
    case ApplicationCommandOptionType.Channel:
    case ApplicationCommandOptionType.Role:
    case ApplicationCommandOptionType.Mentionable: {
      // Handlers receive ids for these, as the Discord adapter passes them.
      const id = ID.exec(raw)?.[1];
      return id
        ? { ok: true, value: id }
        : { ok: false, problem: problem('console.badId', { name, value: raw }) };
    }
    case ApplicationCommandOptionType.Attachment:
      return { ok: false, problem: problem('console.attachment', { name }) };
  }
}

/**
 * Reads one line. Commands, subcommands and options may be typed by their
 * English names (any case) or their Chinese ones; option values are
 * converted to the option's type. `locale` only picks the language of the
 * option description quoted when a required option is missing.
 */
export function parseInput(
  line: string,
  definitions: readonly CommandDefinition[],
  locale: Locale,
): ConsoleInput {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'empty' };
  const press = /^\[?(\d{1,3})\]?$/u.exec(trimmed);
  if (press) return { kind: 'press', number: Number(press[1]) };

  const { words, unclosed } = splitWords(trimmed);
  if (unclosed !== undefined) return problem('console.unclosedQuote', { quote: unclosed });
  const [head, ...rest] = words;
  const commands = slashCommands(definitions);
  if (!head || !head.text.startsWith('/')) {
    // "essay today" without the slash: show the line as it should be typed.
    const example = head && findNamed(commands, head.text) ? `/${trimmed}` : '/essay today';
    return problem('console.notCommand', { example });
  }
  const typed = head.text.slice(1);
  if (typed === 'quit' || typed === 'exit') return { kind: 'quit' };
  if (typed === 'help') return { kind: 'help', topic: rest.map((w) => w.text) };

  const command = findNamed(commands, typed);
  if (!command)
    return problem('console.unknownCommand', {
      name: typed,
      list: [...commands.map((c) => `/${c.name}`), '/help', '/quit'].join(', '),
    });

  const subs = subcommandsOf(command);
  let target: CommandDefinition | (typeof subs)[number] = command;
  let label = `/${command.name}`;
  let optionWords = rest;
  if (subs.length > 0) {
    const [subWord, ...after] = rest;
    const list = subs.map((s) => s.name).join(', ');
    if (!subWord || subWord.colon >= 0)
      return problem('console.missingSubcommand', { command: command.name, list });
    const sub = findNamed(subs, subWord.text);
    if (!sub)
      return problem('console.unknownSubcommand', {
        command: command.name,
        name: subWord.text,
        list,
      });
    target = sub;
    label = `/${command.name} ${sub.name}`;
    optionWords = after;
  }

  const defs = optionsOf(target);
  const options: Record<string, ConsoleOptionValue> = {};
  for (const word of optionWords) {
    if (defs.length === 0)
      return problem('console.noOptions', { command: label, token: word.text });
    if (word.colon <= 0)
      return problem('console.optionSyntax', { example: `${defs[0]!.name}:…`, token: word.text });
    const name = word.text.slice(0, word.colon);
    const opt = findNamed(defs, name);
    if (!opt)
      return problem('console.unknownOption', { command: label, name, list: optionNames(defs) });
    if (opt.name in options) return problem('console.duplicateOption', { name: opt.name });
    const raw = word.text.slice(word.colon + 1);
    // An empty value is no value, as in Discord, where a cleared option is not sent.
    if (raw === '') continue;
    const reading = readValue(opt, raw);
    if (!reading.ok) return reading.problem;
    options[opt.name] = reading.value;
  }
  const missing = defs.find((o) => o.required === true && !(o.name in options));
  if (missing)
    return problem('console.missingOption', {
      command: label,
      name: missing.name,
      description: describedIn(missing, locale),
    });

  return {
    kind: 'command',
    command: command.name,
    subcommand: target === command ? null : target.name,
    options,
  };
}
