/**
 * Message-shaped payload checks: what Discord refuses in content, embeds,
 * components (legacy and V2), flags, modals and autocomplete choices.
 * Limits come from DD:resources/message and DD:components/reference, as
 * summarised in docs/platform-facts.md §1.
 *
 * Every check returns `Problem`s instead of throwing so one request can report
 * all of its faults, like Discord's 50035 "Invalid Form Body" does.
 *
 * Lengths are counted in UTF-16 code units (`String.length`). Discord's own
 * counting is not documented precisely; for the CJK text this bot sends the two
 * agree, and for astral characters UTF-16 is the stricter count, so whatever
 * the fake accepts Discord accepts too.
 */
import type { Problem } from './errors.js';

export type Path = (string | number)[];

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsVoiceMessage: 1 << 13,
  IsComponentsV2: 1 << 15,
} as const;

/** Component types (discord-api-types `ComponentType`), spelled out so the fake needs no runtime import. */
export const Component = {
  ActionRow: 1,
  Button: 2,
  StringSelect: 3,
  TextInput: 4,
  UserSelect: 5,
  RoleSelect: 6,
  MentionableSelect: 7,
  ChannelSelect: 8,
  Section: 9,
  TextDisplay: 10,
  Thumbnail: 11,
  MediaGallery: 12,
  File: 13,
  Separator: 14,
  Container: 17,
  Label: 18,
  FileUpload: 19,
  RadioGroup: 21,
  CheckboxGroup: 22,
  Checkbox: 23,
} as const;

const SELECT_TYPES: ReadonlySet<number> = new Set([3, 5, 6, 7, 8]);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Small collector so each check reads as one line. */
export class Problems {
  readonly list: Problem[] = [];

  add(path: Path, code: string, message: string): void {
    this.list.push({ path, code, message });
  }

  /** A string field: type, optional requiredness and a [min, max] length. */
  string(
    path: Path,
    value: unknown,
    opts: { required?: boolean; min?: number; max: number },
  ): void {
    if (value === undefined || value === null) {
      if (opts.required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
      return;
    }
    const min = opts.min ?? 0;
    if (value.length < min || value.length > opts.max) {
      if (min === 0)
        this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${opts.max} or fewer in length.`);
      else
        this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${opts.max} in length.`);
    }
  }

  int(path: Path, value: unknown, opts: { required?: boolean; min: number; max: number }): void {
    if (value === undefined || value === null) {
      if (opts.required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(path, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
      return;
    }
    if (value < opts.min)
      this.add(
        path,
        'NUMBER_TYPE_MIN',
        `int value should be greater than or equal to ${opts.min}.`,
      );
    if (value > opts.max)
      this.add(path, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${opts.max}.`);
  }

  /** An array field with a maximum (and optional minimum) number of items; returns the array or null. */
  array(
    path: Path,
    value: unknown,
    opts: { required?: boolean; min?: number; max: number },
  ): unknown[] | null {
    if (value === undefined || value === null) {
      if (opts.required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return null;
    }
    if (!Array.isArray(value)) {
      this.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
      return null;
    }
    const min = opts.min ?? 0;
    if (value.length > opts.max)
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${opts.max} or fewer in length.`);
    else if (value.length < min)
      this.add(path, 'BASE_TYPE_MIN_LENGTH', `Must be ${min} or more in length.`);
    return value;
  }

  bool(path: Path, value: unknown): void {
    if (value !== undefined && value !== null && typeof value !== 'boolean')
      this.add(path, 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
  }

  url(path: Path, value: unknown, opts: { required?: boolean; schemes: readonly string[] }): void {
    if (value === undefined || value === null) {
      if (opts.required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
      return;
    }
    let scheme: string | null;
    try {
      scheme = new URL(value).protocol.replace(/:$/, '');
    } catch {
      scheme = null;
    }
    if (scheme === null || !opts.schemes.includes(scheme)) {
      this.add(
        path,
        'URL_TYPE_INVALID_URL',
        `Scheme "${scheme ?? value}" is not supported. Scheme must be one of (${opts.schemes.join(', ')}).`,
      );
    }
    if (value.length > 2048)
      this.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 2048 or fewer in length.');
  }
}

// ---------------------------------------------------------------- embeds

const IMAGE_SCHEMES = ['http', 'https', 'attachment'] as const;

/** Characters that count toward the 6000 total (DD:resources/message "Embed Limits"). */
export function embedLength(embed: Record<string, unknown>): number {
  const len = (v: unknown) => (typeof v === 'string' ? v.length : 0);
  let total = len(embed.title) + len(embed.description);
  if (isRecord(embed.footer)) total += len(embed.footer.text);
  if (isRecord(embed.author)) total += len(embed.author.name);
  if (Array.isArray(embed.fields)) {
    for (const field of embed.fields)
      if (isRecord(field)) total += len(field.name) + len(field.value);
  }
  return total;
}

export function checkEmbeds(p: Problems, path: Path, value: unknown): void {
  const embeds = p.array(path, value, { max: 10 });
  if (!embeds) return;
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = [...path, i];
    if (!isRecord(embed)) {
      p.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    total += embedLength(embed);
    p.string([...at, 'title'], embed.title, { max: 256 });
    p.string([...at, 'description'], embed.description, { max: 4096 });
    p.url([...at, 'url'], embed.url, { schemes: ['http', 'https'] });
    p.int([...at, 'color'], embed.color, { min: 0, max: 0xffffff });
    if (embed.timestamp !== undefined && embed.timestamp !== null) {
      if (typeof embed.timestamp !== 'string' || Number.isNaN(Date.parse(embed.timestamp))) {
        p.add(
          [...at, 'timestamp'],
          'DATE_TIME_TYPE_PARSE',
          `Could not parse ${String(embed.timestamp)}. Should be ISO8601.`,
        );
      }
    }
    if (embed.footer !== undefined && embed.footer !== null) {
      if (!isRecord(embed.footer))
        p.add(
          [...at, 'footer'],
          'MODEL_TYPE_CONVERT',
          'Only dictionaries may be used in a ModelType',
        );
      else {
        p.string([...at, 'footer', 'text'], embed.footer.text, {
          required: true,
          min: 1,
          max: 2048,
        });
        p.url([...at, 'footer', 'icon_url'], embed.footer.icon_url, { schemes: IMAGE_SCHEMES });
      }
    }
    if (embed.author !== undefined && embed.author !== null) {
      if (!isRecord(embed.author))
        p.add(
          [...at, 'author'],
          'MODEL_TYPE_CONVERT',
          'Only dictionaries may be used in a ModelType',
        );
      else {
        p.string([...at, 'author', 'name'], embed.author.name, {
          required: true,
          min: 1,
          max: 256,
        });
        p.url([...at, 'author', 'url'], embed.author.url, { schemes: ['http', 'https'] });
        p.url([...at, 'author', 'icon_url'], embed.author.icon_url, { schemes: IMAGE_SCHEMES });
      }
    }
    for (const key of ['image', 'thumbnail'] as const) {
      const media = embed[key];
      if (media === undefined || media === null) continue;
      if (!isRecord(media))
        p.add([...at, key], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      else p.url([...at, key, 'url'], media.url, { required: true, schemes: IMAGE_SCHEMES });
    }
    const fields = p.array([...at, 'fields'], embed.fields, { max: 25 });
    fields?.forEach((field, j) => {
      const fat = [...at, 'fields', j];
      if (!isRecord(field)) {
        p.add(fat, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
        return;
      }
      // Discord refuses empty and whitespace-only names and values.
      for (const [key, max] of [
        ['name', 256],
        ['value', 1024],
      ] as const) {
        const v = field[key];
        if (typeof v === 'string' && v.trim() === '')
          p.add([...fat, key], 'BASE_TYPE_REQUIRED', 'This field is required');
        else p.string([...fat, key], v, { required: true, max });
      }
    });
  });
  if (total > 6000)
    p.add(
      path,
      'MAX_EMBED_SIZE_EXCEEDED',
      `Embed size exceeds maximum size of 6000 (got ${total})`,
    );
}

// ---------------------------------------------------------------- components

interface ComponentCtx {
  p: Problems;
  customIds: Set<string>;
  /** Numeric `id`s given explicitly; 0 asks Discord to assign one, so it may repeat. */
  ids: Set<number>;
  /** Number of components seen, for the V2 limit of 40. */
  count: number;
  /** Sum of text display lengths, for the V2 limit of 4000. */
  textLength: number;
  /** File names the message will carry, which `attachment://` may reference. */
  attachments: ReadonlySet<string>;
  /** The `attachment://` names components referenced. */
  referenced: Set<string>;
}

function componentCtx(p: Problems, attachments: readonly string[] = []): ComponentCtx {
  return {
    p,
    customIds: new Set(),
    ids: new Set(),
    count: 0,
    textLength: 0,
    attachments: new Set(attachments),
    referenced: new Set(),
  };
}

/** The optional numeric `id` every component may carry: a 32-bit integer unique in the message. */
function checkComponentId(ctx: ComponentCtx, path: Path, c: Record<string, unknown>): void {
  if (c.id === undefined || c.id === null) return;
  ctx.p.int([...path, 'id'], c.id, { min: 0, max: 2 ** 31 - 1 });
  if (typeof c.id !== 'number' || c.id === 0) return;
  if (ctx.ids.has(c.id))
    ctx.p.add([...path, 'id'], 'COMPONENT_ID_DUPLICATED', `Component id ${c.id} is used twice`);
  ctx.ids.add(c.id);
}

function checkCustomId(ctx: ComponentCtx, path: Path, value: unknown, required: boolean): void {
  ctx.p.string(path, value, { required, min: 1, max: 100 });
  if (typeof value !== 'string') return;
  if (ctx.customIds.has(value))
    ctx.p.add(
      path,
      'COMPONENT_CUSTOM_ID_DUPLICATED',
      `Component custom id cannot be duplicated ("${value}")`,
    );
  ctx.customIds.add(value);
}

function checkButton(ctx: ComponentCtx, path: Path, c: Record<string, unknown>): void {
  const { p } = ctx;
  p.int([...path, 'style'], c.style, { required: true, min: 1, max: 6 });
  const style = c.style;
  if (style === 5) {
    p.url([...path, 'url'], c.url, { required: true, schemes: ['http', 'https', 'discord'] });
    if (c.custom_id !== undefined)
      p.add(
        [...path, 'custom_id'],
        'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
        'A custom id cannot be specified for link buttons',
      );
  } else if (style === 6) {
    p.string([...path, 'sku_id'], c.sku_id, { required: true, max: 20 });
  } else {
    checkCustomId(ctx, [...path, 'custom_id'], c.custom_id, true);
    if (c.url !== undefined)
      p.add(
        [...path, 'url'],
        'BUTTON_COMPONENT_URL_NOT_ALLOWED',
        'A url cannot be specified for non-link buttons',
      );
  }
  p.string([...path, 'label'], c.label, { max: 80 });
  if (
    style !== 6 &&
    (c.label === undefined || c.label === null || c.label === '') &&
    c.emoji === undefined
  ) {
    p.add(path, 'BUTTON_COMPONENT_INVALID', 'A button must have a label or an emoji');
  }
}

/** Error codes differ only in prefix between message selects and the newer modal inputs. */
type CodePrefix = 'SELECT_COMPONENT' | 'COMPONENT';

/** Option lists of selects and checkbox/radio groups: 1–100 character labels and values, unique values. */
function checkChoiceOptions(
  p: Problems,
  path: Path,
  value: unknown,
  opts: { min: number; max: number; prefix: CodePrefix },
): { count: number; defaults: number } | null {
  const options = p.array(path, value, { required: true, min: opts.min, max: opts.max });
  if (!options) return null;
  const values = new Set<string>();
  let defaults = 0;
  options.forEach((o, i) => {
    const at = [...path, i];
    if (!isRecord(o)) {
      p.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    p.string([...at, 'label'], o.label, { required: true, min: 1, max: 100 });
    p.string([...at, 'value'], o.value, { required: true, min: 1, max: 100 });
    p.string([...at, 'description'], o.description, { max: 100 });
    p.bool([...at, 'default'], o.default);
    if (o.default === true) defaults++;
    if (typeof o.value !== 'string') return;
    if (values.has(o.value))
      p.add(
        [...at, 'value'],
        `${opts.prefix}_OPTION_VALUE_DUPLICATED`,
        'Option values must be unique',
      );
    values.add(o.value);
  });
  return { count: options.length, defaults };
}

/** `min_values`/`max_values` within [0, cap] and in order; returns the effective maximum. */
function checkValueRange(
  p: Problems,
  path: Path,
  c: Record<string, unknown>,
  opts: { cap: number; min: number; max: number; prefix: CodePrefix },
): number {
  p.int([...path, 'min_values'], c.min_values, { min: 0, max: opts.cap });
  p.int([...path, 'max_values'], c.max_values, { min: 1, max: opts.cap });
  const min = typeof c.min_values === 'number' ? c.min_values : opts.min;
  const max = typeof c.max_values === 'number' ? c.max_values : opts.max;
  if (min > max)
    p.add(
      [...path, 'min_values'],
      `${opts.prefix}_MIN_VALUES_TOO_LARGE`,
      'min_values must be less than or equal to max_values',
    );
  return max;
}

/** max_values cannot ask for more values than there are options. */
function checkMaxAgainstOptions(
  p: Problems,
  path: Path,
  max: number,
  options: number,
  prefix: CodePrefix,
): void {
  if (max > options)
    p.add(
      [...path, 'max_values'],
      `${prefix}_MAX_VALUES_TOO_LARGE`,
      'max_values must be less than or equal to the number of options',
    );
}

function checkSelect(ctx: ComponentCtx, path: Path, c: Record<string, unknown>): void {
  const { p } = ctx;
  checkCustomId(ctx, [...path, 'custom_id'], c.custom_id, true);
  p.string([...path, 'placeholder'], c.placeholder, { max: 150 });
  const prefix = 'SELECT_COMPONENT';
  const max = checkValueRange(p, path, c, { cap: 25, min: 1, max: 1, prefix });
  if (c.type !== Component.StringSelect) return;
  const options = checkChoiceOptions(p, [...path, 'options'], c.options, {
    min: 1,
    max: 25,
    prefix,
  });
  if (!options) return;
  checkMaxAgainstOptions(p, path, max, options.count, prefix);
  if (options.defaults > max)
    p.add(
      [...path, 'options'],
      'SELECT_COMPONENT_TOO_MANY_DEFAULTS',
      'More default options than max_values',
    );
}

function checkActionRow(ctx: ComponentCtx, path: Path, row: Record<string, unknown>): void {
  const { p } = ctx;
  const children = p.array([...path, 'components'], row.components, {
    required: true,
    min: 1,
    max: 5,
  });
  if (!children) return;
  let buttons = 0;
  let selects = 0;
  children.forEach((child, i) => {
    const at = [...path, 'components', i];
    if (!isRecord(child)) {
      p.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    ctx.count++;
    checkComponentId(ctx, at, child);
    if (child.type === Component.Button) {
      buttons++;
      checkButton(ctx, at, child);
    } else if (typeof child.type === 'number' && SELECT_TYPES.has(child.type)) {
      selects++;
      checkSelect(ctx, at, child);
    } else {
      p.add(
        [...at, 'type'],
        'UNION_TYPE_CHOICES',
        `Value of field "type" must be one of (2, 3, 5, 6, 7, 8) in a message action row (got ${String(child.type)}).`,
      );
    }
  });
  // An action row holds up to 5 buttons OR exactly one select: a select takes the whole width.
  if (selects > 0 && selects + buttons > 1) {
    p.add(
      [...path, 'components'],
      'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
      'The specified component exceeds the maximum width',
    );
  }
}

const V2_TOP_LEVEL: ReadonlySet<number> = new Set([1, 9, 10, 12, 13, 14, 17]);
const V2_IN_CONTAINER: ReadonlySet<number> = new Set([1, 9, 10, 12, 13, 14]);

function checkV2Component(
  ctx: ComponentCtx,
  path: Path,
  c: unknown,
  allowed: ReadonlySet<number>,
): void {
  const { p } = ctx;
  if (!isRecord(c)) {
    p.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  ctx.count++;
  checkComponentId(ctx, path, c);
  const type = typeof c.type === 'number' ? c.type : -1;
  if (!allowed.has(type)) {
    p.add(
      [...path, 'type'],
      'UNION_TYPE_CHOICES',
      `Component type ${String(c.type)} is not allowed here (allowed: ${[...allowed].join(', ')}).`,
    );
    return;
  }
  switch (type) {
    case Component.ActionRow:
      checkActionRow(ctx, path, c);
      break;
    case Component.TextDisplay:
      p.string([...path, 'content'], c.content, { required: true, min: 1, max: 4000 });
      if (typeof c.content === 'string') ctx.textLength += c.content.length;
      break;
    case Component.Section: {
      const texts = p.array([...path, 'components'], c.components, {
        required: true,
        min: 1,
        max: 3,
      });
      texts?.forEach((t, i) =>
        checkV2Component(ctx, [...path, 'components', i], t, new Set([Component.TextDisplay])),
      );
      if (!isRecord(c.accessory))
        p.add([...path, 'accessory'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else {
        const accessory = c.accessory;
        const at = [...path, 'accessory'];
        ctx.count++;
        checkComponentId(ctx, at, accessory);
        if (accessory.type === Component.Button) checkButton(ctx, at, accessory);
        else if (accessory.type === Component.Thumbnail) {
          checkMedia(ctx, [...at, 'media'], accessory.media, IMAGE_SCHEMES);
          p.string([...at, 'description'], accessory.description, { max: 1024 });
          p.bool([...at, 'spoiler'], accessory.spoiler);
        } else
          p.add(
            [...path, 'accessory', 'type'],
            'UNION_TYPE_CHOICES',
            'A section accessory must be a button or a thumbnail.',
          );
      }
      break;
    }
    case Component.MediaGallery: {
      const items = p.array([...path, 'items'], c.items, { required: true, min: 1, max: 10 });
      items?.forEach((item, i) => {
        if (!isRecord(item))
          p.add(
            [...path, 'items', i],
            'MODEL_TYPE_CONVERT',
            'Only dictionaries may be used in a ModelType',
          );
        else {
          checkMedia(ctx, [...path, 'items', i, 'media'], item.media, IMAGE_SCHEMES);
          p.string([...path, 'items', i, 'description'], item.description, { max: 1024 });
          p.bool([...path, 'items', i, 'spoiler'], item.spoiler);
        }
      });
      break;
    }
    case Component.File:
      // A file component shows an uploaded file, never a link.
      checkMedia(ctx, [...path, 'file'], c.file, ['attachment']);
      p.bool([...path, 'spoiler'], c.spoiler);
      break;
    case Component.Separator:
      p.int([...path, 'spacing'], c.spacing, { min: 1, max: 2 });
      p.bool([...path, 'divider'], c.divider);
      break;
    case Component.Container: {
      p.int([...path, 'accent_color'], c.accent_color, { min: 0, max: 0xffffff });
      p.bool([...path, 'spoiler'], c.spoiler);
      const children = p.array([...path, 'components'], c.components, {
        required: true,
        min: 1,
        max: 40,
      });
      children?.forEach((child, i) =>
        checkV2Component(ctx, [...path, 'components', i], child, V2_IN_CONTAINER),
      );
      break;
    }
  }
}

const ATTACHMENT_PREFIX = 'attachment://';

/** An unfurled media item: a link, or `attachment://name` naming a file the message carries. */
function checkMedia(
  ctx: ComponentCtx,
  path: Path,
  media: unknown,
  schemes: readonly string[],
): void {
  const { p } = ctx;
  if (!isRecord(media)) {
    p.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  p.url([...path, 'url'], media.url, { required: true, schemes });
  const name =
    typeof media.url === 'string' && media.url.startsWith(ATTACHMENT_PREFIX)
      ? media.url.slice(ATTACHMENT_PREFIX.length)
      : null;
  if (name === null) return;
  ctx.referenced.add(name);
  if (!ctx.attachments.has(name))
    p.add(
      [...path, 'url'],
      'UNFURLED_MEDIA_ITEM_ATTACHMENT_NOT_FOUND',
      `No file named "${name}" is uploaded with this message (has: ${[...ctx.attachments].join(', ') || 'none'}).`,
    );
}

/**
 * Checks a message's `components` (V2 layouts when `v2`, else legacy action
 * rows). `attachments` are the file names the message will carry; returns the
 * names that components reference with `attachment://`.
 */
export function checkComponents(
  p: Problems,
  path: Path,
  value: unknown,
  v2: boolean,
  attachments: readonly string[] = [],
): ReadonlySet<string> {
  const ctx = componentCtx(p, attachments);
  const top = p.array(path, value, { max: v2 ? 40 : 5 });
  if (!top) return ctx.referenced;
  top.forEach((c, i) => {
    const at = [...path, i];
    if (v2) {
      checkV2Component(ctx, at, c, V2_TOP_LEVEL);
      return;
    }
    if (!isRecord(c)) {
      p.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    if (c.type !== Component.ActionRow) {
      p.add(
        [...at, 'type'],
        'UNION_TYPE_CHOICES',
        `Only action rows are allowed at the top level without the IS_COMPONENTS_V2 flag (got type ${String(c.type)}).`,
      );
      return;
    }
    ctx.count++;
    checkActionRow(ctx, at, c);
  });
  if (v2 && ctx.count > 40)
    p.add(
      path,
      'COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED',
      `A message may hold at most 40 components (got ${ctx.count}).`,
    );
  if (v2 && ctx.textLength > 4000)
    p.add(
      path,
      'COMPONENT_MAX_TOTAL_TEXT_LENGTH_EXCEEDED',
      `Text displays may hold at most 4000 characters in total (got ${ctx.textLength}).`,
    );
  return ctx.referenced;
}

// ---------------------------------------------------------------- whole messages

/** What a message would look like after a create or an edit; validated as a whole. */
export interface MessageShape {
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  /** File names of the attachments the message will have (kept and newly uploaded). */
  attachmentNames: string[];
  hasStickersOrPoll: boolean;
}

/**
 * Checks the fields present in `body` (a create or an edit) and the resulting
 * message as a whole. `prefix` is where the message sits in the request body
 * (`['data']` for interaction callbacks).
 */
export function checkMessageBody(
  body: Record<string, unknown>,
  prefix: Path,
  opts: { allowedFlags: number },
): Problem[] {
  const p = new Problems();
  p.string([...prefix, 'content'], body.content, { max: 2000 });
  checkEmbeds(p, [...prefix, 'embeds'], body.embeds);
  if (body.flags !== undefined && body.flags !== null) {
    if (typeof body.flags !== 'number' || !Number.isInteger(body.flags))
      p.add([...prefix, 'flags'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
    else if ((body.flags & ~opts.allowedFlags) !== 0) {
      p.add(
        [...prefix, 'flags'],
        'MESSAGE_FLAGS_INVALID',
        `Flags ${body.flags & ~opts.allowedFlags} may not be set here (allowed bits: ${opts.allowedFlags}).`,
      );
    }
  }
  if (body.nonce !== undefined && body.nonce !== null) {
    const n = body.nonce;
    const ok =
      (typeof n === 'string' && n.length <= 25) || (typeof n === 'number' && Number.isInteger(n));
    if (!ok)
      p.add(
        [...prefix, 'nonce'],
        'BASE_TYPE_BAD_LENGTH',
        'A nonce must be an integer or a string of at most 25 characters.',
      );
  }
  const attachments = p.array([...prefix, 'attachments'], body.attachments, { max: 10 });
  attachments?.forEach((a, i) => {
    if (isRecord(a))
      p.string([...prefix, 'attachments', i, 'description'], a.description, { max: 1024 });
  });
  return p.list;
}

/** Rules that concern the finished message: V2 exclusivity, component layout, emptiness. */
export function checkMessageShape(shape: MessageShape, prefix: Path): Problem[] {
  const p = new Problems();
  const v2 = (shape.flags & MessageFlag.IsComponentsV2) !== 0;
  checkComponents(p, [...prefix, 'components'], shape.components, v2, shape.attachmentNames);
  if (v2) {
    if (shape.content !== '')
      p.add(
        [...prefix, 'content'],
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    if (shape.embeds.length > 0)
      p.add(
        [...prefix, 'embeds'],
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    if (shape.hasStickersOrPoll)
      p.add(
        prefix,
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        'Stickers and polls cannot be used with IS_COMPONENTS_V2',
      );
  }
  return p.list;
}

/**
 * Attachments of a V2 message that no component references: Discord accepts
 * them but shows them nowhere (legacy messages list every attachment).
 */
export function attachmentsNotShown(shape: MessageShape): string[] {
  if ((shape.flags & MessageFlag.IsComponentsV2) === 0) return [];
  const referenced = checkComponents(
    new Problems(),
    [],
    shape.components,
    true,
    shape.attachmentNames,
  );
  return shape.attachmentNames.filter((name) => !referenced.has(name));
}

export function isEmptyShape(shape: MessageShape): boolean {
  return (
    shape.content.trim() === '' &&
    shape.embeds.length === 0 &&
    shape.components.length === 0 &&
    shape.attachmentNames.length === 0 &&
    !shape.hasStickersOrPoll
  );
}

// ---------------------------------------------------------------- modals

function checkTextInput(
  ctx: ComponentCtx,
  path: Path,
  c: Record<string, unknown>,
  inLabel: boolean,
) {
  const { p } = ctx;
  checkCustomId(ctx, [...path, 'custom_id'], c.custom_id, true);
  p.int([...path, 'style'], c.style, { required: true, min: 1, max: 2 });
  // Inside a Label the label lives on the Label; the old row form needs it on the input.
  if (inLabel) {
    if (c.label !== undefined)
      p.add(
        [...path, 'label'],
        'TEXT_INPUT_LABEL_NOT_ALLOWED',
        'A text input inside a label component cannot have its own label',
      );
  } else p.string([...path, 'label'], c.label, { required: true, min: 1, max: 45 });
  p.int([...path, 'min_length'], c.min_length, { min: 0, max: 4000 });
  p.int([...path, 'max_length'], c.max_length, { min: 1, max: 4000 });
  if (
    typeof c.min_length === 'number' &&
    typeof c.max_length === 'number' &&
    c.min_length > c.max_length
  ) {
    p.add(
      [...path, 'min_length'],
      'TEXT_INPUT_MIN_LENGTH_TOO_LARGE',
      'min_length must be less than or equal to max_length',
    );
  }
  const max = typeof c.max_length === 'number' ? c.max_length : 4000;
  p.string([...path, 'value'], c.value, { max });
  p.string([...path, 'placeholder'], c.placeholder, { max: 100 });
  p.bool([...path, 'required'], c.required);
}

/** The one component a modal Label wraps (DD:components/reference "Label child components"). */
function checkLabelChild(ctx: ComponentCtx, path: Path, c: unknown): void {
  const { p } = ctx;
  if (!isRecord(c)) {
    p.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  checkComponentId(ctx, path, c);
  const type = typeof c.type === 'number' ? c.type : -1;
  if (type === Component.TextInput) return checkTextInput(ctx, path, c, true);
  if (SELECT_TYPES.has(type)) {
    checkSelect(ctx, path, c);
    p.bool([...path, 'required'], c.required);
    return;
  }
  switch (type) {
    case Component.FileUpload:
      checkCustomId(ctx, [...path, 'custom_id'], c.custom_id, true);
      checkValueRange(p, path, c, { cap: 10, min: 1, max: 1, prefix: 'COMPONENT' });
      p.bool([...path, 'required'], c.required);
      p.array([...path, 'file_types'], c.file_types, { max: 10 });
      return;
    case Component.Checkbox:
      checkCustomId(ctx, [...path, 'custom_id'], c.custom_id, true);
      p.bool([...path, 'default'], c.default);
      return;
    case Component.CheckboxGroup: {
      checkCustomId(ctx, [...path, 'custom_id'], c.custom_id, true);
      const prefix = 'COMPONENT';
      const options = checkChoiceOptions(p, [...path, 'options'], c.options, {
        min: 1,
        max: 10,
        prefix,
      });
      const count = options?.count ?? 0;
      const max = checkValueRange(p, path, c, { cap: 10, min: 1, max: count, prefix });
      if (options) checkMaxAgainstOptions(p, path, max, count, prefix);
      p.bool([...path, 'required'], c.required);
      return;
    }
    case Component.RadioGroup: {
      checkCustomId(ctx, [...path, 'custom_id'], c.custom_id, true);
      const options = checkChoiceOptions(p, [...path, 'options'], c.options, {
        min: 2,
        max: 10,
        prefix: 'COMPONENT',
      });
      if (options && options.defaults > 1)
        p.add(
          [...path, 'options'],
          'COMPONENT_TOO_MANY_DEFAULTS',
          'A radio group may select at most one option by default',
        );
      p.bool([...path, 'required'], c.required);
      return;
    }
    default:
      p.add(
        [...path, 'type'],
        'UNION_TYPE_CHOICES',
        `A label must wrap a text input, a select, a file upload, a checkbox, a checkbox group or a radio group (got ${String(c.type)})`,
      );
  }
}

/** Modal callback data (type 9): DD:interactions/receiving-and-responding "Modal", DD:components/reference. */
export function checkModal(data: unknown, prefix: Path): Problem[] {
  const p = new Problems();
  if (!isRecord(data)) {
    p.add(prefix, 'BASE_TYPE_REQUIRED', 'This field is required');
    return p.list;
  }
  p.string([...prefix, 'title'], data.title, { required: true, min: 1, max: 45 });
  p.string([...prefix, 'custom_id'], data.custom_id, { required: true, min: 1, max: 100 });
  const top = p.array([...prefix, 'components'], data.components, {
    required: true,
    min: 1,
    max: 5,
  });
  const ctx = componentCtx(p);
  top?.forEach((c, i) => {
    const at = [...prefix, 'components', i];
    if (!isRecord(c)) {
      p.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    checkComponentId(ctx, at, c);
    if (c.type === Component.ActionRow) {
      // The deprecated form: one text input per row, labelled on the input.
      const children = p.array([...at, 'components'], c.components, {
        required: true,
        min: 1,
        max: 1,
      });
      const child = children?.[0];
      if (isRecord(child) && child.type === Component.TextInput)
        checkTextInput(ctx, [...at, 'components', 0], child, false);
      else if (children)
        p.add(
          [...at, 'components', 0, 'type'],
          'UNION_TYPE_CHOICES',
          'A modal action row must hold exactly one text input',
        );
    } else if (c.type === Component.Label) {
      p.string([...at, 'label'], c.label, { required: true, min: 1, max: 45 });
      p.string([...at, 'description'], c.description, { max: 100 });
      checkLabelChild(ctx, [...at, 'component'], c.component);
    } else if (c.type === Component.TextDisplay) {
      p.string([...at, 'content'], c.content, { required: true, min: 1, max: 4000 });
    } else {
      p.add(
        [...at, 'type'],
        'UNION_TYPE_CHOICES',
        `Component type ${String(c.type)} is not allowed in a modal`,
      );
    }
  });
  return p.list;
}

// ---------------------------------------------------------------- autocomplete

export function checkAutocompleteChoices(data: unknown, prefix: Path): Problem[] {
  const p = new Problems();
  const choices = p.array([...prefix, 'choices'], isRecord(data) ? data.choices : undefined, {
    required: true,
    max: 25,
  });
  choices?.forEach((c, i) => {
    const at = [...prefix, 'choices', i];
    if (!isRecord(c)) {
      p.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    p.string([...at, 'name'], c.name, { required: true, min: 1, max: 100 });
    if (typeof c.value === 'string') p.string([...at, 'value'], c.value, { max: 100 });
    else if (typeof c.value !== 'number')
      p.add([...at, 'value'], 'BASE_TYPE_REQUIRED', 'A choice value must be a string or a number');
    if (isRecord(c.name_localizations)) {
      for (const [locale, name] of Object.entries(c.name_localizations)) {
        p.string([...at, 'name_localizations', locale], name, { required: true, min: 1, max: 100 });
      }
    }
  });
  return p.list;
}
