/**
 * Questions the console asks of the registered command JSON (the same JSON
 * Discord receives), so parsing, completion and help can never disagree
 * with what Discord would offer. Pure.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Locale } from '../i18n/index.js';

export type CommandDefinition = RESTPostAPIApplicationCommandsJSONBody;

/** Anything with a name and a description, localized or not. */
interface Named {
  name: string;
  name_localizations?: Partial<Record<string, string | null>> | null;
  description?: string;
  description_localizations?: Partial<Record<string, string | null>> | null;
}

/** Slash commands only: message menus have no typed form. */
export function slashCommands(definitions: readonly CommandDefinition[]): CommandDefinition[] {
  return definitions.filter(
    (d) => d.type === undefined || d.type === ApplicationCommandType.ChatInput,
  );
}

function optionList(
  def: CommandDefinition | APIApplicationCommandSubcommandOption,
): readonly APIApplicationCommandOption[] {
  return 'options' in def && def.options ? def.options : [];
}

/** The subcommands of a command (empty when it takes options directly). */
export function subcommandsOf(def: CommandDefinition): APIApplicationCommandSubcommandOption[] {
  return optionList(def).filter(
    (o): o is APIApplicationCommandSubcommandOption =>
      o.type === ApplicationCommandOptionType.Subcommand,
  );
}

/** The options of a subcommand, or of a command without subcommands. */
export function optionsOf(
  def: CommandDefinition | APIApplicationCommandSubcommandOption,
): APIApplicationCommandBasicOption[] {
  return optionList(def).filter(
    (o): o is APIApplicationCommandBasicOption =>
      o.type !== ApplicationCommandOptionType.Subcommand &&
      o.type !== ApplicationCommandOptionType.SubcommandGroup,
  );
}

/** Whether `typed` names this entry, by its English name (any case) or its Chinese one. */
export function isNamed(entry: Named, typed: string): boolean {
  return (
    entry.name === typed.toLowerCase() ||
    (typed !== '' && entry.name_localizations?.['zh-CN'] === typed)
  );
}

/** The entry `typed` names (see isNamed). */
export function findNamed<T extends Named>(entries: readonly T[], typed: string): T | undefined {
  return entries.find((e) => isNamed(e, typed));
}

/** The description in `locale`, falling back to the English one. */
export function describedIn(entry: Named, locale: Locale): string {
  return (
    (locale === 'en-US' ? undefined : entry.description_localizations?.[locale]) ??
    entry.description ??
    ''
  );
}

/** The Chinese name when it differs from the English one (shown beside it in zh-CN help). */
export function chineseName(entry: Named): string | undefined {
  const zh = entry.name_localizations?.['zh-CN'];
  return zh && zh !== entry.name ? zh : undefined;
}
