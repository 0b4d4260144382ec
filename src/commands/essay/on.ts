import { textOption } from '../options.js';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserFacingError } from '../../errors.js';
import { dateParts, isLeapYear, parseDate } from '../../journal/dates.js';
import { option, subcommand } from '../define.js';
import { CHANNEL_VISIBILITY, todayOf } from '../context.js';
import type { Subcommand } from '../types.js';
import { renderDayList } from './dayList.js';

/**
 * Reads `MM-DD` (this year) or a full date. A bare Feb 29 is read in the
 * latest leap year up to this one, so it stays a real date.
 */
export function readDayOption(input: string, today: string): string {
  const text = input.trim();
  const md =
    /^(\d{1,2})[-./](\d{1,2})$/u.exec(text) ?? /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/u.exec(text);
  let candidate = text;
  if (md) {
    let year = dateParts(today).year;
    if (Number(md[1]) === 2 && Number(md[2]) === 29) while (!isLeapYear(year)) year--;
    candidate = `${year}-${md[1]!.padStart(2, '0')}-${md[2]!.padStart(2, '0')}`;
  }
  const reading = parseDate(candidate);
  if (reading.ok) return reading.date;
  if (reading.reason === 'impossible')
    throw new UserFacingError(`${input} is not a real date`, 'on.impossible', { input });
  throw new UserFacingError(`"${input}" is not a date`, 'on.badDate', { input });
}

export const on: Subcommand = {
  data: subcommand('essay.on', [
    option('essay.on.date', {
      type: ApplicationCommandOptionType.String,
      required: true,
      max_length: 40,
    }),
  ]),
  access: 'everyone',
  execute(ctx, options) {
    const date = readDayOption(textOption(options, 'date'), todayOf(ctx));
    // "On 11-01" means every year's Nov 1, as of the asked date's year.
    const { essays, nearest } = ctx.store.essays.onThisDay(date, CHANNEL_VISIBILITY);
    return { kind: 'message', payload: renderDayList(ctx, date, 0, essays, nearest) };
  },
};
