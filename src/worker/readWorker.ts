/**
 * The read worker thread: its own read-only connection to the journal (WAL
 * lets it read beside the bot's writer), running one job at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../clock.js';
import { openStore, type Store } from '../store/index.js';
import { sendableError, type JobRequest, type JobResponse } from './protocol.js';
import { runReadJobInline } from './readJobs.js';

const { dbPath } = workerData as { dbPath: string };
const port = parentPort!;
let store: Store | undefined;

port.on('message', (request: JobRequest) => {
  let response: JobResponse;
  try {
    store ??= openStore(dbPath, systemClock, { readOnly: true });
    response = {
      id: request.id,
      ok: true,
      value: runReadJobInline(store, request.name, request.args as never),
    };
  } catch (err) {
    response = { id: request.id, ok: false, error: sendableError(err) };
  }
  port.postMessage(response);
});
