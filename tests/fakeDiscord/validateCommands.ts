/**
 * Application command checks (DD:interactions/application-commands, summarised
 * in docs/platform-facts.md §1 "Command names" and "Command limits").
 */
import type { Problem } from './errors.js';
import { isRecord, Problems, type Path } from './validate.js';

/** Chat-input names and every localized name: letters/numbers of any script, `-`, `_`, `'`. */
export const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** DD:reference "Locales". */
export const LOCALES: ReadonlySet<string> = new Set([
  'id',
  'da',
  'de',
  'en-GB',
  'en-US',
  'es-ES',
  'es-419',
  'fr',
  'hr',
  'it',
  'lt',
  'hu',
  'nl',
  'no',
  'pl',
  'pt-BR',
  'ro',
  'fi',
  'sv-SE',
  'vi',
  'tr',
  'cs',
  'el',
  'bg',
  'ru',
  'uk',
  'hi',
  'th',
  'zh-CN',
  'ja',
  'zh-TW',
  'ko',
]);

export const CommandType = { ChatInput: 1, User: 2, Message: 3, PrimaryEntryPoint: 4 } as const;
export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

/** InteractionContextType: where a command is used (DD:interactions/receiving-and-responding). */
export const InteractionContext = { guild: 0, botDm: 1, privateChannel: 2 } as const;
/** ApplicationIntegrationType: how the app is installed; the keys of `authorizing_integration_owners`. */
export const IntegrationType = { guild: 0, user: 1 } as const;

export type InteractionPlace = keyof typeof InteractionContext;

/** Where, and through which installation, an interaction happens. */
export interface Placement {
  place: InteractionPlace;
  install: keyof typeof IntegrationType;
}

/**
 * Whether a global command is offered there. Omitted `integration_types`
 * means the app's default install, which for this fake is the guild install;
 * omitted `contexts` means every context (DD:application-commands).
 */
export function availableIn(cmd: Record<string, unknown>, where: Placement): boolean {
  const list = (v: unknown, fallback: number[]) => (Array.isArray(v) ? (v as unknown[]) : fallback);
  return (
    list(cmd.integration_types, [IntegrationType.guild]).includes(IntegrationType[where.install]) &&
    list(cmd.contexts, [0, 1, 2]).includes(InteractionContext[where.place])
  );
}

const MAX_PER_TYPE: Record<number, number> = { 1: 100, 2: 15, 3: 15, 4: 1 };
const CHOICE_TYPES: ReadonlySet<number> = new Set([3, 4, 10]);

function checkChatInputName(p: Problems, path: Path, name: unknown): void {
  if (typeof name !== 'string') {
    p.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (!COMMAND_NAME.test(name))
    p.add(path, 'APPLICATION_COMMAND_INVALID_NAME', `Command name "${name}" is invalid`);
  // "lowercase where a lowercase form exists": 文章 has none and passes; Essay does not.
  else if (name !== name.toLowerCase())
    p.add(path, 'APPLICATION_COMMAND_INVALID_NAME', `Command name "${name}" must be lowercase`);
}

function checkLocalizations(
  p: Problems,
  path: Path,
  value: unknown,
  checkOne: (path: Path, v: unknown) => void,
): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) {
    p.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  for (const [locale, v] of Object.entries(value)) {
    if (!LOCALES.has(locale))
      p.add([...path, locale], 'ENUM_TYPE_COERCE', `Value "${locale}" is not a valid enum value.`);
    else if (v !== null) checkOne([...path, locale], v);
  }
}

/** Longest of the default and its localizations: what counts toward the 8000-character limit. */
function longest(base: unknown, localizations: unknown): number {
  let n = typeof base === 'string' ? base.length : 0;
  if (isRecord(localizations))
    for (const v of Object.values(localizations))
      if (typeof v === 'string') n = Math.max(n, v.length);
  return n;
}

function checkOptions(
  p: Problems,
  path: Path,
  value: unknown,
  depth: number,
  size: { n: number },
): void {
  const options = p.array(path, value, { max: 25 });
  if (!options) return;
  const names = new Set<string>();
  let sawOptional = false;
  let subcommands = 0;
  options.forEach((o, i) => {
    const at = [...path, i];
    if (!isRecord(o)) {
      p.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    const type = typeof o.type === 'number' ? o.type : -1;
    if (type < 1 || type > 11)
      p.add(
        [...at, 'type'],
        'ENUM_TYPE_COERCE',
        `Value "${String(o.type)}" is not a valid enum value.`,
      );
    checkChatInputName(p, [...at, 'name'], o.name);
    checkLocalizations(p, [...at, 'name_localizations'], o.name_localizations, (lp, v) =>
      checkChatInputName(p, lp, v),
    );
    p.string([...at, 'description'], o.description, { required: true, min: 1, max: 100 });
    checkLocalizations(
      p,
      [...at, 'description_localizations'],
      o.description_localizations,
      (lp, v) => p.string(lp, v, { required: true, min: 1, max: 100 }),
    );
    size.n +=
      longest(o.name, o.name_localizations) + longest(o.description, o.description_localizations);
    if (typeof o.name === 'string') {
      if (names.has(o.name))
        p.add(
          [...at, 'name'],
          'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          `Option name "${o.name}" is already used at this level`,
        );
      names.add(o.name);
    }
    const isSub = type === OptionType.Subcommand || type === OptionType.SubcommandGroup;
    if (isSub) {
      subcommands++;
      if (o.required !== undefined && o.required !== false)
        p.add(
          [...at, 'required'],
          'APPLICATION_COMMAND_OPTION_REQUIRED_INVALID',
          'Subcommands cannot be required',
        );
      // Groups nest one level only: a group holds subcommands, a subcommand holds plain options.
      if (type === OptionType.SubcommandGroup) {
        if (depth > 0)
          p.add(
            [...at, 'type'],
            'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
            'Subcommand groups can only appear at the top level',
          );
        const inner = p.array([...at, 'options'], o.options, { max: 25 });
        inner?.forEach((s, j) => {
          if (!isRecord(s) || s.type !== OptionType.Subcommand)
            p.add(
              [...at, 'options', j, 'type'],
              'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
              'A subcommand group may only contain subcommands',
            );
        });
        checkOptions(p, [...at, 'options'], o.options, depth + 1, size);
      } else {
        if (depth > 1)
          p.add(
            [...at, 'type'],
            'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
            'Subcommands nest at most inside one group',
          );
        const inner = Array.isArray(o.options) ? o.options : [];
        inner.forEach((s, j) => {
          if (
            isRecord(s) &&
            (s.type === OptionType.Subcommand || s.type === OptionType.SubcommandGroup)
          ) {
            p.add(
              [...at, 'options', j, 'type'],
              'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
              'A subcommand cannot contain subcommands',
            );
          }
        });
        checkOptions(p, [...at, 'options'], o.options, depth + 1, size);
      }
      return;
    }
    // Required options must come before optional ones.
    if (o.required === true && sawOptional)
      p.add(
        [...at, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    if (o.required !== true) sawOptional = true;
    const hasChoices = Array.isArray(o.choices) && o.choices.length > 0;
    if (o.autocomplete === true) {
      if (!CHOICE_TYPES.has(type))
        p.add(
          [...at, 'autocomplete'],
          'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID',
          'Autocomplete is only allowed on string, integer and number options',
        );
      if (hasChoices)
        p.add(
          [...at, 'autocomplete'],
          'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES',
          'Autocomplete cannot be used with choices',
        );
    }
    if (o.choices !== undefined) {
      if (!CHOICE_TYPES.has(type))
        p.add(
          [...at, 'choices'],
          'APPLICATION_COMMAND_OPTION_CHOICES_INVALID',
          'Choices are only allowed on string, integer and number options',
        );
      const choices = p.array([...at, 'choices'], o.choices, { max: 25 });
      choices?.forEach((c, j) => {
        const cat = [...at, 'choices', j];
        if (!isRecord(c)) {
          p.add(cat, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
          return;
        }
        p.string([...cat, 'name'], c.name, { required: true, min: 1, max: 100 });
        checkLocalizations(p, [...cat, 'name_localizations'], c.name_localizations, (lp, v) =>
          p.string(lp, v, { required: true, min: 1, max: 100 }),
        );
        if (type === OptionType.String)
          p.string([...cat, 'value'], c.value, { required: true, min: 1, max: 100 });
        else if (
          typeof c.value !== 'number' ||
          (type === OptionType.Integer && !Number.isInteger(c.value))
        ) {
          p.add(
            [...cat, 'value'],
            'BASE_TYPE_CHOICES',
            'Choice value does not match the option type',
          );
        }
        size.n += longest(c.name, c.name_localizations) + String(c.value ?? '').length;
      });
    }
    if (o.min_length !== undefined)
      p.int([...at, 'min_length'], o.min_length, { min: 0, max: 6000 });
    if (o.max_length !== undefined)
      p.int([...at, 'max_length'], o.max_length, { min: 1, max: 6000 });
    if (Array.isArray(o.options) && o.options.length > 0)
      p.add(
        [...at, 'options'],
        'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        'Only subcommands and groups may have options',
      );
  });
  if (subcommands > 0 && subcommands !== options.length) {
    p.add(
      path,
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Subcommands and groups cannot be mixed with other option types',
    );
  }
}

/** Checks one command; `path` is its position in the request body. */
export function checkCommand(p: Problems, path: Path, cmd: unknown): void {
  if (!isRecord(cmd)) {
    p.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const type = cmd.type === undefined ? CommandType.ChatInput : cmd.type;
  if (typeof type !== 'number' || type < 1 || type > 4) {
    p.add(
      [...path, 'type'],
      'ENUM_TYPE_COERCE',
      `Value "${String(cmd.type)}" is not a valid enum value.`,
    );
    return;
  }
  const size = { n: 0 };
  if (type === CommandType.ChatInput) {
    checkChatInputName(p, [...path, 'name'], cmd.name);
    checkLocalizations(p, [...path, 'name_localizations'], cmd.name_localizations, (lp, v) =>
      checkChatInputName(p, lp, v),
    );
    p.string([...path, 'description'], cmd.description, { required: true, min: 1, max: 100 });
    checkLocalizations(
      p,
      [...path, 'description_localizations'],
      cmd.description_localizations,
      (lp, v) => p.string(lp, v, { required: true, min: 1, max: 100 }),
    );
    checkOptions(p, [...path, 'options'], cmd.options, 0, size);
  } else {
    // Context-menu names may hold spaces and capitals ("Save as quote"); they have no description or options.
    p.string([...path, 'name'], cmd.name, { required: true, min: 1, max: 32 });
    checkLocalizations(p, [...path, 'name_localizations'], cmd.name_localizations, (lp, v) =>
      p.string(lp, v, { required: true, min: 1, max: 32 }),
    );
    if (cmd.description !== undefined && cmd.description !== '')
      p.add(
        [...path, 'description'],
        'APPLICATION_COMMAND_DESCRIPTION_INVALID',
        'Context menu commands cannot have a description',
      );
    if (Array.isArray(cmd.options) && cmd.options.length > 0)
      p.add(
        [...path, 'options'],
        'APPLICATION_COMMAND_OPTIONS_INVALID',
        'Context menu commands cannot have options',
      );
  }
  size.n +=
    longest(cmd.name, cmd.name_localizations) +
    longest(cmd.description, cmd.description_localizations);
  if (size.n > 8000)
    p.add(
      path,
      'APPLICATION_COMMAND_TOO_LARGE',
      `Command exceeds maximum size (8000), got ${size.n}`,
    );
  const perms = cmd.default_member_permissions;
  if (
    perms !== undefined &&
    perms !== null &&
    (typeof perms !== 'string' || !/^\d+$/.test(perms))
  ) {
    p.add(
      [...path, 'default_member_permissions'],
      'BASE_TYPE_STRING',
      'Must be a string of digits or null.',
    );
  }
  for (const [key, allowed] of [
    ['contexts', [0, 1, 2]],
    ['integration_types', [0, 1]],
  ] as const) {
    const v = cmd[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v) || v.some((x) => !(allowed as readonly unknown[]).includes(x))) {
      p.add([...path, key], 'ENUM_TYPE_COERCE', `${key} must be a list of ${allowed.join('/')}`);
    } else if (v.length === 0) {
      p.add([...path, key], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
    } else if (new Set(v).size !== v.length) {
      p.add([...path, key], 'SET_TYPE_ALREADY_CONTAINS_VALUE', `${key} lists a value twice`);
    }
  }
}

/** A bulk overwrite: each command, unique names per type, per-type counts. */
export function checkCommandList(body: unknown): Problem[] {
  const p = new Problems();
  const list = p.array([], body, { required: true, max: 200 });
  if (!list) return p.list;
  const seen = new Set<string>();
  const perType = new Map<number, number>();
  list.forEach((cmd, i) => {
    checkCommand(p, [i], cmd);
    if (!isRecord(cmd)) return;
    const type = typeof cmd.type === 'number' ? cmd.type : 1;
    const key = `${type}:${String(cmd.name)}`;
    if (seen.has(key))
      p.add(
        [i, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        `Application command names must be unique (${String(cmd.name)})`,
      );
    seen.add(key);
    perType.set(type, (perType.get(type) ?? 0) + 1);
  });
  for (const [type, n] of perType) {
    const max = MAX_PER_TYPE[type] ?? 100;
    if (n > max)
      p.add(
        [],
        'APPLICATION_COMMANDS_TOO_MANY',
        `At most ${max} commands of type ${type} (got ${n})`,
      );
  }
  return p.list;
}
