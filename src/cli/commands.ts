/** Every `journal` subcommand, in the order `journal --help` lists them. */
import type { CliCommand } from './command.js';
import { importCommand } from './importCommand.js';
import { listCommand, showCommand, todayCommand } from './readCommands.js';
import { searchCommand } from './searchCommand.js';
import { statsCommand } from './statsCommand.js';

export const CLI_COMMANDS: readonly CliCommand[] = [importCommand, listCommand, showCommand, todayCommand, searchCommand, statsCommand];
