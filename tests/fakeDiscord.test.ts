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
  ApplicationIntegrationType,
  ChannelType,
  CheckboxBuilder,
  ContainerBuilder,
  FileUploadBuilder,
  InteractionContextType,
  MediaGalleryBuilder,
  SectionBuilder,
  SeparatorBuilder,
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
import {
  startFakeDiscord,
  USER_INSTALL_FOLLOW_UP_LIMIT,
  waitFor,
  type FakeDiscord,
} from './fakeDiscord/index.js';
import {
  attachmentsNotShown,
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

describe('direct messages', () => {
  it('opens one DM channel per user, records what is sent there, and deduplicates a repeated nonce', async () => {
    const reader = fake.addUser({ username: 'dm-reader' });
    const dm = await client.users.createDM(reader.id);
    expect(dm.type).toBe(ChannelType.DM);
    expect(dm.recipientId).toBe(reader.id);
    const again = await client.users.createDM(reader.id, { force: true });
    expect(again.id).toBe(dm.id);
    const a = await dm.send({ content: '那年今日', nonce: 'dm-2026-11-02', enforceNonce: true });
    const b = await dm.send({ content: '那年今日', nonce: 'dm-2026-11-02', enforceNonce: true });
    expect(b.id).toBe(a.id);
    expect(fake.directMessages(reader.id).map((m) => m.content)).toEqual(['那年今日']);
    expect(fake.directMessages(fake.userId)).toEqual([]);
    expect(fake.rejections).toEqual([]);
  });

  it('answers 403 50007 when the user’s DMs are closed, and 400 50033 for no such user', async () => {
    const closed = fake.addUser({ username: 'dm-closed' });
    fake.closeDms(closed.id);
    const dm = await client.users.createDM(closed.id);
    await expect(dm.send('hello')).rejects.toMatchObject({ status: 403, code: 50007 });
    await expect(
      client.rest.post(Routes.userChannels(), { body: { recipient_id: '1' } }),
    ).rejects.toMatchObject({ status: 400, code: 50033 });
    expect(fake.rejections.map((r) => r.code)).toEqual([50007, 50033]);
    expect(fake.directMessages(closed.id)).toEqual([]);
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
        attachmentNames: [],
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

// ---------------------------------------------------------------- Components V2, user installs, modern modals

const V2 = MessageFlags.IsComponentsV2;
const text = (content: string) => ({ type: 10, content });
const button = (custom_id: string) => ({ type: 2, style: 2, label: '下一页', custom_id });

/** A finished V2 message (no content, no embeds) with `components` and these uploaded file names. */
function v2Shape(components: unknown[], attachmentNames: string[] = []) {
  return {
    content: '',
    embeds: [],
    components,
    flags: V2,
    attachmentNames,
    hasStickersOrPoll: false,
  };
}

/** `path:code` of each problem with the V2 message: what a 50035 answer's `errors` tree would hold. */
const v2Problems = (components: unknown[], attachmentNames: string[] = []) =>
  checkMessageShape(v2Shape(components, attachmentNames), []).map(
    (x) => `${x.path.join('.')}:${x.code}`,
  );

/** An essay card as the presentation layer will draw it: everything the rules allow, nothing more. */
const essayCard = () => [
  {
    type: 17,
    accent_color: 0x4a7fb8,
    components: [
      text('## 春天来了\n-# 2019-03-01 · 北京 · 7 年前'),
      { type: 14, divider: true, spacing: 1 },
      text('春'.repeat(3000)),
      {
        type: 9,
        components: [text('第 1/3 页')],
        accessory: button('essay:page:42:2'),
      },
      {
        type: 12,
        items: [{ media: { url: 'attachment://journal-2025.png' }, description: '热力图' }],
      },
      { type: 1, components: [button('essay:prev:42'), button('essay:next:42')] },
    ],
  },
];

describe('Components V2 rules', () => {
  it('accepts a full essay card that keeps every limit', () => {
    expect(v2Problems(essayCard(), ['journal-2025.png'])).toEqual([]);
  });

  it('refuses content, embeds, stickers and polls beside the flag', () => {
    const shape = {
      ...v2Shape([text('春')]),
      content: '春',
      embeds: [{ title: 't' }],
      hasStickersOrPoll: true,
    };
    expect(checkMessageShape(shape, ['data']).map((x) => `${x.path.join('.')}:${x.code}`)).toEqual([
      'data.content:MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      'data.embeds:MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      'data:MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
    ]);
  });

  it('counts nested components toward 40: 40 pass, 41 do not', () => {
    // A container, a section in it with its text and accessory, and text displays: 1 + 3 + 36 = 40.
    const card = (texts: number) => [
      {
        type: 17,
        components: [
          { type: 9, components: [text('a')], accessory: button('b') },
          ...Array.from({ length: texts }, (_, i) => text(`段落 ${i}`)),
        ],
      },
    ];
    expect(v2Problems(card(36))).toEqual([]);
    expect(v2Problems(card(37))).toEqual(['components:COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED']);
  });

  it('refuses a text display over 4,000 characters and a message whose texts add up to more', () => {
    expect(v2Problems([text('字'.repeat(4000))])).toEqual([]);
    expect(v2Problems([text('字'.repeat(4001))])).toEqual([
      'components.0.content:BASE_TYPE_BAD_LENGTH',
      'components:COMPONENT_MAX_TOTAL_TEXT_LENGTH_EXCEEDED',
    ]);
    expect(v2Problems([text('字'.repeat(2000)), text('字'.repeat(2001))])).toEqual([
      'components:COMPONENT_MAX_TOTAL_TEXT_LENGTH_EXCEEDED',
    ]);
  });

  it('refuses unknown types and types out of place', () => {
    expect(
      v2Problems([
        { type: 99 },
        { type: 11, media: { url: 'https://example.invalid/a.png' } },
        { type: 17, components: [{ type: 17, components: [text('a')] }] },
      ]),
    ).toEqual([
      'components.0.type:UNION_TYPE_CHOICES',
      'components.1.type:UNION_TYPE_CHOICES',
      'components.2.components.0.type:UNION_TYPE_CHOICES',
    ]);
  });

  it('holds sections to 1–3 text displays and a button or thumbnail beside them', () => {
    const section = (components: unknown[], accessory?: unknown) => ({
      type: 9,
      components,
      ...(accessory === undefined ? {} : { accessory }),
    });
    expect(
      v2Problems(
        [
          section([text('a')], { type: 11, media: { url: 'attachment://a.png' } }),
          section([], button('x')),
          section([text('a'), text('b'), text('c'), text('d')], button('y')),
          section([text('a')]),
          section([text('a')], text('not an accessory')),
          section([button('z')], button('w')),
        ],
        ['a.png'],
      ),
    ).toEqual([
      'components.1.components:BASE_TYPE_MIN_LENGTH',
      'components.2.components:BASE_TYPE_MAX_LENGTH',
      'components.3.accessory:BASE_TYPE_REQUIRED',
      'components.4.accessory.type:UNION_TYPE_CHOICES',
      'components.5.components.0.type:UNION_TYPE_CHOICES',
    ]);
  });

  it('holds media galleries to 1–10 items and files to uploaded attachments', () => {
    const item = { media: { url: 'attachment://a.png' } };
    expect(
      v2Problems(
        [
          { type: 12, items: [] },
          { type: 12, items: Array.from({ length: 11 }, () => item) },
          { type: 13, file: { url: 'https://example.invalid/a.md' } },
          { type: 13, file: { url: 'attachment://a.md' }, spoiler: 'no' },
        ],
        ['a.png', 'a.md'],
      ),
    ).toEqual([
      'components.0.items:BASE_TYPE_MIN_LENGTH',
      'components.1.items:BASE_TYPE_MAX_LENGTH',
      'components.2.file.url:URL_TYPE_INVALID_URL',
      'components.3.spoiler:BASE_TYPE_BOOLEAN',
    ]);
  });

  it('refuses attachment:// names that are not uploaded with the message', () => {
    const gallery = [{ type: 12, items: [{ media: { url: 'attachment://journal-2025.png' } }] }];
    expect(v2Problems(gallery, ['journal-2025.png'])).toEqual([]);
    expect(v2Problems(gallery, ['heatmap.png'])).toEqual([
      'components.0.items.0.media.url:UNFURLED_MEDIA_ITEM_ATTACHMENT_NOT_FOUND',
    ]);
    expect(
      v2Problems([
        {
          type: 9,
          components: [text('a')],
          accessory: { type: 11, media: { url: 'attachment://cover.jpg' } },
        },
      ]),
    ).toEqual(['components.0.accessory.media.url:UNFURLED_MEDIA_ITEM_ATTACHMENT_NOT_FOUND']);
  });

  it('lists uploaded files that no component shows', () => {
    const gallery = [{ type: 12, items: [{ media: { url: 'attachment://a.png' } }] }];
    expect(attachmentsNotShown(v2Shape(gallery, ['a.png', 'b.png']))).toEqual(['b.png']);
    // Legacy messages list every attachment below the message.
    expect(attachmentsNotShown({ ...v2Shape([], ['b.png']), flags: 0 })).toEqual([]);
  });

  it('holds custom ids to 1–100 characters, unique across the whole card, and rows to 5 buttons', () => {
    expect(
      v2Problems([
        {
          type: 17,
          components: [
            { type: 9, components: [text('a')], accessory: button('same') },
            { type: 1, components: [button('same'), button('x'.repeat(101)), button('')] },
            { type: 1, components: ['a', 'b', 'c', 'd', 'e', 'f'].map(button) },
          ],
        },
      ]),
    ).toEqual([
      'components.0.components.1.components.0.custom_id:COMPONENT_CUSTOM_ID_DUPLICATED',
      'components.0.components.1.components.1.custom_id:BASE_TYPE_BAD_LENGTH',
      'components.0.components.1.components.2.custom_id:BASE_TYPE_BAD_LENGTH',
      'components.0.components.2.components:BASE_TYPE_MAX_LENGTH',
    ]);
  });

  it('holds separators, containers and component ids to their field rules', () => {
    expect(
      v2Problems([
        { type: 14, spacing: 3, divider: 'yes' },
        { type: 17, accent_color: 0x1000000, components: [text('a')], id: 7 },
        { type: 10, content: 'b', id: 7 },
      ]),
    ).toEqual([
      'components.0.spacing:NUMBER_TYPE_MAX',
      'components.0.divider:BASE_TYPE_BOOLEAN',
      'components.1.accent_color:NUMBER_TYPE_MAX',
      'components.2.id:COMPONENT_ID_DUPLICATED',
    ]);
  });

  it('keeps validating legacy messages as before', () => {
    const p = new Problems();
    checkComponents(p, ['components'], [{ type: 1, components: [button('a')] }], false);
    expect(p.list).toEqual([]);
    checkComponents(p, ['components'], [text('not without the flag')], false);
    expect(p.list.map((x) => x.code)).toEqual(['UNION_TYPE_CHOICES']);
  });
});

describe('Components V2 over the wire', () => {
  it('takes a card with its picture on the reply, and warns about a file no component shows', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply({
        flags: MessageFlags.IsComponentsV2,
        components: [
          new ContainerBuilder()
            .setAccentColor(0x4a7fb8)
            .addTextDisplayComponents(new TextDisplayBuilder().setContent('## 2025 年的日记'))
            .addSeparatorComponents(new SeparatorBuilder())
            .addMediaGalleryComponents(
              new MediaGalleryBuilder().addItems((item) =>
                item.setURL('attachment://journal-2025.png').setDescription('热力图'),
              ),
            )
            .addSectionComponents(
              new SectionBuilder()
                .addTextDisplayComponents(new TextDisplayBuilder().setContent('更多'))
                .setButtonAccessory(
                  new ButtonBuilder()
                    .setCustomId('stats:more')
                    .setLabel('更多')
                    .setStyle(ButtonStyle.Secondary),
                ),
            ),
        ],
        files: [
          { attachment: Buffer.from('png'), name: 'journal-2025.png' },
          { attachment: Buffer.from('x'), name: 'stray.txt' },
        ],
      });
    });
    const r = await fake.command({ name: 'essay', subcommand: 'today' });
    const message = await r.waitForMessage();
    expect(message.flags & V2).toBe(V2);
    expect(message.files.map((f) => f.filename)).toEqual(['journal-2025.png', 'stray.txt']);
    expect(fake.rejections).toEqual([]);
    expect(fake.warnings).toEqual([expect.stringContaining('"stray.txt" is not shown')]);
  });

  it('refuses a card whose gallery names a file that was not uploaded (400 50035 with the path)', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({
        flags: MessageFlags.IsComponentsV2,
        components: [
          new MediaGalleryBuilder().addItems((item) => item.setURL('attachment://missing.png')),
        ],
      });
    });
    const r = await fake.command({ name: 'essay', subcommand: 'today' });
    await waitFor(() => handlerErrors.length === 1);
    expect(r.error).toMatchObject({ status: 400, code: 50035 });
    expect(r.error?.reason).toMatch(
      /data\.components\.0\.items\.0\.media\.url: No file named "missing\.png"/,
    );
  });

  it('refuses taking the flag off a V2 reply, and content beside it in a channel post', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({
        flags: MessageFlags.IsComponentsV2,
        components: [new TextDisplayBuilder().setContent('春天来了')],
      });
      await client.rest.patch(Routes.webhookMessage(i.applicationId, i.token), {
        body: { flags: 0, content: '春天来了', components: [] },
        auth: false,
      });
    });
    const r = await fake.command({ name: 'essay', subcommand: 'today' });
    await waitFor(() => handlerErrors.length === 1);
    expect(handlerErrors[0]).toMatchObject({ status: 400, code: 50035 });
    expect(fake.rejections[0]?.reason).toMatch(
      /^flags: The IS_COMPONENTS_V2 flag cannot be removed/,
    );
    expect(r.message?.flags).toBe(V2);

    const channel = await mainChannel();
    await expect(
      channel.send({
        flags: MessageFlags.IsComponentsV2,
        content: '那年今日',
        components: [new TextDisplayBuilder().setContent('春天来了')],
      }),
    ).rejects.toMatchObject({ status: 400, code: 50035 });
    expect(fake.rejections.at(-1)?.reason).toMatch(/^content: The 'content' field cannot be used/);
  });

  it('refuses a follow-up with 41 components', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: '…' });
      await i.followUp({
        flags: MessageFlags.IsComponentsV2,
        components: Array.from({ length: 41 }, (_, n) =>
          new TextDisplayBuilder().setContent(`第 ${n} 段`),
        ),
      });
    });
    await fake.command({ name: 'essay', subcommand: 'today' });
    await waitFor(() => handlerErrors.length === 1);
    expect(fake.rejections.map((x) => [x.status, x.code])).toEqual([[400, 50035]]);
    expect(fake.rejections[0]?.reason).toMatch(/^components: /);
  });
});

describe('user-installable apps', () => {
  const reading = {
    name: 'read',
    description: 'Read an essay',
    integrationTypes: [
      ApplicationIntegrationType.GuildInstall,
      ApplicationIntegrationType.UserInstall,
    ],
    contexts: [
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    ],
  };

  beforeAll(async () => {
    await client.application!.commands.create(reading);
  });

  it('registers integration types and contexts, and refuses values Discord does not know', async () => {
    const read = fake.commands('global').find((c) => c.name === 'read');
    expect(read).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
    const problems = checkCommandList([
      { name: 'a', description: 'a', integration_types: [2] },
      { name: 'b', description: 'b', contexts: [3] },
      { name: 'c', description: 'c', contexts: [] },
      { name: 'd', description: 'd', integration_types: [1, 1] },
    ]);
    expect(problems.map((x) => `${x.path.join('.')}:${x.code}`)).toEqual([
      '0.integration_types:ENUM_TYPE_COERCE',
      '1.contexts:ENUM_TYPE_COERCE',
      '2.contexts:BASE_TYPE_MIN_LENGTH',
      '3.integration_types:SET_TYPE_ALREADY_CONTAINS_VALUE',
    ]);
  });

  it('does not offer a guild command in a DM, and warns that its contexts are ignored', async () => {
    expect(fake.warnings.join('\n')).toBe('');
    await client.guilds.cache.get(fake.guildId)!.commands.create({
      name: 'write',
      description: 'Guild only',
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    });
    expect(fake.warnings).toEqual([expect.stringContaining('guild command "write"')]);
    expect(() => fake.command({ name: 'write', dm: true })).toThrow(/not offered in context botDm/);
    // Nor through a user's own install: only global commands with integration type 1 are.
    expect(() =>
      fake.command({ name: 'essay', subcommand: 'today', dm: true, install: 'user' }),
    ).toThrow(/integration_types null/);
  });

  it('delivers a DM interaction of a user-installed app with user instead of member and no guild', async () => {
    const seen: unknown[] = [];
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      seen.push({
        inGuild: i.inGuild(),
        context: i.context,
        user: i.user.id,
        member: i.member,
        owners: [i.authorizingIntegrationOwners.guildId, i.authorizingIntegrationOwners.userId],
      });
      await i.reply({
        flags: MessageFlags.IsComponentsV2,
        components: [new TextDisplayBuilder().setContent('春天来了')],
      });
    });
    const r = await fake.command({ name: 'read', dm: true, install: 'user', locale: 'zh-CN' });
    expect(r.payload).toMatchObject({
      context: 1,
      authorizing_integration_owners: { 1: fake.userId },
    });
    expect(r.payload).not.toHaveProperty('guild_id');
    expect(r.payload).not.toHaveProperty('member');
    expect(seen).toEqual([
      {
        inGuild: false,
        context: InteractionContextType.BotDM,
        user: fake.userId,
        member: null,
        owners: [null, fake.userId],
      },
    ]);
    expect(r.message?.channelId).toBe((r.payload.channel as { id: string }).id);
    expect(fake.rejections).toEqual([]);
  });

  it(`allows ${USER_INSTALL_FOLLOW_UP_LIMIT} follow-ups to a user-installed app, and more to a guild install`, async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      for (let n = 1; n <= 6; n++) await i.followUp(`第 ${n} 条`);
    });
    await fake.command({ name: 'read', context: 'privateChannel', install: 'user' });
    await waitFor(() => handlerErrors.length === 1);
    expect(fake.rejections.map((x) => [x.status, x.code])).toEqual([[400, 30000]]);
    expect(fake.rejections[0]?.reason).toMatch(/at most 5 follow-ups/);

    fake.clearRecords();
    const guild = await fake.command({ name: 'read' });
    await waitFor(() => guild.followUps.length === 5, 5_000, 'guild install: 6 follow-ups');
    expect(fake.rejections).toEqual([]);
  });

  it('makes replies ephemeral in a server that denies external apps', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) await i.reply('春天来了');
    });
    const r = await fake.command({ name: 'read', install: 'user', externalAppsAllowed: false });
    expect(r.payload).toMatchObject({
      context: 0,
      authorizing_integration_owners: { 1: fake.userId },
    });
    expect(r.message?.ephemeral).toBe(true);
  });

  it('refuses a private-channel interaction through a guild install (a test mistake)', () => {
    expect(() => fake.command({ name: 'read', context: 'privateChannel' })).toThrow(
      /install: 'user'/,
    );
  });
});

describe('modal components', () => {
  const label = (over: Record<string, unknown>) => ({
    type: 18,
    label: '正文',
    component: { type: 4, custom_id: 'body', style: 2 },
    ...over,
  });
  const modalProblems = (components: unknown[], title = '新随笔') =>
    checkModal({ title, custom_id: 'essay:add', components }, ['data']).map(
      (x) => `${x.path.join('.')}:${x.code}`,
    );

  it('accepts labels with a description around a text input, a file upload and a checkbox', () => {
    expect(
      modalProblems([
        label({ description: '一行说明' }),
        label({
          label: '附件',
          component: { type: 19, custom_id: 'file', min_values: 0, max_values: 1, required: false },
        }),
        label({ label: '隐藏', component: { type: 23, custom_id: 'hidden', default: false } }),
        { type: 1, components: [{ type: 4, custom_id: 'old', style: 1, label: '旧式' }] },
        { type: 10, content: '可以附上 .md 或 .txt 文件。' },
      ]),
    ).toEqual([]);
  });

  it('refuses labels, file uploads and checkboxes that break their rules', () => {
    expect(
      modalProblems([
        label({ label: '长'.repeat(46), description: '长'.repeat(101) }),
        label({ component: { type: 19, custom_id: 'file', min_values: 3, max_values: 11 } }),
        label({ component: { type: 19, custom_id: 'f2', min_values: 2, max_values: 1 } }),
        label({ component: { type: 23, custom_id: 'hidden', default: 'yes' } }),
        label({ component: { type: 4, custom_id: 'body2', style: 2, label: '正文' } }),
      ]),
    ).toEqual([
      'data.components.0.label:BASE_TYPE_BAD_LENGTH',
      'data.components.0.description:BASE_TYPE_MAX_LENGTH',
      'data.components.1.component.max_values:NUMBER_TYPE_MAX',
      'data.components.2.component.min_values:COMPONENT_MIN_VALUES_TOO_LARGE',
      'data.components.3.component.default:BASE_TYPE_BOOLEAN',
      'data.components.4.component.label:TEXT_INPUT_LABEL_NOT_ALLOWED',
    ]);
  });

  it('holds checkbox and radio groups to their options', () => {
    const option = (value: string, extra: Record<string, unknown> = {}) => ({
      label: value,
      value,
      ...extra,
    });
    expect(
      modalProblems([
        label({ component: { type: 22, custom_id: 'tags', options: [option('a'), option('b')] } }),
        label({ component: { type: 21, custom_id: 'mood', options: [option('a'), option('b')] } }),
      ]),
    ).toEqual([]);
    expect(
      modalProblems([
        label({
          component: {
            type: 22,
            custom_id: 'g',
            options: [option('a'), option('a')],
            max_values: 3,
          },
        }),
        label({ component: { type: 21, custom_id: 'r', options: [option('a')] } }),
        label({
          component: {
            type: 21,
            custom_id: 'r2',
            options: [option('a', { default: true }), option('b', { default: true })],
          },
        }),
      ]),
    ).toEqual([
      'data.components.0.component.options.1.value:COMPONENT_OPTION_VALUE_DUPLICATED',
      'data.components.0.component.max_values:COMPONENT_MAX_VALUES_TOO_LARGE',
      'data.components.1.component.options:BASE_TYPE_MIN_LENGTH',
      'data.components.2.component.options:COMPONENT_TOO_MANY_DEFAULTS',
    ]);
  });

  it('refuses a label without its component, a 6th top-level component and a 46-character title', () => {
    expect(modalProblems([{ type: 18, label: '空' }])).toEqual([
      'data.components.0.component:BASE_TYPE_REQUIRED',
    ]);
    const six = Array.from({ length: 6 }, (_, n) =>
      label({ component: { type: 23, custom_id: `c${n}` } }),
    );
    expect(modalProblems(six, 't'.repeat(46))).toEqual([
      'data.title:BASE_TYPE_BAD_LENGTH',
      'data.components:BASE_TYPE_MAX_LENGTH',
    ]);
    expect(
      modalProblems([label({ component: { type: 2, custom_id: 'b', style: 1, label: 'x' } })]),
    ).toEqual(['data.components.0.component.type:UNION_TYPE_CHOICES']);
  });

  it('submits an uploaded file and a checkbox in the shape discord.js reads', async () => {
    const file = fake.registerAttachment('春.md', '# 春\n\n春天来了。', 'text/markdown');
    const read: unknown[] = [];
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) {
        await i.showModal(
          new ModalBuilder()
            .setCustomId('essay:add')
            .setTitle('新随笔')
            .addLabelComponents(
              new LabelBuilder()
                .setLabel('标题')
                .setDescription('留空则用日期')
                .setTextInputComponent(
                  new TextInputBuilder()
                    .setCustomId('title')
                    .setStyle(TextInputStyle.Short)
                    .setRequired(false),
                ),
              new LabelBuilder()
                .setLabel('文件')
                .setDescription('.md 或 .txt，代替手写正文')
                .setFileUploadComponent(
                  new FileUploadBuilder()
                    .setCustomId('file')
                    .setMinValues(0)
                    .setMaxValues(1)
                    .setRequired(false),
                ),
              new LabelBuilder()
                .setLabel('不参与那年今日和随机')
                .setCheckboxComponent(new CheckboxBuilder().setCustomId('hidden')),
            ),
        );
      } else if (i.isModalSubmit()) {
        const files = i.fields.getUploadedFiles('file');
        const attachment = files?.first();
        read.push({
          title: i.fields.getTextInputValue('title'),
          hidden: i.fields.getCheckbox('hidden'),
          name: attachment?.name,
          text: attachment ? await (await fetch(attachment.url)).text() : null,
        });
        await i.reply({ content: '已保存', flags: MessageFlags.Ephemeral });
      }
    });
    const shown = await fake.command({ name: 'essay', subcommand: 'add' });
    expect(shown.type).toBe(9);
    const submitted = await fake.modalSubmit({
      modal: shown,
      fields: { title: '', file: [file], hidden: true },
    });
    expect(submitted.payload.data).toMatchObject({
      components: [
        { type: 18, component: { type: 4, custom_id: 'title', value: '' } },
        { type: 18, component: { type: 19, custom_id: 'file', values: [file.id] } },
        { type: 18, component: { type: 23, custom_id: 'hidden', value: true } },
      ],
      resolved: { attachments: { [file.id]: { filename: '春.md', ephemeral: true } } },
    });
    expect(read).toEqual([{ title: '', hidden: true, name: '春.md', text: '# 春\n\n春天来了。' }]);
    expect(submitted.message?.ephemeral).toBe(true);
    expect(fake.rejections).toEqual([]);
  });

  it('submits an unticked checkbox as false and no file as an empty upload', async () => {
    const modal = {
      title: '新随笔',
      custom_id: 'essay:add',
      components: [
        label({ component: { type: 19, custom_id: 'file', min_values: 0, required: false } }),
        label({ component: { type: 23, custom_id: 'hidden' } }),
      ],
    };
    onInteraction(async (i) => {
      if (i.isModalSubmit())
        await i.reply(
          `${String(i.fields.getCheckbox('hidden'))}:${i.fields.getUploadedFiles('file')?.size ?? 0}`,
        );
    });
    const r = await fake.modalSubmit({ modal, fields: {} });
    expect(r.message?.content).toBe('false:0');
    expect(() =>
      fake.modalSubmit({
        modal: { ...modal, components: [label({ component: { type: 19, custom_id: 'file' } })] },
        fields: {},
      }),
    ).toThrow(/takes 1–1 values \(got 0\)/);
  });
});
