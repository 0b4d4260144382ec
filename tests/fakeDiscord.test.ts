/**
 * Proves the fake Discord against a real discord.js Client in this process:
 * if these pass, e2e tests can trust the fake to behave like Discord for the
 * bot's traffic (and to refuse what Discord refuses).
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  type ApplicationCommandDataResolvable,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  TextInputBuilder,
  TextDisplayBuilder,
  TextInputStyle,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, waitFor, type FakeDiscord } from './fakeDiscord/index.js';
import {
  checkAutocompleteChoices,
  checkComponents,
  checkEmbeds,
  checkMessageShape,
  checkModal,
  Problems,
} from './fakeDiscord/validate.js';
import { checkCommandList } from './fakeDiscord/validateCommands.js';

type Handler = (i: Interaction) => Promise<void>;

let fake: FakeDiscord;
let client: Client;
let handler: Handler | null = null;
const handlerErrors: unknown[] = [];

function newClient(api: string): Client {
  return new Client({ intents: [GatewayIntentBits.Guilds], rest: { api } });
}

/** Runs `h` for the next interactions, collecting what it throws (discord.js errors from rejected requests). */
function onInteraction(h: Handler): void {
  handler = h;
}

async function mainChannel(): Promise<TextChannel> {
  const channel = await client.channels.fetch(fake.channelId);
  if (!channel || channel.type !== ChannelType.GuildText) throw new Error('main channel missing');
  return channel;
}

const commands: ApplicationCommandDataResolvable[] = [
  {
    name: 'essay',
    description: 'Essays',
    name_localizations: { 'zh-CN': '文章' },
    description_localizations: { 'zh-CN': '文章' },
    options: [
      { type: ApplicationCommandOptionType.Subcommand, name: 'today', description: 'On this day' },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'show',
        description: 'Show one essay',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'essay',
            description: 'Which essay',
            required: true,
            autocomplete: true,
          },
        ],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: 'add', description: 'Add an essay' },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'import',
        description: 'Import a file',
        options: [
          {
            type: ApplicationCommandOptionType.Attachment,
            name: 'file',
            description: 'The file',
            required: true,
          },
        ],
      },
    ],
  },
  { type: ApplicationCommandType.Message, name: 'Save as quote' },
];

beforeAll(async () => {
  fake = await startFakeDiscord();
  client = newClient(fake.apiUrl);
  client.on(Events.InteractionCreate, (i) => {
    void (async () => {
      try {
        await handler?.(i);
      } catch (err) {
        handlerErrors.push(err);
      }
    })();
  });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
});

afterEach(() => {
  handler = null;
  handlerErrors.length = 0;
  fake.clearRecords();
  fake.clearFaults();
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('login and caches', () => {
  it('reaches clientReady with the guild, its channel and the bot member cached', () => {
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    const channel = client.channels.cache.get(fake.channelId);
    expect(channel?.type).toBe(ChannelType.GuildText);
    const perms = (channel as TextChannel).permissionsFor(client.user!);
    expect(
      perms?.has([
        PermissionFlagsBits.ViewChannel,
        PermissionFlagsBits.SendMessages,
        PermissionFlagsBits.EmbedLinks,
      ]),
    ).toBe(true);
    expect(fake.gatewayLog.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds);
    expect(fake.gatewayLog.connections[0]?.query).toBe('?v=10&encoding=json');
  });

  it('rejects a login with a wrong token', async () => {
    const other = newClient(fake.apiUrl);
    await expect(other.login('not.the.token')).rejects.toThrow(/token/i);
    await other.destroy();
    expect(fake.rejections.map((r) => [r.route, r.status])).toEqual([['/gateway/bot', 401]]);
  });
});

describe('commands', () => {
  it('stores a bulk overwrite with ids, and refuses invalid names', async () => {
    const created = await client.application!.commands.set(commands);
    expect(created.size).toBe(2);
    expect(fake.commandPuts('global')).toBe(1);
    const essay = fake.commands('global').find((c) => c.name === 'essay');
    expect(essay?.id).toMatch(/^\d{17,20}$/);
    expect(essay?.name_localizations?.['zh-CN']).toBe('文章');
    // Ids survive an identical overwrite, as on Discord.
    await client.application!.commands.set(commands);
    expect(fake.commands('global').find((c) => c.name === 'essay')?.id).toBe(essay?.id);

    await client.guilds.cache
      .get(fake.guildId)!
      .commands.set([{ name: 'guild-only', description: 'x' }]);
    expect(fake.commands('guild').map((c) => c.name)).toEqual(['guild-only']);

    const bad = client.application!.commands.set([
      { name: 'Essay', description: 'x' },
      { name: 'ok', description: 'x', name_localizations: { 'zh-CN': '文 章' } },
    ]);
    await expect(bad).rejects.toBeInstanceOf(DiscordAPIError);
    expect(fake.rejections).toHaveLength(1);
    expect(fake.rejections[0]?.code).toBe(50035);
    expect(fake.rejections[0]?.reason).toMatch(/0\.name.*lowercase/);
    expect(fake.rejections[0]?.reason).toMatch(/1\.name_localizations\.zh-CN/);
    // The failed PUT changed nothing.
    expect(fake.commands('global')).toHaveLength(2);
  });
});

describe('interactions', () => {
  it('records a deferred reply and the embed it is edited into', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      const zh = i.locale === 'zh-CN' && i.options.getSubcommand() === 'today';
      await i.editReply({
        embeds: [new EmbedBuilder().setTitle(zh ? '那年今日' : 'wrong').setDescription('春天来了')],
      });
    });
    const r = await fake.interaction('command', {
      name: 'essay',
      subcommand: 'today',
      locale: 'zh-CN',
    });
    expect(r.type).toBe(5);
    expect(r.accepted).toBe(true);
    expect(r.ms).toBeLessThan(3000);
    const message = await r.waitForMessage();
    expect(message.embeds[0]?.title).toBe('那年今日');
    expect(message.edits).toBe(1);
    expect(fake.rejections).toEqual([]);
  });

  it('records a 2001-character reply as a rejection', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'x'.repeat(2001) });
    });
    const r = await fake.command({ name: 'essay', subcommand: 'today' });
    expect(r.accepted).toBe(false);
    expect(r.error?.code).toBe(50035);
    expect(r.message).toBeNull();
    await waitFor(() => handlerErrors.length === 1);
    expect(handlerErrors[0]).toBeInstanceOf(DiscordAPIError);
    expect(fake.rejections).toHaveLength(1);
    expect(fake.rejections[0]).toMatchObject({ method: 'POST', status: 400, code: 50035 });
    expect(fake.rejections[0]?.route).toMatch(/^\/interactions\/\d+\/[^/]+\/callback$/);
    expect(fake.rejections[0]?.reason).toMatch(/data\.content: Must be 2000 or fewer/);
  });

  it('passes a button click on the reply and records the update', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('next').setLabel('下一页').setStyle(ButtonStyle.Primary),
        );
        await i.reply({ content: 'page 1', components: [row] });
      } else if (i.isButton() && i.customId === 'next') {
        await i.update({ content: `page 2 (from ${i.message.content})`, components: [] });
      }
    });
    const first = await fake.command({ name: 'essay', subcommand: 'today' });
    const reply = await first.waitForMessage();
    const click = await fake.component({ message: reply, customId: 'next' });
    expect(click.type).toBe(7);
    expect(first.message?.content).toBe('page 2 (from page 1)');
    expect(click.message?.id).toBe(reply.id);
    expect(fake.rejections).toEqual([]);
  });

  it('passes the focused option to autocomplete and records the choices', async () => {
    onInteraction(async (i) => {
      if (!i.isAutocomplete()) return;
      const typed = i.options.getFocused();
      await i.respond([
        { name: `${typed}天`, value: '1' },
        { name: '春雨', value: '2' },
      ]);
    });
    const r = await fake.autocomplete({
      name: 'essay',
      subcommand: 'show',
      focused: 'essay',
      value: '春',
    });
    expect(r.type).toBe(8);
    expect(r.choices).toEqual([
      { name: '春天', value: '1' },
      { name: '春雨', value: '2' },
    ]);
  });

  it('shows a modal and delivers its submission', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) {
        const modal = new ModalBuilder()
          .setCustomId('essay-add')
          .setTitle('新文章')
          .addLabelComponents(
            new LabelBuilder()
              .setLabel('标题')
              .setTextInputComponent(
                new TextInputBuilder().setCustomId('title').setStyle(TextInputStyle.Short),
              ),
            new LabelBuilder()
              .setLabel('正文')
              .setTextInputComponent(
                new TextInputBuilder().setCustomId('body').setStyle(TextInputStyle.Paragraph),
              ),
          );
        await i.showModal(modal);
      } else if (i.isModalSubmit()) {
        await i.reply({
          content: `${i.fields.getTextInputValue('title')}|${i.fields.getTextInputValue('body')}`,
        });
      }
    });
    const shown = await fake.command({ name: 'essay', subcommand: 'add' });
    expect(shown.type).toBe(9);
    expect(shown.modal?.title).toBe('新文章');
    const submitted = await fake.modalSubmit({
      modal: shown,
      fields: { title: '春', body: '春天来了。' },
    });
    expect(submitted.type).toBe(4);
    expect(submitted.message?.content).toBe('春|春天来了。');
    expect(fake.rejections).toEqual([]);
  });

  it('resolves attachment options and serves the file from the CDN', async () => {
    const file = fake.registerAttachment('春.md', '# 春\n\n春天来了。');
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      const att = i.options.getAttachment('file', true);
      const text = await (await fetch(att.url)).text();
      await i.reply({
        content: `${att.name}:${text.length}`,
        files: [{ attachment: Buffer.from(text), name: 'copy.md', description: '副本' }],
      });
    });
    const r = await fake.command({ name: 'essay', subcommand: 'import', options: { file } });
    expect(r.message?.content).toBe('春.md:10');
    expect(r.message?.files[0]).toMatchObject({ filename: 'copy.md', description: '副本' });
    expect(r.message?.files[0]?.bytes.toString()).toBe('# 春\n\n春天来了。');
    expect(fake.cdnRequests).toHaveLength(1);
  });

  it('sends the target message with a message context menu', async () => {
    const target = fake.postUserMessage({ content: '人生如逆旅，我亦是行人。' });
    onInteraction(async (i) => {
      if (i.isMessageContextMenuCommand())
        await i.reply({ content: `saved: ${i.targetMessage.content}`, flags: 64 });
    });
    const r = await fake.messageMenu({ name: 'Save as quote', target });
    expect(r.message?.content).toBe('saved: 人生如逆旅，我亦是行人。');
    expect(r.message?.ephemeral).toBe(true);
  });

  it('turns the first follow-up after a defer into the reply, and posts, edits and deletes the rest', async () => {
    const seen: string[] = [];
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      const deferred = await i.deferReply({ flags: MessageFlags.Ephemeral, withResponse: true });
      seen.push(deferred.resource?.message?.id ?? 'no message in with_response');
      const first = await i.followUp('第一');
      const second = await i.followUp({ content: '第二', flags: MessageFlags.Ephemeral });
      await i.webhook.editMessage(second.id, { content: '第二（改）' });
      seen.push(first.id, second.id, (await i.fetchReply()).content);
      await i.deleteReply();
    });
    const r = await fake.command({ name: 'essay', subcommand: 'today' });
    await waitFor(() => seen.length === 4);
    expect(seen[0]).toBe(seen[1]); // the deferred message is the one the first follow-up filled
    expect(seen[3]).toBe('第一');
    await waitFor(() => r.message === null, 2_000, 'deleteReply did not reach the fake');
    expect(r.followUps.map((m) => [m.content, m.ephemeral, m.edits])).toEqual([
      ['第二（改）', true, 1],
    ]);
    expect(fake.rejections).toEqual([]);
  });

  it('accepts Components V2 on the edit after a defer but not on the defer itself', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply({
        flags: MessageFlags.IsComponentsV2,
        components: [new TextDisplayBuilder().setContent('春天来了')],
      });
    });
    const ok = await fake.command({ name: 'essay', subcommand: 'today' });
    const message = await ok.waitForMessage();
    expect(message.flags & MessageFlags.IsComponentsV2).toBeTruthy();
    expect(fake.rejections).toEqual([]);

    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await client.rest.post(Routes.interactionCallback(i.id, i.token), {
        body: { type: 5, data: { flags: MessageFlags.IsComponentsV2 } },
        auth: false,
      });
    });
    const bad = await fake.command({ name: 'essay', subcommand: 'today' });
    expect(bad.error).toMatchObject({ status: 400, code: 50035 });
  });

  it('delivers DM interactions and classic action-row modals', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) {
        const input = new TextInputBuilder()
          .setCustomId('q')
          .setLabel('Quote')
          .setStyle(TextInputStyle.Short);
        await i.showModal(
          new ModalBuilder()
            .setCustomId('m')
            .setTitle('Quote')
            .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
        );
      } else if (i.isModalSubmit()) {
        await i.reply(`${i.inGuild() ? 'guild' : 'dm'}:${i.fields.getTextInputValue('q')}`);
      }
    });
    const shown = await fake.command({ name: 'essay', subcommand: 'add', dm: true });
    const r = await fake.modalSubmit({ modal: shown, fields: { q: '行人' }, dm: true });
    expect(r.message?.content).toBe('dm:行人');
  });

  it('refuses a second answer (40060), a late first answer (10062) and an edit after 15 min (50027)', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      const route = Routes.interactionCallback(i.id, i.token);
      await client.rest.post(route, { body: { type: 4, data: { content: 'one' } }, auth: false });
      await client.rest.post(route, { body: { type: 4, data: { content: 'two' } }, auth: false });
    });
    const twice = await fake.command({ name: 'essay', subcommand: 'today' });
    await waitFor(() => twice.callbacks.length === 2);
    expect(twice.callbacks[1]?.error?.code).toBe(40060);

    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      fake.advanceClock(3_500);
      await i.reply('too late');
    });
    const late = await fake.command({ name: 'essay', subcommand: 'today' });
    expect(late.error).toMatchObject({ status: 404, code: 10062 });

    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      fake.advanceClock(15 * 60_000 + 1);
      await i.editReply('after 15 minutes');
    });
    const stale = await fake.command({ name: 'essay', subcommand: 'today' });
    await waitFor(() => handlerErrors.length === 3);
    expect(stale.message?.loading).toBe(true);
    expect(fake.rejections.map((r) => r.code)).toEqual([40060, 10062, 50027]);
  });
});

describe('channel messages', () => {
  it('creates one message for two posts with the same enforced nonce', async () => {
    const channel = await mainChannel();
    const a = await channel.send({
      content: '那年今日',
      nonce: 'post-2025-11-01',
      enforceNonce: true,
    });
    const b = await channel.send({
      content: '那年今日',
      nonce: 'post-2025-11-01',
      enforceNonce: true,
    });
    expect(b.id).toBe(a.id);
    expect(
      fake
        .messages(fake.channelId, { source: 'channel' })
        .filter((m) => m.api.nonce === 'post-2025-11-01'),
    ).toHaveLength(1);
  });

  it('answers 403 50013 where the bot may not send, and 404 10003 for an unknown channel', async () => {
    const quiet = fake.addChannel({
      name: 'quiet',
      botPermissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory,
    });
    const cached = await waitFor(
      () => client.channels.cache.get(quiet.id) as TextChannel | undefined,
    );
    expect(cached.permissionsFor(client.user!)?.has(PermissionFlagsBits.SendMessages)).toBe(false);
    await expect(cached.send('hi')).rejects.toMatchObject({ status: 403, code: 50013 });
    await expect(
      client.rest.post(Routes.channelMessages('1'), { body: { content: 'x' } }),
    ).rejects.toMatchObject({ status: 404, code: 10003 });
    expect(fake.rejections.map((r) => r.code)).toEqual([50013, 10003]);

    fake.setBotPermissions(
      quiet.id,
      PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages,
    );
    await waitFor(() => cached.permissionsFor(client.user!)?.has(PermissionFlagsBits.SendMessages));
    await cached.send('now allowed');
    expect(fake.messages(quiet.id).map((m) => m.content)).toEqual(['now allowed']);
  });

  it('is retried by discord.js after a 500 and delivered exactly once', async () => {
    const channel = await mainChannel();
    fake.failNext('POST /channels/:id/messages', { status: 500 });
    const before = fake.messages().length;
    await channel.send('after a 500');
    expect(fake.injectedFaults).toHaveLength(1);
    expect(fake.messages().length).toBe(before + 1);
    expect(fake.messages().filter((m) => m.content === 'after a 500')).toHaveLength(1);
  });

  it('is retried by discord.js after a 429 and delivered exactly once', async () => {
    const channel = await mainChannel();
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.2 });
    const started = Date.now();
    await channel.send('after a 429');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(fake.injectedFaults.map((f) => f.status)).toContain(429);
    expect(fake.messages().filter((m) => m.content === 'after a 429')).toHaveLength(1);
    expect(fake.rejections).toEqual([]);
  });
});

describe('gateway', () => {
  it('resumes after a dropped connection and still delivers an interaction sent meanwhile', async () => {
    const resumesBefore = fake.gatewayLog.resumes.length;
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) await i.reply('still here');
    });
    fake.dropGatewayConnections();
    const r = await fake.command({ name: 'essay', subcommand: 'today' });
    expect(r.message?.content).toBe('still here');
    expect(fake.gatewayLog.resumes.length).toBe(resumesBefore + 1);
    expect(fake.gatewayLog.resumes.at(-1)?.replayed).toBeGreaterThanOrEqual(1);
    expect(fake.gatewayLog.connections.at(-1)?.path).toBe('/gateway/resume');
    expect(fake.gatewayLog.identifies).toHaveLength(1);
  });

  it('closes with 4004 and answers 401 after the token is invalidated', async () => {
    const other = await startFakeDiscord();
    const c = newClient(other.apiUrl);
    try {
      const ready = once(c, Events.ClientReady);
      await c.login(other.token);
      await ready;
      const disconnected = once(c, Events.ShardDisconnect);
      other.invalidateToken();
      const [event] = (await disconnected) as [{ code: number }];
      expect(event.code).toBe(4004);
      await expect(c.rest.get(Routes.gatewayBot())).rejects.toMatchObject({ status: 401 });
    } finally {
      await c.destroy();
      await other.close();
    }
  });
});

describe('validation rules', () => {
  const shape = (over: Partial<Parameters<typeof checkMessageShape>[0]>) =>
    checkMessageShape(
      {
        content: '',
        embeds: [],
        components: [],
        flags: 0,
        attachmentCount: 0,
        hasStickersOrPoll: false,
        ...over,
      },
      [],
    );

  it('refuses oversized embeds', () => {
    const p = new Problems();
    checkEmbeds(
      p,
      ['embeds'],
      [
        {
          title: 't'.repeat(257),
          fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })),
        },
        { description: 'd'.repeat(4096) },
        { description: 'd'.repeat(2000), footer: { text: '' } },
      ],
    );
    const codes = p.list.map((x) => `${x.path.join('.')}:${x.code}`);
    expect(codes).toContain('embeds.0.title:BASE_TYPE_MAX_LENGTH');
    expect(codes).toContain('embeds.0.fields:BASE_TYPE_MAX_LENGTH');
    expect(codes).toContain('embeds.2.footer.text:BASE_TYPE_BAD_LENGTH');
    expect(codes).toContain('embeds:MAX_EMBED_SIZE_EXCEEDED');
  });

  it('refuses duplicate custom ids, crowded rows and V2 mixed with content', () => {
    const button = (id: string) => ({ type: 2, style: 1, label: 'b', custom_id: id });
    const p = new Problems();
    checkComponents(
      p,
      ['components'],
      [
        {
          type: 1,
          components: [
            button('a'),
            button('a'),
            button('c'),
            button('d'),
            button('e'),
            button('f'),
          ],
        },
      ],
      false,
    );
    expect(p.list.map((x) => x.code)).toEqual(
      expect.arrayContaining(['COMPONENT_CUSTOM_ID_DUPLICATED', 'BASE_TYPE_MAX_LENGTH']),
    );
    expect(shape({ components: [{ type: 10, content: 'hi' }] }).map((x) => x.code)).toEqual([
      'UNION_TYPE_CHOICES',
    ]);
    expect(
      shape({ flags: 1 << 15, content: 'hi', components: [{ type: 10, content: 'hi' }] }).map(
        (x) => x.code,
      ),
    ).toEqual(['MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2']);
  });

  it('refuses 26 autocomplete choices and a modal title over 45 characters', () => {
    const choices = Array.from({ length: 26 }, (_, i) => ({
      name: `c${i}`,
      value: 'v'.repeat(101),
    }));
    expect(checkAutocompleteChoices({ choices }, ['data']).map((x) => x.path.join('.'))).toEqual(
      expect.arrayContaining(['data.choices', 'data.choices.0.value']),
    );
    const modal = {
      title: 't'.repeat(46),
      custom_id: 'm',
      components: [{ type: 1, components: [{ type: 4, custom_id: 'a', style: 1, label: 'A' }] }],
    };
    expect(checkModal(modal, ['data']).map((x) => x.path.join('.'))).toEqual(['data.title']);
  });

  it('accepts Chinese command names and refuses spaces, capitals and >25 options', () => {
    expect(checkCommandList([{ name: '文章', description: '文章' }])).toEqual([]);
    const many = Array.from({ length: 26 }, (_, i) => ({
      type: 3,
      name: `o${i}`,
      description: 'd',
    }));
    const problems = checkCommandList([
      { name: 'a b', description: 'x' },
      { name: 'x', description: '', options: many },
    ]);
    expect(problems.map((x) => x.path.join('.'))).toEqual(['0.name', '1.description', '1.options']);
  });
});

describe('CDN', () => {
  it('serves a slow body slowly enough for a download timeout to fire', async () => {
    const slow = fake.registerAttachment('slow.md', 'x', 'text/markdown', { delayMs: 2_000 });
    await expect(fetch(slow.url, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    const huge = fake.registerLargeAttachment('huge.md', 50 * 1024 * 1024);
    const res = await fetch(huge.url);
    expect(res.headers.get('content-length')).toBe(String(50 * 1024 * 1024));
    await res.body?.cancel();
  });
});
