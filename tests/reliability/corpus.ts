/** Many distinct essay files on disk, for import runs that can be interrupted. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../../src/journal/dates.js';
import { seededRandom } from '../helpers/seededRandom.js';

const PHRASES = [
  '今天的风很大,',
  '我想起了小时候的夏天。',
  '热爱是一种能力,',
  'The train was late again, ',
  '窗外的雨一直没有停,',
  '写点什么总是好的。',
  'we talked until midnight. ',
  '北京的秋天很短,',
  '读完了那本书,',
  '心里安静了许多。',
];

/** Writes `count` essays (about `chars` characters each, all different) into `dir`, in sub-folders of 500. */
export function writeCorpus(dir: string, count: number, chars = 600): string[] {
  const random = seededRandom(count);
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `batch-${String(Math.floor(i / 500)).padStart(2, '0')}`);
    if (i % 500 === 0) mkdirSync(folder, { recursive: true });
    let body = `第${i}篇。`;
    while (body.length < chars) body += PHRASES[Math.floor(random() * PHRASES.length)]!;
    const date = addDays('2010-01-01', i % 5000);
    const path = join(folder, `essay-${String(i).padStart(5, '0')}.md`);
    writeFileSync(path, `---\ntitle: 第${i}篇\ndate: ${date}\n---\n${body}\n`);
    paths.push(path);
  }
  return paths;
}
