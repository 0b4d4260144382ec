/** The seam handlers call: a read job on the bot's worker when it has one, else right here. */
import type { HandlerContext } from '../commands/types.js';
import {
  runReadJobInline,
  type ReadJobArgs,
  type ReadJobName,
  type ReadJobResult,
} from './readJobs.js';

export function runReadJob<K extends ReadJobName>(
  ctx: Pick<HandlerContext, 'store' | 'services'>,
  name: K,
  args: ReadJobArgs<K>,
): Promise<ReadJobResult<K>> {
  const runner = ctx.services.readJobs;
  if (runner) return runner.run(name, args);
  // The console and handler tests have no worker; the job is the same function either way.
  return Promise.resolve().then(() => runReadJobInline(ctx.store, name, args));
}
