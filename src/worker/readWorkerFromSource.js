// The read worker's entry when the bot runs from its TypeScript sources
// (tests, `npm run console`): a worker thread does not inherit the tsx
// loader, so it registers it before loading the real entry. dist/ has no
// use for this file: tsc compiles readWorker.ts next to readJobRunner.js.
import { register } from 'tsx/esm/api';

register();
await import('./readWorker.ts');
