/**
 * The documentation keeps up with the code: every config key is in
 * `.env.example` and in README.md's config table, every slash command in
 * README.md's commands table.
 *
 * NOTE: README.md is written separately from this test; until it exists
 * the README cases fail on purpose, naming what is missing.
 *
 * What the README must look like (markdown table rows, i.e. lines starting with `|`):
 * - config keys: a row whose FIRST cell is the key in backticks: | `JOURNAL_DB` | … |
 * - commands: a row whose FIRST cell is the command in backticks, optionally
 *   followed by its options: | `/essay today` | … | or | `/essay on date:` | … |
 *   and the same row holds the Chinese form, `/文章 今天` (name localizations).
 * - message menus (e.g. Save as quote): a row containing the menu's name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../src/config.js';
import { commandDefinitions } from '../src/commands/index.js';

const README = 'README.md';

function readmeRows(): string[][] {
  expect(existsSync(README), 'README.md does not exist yet').toBe(true);
  return readFileSync(README, 'utf8')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/gu, '')
        .split('|')
        .map((cell) => cell.trim()),
    );
}

interface DocumentedCommand {
  /** `/essay today` */
  english: string;
  /** `/文章 今天`, when the command has Chinese names. */
  chinese?: string;
}

/** Every slash command and subcommand Discord is given, as a reader types it. */
function slashCommands(): DocumentedCommand[] {
  const out: DocumentedCommand[] = [];
  for (const def of commandDefinitions()) {
    if (def.type !== undefined && def.type !== ApplicationCommandType.ChatInput) continue;
    const zh = (entry: {
      name: string;
      name_localizations?: Partial<Record<string, string | null>> | null;
    }) => entry.name_localizations?.['zh-CN'] ?? undefined;
    const subs = (def.options ?? []).filter(
      (o) => o.type === ApplicationCommandOptionType.Subcommand,
    );
    if (subs.length === 0)
      out.push({ english: `/${def.name}`, ...(zh(def) ? { chinese: `/${zh(def)}` } : {}) });
    for (const sub of subs) {
      const chinese =
        zh(def) || zh(sub) ? `/${zh(def) ?? def.name} ${zh(sub) ?? sub.name}` : undefined;
      out.push({ english: `/${def.name} ${sub.name}`, ...(chinese ? { chinese } : {}) });
    }
  }
  return out;
}

/** `` `/essay on date:` `` documents `/essay on`; `` `/essay one` `` would not. */
function firstCellNames(cell: string | undefined, english: string): boolean {
  const m = /^`([^`]*)`/u.exec(cell ?? '');
  return m !== null && (m[1] === english || m[1]!.startsWith(`${english} `));
}

describe('.env.example', () => {
  it('lists every config key as KEY=', () => {
    const text = readFileSync('.env.example', 'utf8');
    const missing = CONFIG_KEYS.filter((key) => !new RegExp(`^${key}=`, 'mu').test(text));
    expect(missing, 'keys of src/config.ts missing from .env.example').toEqual([]);
  });
});

describe('README.md (written separately; these fail until it exists)', () => {
  it('has a config table row for every key of src/config.ts', () => {
    const rows = readmeRows();
    const missing = CONFIG_KEYS.filter((key) => !rows.some((cells) => cells[0] === `\`${key}\``));
    expect(missing, 'config keys without a README row whose first cell is `KEY`').toEqual([]);
  });

  it('has a commands table row for every slash command and subcommand, with its Chinese name', () => {
    const rows = readmeRows();
    const problems: string[] = [];
    for (const command of slashCommands()) {
      const row = rows.find((cells) => firstCellNames(cells[0], command.english));
      if (!row)
        problems.push(`${command.english}: no row whose first cell is \`${command.english}…\``);
      else if (command.chinese && !row.join('|').includes(command.chinese))
        problems.push(`${command.english}: its row lacks ${command.chinese}`);
    }
    expect(problems).toEqual([]);
  });

  it('names every message menu command in a table row', () => {
    const rows = readmeRows();
    const menus = commandDefinitions().filter((d) => d.type === ApplicationCommandType.Message);
    const missing = menus
      .filter((m) => !rows.some((cells) => cells.join('|').includes(m.name)))
      .map((m) => m.name);
    expect(missing).toEqual([]);
  });
});
