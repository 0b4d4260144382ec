/**
 * The benchmark corpus must be the same on every run (or two runs measure
 * different things) and must be essays the real parser accepts.
 */
import { describe, expect, it } from 'vitest';
import { generateCorpus, generateEssay } from '../bench/corpus.js';
import { createRandom } from '../bench/random.js';
import { parseEssayFile } from '../src/journal/essayFile.js';

const N = 400;

describe('the benchmark corpus generator', () => {
  const essays = [...generateCorpus(N, 7)];

  it('produces the same essays for the same seed, and others for another seed', () => {
    expect([...generateCorpus(N, 7)].map((e) => e.text)).toEqual(essays.map((e) => e.text));
    expect(generateEssay(8, 0).text).not.toBe(essays[0]!.text);
    // Essay i depends only on (seed, i): a small corpus is a prefix of a larger one.
    expect(generateEssay(7, N - 1).text).toBe(essays[N - 1]!.text);
  });

  it('writes essays that parseEssayFile accepts with the intended title, date, place and tags', () => {
    for (const essay of essays) {
      const draft = parseEssayFile(Buffer.from(essay.text, 'utf8'));
      expect(
        { title: draft.title, date: draft.date, place: draft.place, tags: draft.tags },
        essay.fileName,
      ).toEqual(essay.expected);
      expect(draft.body.length).toBeGreaterThan(1000);
    }
  });

  it('dates essays on every month-day, Feb 29 only in leap years, over two decades', () => {
    const dates = essays.map((e) => e.expected.date);
    expect(new Set(dates.map((d) => d.slice(5))).size).toBe(366);
    for (const d of dates.filter((d) => d.endsWith('-02-29')))
      expect(Number(d.slice(0, 4)) % 4).toBe(0);
    const years = dates.map((d) => Number(d.slice(0, 4)));
    expect(Math.max(...years) - Math.min(...years)).toBeGreaterThanOrEqual(15);
  });

  it('mixes in English words, titles some essays, and has the word statistics of prose: common words everywhere, most words rare', () => {
    const all = essays.map((e) => e.text).join('');
    expect(all).toMatch(/[\u4e00-\u9fff][A-Za-z]+|[A-Za-z]+[\u4e00-\u9fff]/u);
    expect(essays.filter((e) => e.expected.title !== null).length).toBeGreaterThan(N / 5);
    // Realistic text: a few characters (的, 是, 我…) are in nearly every essay…
    const everywhere = [...new Set(all)].filter(
      (ch) => /\p{Script=Han}/u.test(ch) && essays.every((e) => e.text.includes(ch)),
    );
    expect(everywhere.length).toBeGreaterThan(5);
    // …while most two-character words are in few: a random one is in well under half of the essays.
    const random = createRandom(1);
    const shares: number[] = [];
    while (shares.length < 100) {
      const { text } = random.pick(essays);
      const at = random.int(text.length - 2);
      const word = text.slice(at, at + 2);
      if (/^[\u4e00-\u9fff]{2}$/u.test(word))
        shares.push(essays.filter((e) => e.text.includes(word)).length / essays.length);
    }
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    expect(mean).toBeGreaterThan(0.05);
    expect(mean).toBeLessThan(0.4);
  });
});
