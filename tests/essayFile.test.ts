import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EssayParseError, parseEssayFile, readFooterLine } from '../src/journal/essayFile.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (text: string) => parseEssayFile(utf8(text));
const refusal = (bytes: Uint8Array | string) => {
  try {
    parseEssayFile(typeof bytes === 'string' ? utf8(bytes) : bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(EssayParseError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('essay files', () => {
  it('reads the seed essay: date and place from the footer, body without the footer', () => {
    const bytes = readFileSync('data/essays/000_ef05097fed792a6c.txt');
    const essay = parseEssayFile(bytes);
    expect(essay.date).toBe('2025-11-01');
    expect(essay.place).toBe('横跨太平洋飞往北京的波音777上');
    expect(essay.title).toBeNull();
    expect(essay.body.startsWith('很久没有写点什么了')).toBe(true);
    expect(essay.body.endsWith('感谢这一切\n我何其幸运')).toBe(true);
    expect(essay.body).not.toContain('2025.11.1');
    // The body is the author's text exactly: every line of the file but the footer.
    const original = bytes.toString('utf8');
    expect(original.startsWith(essay.body)).toBe(true);
  });

  it('reads a content warning from front matter, and none when absent', () => {
    const warned = parseEssayFile(utf8('---\ndate: 2025-11-01\nwarning: 离别\n---\n正文。'));
    expect(warned.warning).toBe('离别');
    expect(parseEssayFile(utf8('正文。\n\n— 2025.11.1')).warning).toBeUndefined();
  });

  it.each([
    ['— 2025.11.1 于北京', '2025-11-01', '北京'],
    ['—— 2025.11.1 于北京', '2025-11-01', '北京'],
    ['– 2025-11-01 於台北', '2025-11-01', '台北'],
    ['- 2025/11/1, Berkeley', '2025-11-01', 'Berkeley'],
    ['— 2025年11月1日 @ 旧金山', '2025-11-01', '旧金山'],
    ['— 2025年11月1日，上海', '2025-11-01', '上海'],
    ['— Nov 1, 2025 in San Francisco', '2025-11-01', 'San Francisco'],
    ['— November 1, 2025', '2025-11-01', null],
    ['— 1 Nov 2025 于东京', '2025-11-01', '东京'],
    ['2024.2.29', '2024-02-29', null],
    ['— 2025.11.1 横跨太平洋的飞机上', '2025-11-01', '横跨太平洋的飞机上'],
    // As the essay form writes it.
    ['— 2025-11-01 · 北京', '2025-11-01', '北京'],
    ['2025-11-01 · 北京', '2025-11-01', '北京'],
  ])('reads the footer %s', (footer, date, place) => {
    const essay = parse(`正文第一段。\n\n${footer}\n`);
    expect(essay.date).toBe(date);
    expect(essay.place).toBe(place);
    expect(essay.body).toBe('正文第一段。');
  });

  it('takes a short first line followed by a blank line as the title', () => {
    const essay = parse('# 飞机上\n\n很久没有写点什么了。\n\n— 2025.11.1 于北京');
    expect(essay.title).toBe('飞机上');
    expect(essay.body).toBe('很久没有写点什么了。');
  });

  it('does not take a first line that ends like a sentence as the title', () => {
    const essay = parse('很久没有写点什么了。\n\n第二段。\n\n— 2025.11.1');
    expect(essay.title).toBeNull();
    expect(essay.body).toBe('很久没有写点什么了。\n\n第二段。');
  });

  it('reads front matter with title, date, place and tags, and keeps a YAML date as a calendar date', () => {
    const essay = parse(
      '---\ntitle: 出发\ndate: 2024-02-29\nplace: 北京\ntags: [旅行, 随笔]\n---\n\n正文。\n',
    );
    expect(essay).toEqual({
      title: '出发',
      date: '2024-02-29',
      place: '北京',
      tags: ['旅行', '随笔'],
      body: '正文。',
    });
  });

  it('prefers front matter but still strips a footer line', () => {
    const essay = parse('---\ndate: 2025-11-02\n---\n正文。\n\n— 2025.11.1 于北京');
    expect(essay.date).toBe('2025-11-02');
    expect(essay.place).toBe('北京');
    expect(essay.body).toBe('正文。');
  });

  it('normalizes CRLF line ends and a BOM', () => {
    const essay = parse('\uFEFF标题\r\n\r\n第一行\r\n第二行\r\n\r\n— 2025.11.1 于北京\r\n');
    expect(essay.title).toBe('标题');
    expect(essay.body).toBe('第一行\n第二行');
  });

  it('keeps a last line that merely starts with a date as prose when it has no dash', () => {
    expect(refusal('正文。\n\n2025-11-01 was the day I left')).toMatch(/no date/u);
  });

  it.each([
    ['an empty file', '', /empty/u],
    ['a file of blank lines', '\n\n  \n', /empty/u],
    ['a file without a date', '只有正文，没有日期。\n', /no date/u],
    ['an impossible month', '正文。\n\n— 2023-13-45 于北京', /no date|impossible/u],
    ['Feb 29 of a common year', '正文。\n\n— 2023-02-29 于北京', /impossible date 2023-02-29/u],
    ['an impossible front matter date', '---\ndate: 2023-02-29\n---\n正文。', /impossible date/u],
    [
      'an unknown front matter key',
      '---\ndate: 2025-11-01\nmood: happy\n---\n正文。',
      /unknown key mood \(allowed: title, date, place, tags, hidden, warning\)/u,
    ],
    [
      'a content warning that is not text',
      '---\ndate: 2025-11-01\nwarning: [离别]\n---\n正文。',
      /content warning must be text/u,
    ],
    [
      'a content warning of two lines',
      '---\ndate: 2025-11-01\nwarning: "离别\\n病"\n---\n正文。',
      /one line/u,
    ],
    ['broken YAML', '---\ndate: [2025\n---\n正文。', /not valid YAML/u],
    ['unterminated front matter', '---\ndate: 2025-11-01\n正文。', /never ends/u],
    ['a date and no text', '— 2025.11.1 于北京\n', /no text/u],
  ])('refuses %s', (_name, text, reason) => {
    expect(refusal(text)).toMatch(reason);
  });

  it('refuses GBK bytes instead of decoding them into mojibake', () => {
    // "你好世界" in GBK, then an ASCII footer.
    const gbk = new Uint8Array([
      0xc4,
      0xe3,
      0xba,
      0xc3,
      0xca,
      0xc0,
      0xbd,
      0xe7,
      0x0a,
      0x0a,
      ...utf8('- 2025.11.1'),
    ]);
    expect(refusal(gbk)).toMatch(/not valid UTF-8/u);
  });

  it('refuses binary data', () => {
    expect(refusal(new Uint8Array([0x00, 0x01, 0x02, 0x0a, ...utf8('— 2025.11.1')]))).toMatch(
      /binary/u,
    );
  });

  it('reads only real footers', () => {
    expect(readFooterLine('2025年是我工作的第一年')).toBeNull();
    expect(readFooterLine('— 2025.11.1')).toEqual({ date: '2025-11-01', place: null });
    expect(readFooterLine('— 2025.2.30')).toEqual({ impossible: '2025.2.30' });
  });
});
