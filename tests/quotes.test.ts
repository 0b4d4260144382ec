import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extractQuotes,
  isQuotableLength,
  MAX_QUOTE_UNITS,
  MIN_QUOTE_LATIN_CHARS,
  MIN_QUOTE_UNITS,
  quoteKey,
  type QuoteCandidate,
} from '../src/journal/quotes.js';

const SEED = new URL('../data/essays/000_ef05097fed792a6c.txt', import.meta.url);

/** The seed's body as a parser gives it: everything but the last non-empty line (the footer). */
function seedBody(): string {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  expect(lines.pop()).toMatch(/^— 2025\.11\.1 /u);
  return lines.join('\n').trimEnd();
}

function texts(body: string): string[] {
  return extractQuotes(body).map((q) => q.text);
}

/** Quotation marks pair up in order: straight quotes by count, curly and corner ones as a stack. */
function hasBalancedQuotes(text: string): boolean {
  const pairs: Record<string, string> = { '”': '“', '」': '「', '』': '『' };
  const stack: string[] = [];
  let straight = 0;
  for (const ch of text) {
    if (ch === '"') straight++;
    else if (ch === '“' || ch === '「' || ch === '『') stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return false;
  }
  return stack.length === 0 && straight % 2 === 0;
}

function expectVerbatimAndDisjoint(body: string, quotes: QuoteCandidate[]): void {
  let previousEnd = 0;
  for (const q of quotes) {
    expect(body.slice(q.start, q.end)).toBe(q.text);
    expect(q.text).toBe(q.text.trim());
    expect(q.start).toBeGreaterThanOrEqual(previousEnd);
    previousEnd = q.end;
  }
}

describe('extractQuotes on the seed essay', () => {
  const body = seedBody();
  const quotes = extractQuotes(body);

  it('yields the 43 sentences read and approved by hand', () => {
    expect(quotes).toHaveLength(43);
    expect(quotes[0]?.text).toBe('很久没有写点什么了,但又一直以来想写些什么。');
    expect(quotes.at(-1)?.text).toBe('这件事不一定,但有这份可能性便足矣了。');
  });

  it('offers the quotation "我没有自己想象的那么菜,也没有自己想象的那么强" on its own, without its marks', () => {
    // Its sentence is 说白了:"…",那我到底大概是什么样的,我大概有了更多的了解; — the quotation is
    // nearly half of it and a complete sentence, so it is the quote and the lead-in is not offered too.
    expect(texts(body)).toContain('我没有自己想象的那么菜,也没有自己想象的那么强');
    expect(texts(body).filter((t) => t.includes('我没有自己想象的那么菜'))).toHaveLength(1);
    const q = quotes.find((c) => c.text === '我没有自己想象的那么菜,也没有自己想象的那么强')!;
    expect(body.slice(q.start - 5, q.start)).toBe('说白了:"');
  });

  it('keeps a question-filled quotation whole instead of splitting it at each ?', () => {
    expect(texts(body)).toContain(
      '我热爱的这些东西,真的有用吗?我是不是在自我欺骗?它们是否真的有价值呢?',
    );
    expect(texts(body)).not.toContain('我是不是在自我欺骗?');
  });

  it('ends the sentence after a quotation that ends in a question mark', () => {
    expect(texts(body)).toContain(
      '其实有这样的质疑非常合理,原因也异常简单,这些事跟学生时期的普世价值并不相关。',
    );
  });

  it('keeps a short quotation inside its sentence and drops the trailing semicolon', () => {
    expect(texts(body)).toContain(
      '但总不能不写,因为我享受写点什么的过程,即使可能未来的自己看到这些会说:"怎么我还能这么矫情",但对于当下的我来讲,能够随心所欲地写些东西还是一件蛮享受的事情',
    );
    expect(texts(body)).toContain(
      '算了算自己已经有大概四年半没有回国了,感觉是个很长的时间,但一想到这四年半自己做了那么多事情,就又会觉着:"才四年半啊",这种感觉。',
    );
  });

  it('splits at ASCII ? and ; as this author types them in Chinese', () => {
    expect(texts(body)).toContain(
      '蔡哥成立我司的时候说要找到那1%的天才来跟他一起做公司,于是我拿到我们公司offer的时候扪心自问了一下,我是1%的天才吗?',
    );
    expect(texts(body)).toContain(
      '那很明显不是的 ,我觉得自己不差,但离天才差距甚远,毕竟我可是从小在海淀卷,但怎么也没办法把自己卷进市重点的人。',
    );
    expect(texts(body)).toContain('这么多年我觉得我最大的优势就是于此');
  });

  it('keeps a sentence with a parenthesis whole', () => {
    expect(texts(body)).toContain(
      '我感觉这就是我的天赋,因为我从小如此,甚至能追溯到我小学一二年级的时光(再往前记忆可能就太不清晰了)。',
    );
  });

  it('drops the closing one-line "感谢这一切" and "我何其幸运" as too short, gluing them to nothing', () => {
    expect(texts(body).filter((t) => t.includes('感谢这一切') || t.includes('我何其幸运'))).toEqual(
      [],
    );
    expect(
      texts(`${body}\n\n— 2025.11.1 于横跨太平洋飞往北京的波音777上`).filter((t) =>
        /感谢这一切|我何其幸运/u.test(t),
      ),
    ).toEqual([]);
  });

  it('never quotes the footer, even when handed the whole file', () => {
    const whole = readFileSync(SEED, 'utf8');
    const fromFile = extractQuotes(whole);
    expect(fromFile.map((q) => q.text)).toEqual(texts(body));
    for (const q of fromFile) expect(q.text).not.toMatch(/2025\.11\.1|—/u);
  });

  it('gives verbatim, trimmed, disjoint candidates with balanced quotes and no trailing comma', () => {
    expectVerbatimAndDisjoint(body, quotes);
    for (const q of quotes) {
      expect(q.text).not.toMatch(/[,，、:：;；]$/u);
      expect(hasBalancedQuotes(q.text), q.text).toBe(true);
      expect(isQuotableLength(q.text), q.text).toBe(true);
      expect(q.text).not.toContain('\n');
    }
  });
});

describe('extractQuotes on English text', () => {
  const essay = [
    'The first winter in Boston was harder than I expected. Dr. Chen, my advisor, told me that 3.5 hours of sleep was not a plan. She was right, of course, and I knew it even then.',
    '',
    'We talked about it again in March. She asked me, "Do you even like the work you chose?" I said yes, and I meant it more than I had meant anything in years. Mr. Lee laughed when I told him, because he had heard the same speech from her in 2019.',
    '',
    'Some things take time... and some things take longer than anyone would like. My favourite book is still The Hobbit by J. R. R. Tolkien, which I reread every winter.',
  ].join('\n');

  it('splits at ". " but not after Dr., Mr. or initials, nor inside 3.5', () => {
    expect(texts(essay)).toEqual([
      'The first winter in Boston was harder than I expected.',
      'Dr. Chen, my advisor, told me that 3.5 hours of sleep was not a plan.',
      'She was right, of course, and I knew it even then.',
      // "We talked about it again in March." is 34 characters: under the minimum.
      'She asked me, "Do you even like the work you chose?"',
      'I said yes, and I meant it more than I had meant anything in years.',
      'Mr. Lee laughed when I told him, because he had heard the same speech from her in 2019.',
      'Some things take time... and some things take longer than anyone would like.',
      'My favourite book is still The Hobbit by J. R. R. Tolkien, which I reread every winter.',
    ]);
  });

  it('keeps "?" inside a quotation from splitting, but lowercase after it continues the sentence', () => {
    expect(
      texts('"Is any of this useful?" she asked, and nobody in the room had an answer for her.'),
    ).toEqual([
      '"Is any of this useful?" she asked, and nobody in the room had an answer for her.',
    ]);
  });

  it('offers a long quoted sentence on its own when it is the heart of its sentence', () => {
    expect(
      texts(
        'She said, "We make the road by walking, and the road makes us in return." Then she left.',
      ),
    ).toEqual(['We make the road by walking, and the road makes us in return.']);
  });

  it('does not split a version number or a domain name', () => {
    expect(
      texts(
        'We shipped version 2.0 of the app on example.com last night, and nothing broke at all.',
      ),
    ).toHaveLength(1);
  });
});

describe('extractQuotes on mixed and marked-up text', () => {
  it('splits Chinese and English sentences in one paragraph', () => {
    const text =
      '今天读到一句话: "Stay hungry, stay foolish." 我想了很久,觉得自己还做不到这一点。Still, I will keep trying every single day, no matter what happens.';
    expect(texts(text)).toEqual([
      '今天读到一句话: "Stay hungry, stay foolish."',
      '我想了很久,觉得自己还做不到这一点。',
      'Still, I will keep trying every single day, no matter what happens.',
    ]);
  });

  it('counts Han characters plus Latin words against the Chinese limits', () => {
    // 基 因 带 来 了 的 知 识 = 8 Han characters + "pretrain" = 9.
    expect(isQuotableLength('基因带来了pretrain的知识')).toBe(true);
    expect(isQuotableLength('感谢这一切')).toBe(false);
    expect(isQuotableLength('我'.repeat(MIN_QUOTE_UNITS))).toBe(true);
    expect(isQuotableLength('我'.repeat(MAX_QUOTE_UNITS + 1))).toBe(false);
    expect(isQuotableLength('a'.repeat(MIN_QUOTE_LATIN_CHARS - 1))).toBe(false);
  });

  it('treats an ASCII period between Han characters as a full stop', () => {
    expect(texts('我今天终于把拖了很久的事情做完了.明天可以好好休息一整天了.')).toEqual([
      '我今天终于把拖了很久的事情做完了.',
      '明天可以好好休息一整天了.',
    ]);
  });

  it('never merges across line breaks and quotes a long unpunctuated line whole', () => {
    expect(texts('感谢这一切让我成为今天的自己\n我何其幸运')).toEqual([
      '感谢这一切让我成为今天的自己',
    ]);
  });

  it('skips headings, list and blockquote markers, and date lines', () => {
    const text = [
      '# 飞机上的随笔',
      '',
      '- 这是列表里的一句话,应该从文字开始算起。',
      '> 引用块里的一句话也一样,不带前面的记号。',
      '2025年11月1日 晴',
      '11月2日',
      '——写于横跨太平洋的飞机上',
    ].join('\n');
    expect(texts(text)).toEqual([
      '这是列表里的一句话,应该从文字开始算起。',
      '引用块里的一句话也一样,不带前面的记号。',
    ]);
  });

  it('skips a title-like first line left in the body', () => {
    expect(texts('关于热爱这件事情的一点想法\n\n热爱的目标可以随着时间的积累不断调整。')).toEqual([
      '热爱的目标可以随着时间的积累不断调整。',
    ]);
  });

  it('quotes the sentence after a diary-style date, not the date', () => {
    expect(texts('2025.11.1 今天在飞机上想了很多关于未来的事情。')).toEqual([
      '今天在飞机上想了很多关于未来的事情。',
    ]);
  });

  it('keeps a date or number that the sentence itself starts with', () => {
    expect(texts('2025年11月1日是我第一次坐这么久的飞机回国。')).toEqual([
      '2025年11月1日是我第一次坐这么久的飞机回国。',
    ]);
    expect(texts('3.5小时以后,飞机终于穿过了那片厚厚的云层。')).toEqual([
      '3.5小时以后,飞机终于穿过了那片厚厚的云层。',
    ]);
    expect(texts('May 5, 2020 was the day I left home for the very first time.')).toEqual([
      'May 5, 2020 was the day I left home for the very first time.',
    ]);
  });

  it('drops fragments: a line ending in a comma or colon, an aside in brackets, an unclosed quotation', () => {
    expect(texts('我一直觉得,人生就是一场漫长的旅行,')).toEqual([]);
    expect(texts('我想说的其实只有下面这些事情而已:')).toEqual([]);
    expect(texts('我感觉这就是我的天赋和运气。(再往前记忆可能就太不清晰了,我也说不准。)')).toEqual([
      '我感觉这就是我的天赋和运气。',
    ]);
    expect(texts('他说:"我走了。然后他就真的走了,再也没有回来。')).toEqual([
      '然后他就真的走了,再也没有回来。',
    ]);
  });

  it('splits a quotation too long to quote whole into its own sentences', () => {
    const s = '这是引文里的一句话,写得足够长以便凑够字数';
    const text = `他在信里写道:“${s}一。${s}二。${s}三。${s}四。${s}五。${s}六。”`;
    expect(texts(text)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${s}${'一二三四五六'[n - 1]}。`));
  });

  it('keeps corner-bracket quotations whole with their sentence', () => {
    expect(texts('老师那天问我「你真的想好了吗？」我点了点头，心里却一点底都没有。')).toEqual([
      '老师那天问我「你真的想好了吗？」',
      '我点了点头，心里却一点底都没有。',
    ]);
  });
});

describe('quoteKey', () => {
  it('names a quote by its essay and start offset', () => {
    expect(quoteKey(12, 584)).toBe('12:584');
  });
});

describe('extractQuotes on arbitrary text', () => {
  // Essay-like text: words of both scripts, balanced and stray quotation marks, sentence ends,
  // markers and dates, so that many generated texts do yield candidates.
  const word = fc.constantFrom(
    '我没有自己想象的',
    '那么菜',
    '也没有',
    '热爱',
    '天才𠀀',
    ' The',
    ' quick',
    ' brown',
    ' fox',
    ' Dr.',
    'offer',
    '3.5',
    '2025.11.1',
    ' e.g.',
    ' J.',
    ' jumps',
    ',',
    '，',
    ' ',
  );
  const words = fc.string({ unit: word, minLength: 1, maxLength: 12 });
  const sentenceEnd = fc.constantFrom(
    '。',
    '? ',
    '. ',
    ';',
    '；',
    '\n',
    '！',
    '…',
    '?',
    '\n\n',
    ':',
    '...',
  );
  const quotation = fc
    .tuple(
      fc.constantFrom(['"', '"'], ['“', '”'], ['「', '」'], ['『', '』'], ['(', ')'], ['（', '）']),
      fc.constantFrom('', ':', '说:', ', '),
      words,
      fc.constantFrom('', '?', '。', '.', '!'),
    )
    .map(([[open, close], lead, inner, end]) => `${lead}${open}${inner}${end}${close}`);
  const stray = fc.constantFrom(
    ...'"“”「」『』()（）',
    '— ',
    '- ',
    '> ',
    '# ',
    '\r\n',
    '\u3000',
    '2025年11月1日',
    '\u2028',
  );
  const essayLike = fc
    .array(
      fc.oneof(
        { arbitrary: words, weight: 5 },
        { arbitrary: quotation, weight: 2 },
        { arbitrary: sentenceEnd, weight: 3 },
        { arbitrary: stray, weight: 1 },
      ),
      { maxLength: 40 },
    )
    .map((pieces) => pieces.join(''));
  const anyText = fc.oneof(
    essayLike,
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
  );

  it('returns verbatim, trimmed, non-overlapping candidates and never throws', () => {
    fc.assert(
      fc.property(anyText, (body) => {
        const quotes = extractQuotes(body);
        expectVerbatimAndDisjoint(body, quotes);
        for (const q of quotes) {
          expect(q.text).not.toMatch(/[,，:：;；]$/u);
          expect(q.text).not.toMatch(/[\n\r\u2028]/u);
          expect(hasBalancedQuotes(q.text)).toBe(true);
          expect(isQuotableLength(q.text)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
