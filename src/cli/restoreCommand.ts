/** `journal restore [ID]`: what is in the trash, or bring one essay back under its own id. */
import { displayTitle } from '../journal/display.js';
import { UserFacingError } from '../errors.js';
import { essayJson } from '../journal/essayJson.js';
import { printJson, type CliCommand } from './command.js';

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore [ID]',
  summary: 'bring a deleted essay back from the trash with its id (without ID: list the trash)',
  run(ctx, args) {
    const { trash } = ctx.store();
    const idText = args.positionals[0];
    if (idText === undefined) {
      const entries = trash.list();
      if (ctx.json) printJson(ctx.io, { trash: entries });
      else {
        for (const e of entries)
          ctx.io.out(
            `#${e.essayId}  ${e.date}  ${e.title ?? '(untitled)'}  — deleted ${e.deletedAt}`,
          );
        ctx.io.out(
          entries.length === 0
            ? 'the trash is empty'
            : `${entries.length} in the trash; journal restore ID brings one back`,
        );
      }
      return 0;
    }
    const id = Number(idText);
    if (!/^\d{1,15}$/u.test(idText) || !Number.isSafeInteger(id) || id <= 0) {
      throw new UserFacingError(
        `expected an essay id (a positive whole number), got ${JSON.stringify(idText)}`,
      );
    }
    const essay = trash.restore(id);
    if (ctx.json) printJson(ctx.io, { restored: essayJson(essay) });
    else ctx.io.out(`restored #${essay.id} ${displayTitle(essay, false)} (${essay.date})`);
    return 0;
  },
};
