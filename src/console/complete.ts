/**
 * Tab completion for the console: command, subcommand and option names
 * (and the values of options with fixed choices), from the same command
 * JSON the parser checks against. Pure.
 */
import {
  findNamed,
  optionsOf,
  slashCommands,
  subcommandsOf,
  type CommandDefinition,
} from './definitions.js';
import { splitWords } from './parseInput.js';

/** Words the console itself understands besides the slash commands. */
export const CONSOLE_WORDS = ['/help', '/quit'] as const;

function matching(candidates: readonly string[], partial: string): string[] {
  const lower = partial.toLowerCase();
  return candidates.filter((c) => c.toLowerCase().startsWith(lower));
}

/** A value as it must be typed: quoted when it has a space. */
function typedValue(value: string): string {
  return /\s/u.test(value) ? `"${value.replace(/["\\]/gu, '\\$&')}"` : value;
}

/**
 * Readline's completer contract: the candidates for the word being typed at
 * the end of `line`, and that word (which a sole candidate replaces).
 */
export function completeLine(
  line: string,
  definitions: readonly CommandDefinition[],
): [string[], string] {
  const { words, unclosed } = splitWords(line);
  if (unclosed !== undefined) return [[], ''];
  const typing = line !== '' && !/\s$/u.test(line) ? words[words.length - 1] : undefined;
  const partial = typing ? line.slice(typing.start) : '';
  const done = typing ? words.slice(0, -1) : words;
  const commands = slashCommands(definitions);
  const spaced = (names: readonly string[]) => matching(names, partial).map((n) => `${n} `);

  const [first, second, ...rest] = done;
  if (!first) return [spaced([...commands.map((c) => `/${c.name}`), ...CONSOLE_WORDS]), partial];
  if (first.text === '/help') {
    if (!second) return [spaced(commands.map((c) => c.name)), partial];
    const command = findNamed(commands, second.text);
    return [
      rest.length === 0 && command ? spaced(subcommandsOf(command).map((s) => s.name)) : [],
      partial,
    ];
  }
  const command = findNamed(commands, first.text.slice(1));
  if (!first.text.startsWith('/') || !command) return [[], partial];

  const subs = subcommandsOf(command);
  let target: CommandDefinition | (typeof subs)[number] = command;
  let optionWords = done.slice(1);
  if (subs.length > 0) {
    if (!second) return [spaced(subs.map((s) => s.name)), partial];
    const sub = findNamed(subs, second.text);
    if (!sub) return [[], partial];
    target = sub;
    optionWords = rest;
  }
  const options = optionsOf(target);
  if (typing && typing.colon > 0) {
    const option = findNamed(options, typing.text.slice(0, typing.colon));
    const choices = option && 'choices' in option && option.choices ? option.choices : [];
    return [
      matching(
        choices.map((c) => `${option!.name}:${typedValue(String(c.value))}`),
        partial,
      ),
      partial,
    ];
  }
  const used = new Set(
    optionWords.map((w) => findNamed(options, w.text.slice(0, Math.max(0, w.colon)))?.name),
  );
  return [
    matching(
      options.filter((o) => !used.has(o.name)).map((o) => `${o.name}:`),
      partial,
    ),
    partial,
  ];
}
