/** Every `journal` subcommand, in the order `journal --help` lists them. */
import type { CliCommand } from './command.js';
import { importCommand } from './importCommand.js';
import { listCommand, showCommand, todayCommand } from './readCommands.js';
import { registerCommand } from './registerCommand.js';
import { searchCommand } from './searchCommand.js';
import { quoteCommand } from './quoteCommand.js';
import { statsCommand } from './statsCommand.js';
import { consoleCommand } from './consoleCommand.js';
import { exportCommand } from './exportCommand.js';
import { backupCommand } from './backupCommand.js';
import { restoreCommand } from './restoreCommand.js';
import { postCommand } from './postCommand.js';
import { muteCommand, mutesCommand, unmuteCommand } from './muteCommand.js';
import { placesCommand } from './placesCommand.js';
import { relatedCommand } from './relatedCommand.js';

export const CLI_COMMANDS: readonly CliCommand[] = [
  importCommand,
  listCommand,
  showCommand,
  todayCommand,
  searchCommand,
  quoteCommand,
  statsCommand,
  placesCommand,
  relatedCommand,
  consoleCommand,
  exportCommand,
  backupCommand,
  restoreCommand,
  muteCommand,
  mutesCommand,
  unmuteCommand,
  postCommand,
  registerCommand,
];
