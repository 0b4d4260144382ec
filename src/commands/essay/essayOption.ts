/** The `essay:` option of the write subcommands: autocompleted and resolved like /essay show's. */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { option } from '../define.js';

export function essayOption(sub: 'edit' | 'hide' | 'unhide' | 'delete') {
  return option(`essay.${sub}.essay`, {
    type: ApplicationCommandOptionType.String,
    required: true,
    autocomplete: true,
    max_length: 100,
  });
}
