import {
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../src/commands/index.js';
import { completeLine } from '../src/console/complete.js';
import { renderHelp } from '../src/console/help.js';
import { parseInput, splitWords, type ConsoleInput } from '../src/console/parseInput.js';
import { t } from '../src/i18n/index.js';

const O = ApplicationCommandOptionType;

/** A command with one option of every kind, to check conversions without depending on which commands exist. */
const probe: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'probe',
  description: 'Probe',
  options: [
    {
      type: O.Subcommand,
      name: 'all',
      description: 'Every option type',
      name_localizations: { 'zh-CN': '全部' },
      options: [
        {
          type: O.String,
          name: 'text',
          description: 'Some text',
          description_localizations: { 'zh-CN': '一些文字' },
          required: true,
          max_length: 5,
          name_localizations: { 'zh-CN': '文字' },
        },
        { type: O.Integer, name: 'count', description: 'A count', min_value: 1, max_value: 10 },
        { type: O.Number, name: 'ratio', description: 'A ratio' },
        { type: O.Boolean, name: 'flag', description: 'A flag' },
        {
          type: O.String,
          name: 'mode',
          description: 'A mode',
          choices: [
            { name: 'Fast', value: 'fast', name_localizations: { 'zh-CN': '快' } },
            { name: 'Slow', value: 'slow' },
          ],
        },
        { type: O.Channel, name: 'where', description: 'A channel' },
        { type: O.Attachment, name: 'file', description: 'A file' },
      ],
    },
    { type: O.Subcommand, name: 'none', description: 'No options' },
  ],
};
const defs = [...commandDefinitions(), probe];
const parse = (line: string) => parseInput(line, defs, 'en-US');
const command = (
  c: string,
  s: string | null,
  options: Record<string, string | number | boolean> = {},
): ConsoleInput => ({ kind: 'command', command: c, subcommand: s, options });
const problemOf = (line: string) => {
  const input = parse(line);
  if (input.kind !== 'problem')
    throw new Error(`expected a problem for ${line}, got ${JSON.stringify(input)}`);
  return t('en-US', input.key, input.params);
};

describe('splitWords', () => {
  it.each([
    ['/essay on date:11-01', ['/essay', 'on', 'date:11-01']],
    ['query:"a b"', ['query:a b']],
    ["query:'a b'", ['query:a b']],
    ['query:“热爱 生活”', ['query:热爱 生活']],
    ['query:"say \\"hi\\""', ['query:say "hi"']],
    ["query:don't", ["query:don't"]],
    ['query：热爱', ['query:热爱']],
    ['a\u3000b', ['a', 'b']],
    ['"whole word"', ['whole word']],
  ])('splits %s', (line, words) => {
    expect(splitWords(line).words.map((w) => w.text)).toEqual(words);
  });

  it('reports a quote left open', () => {
    expect(splitWords('query:"a b').unclosed).toBe('"');
  });
});

describe('parseInput', () => {
  it.each<[string, ConsoleInput]>([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['3', { kind: 'press', number: 3 }],
    ['[12]', { kind: 'press', number: 12 }],
    ['/quit', { kind: 'quit' }],
    ['/exit', { kind: 'quit' }],
    ['/help', { kind: 'help', topic: [] }],
    ['/help essay on', { kind: 'help', topic: ['essay', 'on'] }],
    ['/essay today', command('essay', 'today')],
    ['/essay on date:11-01', command('essay', 'on', { date: '11-01' })],
    ['  /Essay   On   DATE:11-01  ', command('essay', 'on', { date: '11-01' })],
    ['/文章 那天 日期:11-01', command('essay', 'on', { date: '11-01' })],
    ['/probe all text:"a b"', command('probe', 'all', { text: 'a b' })],
    ["/probe all text:'a b'", command('probe', 'all', { text: 'a b' })],
    ['/probe all 文字:热爱', command('probe', 'all', { text: '热爱' })],
    [
      '/probe all text:x count:10 ratio:-2.5 flag:true',
      command('probe', 'all', { text: 'x', count: 10, ratio: -2.5, flag: true }),
    ],
    ['/probe all text:x flag:no', command('probe', 'all', { text: 'x', flag: false })],
    ['/probe all text:x mode:Fast', command('probe', 'all', { text: 'x', mode: 'fast' })],
    ['/probe all text:x mode:快', command('probe', 'all', { text: 'x', mode: 'fast' })],
    [
      '/probe all text:x where:<#123456789012345678>',
      command('probe', 'all', { text: 'x', where: '123456789012345678' }),
    ],
    ['/probe all text:x count:', command('probe', 'all', { text: 'x' })],
  ])('reads %j', (line, expected) => {
    expect(parse(line)).toEqual(expected);
  });

  it.each([
    ['/nope', 'There is no command /nope. Commands: /essay'],
    ['/essay', '/essay needs a subcommand: today, on'],
    ['/essay bogus', '/essay has no subcommand "bogus". Choose one of: today, on'],
    ['/essay on dat:11-01', '/essay on has no option "dat". Its options: date:'],
    ['/essay on 11-01', 'Write options as name:value, e.g. date:… (got "11-01").'],
    ['/essay on', '/essay on needs date: (MM-DD or YYYY-MM-DD)'],
    ['/essay on date:1 date:2', 'date: is given twice.'],
    ['/essay on date:"11-01', 'A quote is not closed: add the closing ".'],
    ['/probe none x:1', '/probe none takes no options (got "x:1").'],
    ['/probe all text:toolong', 'text: must be at most 5 characters long.'],
    ['/probe all text:x count:two', 'count: must be a whole number, not "two".'],
    ['/probe all text:x count:1.5', 'count: must be a whole number, not "1.5".'],
    ['/probe all text:x count:0', 'count: must be at least 1.'],
    ['/probe all text:x count:11', 'count: must be at most 10.'],
    ['/probe all text:x ratio:abc', 'ratio: must be a number, not "abc".'],
    ['/probe all text:x flag:maybe', 'flag: must be true or false, not "maybe".'],
    ['/probe all text:x mode:medium', 'mode: must be one of fast, slow.'],
    [
      '/probe all text:x where:general',
      'where: must be a Discord id (17–20 digits), not "general".',
    ],
    [
      '/probe all text:x file:a.txt',
      'file: files cannot be attached in the console; import them with: journal import PATH',
    ],
    [
      'essay today',
      'Type a command starting with /, such as /essay today, or the number of a button.',
    ],
    ['hello', 'Type a command starting with /, such as /essay today,'],
  ])('refuses %j in one helpful line', (line, start) => {
    const text = problemOf(line);
    expect(text.startsWith(start), text).toBe(true);
    expect(text).not.toContain('\n');
  });

  it("quotes the missing option's description in the reader's language", () => {
    const input = parseInput('/probe all', defs, 'zh-CN');
    expect(input.kind === 'problem' && t('zh-CN', input.key, input.params)).toBe(
      '/probe all 需要 text:(一些文字)',
    );
  });
});

describe('completeLine', () => {
  // Other helpers add commands and subcommands: lists that may grow are checked as subsets.
  it.each<[string, string[], string]>([
    ['', ['/essay ', '/probe ', '/help ', '/quit '], ''],
    ['/essay t', ['today '], 't'],
    ['/help es', ['essay '], 'es'],
  ])('completes %j with at least these', (line, expected, partial) => {
    const [hits, replaced] = completeLine(line, defs);
    expect(hits).toEqual(expect.arrayContaining(expected));
    expect(replaced).toBe(partial);
  });

  it.each<[string, string[], string]>([
    ['/es', ['/essay '], '/es'],
    ['/essay on ', ['date:'], ''],
    ['/essay on da', ['date:'], 'da'],
    ['/essay on date:11-01 ', [], ''],
    ['/probe all text:x c', ['count:'], 'c'],
    ['/probe all text:x mode:f', ['mode:fast'], 'mode:f'],
    ['/help essay o', ['on '], 'o'],
    ['/nope ', [], ''],
    ['/essay on date:"11', [], ''],
  ])('completes %j', (line, expected, partial) => {
    expect(completeLine(line, defs)).toEqual([expected, partial]);
  });

  it('does not offer an option already given', () => {
    expect(completeLine('/probe all text:x ', defs)[0]).not.toContain('text:');
  });
});

describe('renderHelp', () => {
  it('lists every subcommand with its options and description', () => {
    const help = renderHelp(defs, 'en-US', []);
    expect(help.ok).toBe(true);
    if (!help.ok) return;
    expect(help.text).toContain('/essay on date: — Essays written on a given day');
    expect(help.text).toContain(
      '/probe all text: [count:] [ratio:] [flag:] [mode:] [where:] [file:] — Every option type',
    );
  });

  it('shows Chinese names and descriptions in Chinese', () => {
    const help = renderHelp(defs, 'zh-CN', ['essay', 'on']);
    expect(help.ok && help.text).toContain(
      `/essay on date:(/文章 那天) — ${t('zh-CN', 'cmd.essay.on.description')}`,
    );
    expect(help.ok && help.text).toContain('  date:(日期) [必填] — MM-DD 或 YYYY-MM-DD');
  });

  it("explains one subcommand's options", () => {
    const help = renderHelp(defs, 'en-US', ['probe', 'all']);
    expect(help.ok && help.text).toContain('  mode: [one of: fast, slow] — A mode');
    expect(help.ok && help.text).toContain('  text: [required] — Some text');
  });

  it('refuses an unknown topic', () => {
    expect(renderHelp(defs, 'en-US', ['nope']).ok).toBe(false);
  });
});
