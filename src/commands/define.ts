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

/** English description and its Chinese localization for an i18n key. */
export function described(key: MessageKey): {
  description: string;
  description_localizations: { 'zh-CN': string };
} {
  return { description: t('en-US', key), description_localizations: localizations(key) };
}

/** Omit over each member of the option union, so type-specific fields (max_length, autocomplete) survive. */
type BasicOptionInput = APIApplicationCommandBasicOption extends infer O
  ? O extends APIApplicationCommandBasicOption
    ? Omit<O, 'description' | 'name_localizations' | 'description_localizations'>
    : never
  : never;

/** An option of `/<path>` whose description comes from `cmd.<path>.<name>.description`. */
export function option(path: string, spec: BasicOptionInput): APIApplicationCommandBasicOption {
  return {
    ...spec,
    ...described(`cmd.${path}.${spec.name}.description` as MessageKey),
    name_localizations: nameLocalizations(spec.name),
  };
}

/** A subcommand of `/<command>` whose description comes from `cmd.<command>.<name>.description`. */
export function subcommand(
  command: string,
  name: string,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name,
    name_localizations: nameLocalizations(name),
    ...described(`cmd.${command}.${name}.description` as MessageKey),
    options,
  };
}

/** A top-level chat-input command JSON from its subcommands. */
export function chatCommand(
  name: string,
  subcommands: Array<{ data: APIApplicationCommandSubcommandOption }>,
) {
  return {
    type: 1 as const,
    name,
    name_localizations: nameLocalizations(name),
    ...described(`cmd.${name}.description` as MessageKey),
    options: subcommands.map((s) => s.data),
  };
}
