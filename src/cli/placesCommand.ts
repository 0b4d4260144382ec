/** `journal places`: where the essays were written, with counts and years. */
import { yearRanges } from '../journal/places.js';
import { printJson, type CliCommand } from './command.js';

export const placesCommand: CliCommand = {
  name: 'places',
  usage: 'places',
  summary: 'the places essays were written in, with how many and which years',
  readsJournal: true,
  run(ctx) {
    // The command line is the author's own tool: hidden essays count.
    const places = ctx.store().places.all({ includeHidden: true });
    if (ctx.json) {
      printJson(ctx.io, {
        places: places.map((p) => ({ place: p.place, count: p.count, years: p.years })),
      });
      return 0;
    }
    for (const p of places) ctx.io.out(`${p.place}  ${p.count}  ${yearRanges(p.years)}`);
    ctx.io.out(`${places.length} place${places.length === 1 ? '' : 's'}`);
    return 0;
  },
};
