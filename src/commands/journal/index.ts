/** `/journal`: the server's settings for the journal (schedule, export, stats). One subcommand per file beside this one. */
import { chatCommand } from '../define.js';
import type { ComponentRoute, SlashCommand, Subcommand } from '../types.js';
import { stats } from './stats.js';
import { disable } from './disable.js';
import { postNow } from './postNow.js';
import { setup } from './setup.js';
import { status } from './status.js';
import { exportJournal } from './export.js';
import { mute, unmute } from './mute.js';
import { pause } from './pause.js';

const subcommands: Subcommand[] = [
  stats,
  setup,
  status,
  postNow,
  pause,
  disable,
  exportJournal,
  mute,
  unmute,
];

export const journalCommand: SlashCommand = {
  data: chatCommand('journal', subcommands),
  subcommands,
};

/** Buttons of /journal messages: `journal:<action>:…`. */
export const journalRoutes: ComponentRoute[] = [];
