/** The `essay:` option of the write subcommands: autocompleted and resolved like /essay show's. */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { option } from '../define.js';

export function essayOption(sub: string) {
  return option(`essay.${sub}`, {
    type: ApplicationCommandOptionType.String,
    name: 'essay',
    required: true,
    autocomplete: true,
    max_length: 100,
  });
}
