/**
 * `/journal mute from: to: [note:]` and `/journal unmute id:` (authors): a
 * stretch of dates whose essays stay out of anniversaries, day lists,
 * random picks and quotes, and its lifting. The command line's `journal
 * mute|mutes|unmute` reads its input through the same functions.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserFacingError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { truncate } from '../../journal/display.js';
import {
  MAX_MUTE_NOTE,
  MAX_MUTE_YEARS,
  readMuteRange,
  type MutedPeriod,
} from '../../journal/mutedPeriods.js';
import { LIMITS } from '../../messages/limits.js';
import { notice } from '../../messages/builders.js';
import { mutedPeriodLine } from '../../messages/schedule.js';
import type { NewMutedPeriod } from '../../store/mutes.js';
import { option, subcommand } from '../define.js';
import { textOption } from '../options.js';
import type { Choice, HandlerContext, Subcommand } from '../types.js';

/** A period to mute from what was typed, or one sentence saying what is wrong (nothing is stored). */
export function readMuteInput(fromText: string, toText: string, note?: string): NewMutedPeriod {
  const range = readMuteRange(fromText, toText);
  if (!range.ok) {
    switch (range.problem) {
      case 'badDate':
        throw new UserFacingError(
          `"${range.input}" is not a date (write it as 2025-11-01); nothing was muted`,
          'mute.badDate',
          { input: truncate(range.input, 80) },
        );
      case 'impossibleDate':
        throw new UserFacingError(
          `${range.input} is not a real calendar date; nothing was muted`,
          'mute.impossibleDate',
          { input: truncate(range.input, 80) },
        );
      case 'reversed':
        throw new UserFacingError(
          `the period ends (${range.to}) before it starts (${range.from}); nothing was muted`,
          'mute.reversed',
          { from: range.from, to: range.to },
        );
      case 'tooLong':
        throw new UserFacingError(
          `a muted period spans at most ${MAX_MUTE_YEARS} years, and ${range.from} – ${range.to} is longer; nothing was muted`,
          'mute.tooLong',
          { years: MAX_MUTE_YEARS, from: range.from, to: range.to },
        );
    }
  }
  const trimmed = note?.trim() ?? '';
  if (trimmed.length > MAX_MUTE_NOTE)
    throw new UserFacingError(
      `a note is at most ${MAX_MUTE_NOTE} characters; nothing was muted`,
      'mute.noteTooLong',
      { max: MAX_MUTE_NOTE },
    );
  return { from: range.from, to: range.to, note: trimmed === '' ? null : trimmed };
}

/** The muted period an id names (`3` or `#3`), or one sentence saying there is none. */
export function resolveMuteId(ctx: Pick<HandlerContext, 'store'>, text: string): MutedPeriod {
  const digits = /^#?(\d{1,15})$/u.exec(text.trim())?.[1];
  const period = digits === undefined ? null : ctx.store.mutes.get(Number(digits));
  if (!period) {
    if (digits === undefined)
      throw new UserFacingError(`no muted period matches "${text}"`, 'mute.unknownChoice', {
        input: truncate(text.trim(), 80),
      });
    throw new UserFacingError(`there is no muted period #${digits}`, 'mute.unknown', {
      id: digits,
    });
  }
  return period;
}

export const mute: Subcommand = {
  data: subcommand('journal.mute', [
    option('journal.mute.from', {
      type: ApplicationCommandOptionType.String,
      required: true,
      max_length: 40,
    }),
    option('journal.mute.to', {
      type: ApplicationCommandOptionType.String,
      required: true,
      max_length: 40,
    }),
    option('journal.mute.note', {
      type: ApplicationCommandOptionType.String,
      max_length: MAX_MUTE_NOTE,
    }),
  ]),
  access: 'author',
  execute(ctx, options) {
    const input = readMuteInput(
      textOption(options, 'from'),
      textOption(options, 'to'),
      textOption(options, 'note'),
    );
    const period = ctx.store.mutes.add(input);
    return notice(t(ctx.locale, 'mute.added', { id: period.id, from: period.from, to: period.to }));
  },
};

/** Autocomplete over the muted periods: id, dates and note, filtered by what was typed. */
function muteChoices(ctx: HandlerContext, typed: string): Choice[] {
  const needle = typed.trim().toLowerCase().replace(/^#/u, '');
  return ctx.store.mutes
    .list()
    .map((period) => ({ period, line: mutedPeriodLine(period) }))
    .filter(({ line }) => line.toLowerCase().includes(needle))
    .slice(0, LIMITS.choices)
    .map(({ period, line }) => ({
      name: truncate(line, LIMITS.choiceName),
      value: String(period.id),
    }));
}

export const unmute: Subcommand = {
  data: subcommand('journal.unmute', [
    option('journal.unmute.id', {
      type: ApplicationCommandOptionType.String,
      required: true,
      autocomplete: true,
      max_length: 100,
    }),
  ]),
  access: 'author',
  execute(ctx, options) {
    const period = resolveMuteId(ctx, textOption(options, 'id'));
    ctx.store.mutes.remove(period.id);
    return notice(
      t(ctx.locale, 'mute.removed', { id: period.id, from: period.from, to: period.to }),
    );
  },
  autocomplete: (ctx, focused) => (focused.name === 'id' ? muteChoices(ctx, focused.value) : []),
};
