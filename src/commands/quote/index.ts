/** `/quote`: sentences from the journal. One subcommand per file beside this one. */
import { chatCommand } from '../define.js';
import type { ComponentRoute, SlashCommand, Subcommand } from '../types.js';

const subcommands: Subcommand[] = [];

export const quoteCommand: SlashCommand = {
  data: chatCommand('quote', subcommands),
  subcommands,
};

/** Buttons of quote messages: `quote:<action>:…`. */
export const quoteRoutes: ComponentRoute[] = [];
