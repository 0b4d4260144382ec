/**
 * `/help` in the console, written from the registered command JSON so it
 * lists exactly what Discord offers, in the reader's language. Pure.
 */
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandSubcommandOption,
} from 'discord-api-types/v10';
import { t, type Locale } from '../i18n/index.js';
import {
  chineseName,
  describedIn,
  findNamed,
  optionsOf,
  slashCommands,
  subcommandsOf,
  type CommandDefinition,
} from './definitions.js';
import type { InputProblem } from './parseInput.js';

type Entry = { command: CommandDefinition; sub?: APIApplicationCommandSubcommandOption };

/** `/essay on date: [year:]` — required options bare, optional ones in brackets. */
function usage({ command, sub }: Entry): string {
  const options = optionsOf(sub ?? command).map((o) =>
    o.required ? `${o.name}:` : `[${o.name}:]`,
  );
  return [`/${command.name}`, sub?.name, ...options].filter(Boolean).join(' ');
}

/** `(/文章 今天)` beside the English form in Chinese help. */
function chineseForm({ command, sub }: Entry, locale: Locale): string {
  if (locale !== 'zh-CN') return '';
  const names = [chineseName(command), sub ? chineseName(sub) : undefined];
  if (names.every((n) => n === undefined)) return '';
  return `(/${names[0] ?? command.name}${sub ? ` ${names[1] ?? sub.name}` : ''})`;
}

function line(entry: Entry, locale: Locale): string {
  return `${usage(entry)}${chineseForm(entry, locale)} — ${describedIn(entry.sub ?? entry.command, locale)}`;
}

function optionLine(option: APIApplicationCommandBasicOption, locale: Locale): string {
  const notes = [option.required ? t(locale, 'console.helpRequired') : ''];
  if ('choices' in option && option.choices && option.choices.length > 0) {
    notes.push(
      t(locale, 'console.helpChoices', {
        list: option.choices.map((c) => String(c.value)).join(', '),
      }),
    );
  }
  const note = notes.filter(Boolean).join('; ');
  const zh = locale === 'zh-CN' ? chineseName(option) : undefined;
  return `  ${option.name}:${zh ? `(${zh})` : ''}${note ? ` [${note}]` : ''} — ${describedIn(option, locale)}`;
}

function entriesOf(command: CommandDefinition): Entry[] {
  const subs = subcommandsOf(command);
  return subs.length > 0 ? subs.map((sub) => ({ command, sub })) : [{ command }];
}

/**
 * The help text for `topic` (words after `/help`): every command, one
 * command's subcommands, or one subcommand with its options.
 */
export function renderHelp(
  definitions: readonly CommandDefinition[],
  locale: Locale,
  topic: readonly string[],
): { ok: true; text: string } | { ok: false; problem: InputProblem } {
  const commands = slashCommands(definitions);
  const [commandName, subName] = topic.map((w) => w.replace(/^\//u, ''));
  if (commandName === undefined) {
    const footer = t(locale, 'console.helpFooter');
    const lines = commands.flatMap((c) => entriesOf(c).map((e) => line(e, locale)));
    return { ok: true, text: [t(locale, 'console.helpTitle'), ...lines, '', footer].join('\n') };
  }
  const command = findNamed(commands, commandName);
  if (!command) {
    return {
      ok: false,
      problem: {
        key: 'console.unknownCommand',
        params: {
          name: commandName,
          list: [...commands.map((c) => `/${c.name}`), '/help', '/quit'].join(', '),
        },
      },
    };
  }
  const entries = entriesOf(command);
  let chosen = entries;
  if (subName !== undefined && entries.some((e) => e.sub)) {
    const sub = findNamed(subcommandsOf(command), subName);
    if (!sub) {
      return {
        ok: false,
        problem: {
          key: 'console.unknownSubcommand',
          params: {
            command: command.name,
            name: subName,
            list: subcommandsOf(command)
              .map((s) => s.name)
              .join(', '),
          },
        },
      };
    }
    chosen = [{ command, sub }];
  }
  const lines = chosen.flatMap((entry) => {
    const options = optionsOf(entry.sub ?? entry.command);
    return [line(entry, locale), ...options.map((o) => optionLine(o, locale))];
  });
  return {
    ok: true,
    text: [`/${command.name} — ${describedIn(command, locale)}`, ...lines].join('\n'),
  };
}
