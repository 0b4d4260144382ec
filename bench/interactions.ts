/**
 * Interactions end to end: the real bot process on N stored essays, every
 * command one at a time, then 40 concurrent mixed interactions over the
 * fake Discord's gateway, 25 times. Measured: time from INTERACTION_CREATE
 * to the first callback (the fake's `InteractionResult.ms`), answers later
 * than Discord's 3 s, requests Discord would refuse, the longest the bot's
 * event loop was held (its own monitorEventLoopDelay, logged at shutdown),
 * and the bot's resident memory.
 */
import type { FakeDiscord, InteractionResult, StoredMessage } from '../tests/fakeDiscord/index.js';
import { FIRST_RESPONSE_DEADLINE_MS } from '../tests/fakeDiscord/index.js';
import { buttonsOf } from '../tests/helpers/messageText.js';
import { lastLog } from './botRun.js';
import { generateEssay } from './corpus.js';
import { distribution, round } from './measure.js';
import { createRandom, type Random } from './random.js';
import { atMost, exactly, fmt, ms, type SectionResult } from './report.js';
import type { StartupOutcome } from './startup.js';

const CONCURRENCY = 40;
const ROUNDS = 25;
const LOCALES = ['zh-CN', 'en-US'];

type Send = (random: Random, locale: string) => Promise<InteractionResult>;

function subcommandsOf(fake: FakeDiscord, command: string): Set<string> {
  const found = fake.commands('guild').find((c) => c.name === command);
  return new Set((found?.options ?? []).filter((o) => o.type === 1).map((o) => o.name));
}

/** Pressable buttons wherever they sit: rows at the top, rows in a container, section accessories. */
function buttonIds(message: StoredMessage): string[] {
  return buttonsOf(message)
    .filter((b) => b.custom_id && !b.disabled)
    .map((b) => b.custom_id);
}

function monthDay(random: Random): string {
  const d = new Date(Date.UTC(2024, 0, 1) + random.int(366) * 86_400_000);
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

export async function benchInteractions(
  fake: FakeDiscord,
  startup: StartupOutcome,
  essays: number,
  seed: number,
  log: (line: string) => void,
): Promise<SectionResult> {
  const { bot } = startup;
  const essay = subcommandsOf(fake, 'essay');
  const quote = subcommandsOf(fake, 'quote');
  const random = createRandom(seed ^ 0x5eed);

  // Messages with buttons, as a reader would click them: lists and anniversaries.
  const seedMessages: StoredMessage[] = [];
  for (const spec of [
    { subcommand: 'list' },
    { subcommand: 'today' },
    { subcommand: 'on', options: { date: '11-01' } },
  ]) {
    const r = await fake.command({ name: 'essay', ...spec, locale: 'zh-CN' });
    seedMessages.push(await r.waitForMessage());
  }
  // Paging buttons change their message, so a click picks among the buttons the message has now.
  const withButtons = seedMessages.filter((m) => buttonIds(m).length > 0).map((m) => m.id);
  const click: Send = (r, locale) => {
    const message = fake.message(r.pick(withButtons))!;
    return fake.component({ message, customId: r.pick(buttonIds(message)), locale });
  };
  // Search words drawn from the essays: two Han characters.
  const words = Array.from({ length: 50 }, (_, i) => {
    const text = generateEssay(seed, (i * 397) % essays).text;
    const runs = text.match(/[\u4e00-\u9fff]{2,}/gu) ?? ['热爱'];
    const run = runs[i % runs.length]!;
    return run.slice(0, 2);
  });

  const kinds: Array<[string, Send]> = [
    ['today', (_, locale) => fake.command({ name: 'essay', subcommand: 'today', locale })],
    [
      'on',
      (r, locale) =>
        fake.command({ name: 'essay', subcommand: 'on', options: { date: monthDay(r) }, locale }),
    ],
    [
      'show',
      (r, locale) =>
        fake.command({
          name: 'essay',
          subcommand: 'show',
          options: { essay: String(1 + r.int(essays)) },
          locale,
        }),
    ],
    ['random', (_, locale) => fake.command({ name: 'essay', subcommand: 'random', locale })],
    ['list', (_, locale) => fake.command({ name: 'essay', subcommand: 'list', locale })],
    [
      'autocomplete',
      (r, locale) =>
        fake.autocomplete({
          name: 'essay',
          subcommand: 'show',
          focused: 'essay',
          value: r.pick(words).slice(0, 1),
          locale,
        }),
    ],
  ];
  if (withButtons.length > 0) kinds.push(['button', click]);
  if (essay.has('search'))
    kinds.push([
      'search',
      (r, locale) =>
        fake.command({
          name: 'essay',
          subcommand: 'search',
          options: { query: r.pick(words) },
          locale,
        }),
    ]);
  if (quote.has('random'))
    kinds.push([
      'quote random',
      (_, locale) => fake.command({ name: 'quote', subcommand: 'random', locale }),
    ]);
  if (quote.has('search'))
    kinds.push([
      'quote search',
      (r, locale) =>
        fake.command({
          name: 'quote',
          subcommand: 'search',
          options: { query: r.pick(words) },
          locale,
        }),
    ]);
  if (subcommandsOf(fake, 'journal').has('stats'))
    kinds.push([
      'journal stats',
      (_, locale) => fake.command({ name: 'journal', subcommand: 'stats', locale }),
    ]);

  const round40 = async (
    index: number,
  ): Promise<Array<{ kind: string; result: InteractionResult }>> => {
    const results = await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, i) => {
        const [kind, send] = kinds[(index * CONCURRENCY + i) % kinds.length]!;
        return { kind, result: await send(random, LOCALES[i % LOCALES.length]!) };
      }),
    );
    // Deferred answers finish before the next round, so rounds do not pile up.
    await Promise.all(
      results
        .filter(({ result }) => result.type === 5)
        .map(({ result }) => result.waitForMessage(undefined, 30_000).catch(() => null)),
    );
    return results;
  };

  await round40(0); // warm-up, not counted
  const warm = bot.memory();
  // Baseline: each kind alone, one at a time, so the queueing of 40 at once shows (and which kind is slow).
  const aloneByKind = new Map<string, number[]>();
  for (let i = 0; i < kinds.length * 5; i++) {
    const [kind, send] = kinds[i % kinds.length]!;
    const result = await send(random, LOCALES[i % LOCALES.length]!);
    aloneByKind.set(kind, [...(aloneByKind.get(kind) ?? []), result.ms]);
    if (result.type === 5) await result.waitForMessage(undefined, 30_000).catch(() => null);
  }
  const single = distribution([...aloneByKind.values()].flat());
  const slowest = [...aloneByKind]
    .map(([kind, times]) => ({ kind, p50: distribution(times).p50 }))
    .sort((a, b) => b.p50 - a.p50)[0]!;
  fake.clearRecords();
  const sent: Array<{ kind: string; result: InteractionResult }> = [];
  for (let i = 0; i < ROUNDS; i++) {
    sent.push(...(await round40(i + 1)));
    if (i % 5 === 4) log(`interactions: ${sent.length}/${ROUNDS * CONCURRENCY}`);
  }
  const results = sent.map((s) => s.result);
  const after = bot.memory();
  const rejections = fake.rejections.length;
  await bot.stop();
  const loop = lastLog(bot.bot, 'event loop delay since ready') as {
    maxMs?: number;
    p99Ms?: number;
  } | null;
  const loopMax = loop?.maxMs ?? Number.NaN;

  const times = results.map((r) => r.ms);
  const d = distribution(times);
  const late = results.filter((r) => r.ms > FIRST_RESPONSE_DEADLINE_MS).length;
  const refused = results.filter((r) => !r.accepted).length;
  const byKind = Object.fromEntries(
    kinds.map(([name]) => {
      const kd = distribution(sent.filter((s) => s.kind === name).map((s) => s.result.ms));
      return [name, { n: kd.n, p50Ms: kd.p50, p99Ms: kd.p99 }];
    }),
  );
  const { memory } = startup;
  const rssWarm = warm?.rss ?? null;
  const rssAfter = after?.rss ?? null;
  const peak = Math.max(memory.restart?.rss ?? 0, rssWarm ?? 0, rssAfter ?? 0);
  const drift = rssWarm && rssAfter ? (rssAfter - rssWarm) / rssWarm : Number.NaN;
  const mb = (v: { rss: number; anon: number } | null | undefined) =>
    v ? `${fmt(v.rss)} MB (anon ${fmt(v.anon)})` : 'n/a';
  const figure = (v: { rss: number; anon: number; file: number } | null | undefined) =>
    v ? { rss: round(v.rss, 1), anon: round(v.anon, 1), file: round(v.file, 1) } : null;

  return {
    key: 'interactions',
    name: `Interactions end to end (${essays.toLocaleString('en-US')} essays, ${CONCURRENCY} concurrent × ${ROUNDS})`,
    rows: [
      { label: 'first callback p50', value: ms(d.p50) },
      { label: 'first callback p99', value: ms(d.p99), target: atMost(d.p99, 250, ' ms') },
      { label: 'first callback max', value: ms(d.max) },
      {
        label: 'one at a time p50 / p99',
        value: `${fmt(single.p50)} / ${fmt(single.p99)} ms`,
        target: atMost(single.p99, 15, ' ms (p99)'),
      },
      { label: '  slowest kind alone (p50)', value: `${slowest.kind} ${ms(slowest.p50)}` },
      {
        label: 'event-loop delay max (since ready)',
        value: loop ? `${ms(loopMax)} (p99 ${ms(loop.p99Ms ?? Number.NaN)})` : 'n/a',
        target: atMost(loopMax, 25, ' ms'),
      },
      { label: 'later than 3 s', value: String(late), target: exactly(late, 0) },
      { label: 'callbacks refused', value: String(refused), target: exactly(refused, 0) },
      {
        label: 'fake Discord rejections',
        value: String(rejections),
        target: exactly(rejections, 0),
      },
      {
        label: 'RSS empty journal',
        value: mb(memory.empty),
        target: atMost(memory.empty?.rss ?? Number.NaN, 100, ' MB'),
      },
      { label: 'RSS after first sync', value: mb(memory.afterFirstSync) },
      { label: 'RSS at restart, stored', value: mb(memory.restart) },
      { label: 'RSS after warm-up (40)', value: mb(warm) },
      {
        label: 'RSS after 1,000',
        value: mb(after),
        target: atMost(round(peak, 1), 150, ' MB (peak)'),
      },
      {
        label: 'RSS drift over 1,000',
        value: `${fmt(drift * 100)} %`,
        target: atMost(Math.abs(drift * 100), 10, ' % (±)'),
      },
    ],
    figures: {
      interactions: results.length,
      kinds: kinds.map(([name]) => name),
      p50Ms: d.p50,
      p95Ms: d.p95,
      p99Ms: d.p99,
      maxMs: d.max,
      meanMs: round(d.mean, 2),
      oneAtATimeP50Ms: single.p50,
      oneAtATimeP99Ms: single.p99,
      oneAtATimeP50MsByKind: Object.fromEntries(
        [...aloneByKind].map(([kind, times]) => [kind, distribution(times).p50]),
      ),
      late,
      refused,
      rejections,
      eventLoopDelayMaxMs: loopMax,
      eventLoopDelayP99Ms: loop?.p99Ms ?? null,
      byKind,
      memoryMb: {
        emptyJournal: figure(memory.empty),
        afterFirstSync: figure(memory.afterFirstSync),
        restartStored: figure(memory.restart),
        afterWarmup: figure(warm),
        after1000: figure(after),
        peakRss: round(peak, 1),
        driftPct: round(drift * 100, 2),
      },
    },
    notes: [
      `mix: ${kinds.map(([name]) => name).join(', ')} (round-robin, zh-CN and en-US); the fake reports whole milliseconds`,
    ],
  };
}
