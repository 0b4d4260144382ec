/**
 * `journal mute FROM TO [--note TEXT]`, `journal mutes`, `journal unmute ID`:
 * the muted periods, as `/journal mute|unmute` keep them (the same readers
 * and the same one-sentence refusals).
 */
import { UserFacingError } from '../errors.js';
import { readMuteInput, resolveMuteId } from '../commands/journal/mute.js';
import type { MutedPeriod } from '../journal/mutedPeriods.js';
import { mutedPeriodLine } from '../messages/schedule.js';
import { printJson, stringOption, type CliCommand } from './command.js';

/** A period in `--json` output. */
function periodJson(p: MutedPeriod) {
  return { id: p.id, from: p.from, to: p.to, note: p.note, createdAt: p.createdAt };
}

export const muteCommand: CliCommand = {
  name: 'mute',
  usage: 'mute FROM TO [--note TEXT]',
  summary:
    'keep essays written from FROM to TO (inclusive) out of anniversaries, today, random picks and quotes',
  options: { note: { type: 'string' } },
  run(ctx, args) {
    const [from, to, ...extra] = args.positionals;
    if (from === undefined || to === undefined || extra.length > 0)
      throw new UserFacingError(
        'usage: journal mute FROM TO [--note TEXT], e.g. 2024-03-01 2024-06-30',
      );
    const input = readMuteInput(from, to, stringOption(args, 'note'));
    const period = ctx.store().mutes.add(input);
    if (ctx.json) printJson(ctx.io, { muted: periodJson(period) });
    else
      ctx.io.out(
        `muted ${mutedPeriodLine(period)}: its essays stay out of anniversaries, today, random picks and quotes (journal unmute ${period.id} lifts it)`,
      );
    return 0;
  },
};

export const mutesCommand: CliCommand = {
  name: 'mutes',
  usage: 'mutes',
  summary: 'list the muted periods',
  run(ctx) {
    const periods = ctx.store().mutes.list();
    if (ctx.json) printJson(ctx.io, { mutes: periods.map(periodJson) });
    else {
      for (const p of periods) ctx.io.out(mutedPeriodLine(p));
      ctx.io.out(periods.length === 0 ? 'nothing is muted' : `${periods.length} muted`);
    }
    return 0;
  },
};

export const unmuteCommand: CliCommand = {
  name: 'unmute',
  usage: 'unmute ID',
  summary: 'lift a muted period (ids: journal mutes)',
  run(ctx, args) {
    const [id, ...extra] = args.positionals;
    if (id === undefined || extra.length > 0)
      throw new UserFacingError('usage: journal unmute ID (journal mutes lists the ids)');
    const store = ctx.store();
    const period = store.mutes.remove(resolveMuteId({ store }, id).id);
    if (ctx.json) printJson(ctx.io, { unmuted: periodJson(period) });
    else ctx.io.out(`lifted ${mutedPeriodLine(period)}`);
    return 0;
  },
};
