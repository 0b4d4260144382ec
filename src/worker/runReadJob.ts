/** The seam handlers call: a read job on the bot's worker when it has one, else right here. */
import type { HandlerContext } from '../commands/types.js';
import type { ReadJobArgs, ReadJobName, ReadJobResult } from './readJobs.js';

export async function runReadJob<K extends ReadJobName>(
  ctx: Pick<HandlerContext, 'store' | 'services'>,
  name: K,
  args: ReadJobArgs<K>,
): Promise<ReadJobResult<K>> {
  const runner = ctx.services.readJobs;
  if (runner) return runner.run(name, args);
  // The console and handler tests have no worker; the job is the same function either way. Loaded
  // here rather than imported above so the bot's own thread never loads what only its worker runs
  // (the stats picture's renderer, the export): that is startup time and memory the bot does not need.
  const { runReadJobInline } = await import('./readJobs.js');
  return runReadJobInline(ctx.store, name, args);
}
