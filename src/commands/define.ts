/** Builders for command JSON that fill in the zh-CN localizations from src/i18n. */
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
} from 'discord-api-types/v10';
import { localizations, t, type MessageKey } from '../i18n/index.js';
import { ZH_NAMES } from '../i18n/commandNames.js';

/** `{ 'zh-CN': 名字 }` when a Chinese name is known. */
export function nameLocalizations(name: string): { 'zh-CN': string } | undefined {
  const zh = ZH_NAMES[name];
  return zh ? { 'zh-CN': zh } : undefined;
}

/** The `a.b.c` of every `cmd.a.b.c.description` key: what the i18n tables describe. */
type Described<K = MessageKey> = K extends `cmd.${infer Path}.description` ? Path : never;
type Nested = `${string}.${string}`;
/** `essay`, `quote`, `journal`. */
export type CommandPath = Exclude<Described, Nested>;
/** `essay.search`: a subcommand. */
export type SubcommandPath = Exclude<Extract<Described, Nested>, `${string}.${Nested}`>;
/** `essay.search.query`: an option of a subcommand. */
export type OptionPath = Extract<Described, `${string}.${Nested}`>;

/** The last segment of a path: the name Discord shows. */
function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** English description and its Chinese localization for an i18n key. */
function described(key: MessageKey): {
  description: string;
  description_localizations: { 'zh-CN': string };
} {
  return { description: t('en-US', key), description_localizations: localizations(key) };
}

/** Omit over each member of the option union, so type-specific fields (max_length, autocomplete) survive. */
type BasicOptionInput = APIApplicationCommandBasicOption extends infer O
  ? O extends APIApplicationCommandBasicOption
    ? Omit<O, 'name' | 'description' | 'name_localizations' | 'description_localizations'>
    : never
  : never;

/**
 * The option `essay.search.query` (`query` of `/essay search`), described by
 * `cmd.essay.search.query.description`: a path without its strings fails to compile.
 */
export function option(path: OptionPath, spec: BasicOptionInput): APIApplicationCommandBasicOption {
  const name = nameOf(path);
  return {
    ...spec,
    name,
    ...described(`cmd.${path}.description`),
    name_localizations: nameLocalizations(name),
  };
}

/** The subcommand `essay.search` (`/essay search`), described by `cmd.essay.search.description`. */
export function subcommand(
  path: SubcommandPath,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption {
  const name = nameOf(path);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name,
    name_localizations: nameLocalizations(name),
    ...described(`cmd.${path}.description`),
    options,
  };
}

/** A top-level chat-input command JSON from its subcommands. */
export function chatCommand(
  name: CommandPath,
  subcommands: Array<{ data: APIApplicationCommandSubcommandOption }>,
) {
  return {
    type: 1 as const,
    name,
    name_localizations: nameLocalizations(name),
    ...described(`cmd.${name}.description`),
    options: subcommands.map((s) => s.data),
  };
}
