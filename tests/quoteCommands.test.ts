/**
 * /quote and "Save as quote" at the handler level: the dispatch the Discord
 * adapter and the console share, a real SQLite store, a seeded random source.
 */
import { buttonsOf, textOf } from './helpers/messageText.js';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../src/errors.js';
import {
  MESSAGE_MENUS,
  checkAccess,
  commandDefinitions,
  runAutocomplete,
  runComponent,
} from '../src/commands/index.js';
import type { MessagePayload, Reply } from '../src/messages/payload.js';
import { importPaths } from '../src/import/importFiles.js';
import { t } from '../src/i18n/index.js';
import type { Store } from '../src/store/index.js';
import { AUTHOR, STRANGER, contextWith, refusal, runner } from './helpers/handlers.js';
import { memoryStore } from './helpers/store.js';
import { seededRandom } from './helpers/seededRandom.js';

const SEED_QUOTE = '我没有自己想象的那么菜,也没有自己想象的那么强';

const context = contextWith({ random: seededRandom(5) });

function seeded(): Store {
  const store = memoryStore();
  importPaths(store, ['data/essays']);
  return store;
}

const run = runner('quote');

function payloadOf(reply: Reply): MessagePayload {
  if (reply.kind === 'modal') throw new Error('expected a message');
  return reply.payload;
}

const textOfReply = (reply: Reply): string => textOf(payloadOf(reply));
const buttonsOfReply = (reply: Reply) => buttonsOf(payloadOf(reply));

const saveAsQuote = MESSAGE_MENUS.find((m) => m.data.name === 'Save as quote')!;
const target = (content: string, id = '500000000000000001') => ({
  id,
  channelId: '200000000000000001',
  guildId: '100000000000000001',
  content,
  authorId: '400000000000000001',
  url: `https://discord.com/channels/100000000000000001/200000000000000001/${id}`,
  sentAt: '2026-11-28T12:00:00.000Z',
});

describe('/quote random', () => {
  it('shows a whole sentence with "title · date · place" and a button that opens its essay', async () => {
    const store = seeded();
    const reply = await run(context(store), 'random');
    const shown = textOfReply(reply);
    const essay = store.essays.list()[0]!;
    expect(shown).toMatch(/ · 2025-11-01 · 横跨太平洋飞往北京的波音777上$/mu);
    const quote = store.quotes.forEssay(essay.id).find((q) => shown.startsWith(`> ${q.text}\n`));
    expect(quote, shown).toBeDefined();
    expect(buttonsOfReply(reply).map((b) => 'custom_id' in b && b.custom_id)).toEqual([
      `essay:open:${essay.id}`,
    ]);
    expect(payloadOf(reply).allowed_mentions).toEqual({ parse: [] });
  });

  it("does not repeat the channel's last 20 quotes, and each channel has its own window", async () => {
    const store = seeded();
    const texts = new Set<string>();
    for (let i = 0; i < 20; i++) texts.add(textOfReply(await run(context(store), 'random')));
    expect(texts.size).toBe(20);
    expect(store.quotes.recentlyShown('200000000000000001', 'extracted')).toHaveLength(20);
    await run(context(store, { channelId: '200000000000000002' }), 'random');
    expect(store.quotes.recentlyShown('200000000000000002', 'extracted')).toHaveLength(1);
  });

  it('tells everyone there is nothing yet in an empty journal', async () => {
    const err = await refusal(run(context(memoryStore(), { caller: STRANGER }), 'random'));
    expect(err.key).toBe('quote.none');
  });

  it('shows a message quote escaped with its author and a link to the message, pinging nobody', async () => {
    const store = memoryStore();
    await saveAsQuote.execute(
      context(store),
      target('<@400000000000000009> 说得对: **慢慢来**,比较快,这是我今年学到的最重要的一件事。'),
    );
    const reply = await run(context(store, { caller: STRANGER }), 'random');
    const shown = textOfReply(reply);
    expect(shown).toContain('\\<@400000000000000009\\> 说得对: \\*\\*慢慢来\\*\\*');
    // Who said it and when, as a Discord timestamp each reader sees in their own language and zone.
    expect(shown).toContain('— <@400000000000000001> · <t:1795867200:D>');
    expect(shown).toContain(`-# ${t('en-US', 'quote.fromMessage')}`);
    expect(buttonsOfReply(reply)).toEqual([
      expect.objectContaining({ style: 5, url: target('').url }),
    ]);
    expect(payloadOf(reply).allowed_mentions).toEqual({ parse: [] });
  });
});

describe('/quote search', () => {
  it('finds a one-character Chinese query in whole quotes, in bold, with buttons per essay', async () => {
    const store = seeded();
    const reply = await run(context(store, { caller: STRANGER }), 'search', { query: '菜' });
    expect(textOfReply(reply)).toContain('我没有自己想象的那么**菜**,也没有自己想象的那么强');
    const open = buttonsOfReply(reply).filter(
      (b) => 'custom_id' in b && b.custom_id.startsWith('essay:open:'),
    );
    expect(open).toHaveLength(1);
  });

  it('pages results with buttons that keep the query', async () => {
    const store = seeded();
    for (let i = 0; i < 12; i++)
      store.quotes.curated.add({ text: `第${i}句收藏的话里也有热爱这两个字。` });
    const first = await run(context(store), 'search', { query: '热爱' });
    const next = buttonsOfReply(first).find((b) => 'custom_id' in b && b.label === '▶') as {
      custom_id: string;
    };
    expect(next.custom_id).toBe('quote:search:1:热爱');
    const second = await runComponent(context(store), next.custom_id);
    expect(second.kind).toBe('update');
    expect(textOfReply(second)).toContain('**热爱**');
    const footer = (r: Reply) =>
      textOfReply(r)
        .split('\n')
        .find((l) => l.startsWith('-# '));
    expect(footer(second)).toBe(footer(first));
  });

  it('says so when nothing matches, in Chinese', async () => {
    const reply = await run(context(seeded(), { locale: 'zh-CN' }), 'search', { query: '量子' });
    expect(textOfReply(reply)).toContain(t('zh-CN', 'quote.searchNone', { query: '量子' }));
  });
});

describe('/quote add, /quote list and /quote remove', () => {
  it('adds a quote attributed to an essay chosen by autocomplete, lists it, and removes it', async () => {
    const store = seeded();
    const ctx = context(store);
    const choices = runAutocomplete(ctx, 'quote', 'add', { name: 'essay', value: '2025' }, {});
    expect(choices).toHaveLength(1);
    const added = await run(ctx, 'add', {
      text: ` ${SEED_QUOTE} `,
      essay: String(choices[0]!.value),
    });
    expect(added).toMatchObject({ kind: 'message', ephemeral: true });
    expect(textOfReply(added)).toMatch(/^Saved as quote #1\./u);
    expect(textOfReply(added)).not.toContain(t('en-US', 'quote.notInEssay'));

    const listed = await run(context(store, { caller: STRANGER }), 'list');
    expect(textOfReply(listed)).toContain(`\`1 #1\` ${SEED_QUOTE}\n— `);
    expect(buttonsOfReply(listed).map((b) => 'custom_id' in b && b.custom_id)).toEqual([
      'essay:open:1',
    ]);

    const removeChoices = runAutocomplete(
      ctx,
      'quote',
      'remove',
      { name: 'quote', value: '那么菜' },
      {},
    );
    expect(removeChoices).toEqual([{ name: `#1 · ${SEED_QUOTE}`, value: '1' }]);
    const removed = await run(ctx, 'remove', { quote: '1' });
    expect(textOfReply(removed)).toBe(`Removed quote #1: ${SEED_QUOTE}`);
    expect(textOfReply(await run(ctx, 'list'))).toContain(t('en-US', 'quote.listEmpty'));
  });

  it('warns but saves when the words are not in the essay, and refuses a duplicate', async () => {
    const store = seeded();
    const ctx = context(store, { locale: 'zh-CN' });
    const added = await run(ctx, 'add', { text: '人生没有白走的路,每一步都算数。', essay: '1' });
    expect(textOfReply(added)).toContain(t('zh-CN', 'quote.notInEssay'));
    expect(store.quotes.curated.list()).toHaveLength(1);
    const err = await refusal(run(ctx, 'add', { text: '人生没有白走的路,每一步都算数。' }));
    expect(err.key).toBe('quote.duplicate');
  });

  it('refuses text that is not a sentence of readable length', async () => {
    const ctx = context(seeded());
    for (const text of ['感谢这一切', '好'.repeat(121), '   ']) {
      const err = await refusal(run(ctx, 'add', { text }));
      expect(['quote.badLength', 'quote.emptyText']).toContain(err.key);
    }
  });

  it('lets only authors add, remove or see autocomplete of saved quotes', async () => {
    const store = seeded();
    store.quotes.curated.add({ text: SEED_QUOTE });
    const ctx = context(store, { caller: STRANGER });
    expect((await refusal(run(ctx, 'add', { text: SEED_QUOTE }))).key).toBe('error.authorOnly');
    expect((await refusal(run(ctx, 'remove', { quote: '1' }))).key).toBe('error.authorOnly');
    expect(runAutocomplete(ctx, 'quote', 'remove', { name: 'quote', value: '' }, {})).toEqual([]);
  });

  it('refuses to remove by words that name no saved quote exactly', async () => {
    const store = seeded();
    store.quotes.curated.add({ text: SEED_QUOTE });
    expect((await refusal(run(context(store), 'remove', { quote: '那么菜' }))).key).toBe(
      'quote.unknownChoice',
    );
    expect(store.quotes.curated.count()).toBe(1);
  });

  it('marks, for authors only, a saved quote whose essay is hidden', async () => {
    const store = seeded();
    store.quotes.curated.add({ text: SEED_QUOTE, essayId: 1 });
    store.essays.setHidden(1, true);
    expect(textOfReply(await run(context(store), 'list'))).toContain(t('en-US', 'quote.notShown'));
    expect(textOfReply(await run(context(store, { caller: STRANGER }), 'list'))).toContain(
      t('en-US', 'quote.listEmpty'),
    );
  });
  it("pages an author's private list with the hidden essays' quotes still in it, a public one without", async () => {
    const store = seeded();
    for (let i = 0; i < 12; i++)
      store.quotes.curated.add({ text: `第${i}句收藏的话,出自一篇后来藏起来的文章。`, essayId: 1 });
    store.quotes.curated.add({ text: '这一句不属于任何文章,所以谁都能看到它。' });
    store.essays.setHidden(1, true);
    const mine = await run(context(store), 'list');
    expect(mine).toMatchObject({ kind: 'message', ephemeral: true });
    const next = buttonsOfReply(mine).find((b) => 'custom_id' in b && b.label === '▶') as {
      custom_id: string;
    };
    expect(next.custom_id).toBe('quote:list:1:all');
    const page2 = await runComponent(context(store), next.custom_id);
    expect(textOfReply(page2)).toContain(t('en-US', 'quote.notShown'));
    // A forged `all` pressed by someone else shows only what everyone may see.
    const forged = await runComponent(context(store, { caller: STRANGER }), next.custom_id);
    expect(textOfReply(forged)).not.toContain('藏起来');
    expect(textOfReply(await run(context(store, { caller: STRANGER }), 'list'))).toContain(
      '-# Total: 1',
    );
  });
});

describe('Save as quote', () => {
  it('is a message menu for Manage Server by default, named in Chinese too', () => {
    const def = commandDefinitions().find((d) => d.name === 'Save as quote')!;
    expect(def).toMatchObject({
      type: 3,
      default_member_permissions: '32',
      name_localizations: { 'zh-CN': '保存为语录' },
    });
    expect(saveAsQuote.access).toBe('author');
    expect(() => checkAccess(context(memoryStore(), { caller: STRANGER }), saveAsQuote)).toThrow(
      UserFacingError,
    );
  });

  it('keeps the link to the message and who saved it, and refuses the same message twice', async () => {
    const store = memoryStore();
    const ctx = context(store);
    const reply = await saveAsQuote.execute(
      ctx,
      target('慢慢来,比较快,这是我今年学到的最重要的一件事。'),
    );
    expect(textOfReply(reply)).toMatch(/^Saved as quote #1\./u);
    expect(store.quotes.curated.get(1)).toMatchObject({
      savedBy: AUTHOR.id,
      message: {
        messageId: '500000000000000001',
        channelId: '200000000000000001',
        authorId: '400000000000000001',
        url: target('').url,
      },
    });
    expect(
      (
        await refusal(
          Promise.resolve().then(() =>
            saveAsQuote.execute(ctx, target('慢慢来,比较快,这是我今年学到的最重要的一件事。')),
          ),
        )
      ).key,
    ).toBe('quote.alreadySaved');
  });

  it('refuses an empty or overlong message with a clear sentence', async () => {
    const ctx = context(memoryStore());
    const empty = await refusal(Promise.resolve().then(() => saveAsQuote.execute(ctx, target(''))));
    expect(empty.key).toBe('quote.emptyMessage');
    const long = await refusal(
      Promise.resolve().then(() =>
        saveAsQuote.execute(ctx, target('这是一段很长的话。'.repeat(30))),
      ),
    );
    expect(long.key).toBe('quote.badLength');
    expect(t('zh-CN', 'quote.badLength', long.params)).toContain('8–120 个汉字');
  });
});
