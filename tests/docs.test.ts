/**
 * The documentation keeps up with the code. Every config key of
 * src/config.ts is in `.env.example`, README.md's config table and
 * docs/interface.md; every slash command and subcommand Discord is given is
 * in README.md's commands table (with its Chinese name) and in
 * docs/interface.md; every `journal` command is in both, docs/interface.md
 * with its exact usage, as `journal --help` prints it.
 *
 * Tables are markdown rows (lines starting with `|`); a row documents
 * something when its FIRST cell is it in backticks, optionally followed by
 * options: | `/essay on date:` | … | or | `JOURNAL_DB` | … |.
 */
import { readFileSync } from 'node:fs';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { CLI_COMMANDS } from '../src/cli/commands.js';
import { CONFIG_KEYS } from '../src/config.js';
import { commandDefinitions } from '../src/commands/index.js';

const README = readFileSync('README.md', 'utf8');
const INTERFACE = readFileSync('docs/interface.md', 'utf8');

/** The cells of every table row; `\|` inside a cell is a pipe, not a border. */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trimStart().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/gu, '')
        .split(/(?<!\\)\|/u)
        .map((cell) => cell.trim().replaceAll('\\|', '|')),
    );
}

/** Every `code span` of a text. */
function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/gu)].map((m) => m[1]!);
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

/** `/essay on date:` documents `/essay on`; `/essay one` would not. */
const names = (span: string, english: string) => span === english || span.startsWith(`${english} `);

describe('.env.example', () => {
  it('lists every config key as KEY=', () => {
    const text = readFileSync('.env.example', 'utf8');
    const missing = CONFIG_KEYS.filter((key) => !new RegExp(`^${key}=`, 'mu').test(text));
    expect(missing, 'keys of src/config.ts missing from .env.example').toEqual([]);
  });
});

describe.each([
  ['README.md', README],
  ['docs/interface.md', INTERFACE],
])('%s', (_name, text) => {
  it('has a config table row for every key of src/config.ts', () => {
    const rows = tableRows(text);
    const missing = CONFIG_KEYS.filter((key) => !rows.some((cells) => cells[0] === `\`${key}\``));
    expect(missing, 'config keys without a row whose first cell is `KEY`').toEqual([]);
  });

  it('names every message menu command', () => {
    const menus = commandDefinitions().filter((d) => d.type === ApplicationCommandType.Message);
    expect(menus.map((m) => m.name).filter((name) => !text.includes(name))).toEqual([]);
  });
});

describe('README.md', () => {
  it('has a commands table row for every slash command and subcommand, with its Chinese name', () => {
    const rows = tableRows(README);
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

  it('has a row for every journal command', () => {
    const rows = tableRows(README);
    const missing = CLI_COMMANDS.filter(
      (c) => !rows.some((cells) => firstCellNames(cells[0], `journal ${c.name}`)),
    ).map((c) => c.name);
    expect(missing, 'journal commands without a row whose first cell is `journal NAME…`').toEqual(
      [],
    );
  });

  it('points its change log at docs/interface.md', () => {
    const log = README.slice(README.indexOf('## Change log'));
    expect(log).toContain('docs/interface.md');
  });
});

describe('docs/interface.md', () => {
  it('lists every slash command and subcommand', () => {
    const spans = codeSpans(INTERFACE);
    const missing = slashCommands()
      .map((c) => c.english)
      .filter((english) => !spans.some((span) => names(span, english)));
    expect(missing).toEqual([]);
  });

  it('lists every journal command with its usage exactly as journal --help prints it', () => {
    const rows = tableRows(INTERFACE);
    const missing = CLI_COMMANDS.filter(
      (c) => !rows.some((cells) => cells[0] === `\`${c.usage}\``),
    ).map((c) => c.usage);
    expect(missing, 'usages without a row whose first cell is `USAGE`').toEqual([]);
  });

  it('lists no slash command the bot does not have, outside the planned section', () => {
    const current = INTERFACE.slice(0, INTERFACE.indexOf('## Second release'));
    const known = slashCommands().map((c) => c.english);
    const unknown = codeSpans(current)
      .filter((span) => /^\/[a-z-]+ [a-z-]+/u.test(span))
      .filter((span) => !known.some((english) => names(span, english)));
    expect(unknown).toEqual([]);
  });
});
