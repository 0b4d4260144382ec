import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { computeStats, type StatsEssay } from '../src/journal/stats.js';
import {
  SHADES,
  STATS_IMAGE_HEIGHT,
  STATS_IMAGE_SCALE,
  STATS_IMAGE_WIDTH,
  STATS_IMAGE_CHARACTERS,
  heatmapCell,
  renderStatsPng,
  renderStatsSvg,
  shadeLevel,
  statsRenderOptions,
} from '../src/journal/statsImage.js';
import { STATS_FONT_FAMILY, packagedFontFiles, statsFontFiles } from '../src/journal/statsFont.js';
import { PNG_SIGNATURE, decodePng, hexToRgb, readPngSize, type DecodedPng } from './helpers/png.js';

function essay(date: string, chars: number, extra: Partial<StatsEssay> = {}): StatsEssay {
  return { date, title: '标题', body: '字'.repeat(chars), place: '北京', tags: ['随笔'], ...extra };
}

const ESSAYS = [
  essay('2024-07-01', 800),
  essay('2025-01-01', 120),
  essay('2025-03-10', 2400),
  essay('2025-03-11', 700),
  essay('2025-11-01', 1925, { place: '横跨太平洋飞往北京的波音777上' }),
];
const STATS = computeStats(ESSAYS, { today: '2025-11-21', year: 2025 });

/** The colour at the centre of a day's square in the rendered PNG. */
function cellColor(image: DecodedPng, date: string): [number, number, number] {
  const cell = heatmapCell(date);
  const [r, g, b] = image.at(
    Math.round((cell.x + cell.size / 2) * STATS_IMAGE_SCALE),
    Math.round((cell.y + cell.size / 2) * STATS_IMAGE_SCALE),
  );
  return [r, g, b];
}

describe('heatmapCell', () => {
  it('places days in Monday-first rows and week columns starting with the week of Jan 1', () => {
    // 2025-01-01 is a Wednesday; 2025-12-31 is the Wednesday of the 53rd column.
    expect(heatmapCell('2025-01-01')).toMatchObject({ column: 0, row: 2 });
    expect(heatmapCell('2025-01-06')).toMatchObject({ column: 1, row: 0 });
    expect(heatmapCell('2025-12-31')).toMatchObject({ column: 52, row: 2 });
    // 2028 starts on a Saturday: Feb 29 (a Tuesday) is day 59, (59 + 5) / 7 → column 9.
    expect(heatmapCell('2028-02-29')).toMatchObject({ column: 9, row: 1 });
    // A leap year starting on Sunday needs a 54th column.
    expect(heatmapCell('2040-12-31')).toMatchObject({ column: 53, row: 0 });
  });
});

describe('shadeLevel', () => {
  it('shades any essay at least lightly and steps at 500, 1000, 2000 characters', () => {
    expect([
      shadeLevel(0, 0),
      shadeLevel(1, 0),
      shadeLevel(1, 499),
      shadeLevel(1, 500),
      shadeLevel(2, 1999),
      shadeLevel(1, 2000),
    ]).toEqual([0, 1, 1, 2, 3, 4]);
  });
});

describe('renderStatsSvg', () => {
  it('draws the en-US picture in numerals and Latin only, even when essays carry Chinese titles, places and tags', () => {
    const svg = renderStatsSvg(STATS, { year: 2025 });
    expect(svg).not.toMatch(
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u,
    );
    // Text contents are ASCII apart from the middle dot and en dash separators.
    const texts = [...svg.matchAll(/>([^<>]+)</g)].map((m) => (m[1] ?? '').trim()).join(' ');
    expect(texts).toMatch(/^[\x20-\x7E·–]*$/);
    expect(texts).toContain('2025');
    expect(texts).toContain('5,145 characters');
  });

  it('labels the zh-CN picture in Chinese and still draws nothing from the essays', () => {
    const svg = renderStatsSvg(STATS, { year: 2025, locale: 'zh-CN' });
    const texts = [...svg.matchAll(/>([^<>]+)</g)].map((m) => (m[1] ?? '').trim());
    expect(texts).toEqual(
      expect.arrayContaining(['1月', '12月', '周一', '周三', '周五', '每日字数', '每年字数']),
    );
    expect(texts.join(' ')).toContain('4 篇 · 5,145 字 · 写了 4 天');
    for (const fromEssays of ['标题', '北京', '随笔', '横跨太平洋'])
      expect(svg).not.toContain(fromEssays);
  });

  it('only draws characters the font subset holds, in either language', () => {
    const big = computeStats([essay('2010-01-01', 234_567), ...ESSAYS], {
      today: '2025-11-21',
      year: 2025,
    });
    for (const locale of ['en-US', 'zh-CN'] as const) {
      for (const stats of [STATS, big, computeStats([], { today: '2026-01-01' })]) {
        const svg = renderStatsSvg(stats, { locale });
        const drawn = [...svg.matchAll(/>([^<>]+)</g)]
          .map((m) => m[1] ?? '')
          .filter((content) => content.trim() !== '') // the line breaks between elements
          .join('');
        const missing = [...new Set(drawn)].filter((ch) => !STATS_IMAGE_CHARACTERS.includes(ch));
        expect(missing, `${locale}: characters outside the subset`).toEqual([]);
      }
    }
  });

  it('is the same string every time', () => {
    expect(renderStatsSvg(STATS, { year: 2025 })).toBe(renderStatsSvg(STATS, { year: 2025 }));
  });

  it('refuses a year the stats were not computed for', () => {
    expect(() => renderStatsSvg(STATS, { year: 2024 })).toThrow(RangeError);
  });
});

describe('renderStatsPng', () => {
  const result = renderStatsPng(STATS, { year: 2025 });

  it('returns a PNG of the advertised size, under 200 KB', () => {
    expect(result.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const size = readPngSize(result.png);
    expect(size).toEqual({
      width: STATS_IMAGE_WIDTH * STATS_IMAGE_SCALE,
      height: STATS_IMAGE_HEIGHT * STATS_IMAGE_SCALE,
    });
    expect({ width: result.width, height: result.height }).toEqual(size);
    expect(result.png.length).toBeLessThan(200 * 1024);
  });

  it('decodes to the pixels resvg drew (checks the test decoder itself)', () => {
    const image = decodePng(result.png);
    const direct = new Resvg(renderStatsSvg(STATS, { year: 2025 }), statsRenderOptions()).render()
      .pixels; // a getter that copies: read it once
    // Compare opaque pixels only: the raw buffer may be premultiplied where the card's corners are transparent.
    let compared = 0;
    for (let i = 0; i < image.pixels.length; i += 4) {
      if (direct[i + 3] !== 255) continue;
      compared++;
      if (!image.pixels.subarray(i, i + 4).equals(direct.subarray(i, i + 4))) {
        throw new Error(`pixel ${i / 4} differs`);
      }
    }
    expect(compared).toBeGreaterThan(image.width * image.height * 0.9);
  });

  it('shades a day with an essay by its length and leaves a day without one gray', () => {
    const image = decodePng(result.png);
    expect(cellColor(image, '2025-03-10')).toEqual(hexToRgb(SHADES[4])); // 2,400 characters
    expect(cellColor(image, '2025-03-11')).toEqual(hexToRgb(SHADES[2])); // 700
    expect(cellColor(image, '2025-01-01')).toEqual(hexToRgb(SHADES[1])); // 120
    expect(cellColor(image, '2025-03-12')).toEqual(hexToRgb(SHADES[0])); // nothing written
    expect(cellColor(image, '2025-01-02')).toEqual(hexToRgb(SHADES[0]));
  });

  it('draws days still to come lighter than days without an essay', () => {
    const image = decodePng(result.png);
    const future = cellColor(image, '2025-12-24');
    expect(future).not.toEqual(hexToRgb(SHADES[0]));
    expect(future[0] + future[1] + future[2]).toBeGreaterThan(
      hexToRgb(SHADES[0]).reduce((a, b) => a + b),
    );
  });

  it('shades Feb 29 in a leap year', () => {
    const stats = computeStats([essay('2028-02-29', 1200)], { today: '2028-12-31' });
    const image = decodePng(renderStatsPng(stats, { year: 2028 }).png);
    expect(cellColor(image, '2028-02-29')).toEqual(hexToRgb(SHADES[3]));
    expect(cellColor(image, '2028-02-28')).toEqual(hexToRgb(SHADES[0]));
    expect(cellColor(image, '2028-03-01')).toEqual(hexToRgb(SHADES[0]));
  });

  it('renders an empty journal', () => {
    const empty = renderStatsPng(computeStats([], { today: '2026-01-01' }));
    const image = decodePng(empty.png);
    expect(cellColor(image, '2026-01-01')).toEqual(hexToRgb(SHADES[0]));
    expect(empty.description['en-US']).toContain('0 essays');
    expect(empty.description['zh-CN']).toContain('0 篇');
  });

  it('gives the same bytes for the same stats', () => {
    expect(renderStatsPng(STATS, { year: 2025 }).png.equals(result.png)).toBe(true);
  });

  it('describes the picture in one sentence in English and Chinese', () => {
    expect(result.description['en-US']).toBe(
      'Calendar heatmap of 2025: 4 essays and 5,145 characters on 4 days, most in March, with a bar chart of characters per year for 2024–2025.',
    );
    expect(result.description['zh-CN']).toBe(
      '2025 年写作日历热力图：共 4 篇、5,145 字，写于 4 天，3 月写得最多；下方柱状图为 2024–2025 年每年字数。',
    );
  });

  /** Pixels darker than the card in a box given in SVG (CSS) pixels: where text was drawn. */
  function inkIn(image: DecodedPng, x0: number, y0: number, x1: number, y1: number): boolean[] {
    const ink: boolean[] = [];
    for (let y = y0 * STATS_IMAGE_SCALE; y < y1 * STATS_IMAGE_SCALE; y++) {
      for (let x = x0 * STATS_IMAGE_SCALE; x < x1 * STATS_IMAGE_SCALE; x++) {
        const [r, g, b] = image.at(x, y);
        ink.push(r + g + b < 600);
      }
    }
    return ink;
  }
  const count = (ink: boolean[]) => ink.filter(Boolean).length;

  it('draws the title with the installed font and never a host font', () => {
    const options = statsRenderOptions();
    expect(options.font?.loadSystemFonts).toBe(false);
    expect(options.font?.defaultFontFamily).toBe(STATS_FONT_FAMILY);
    const image = decodePng(result.png);
    // The bold year sits at x 20–60, baseline y 32 (CSS px); glyphs there are near-black ink.
    expect(count(inkIn(image, 20, 18, 60, 34))).toBeGreaterThan(300);
  });

  it('draws the zh-CN labels where the English ones go, and the same heatmap', () => {
    const en = decodePng(result.png);
    const zh = decodePng(renderStatsPng(STATS, { year: 2025, locale: 'zh-CN' }).png);
    // Weekday labels, right-aligned against the grid (x ≤ 44), on the Monday row (y 64–76).
    const enMonday = inkIn(en, 14, 62, 46, 77);
    const zhMonday = inkIn(zh, 14, 62, 46, 77);
    expect(count(enMonday)).toBeGreaterThan(40);
    expect(count(zhMonday)).toBeGreaterThan(40);
    // "周一" is not "Mon": the two labels cover different pixels.
    const differing = enMonday.filter((ink, i) => ink !== zhMonday[i]).length;
    expect(differing).toBeGreaterThan(40);
    // The legend's caption, left of the swatches, and the bar chart's title hold text too.
    expect(count(inkIn(zh, 560, 178, 650, 190))).toBeGreaterThan(40);
    expect(count(inkIn(zh, 52, 192, 120, 206))).toBeGreaterThan(40);
    for (const date of ['2025-03-10', '2025-03-11', '2025-01-01', '2025-12-24'])
      expect(cellColor(zh, date)).toEqual(cellColor(en, date));
  });

  it('draws bold in the bold face (the subset keeps the family name both weights share)', () => {
    const svg = (weight: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><rect width="120" height="30" fill="#fff"/>` +
      `<text x="4" y="22" font-size="18" font-weight="${weight}" fill="#000">每年字数</text></svg>`;
    const ink = (weight: string) =>
      count(
        inkIn(
          decodePng(new Resvg(svg(weight), statsRenderOptions()).render().asPng()),
          0,
          0,
          120,
          30,
        ),
      );
    const regular = ink('normal');
    expect(regular).toBeGreaterThan(200);
    expect(ink('bold')).toBeGreaterThan(regular * 1.2);
  });
});

describe('statsFontFiles', () => {
  it('cuts the packaged 8 MB fonts down to small subsets, made once and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stats-font-'));
    const files = statsFontFiles(STATS_IMAGE_CHARACTERS, dir);
    expect(files).toHaveLength(2);
    for (const [i, file] of files.entries()) {
      expect(file.startsWith(dir)).toBe(true);
      expect(statSync(file).size).toBeLessThan(100 * 1024);
      expect(statSync(packagedFontFiles()[i] ?? '').size).toBeGreaterThan(5 * 1024 * 1024);
    }
    expect(statsFontFiles(STATS_IMAGE_CHARACTERS, dir)).toEqual(files);
  });

  it('falls back to the packaged fonts when the subsets cannot be kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stats-font-'));
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    expect(statsFontFiles(STATS_IMAGE_CHARACTERS, join(blocker, 'fonts'))).toEqual(
      packagedFontFiles(),
    );
  });
});
