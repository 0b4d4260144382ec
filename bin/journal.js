#!/usr/bin/env node
// The `journal` command: runs the compiled CLI that `npm install` builds (the
// `prepare` script). From a checkout, `npm run journal -- …` runs the sources.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'journal-bot is not built yet (dist/cli.js is missing): run `npm run build` in its folder.\n',
  );
  process.exit(1);
}
await import(cli.href);
