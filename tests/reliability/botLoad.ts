/**
 * Driving the real bot with many interactions at once, and reading its
 * memory: shared by the 40-at-once test and the 2,000-interaction stress run.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../src/clock.js';
import { openStore } from '../../src/store/index.js';
import {
  startFakeDiscord,
  waitFor,
  type FakeDiscord,
  type InteractionResult,
  type StoredMessage,
} from '../fakeDiscord/index.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { answered, buttons } from '../helpers/e2e.js';
import { LONG_TITLE, ZONE, writeJournal } from '../helpers/journal.js';
import { tempDir } from '../helpers/store.js';
import { writeCorpus } from './corpus.js';

/** The search words the mix cycles through: common, rare, one character, English, FTS syntax, nothing found. */
const QUERIES = [
  '热爱',
  '北京',
  '菜',
  'train',
  '今天的风',
  'NEAR("x',
  '"引号',
  '不存在的词语',
  '秋天 书',
  'the',
];

export interface LoadMix {
  /** Messages with a ▶ button (an essay shown over several pages) to press. */
  pageable: StoredMessage[];
  /** Essay ids to show. */
  essayIds: string[];
}

/** The i-th interaction of the mix: search, today, random, show, a page press, autocomplete, list. */
export function mixedInteraction(
  fake: FakeDiscord,
  mix: LoadMix,
  i: number,
): Promise<InteractionResult> {
  const locale = i % 2 === 0 ? 'zh-CN' : 'en-US';
  switch (i % 7) {
    case 0:
      return fake.command({
        name: 'essay',
        subcommand: 'search',
        options: { query: QUERIES[i % QUERIES.length]! },
        locale,
      });
    case 1:
      return fake.command({ name: 'essay', subcommand: 'today', locale });
    case 2:
      return fake.command({ name: 'essay', subcommand: 'random', locale });
    case 3:
      return fake.command({
        name: 'essay',
        subcommand: 'show',
        options: { essay: mix.essayIds[i % mix.essayIds.length]! },
        locale,
      });
    case 4: {
      const message = mix.pageable[i % mix.pageable.length]!;
      const next =
        buttons(fake.message(message.id) ?? message).find((b) => b.label === '▶' && !b.disabled) ??
        buttons(message).find((b) => b.label === '◀')!;
      return fake.component({
        message: fake.message(message.id) ?? message,
        customId: next.custom_id,
        locale,
      });
    }
    case 5:
      return fake.autocomplete({
        name: 'essay',
        subcommand: 'show',
        focused: 'essay',
        value: QUERIES[i % QUERIES.length]!.slice(0, 2),
        locale,
      });
    default:
      return fake.command({ name: 'essay', subcommand: 'list', locale });
  }
}

/** Resident memory of the bot: the node process under the tsx launcher (the largest of the tree). */
export function botRssBytes(rootPid: number): number {
  let best = 0;
  for (const pid of [rootPid, ...descendants(rootPid)]) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? 0);
      best = Math.max(best, kb * 1024);
    } catch {
      // The process ended meanwhile.
    }
  }
  return best;
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    let children: string;
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(/\s+/u).filter(Boolean).map(Number))
      out.push(child, ...descendants(child));
  }
  return out;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export interface LoadRun {
  fake: FakeDiscord;
  bot: BotProcess;
  mix: LoadMix;
  /** Stops the bot and the fake, and removes the journal. */
  stop: () => Promise<void>;
}

/**
 * The real bot against the fake Discord, on the reliability journal plus
 * `corpus` generated essays; the mix shows `listed` of them and pages through
 * the long essay, opened three times.
 */
export async function startLoadRun(options: {
  prefix: string;
  corpus: number;
  listed: number;
  readyTimeoutMs: number;
}): Promise<LoadRun> {
  const t = tempDir(options.prefix);
  const essays = writeJournal(t.dir);
  writeCorpus(join(essays, 'corpus'), options.corpus, 1500);
  const fake = await startFakeDiscord();
  let bot: BotProcess | undefined;
  const stop = async () => {
    await bot?.stop();
    await fake.close();
    t.cleanup();
  };
  try {
    bot = await startBotProcess(fake, {
      dir: t.dir,
      env: { JOURNAL_DIR: essays, JOURNAL_TIMEZONE: ZONE },
      readyTimeoutMs: options.readyTimeoutMs,
    });
    // A corpus this large is imported after ready, in batches: the load starts once it is in.
    const running = bot;
    await waitFor(
      () => running.logs().some((l) => l.msg === 'journal folder synced'),
      options.readyTimeoutMs ?? 60_000,
      `the journal folder was not synced in time:\n${running.output()}`,
    );
    const store = openStore(join(t.dir, 'journal.db'), systemClock);
    const longId = String(store.essays.list().find((e) => e.title === LONG_TITLE)!.id);
    const mix: LoadMix = {
      pageable: [],
      essayIds: store.essays.list({ limit: options.listed }).map((e) => String(e.id)),
    };
    store.close();
    for (let i = 0; i < 3; i++) {
      const shown = answered(
        await fake.command({ name: 'essay', subcommand: 'show', options: { essay: longId } }),
      );
      mix.pageable.push(await shown.waitForMessage());
    }
    return { fake, bot, mix, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
