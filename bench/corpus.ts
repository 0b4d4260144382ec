/**
 * A deterministic corpus of essay files for the benchmarks: N essays of
 * about 2,000 characters of mixed Chinese and English in the author's file
 * format (optional title, body, footer `— 2025.11.1 于北京`), dated over 20
 * years on every month-day including Feb 29 of leap years.
 *
 * The Chinese comes from an order-2 character Markov chain (markov.ts)
 * trained on the seed essays in data/essays plus the Simplified Chinese
 * compiler messages that ship with TypeScript (Apache-2.0, a devDependency):
 * that gives the common words and the grammar. Real journals also have a
 * long tail of rare words, which decides how long the search index's
 * posting lists are; 36k characters of training text cannot supply it (a
 * chain over them alone put a random 2-character substring in 55 % of
 * essays and a 4-character one in 27 %), so about a third of the Han
 * characters come from words drawn Zipf-like from the ~46,000 simplified
 * phrases in opencc-js's dictionary (Apache-2.0 data, a dependency). A
 * substring drawn at a random position then occurs in ~22 % of essays for
 * 2 characters (median 7 %), ~10 % for 3 and ~3 % for 4: frequent words
 * everywhere, most words rare, as in real prose. The text reads as word
 * salad; its statistics, not its sense, are what the benchmarks need.
 * English words are placed where the seed essay uses them, drawn Zipf-like
 * from a fixed list.
 *
 * Essay `i` of seed `s` depends only on (s, i) and the training text, so a
 * smaller corpus is a prefix of a larger one with the same seed.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEssayFile } from '../src/journal/essayFile.js';
import { CharChain, isSentenceEnd, LATIN_SLOT } from './markov.js';
import { createRandom, mixSeed, type Random } from './random.js';

/** Bump when the generator changes, so cached corpora are rebuilt. */
const GENERATOR_VERSION = 2;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = join(ROOT, 'bench', '.cache');

/** English as the author mixes it in: the seed's words first, then everyday ones. Earlier words are drawn more often. */
const ENGLISH_WORDS = [
  'AI',
  'offer',
  'lab',
  'RL',
  'SFT',
  'pretrain',
  'converge',
  'exciting',
  'Shinji',
  'GPA',
  'paper',
  'deadline',
  'model',
  'project',
  'team',
  'meeting',
  'code',
  'data',
  'demo',
  'review',
  'weekend',
  'coffee',
  'flight',
  'bug',
  'debug',
  'startup',
  'idea',
  'plan',
  'PhD',
  'intern',
  'manager',
  'Python',
  'GPU',
  'benchmark',
  'training',
  'inference',
  'podcast',
  'anime',
  'game',
  'music',
  'email',
  'feedback',
  'growth',
  'mindset',
  'life',
  'balance',
  'roommate',
  'campus',
  'seminar',
  'interview',
  'onboarding',
  'OKR',
  'sprint',
  'workshop',
  'keynote',
  'prototype',
  'release',
  'vibe',
  'burnout',
  'routine',
  'Transformer',
  'token',
  'scaling',
  'alignment',
  'agent',
  'dataset',
  'pipeline',
  'baseline',
  'ablation',
  'checkpoint',
];
/** Zipf weights 1/(rank+1), summed once for sampling. */
const ENGLISH_CUMULATIVE = (() => {
  let total = 0;
  return ENGLISH_WORDS.map((_, rank) => (total += 1 / (rank + 1)));
})();

const PLACES = [
  '北京',
  '上海',
  '杭州',
  '深圳',
  '成都',
  '湾区',
  '旧金山',
  '西雅图',
  '纽约',
  '东京',
  '海淀的家里',
  '公司楼下的咖啡馆',
  '回家的地铁上',
  '横跨太平洋飞往北京的波音777上',
  'Palo Alto',
  '宿舍',
  '图书馆',
  '实验室',
  '高铁上',
  '机场',
];
const TAGS = ['生活', '工作', '读书', '旅行', '随笔', 'AI', '思考', '家人', '电影', '音乐'];

const FIRST_YEAR = 2006;
const LAST_YEAR = 2025;
const LEAP_YEARS = Array.from(
  { length: LAST_YEAR - FIRST_YEAR + 1 },
  (_, i) => FIRST_YEAR + i,
).filter((y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0);
const DAY_MS = 86_400_000;
/** Every month-day of a leap year, `[month, day]`. */
const MONTH_DAYS: Array<[number, number]> = Array.from({ length: 366 }, (_, i) => {
  const d = new Date(Date.UTC(2024, 0, 1) + i * DAY_MS);
  return [d.getUTCMonth() + 1, d.getUTCDate()];
});

/** One generated essay file, with what parsing it must give back. */
export interface GeneratedEssay {
  fileName: string;
  text: string;
  expected: { title: string | null; date: string; place: string | null; tags: string[] };
}

/** Prose (paragraphs of long sentences), or verse: the short lines of poems, lists and lyrics. */
export type CorpusStyle = 'prose' | 'verse';

export interface CorpusOptions {
  /** Target body length in characters (default 2,000; each essay varies ±20 %). */
  bodyChars?: number;
  /** Default prose. */
  style?: CorpusStyle;
}

const VERSE_ENDS = ['\n', '\n', '\n', '。\n', '!\n', '?\n', ',', '。', ';'];

/**
 * The same words as verse: a sentence (a line, or a mark inside one) every
 * 5–12 characters, a blank line between stanzas of about eight lines. Such
 * text has many times the sentences of prose per essay.
 */
function asVerse(random: Random, prose: string): string {
  const chars = Array.from(prose.replace(/[\s。!?;,、]+/gu, ''));
  let out = '';
  let lines = 0;
  for (let at = 0; at < chars.length;) {
    const n = random.between(5, 12);
    const end = random.pick(VERSE_ENDS);
    out += chars.slice(at, at + n).join('') + end;
    at += n;
    if (end.endsWith('\n') && ++lines % random.between(6, 10) === 0) out += '\n';
  }
  return out.trimEnd();
}

// ------------------------------------------------------------------ training

function seedEssayBodies(): string[] {
  const dir = join(ROOT, 'data', 'essays');
  return readdirSync(dir)
    .filter((name) => /\.(txt|md|markdown)$/u.test(name))
    .sort()
    .map((name) => parseEssayFile(readFileSync(join(dir, name))).body);
}

/** Seed prose with line breaks removed and each English word replaced by the slot the chain learns. */
function seedTrainingText(bodies: readonly string[]): string {
  return bodies
    .map((body) => body.replace(/\s*\n\s*/gu, '').replace(/[A-Za-z]+/gu, LATIN_SLOT))
    .join('');
}

/**
 * TypeScript's Simplified Chinese diagnostics as prose: placeholders, code
 * in quotes and other ASCII removed, one sentence per message.
 */
function typescriptChineseSentences(): string[] {
  let file: string;
  try {
    const require = createRequire(import.meta.url);
    file = join(
      dirname(require.resolve('typescript/package.json')),
      'lib',
      'zh-cn',
      'diagnosticMessages.generated.json',
    );
  } catch {
    return [];
  }
  if (!existsSync(file)) return [];
  const messages = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  const sentences: string[] = [];
  for (const message of messages) {
    const prose = message
      .replace(/[“"'「『][^”"'」』]*[\x21-\x7e][^”"'」』]*[”"'」』]/gu, '')
      .replace(/[\x21-\x7e]+/gu, '')
      .replace(/\s+/gu, '')
      .replace(/“”|「」|（）/gu, '');
    if ((prose.match(/\p{Script=Han}/gu) ?? []).length < 6) continue;
    sentences.push(isSentenceEnd(prose.slice(-1)) ? prose : `${prose}。`);
  }
  return sentences;
}

/**
 * Simplified-Chinese words of 2–4 characters from opencc-js's phrase
 * dictionary (its keys are simplified, its values traditional).
 */
function dictionaryWords(): string[] {
  let file: string;
  try {
    const require = createRequire(import.meta.url);
    // The package exports no package.json; its CommonJS entry is dist/umd/full.js.
    file = join(dirname(require.resolve('opencc-js')), '..', 'esm-lib', 'dict', 'STPhrases.js');
  } catch {
    return [];
  }
  if (!existsSync(file)) return [];
  const source = readFileSync(file, 'utf8');
  const data = source.slice(source.indexOf('"') + 1, source.lastIndexOf('"'));
  const words = data.split('|').map((pair) => pair.split(' ')[0] ?? '');
  return [...new Set(words.filter((w) => /^[\u4e00-\u9fff]{2,4}$/u.test(w)))].sort();
}

/**
 * How much more each seed transition counts than a compiler message's: the
 * seed is ~3k characters against ~33k; weighted so, about half of the
 * transitions are the author's voice and half add branching and words.
 */
const SEED_WEIGHT = 10;
/** Chance, after each Han character, of a word from the long tail (≈ a third of the Han characters). */
const TAIL_RATE = 0.2;

interface Model {
  chain: CharChain;
  /** Long-tail words in Zipf rank order, with running totals of 1/(rank+10). */
  tail: string[];
  tailCumulative: number[];
  /** Identifies the training text, so a cache made from other text is not reused. */
  fingerprint: string;
}

let model: Model | undefined;

function trainedModel(): Model {
  if (model) return model;
  const seed = seedTrainingText(seedEssayBodies());
  const extra = typescriptChineseSentences();
  const chain = new CharChain();
  chain.train(seed, SEED_WEIGHT);
  for (const sentence of extra) chain.train(sentence, 1);
  const words = dictionaryWords();
  // Ranks in a fixed shuffled order, so frequent words are not all alphabetically first.
  const order = createRandom(0x7a11);
  for (let i = words.length - 1; i > 0; i--) {
    const j = order.int(i + 1);
    [words[i], words[j]] = [words[j]!, words[i]!];
  }
  let total = 0;
  const tailCumulative = words.map((_, rank) => (total += 1 / (rank + 10)));
  const fingerprint = createHash('sha256')
    .update(
      `${GENERATOR_VERSION} ${SEED_WEIGHT} ${TAIL_RATE}\n${seed}\n${extra.join('\n')}\n${words.join(' ')}`,
    )
    .digest('hex')
    .slice(0, 10);
  model = { chain, tail: words, tailCumulative, fingerprint };
  return model;
}

// ------------------------------------------------------------------ generation

/** The generator only ever emits Han characters from the basic block (the dictionary is filtered so). */
const isHan = (ch: string) => ch >= '\u4e00' && ch <= '\u9fff';

/** An index drawn with the weights whose running totals are `cumulative`. */
function weightedIndex(random: Random, cumulative: readonly number[]): number {
  const r = random.next() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function englishWord(random: Random): string {
  return ENGLISH_WORDS[weightedIndex(random, ENGLISH_CUMULATIVE)]!;
}

/** The author sometimes spaces English words off, mostly not (`的offer,`). */
function latin(random: Random): string {
  const word = random.chance(0.1)
    ? `${englishWord(random)} ${englishWord(random)}`
    : englishWord(random);
  return random.chance(0.25) ? ` ${word} ` : word;
}

/** Paragraphs of about `chars` characters in total, each ending at a sentence end. */
function body(random: Random, { chain, tail, tailCumulative }: Model, chars: number): string {
  const paragraphs: string[] = [];
  const nextChar = chain.stream(random);
  let total = 0;
  while (total < chars) {
    const want = Math.min(random.between(150, 550), Math.max(60, chars - total));
    let paragraph = '';
    let sinceEnd = 0;
    for (;;) {
      const ch = nextChar();
      paragraph += ch === LATIN_SLOT ? latin(random) : ch;
      sinceEnd++;
      if (tail.length > 0 && isHan(ch) && random.chance(TAIL_RATE))
        paragraph += tail[weightedIndex(random, tailCumulative)]!;
      if (isSentenceEnd(ch)) {
        sinceEnd = 0;
        if (paragraph.length >= want) break;
      } else if (sinceEnd > 160) {
        // A sentence that never ends: end it, as a writer would.
        paragraph += '。';
        sinceEnd = 0;
        if (paragraph.length >= want) break;
      }
    }
    paragraph = paragraph.trim();
    paragraphs.push(paragraph);
    total += paragraph.length;
  }
  return paragraphs.join('\n\n');
}

/** A short title from the chain: a few words up to the first punctuation, without English slots. */
function title(random: Random, chain: CharChain): string {
  for (;;) {
    let text = '';
    const want = random.between(3, 10);
    const nextChar = chain.stream(random);
    for (let ch = nextChar(); isHan(ch) && text.length < want; ch = nextChar()) text += ch;
    if (text.length >= 2) return text;
  }
}

function dateOf(random: Random, index: number): { year: number; month: number; day: number } {
  if (index < MONTH_DAYS.length) {
    // The first 366 essays cover every month-day once (97 is coprime with 366).
    const [month, day] = MONTH_DAYS[(index * 97) % MONTH_DAYS.length]!;
    const year =
      month === 2 && day === 29 ? random.pick(LEAP_YEARS) : random.between(FIRST_YEAR, LAST_YEAR);
    return { year, month, day };
  }
  const first = Date.UTC(FIRST_YEAR, 0, 1);
  const days = (Date.UTC(LAST_YEAR + 1, 0, 1) - first) / DAY_MS;
  const d = new Date(first + random.int(days) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Essay `index` of the corpus with seed `seed`. */
export function generateEssay(
  seed: number,
  index: number,
  options: CorpusOptions = {},
): GeneratedEssay {
  const trained = trainedModel();
  const { chain } = trained;
  const random = createRandom(mixSeed(seed, index));
  const { year, month, day } = dateOf(random, index);
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const place = random.chance(0.85) ? random.pick(PLACES) : null;
  const style = random.next();
  const hasTitle = random.chance(0.35);
  const frontMatter = random.chance(0.05);
  const essayTitle = hasTitle || frontMatter ? title(random, chain) : null;
  const tags = frontMatter ? [...new Set([random.pick(TAGS), random.pick(TAGS)])] : [];
  const target = options.bodyChars ?? 2000;
  const prose = body(
    random,
    trained,
    random.between(Math.round(target * 0.8), Math.round(target * 1.2)),
  );
  const text = options.style === 'verse' ? asVerse(random, prose) : prose;

  const footerDate = style < 0.9 ? `${year}.${month}.${day}` : `${year}年${month}月${day}日`;
  const footer = `— ${footerDate}${place === null ? '' : ` 于${place}`}`;
  const head = frontMatter
    ? `---\ntitle: ${JSON.stringify(essayTitle)}\ntags: [${tags.map((t) => JSON.stringify(t)).join(', ')}]\n---\n`
    : essayTitle !== null
      ? `${essayTitle}\n\n`
      : '';
  return {
    fileName: `${String(index).padStart(6, '0')}.md`,
    text: `${head}${text}\n\n${footer}\n`,
    expected: { title: essayTitle, date, place, tags },
  };
}

/** Essays `0..n-1` of seed `seed`, generated lazily. */
export function* generateCorpus(
  n: number,
  seed: number,
  options: CorpusOptions = {},
): Generator<GeneratedEssay> {
  for (let i = 0; i < n; i++) yield generateEssay(seed, i, options);
}

// ------------------------------------------------------------------ cache

export interface CorpusFolder {
  dir: string;
  files: number;
  /** Total UTF-8 bytes of the files. */
  bytes: number;
  /** True when the folder was already there. */
  cached: boolean;
  /** Time to generate and write it (0 when cached). */
  ms: number;
}

const MARKER = '.complete.json';

/**
 * The corpus as files in `bench/.cache/`, keyed by (n, seed, generator and
 * training text); generated once and reused by later runs.
 */
export function ensureCorpus(n: number, seed: number, style: CorpusStyle = 'prose'): CorpusFolder {
  const kind = style === 'prose' ? '' : `-${style}`;
  const dir = join(CACHE_DIR, `corpus${kind}-n${n}-s${seed}-${trainedModel().fingerprint}`);
  const marker = join(dir, MARKER);
  if (existsSync(marker)) {
    const { files, bytes } = JSON.parse(readFileSync(marker, 'utf8')) as {
      files: number;
      bytes: number;
    };
    return { dir, files, bytes, cached: true, ms: 0 };
  }
  const started = performance.now();
  // Written beside, then renamed, so an interrupted run never leaves a half corpus that looks whole.
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  let bytes = 0;
  for (const essay of generateCorpus(n, seed, { style })) {
    const data = Buffer.from(essay.text, 'utf8');
    bytes += data.length;
    writeFileSync(join(partial, essay.fileName), data);
  }
  writeFileSync(join(partial, MARKER), JSON.stringify({ files: n, bytes, seed }));
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { dir, files: n, bytes, cached: false, ms: performance.now() - started };
}
