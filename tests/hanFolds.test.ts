import { describe, expect, it } from 'vitest';
import { hanCodePoints, openccHanFolds, renderHanFoldsModule } from '../scripts/hanFolds.js';
import { HAN_FOLD_PAIRS } from '../src/journal/hanFolds.js';
import { normalizeText } from '../src/journal/text.js';
import { readFileSync } from 'node:fs';

describe('the traditional → simplified table', () => {
  const opencc = openccHanFolds();

  it('folds every Han character exactly as the opencc-js converter it replaces', () => {
    const disagreements: string[] = [];
    for (const cp of hanCodePoints()) {
      const ch = String.fromCodePoint(cp);
      // normalizeText applies NFKC before folding (compatibility ideographs → unified), as it always did.
      const expected = Array.from(
        ch.normalize('NFKC'),
        (c) => opencc.get(c.codePointAt(0)!) ?? c,
      ).join('');
      const got = normalizeText(ch);
      if (got !== expected) disagreements.push(`${ch} U+${cp.toString(16)}: ${got} ≠ ${expected}`);
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
  });

  it('is the file the generator writes today', () => {
    const committed = readFileSync(new URL('../src/journal/hanFolds.ts', import.meta.url), 'utf8');
    expect(committed).toBe(renderHanFoldsModule(opencc));
    expect(HAN_FOLD_PAIRS.join('').length).toBeGreaterThan(0);
  });

  it('folds to characters that fold no further, so folding twice changes nothing', () => {
    for (const to of opencc.values()) expect(opencc.has(to.codePointAt(0)!)).toBe(false);
    expect(normalizeText('薴熱愛衞粧')).toBe('苎热爱卫妆');
    expect(normalizeText('什么')).toBe('什么');
  });
});
