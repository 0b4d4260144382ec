import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/commands/index.js';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord/index.js';
import { runJournal } from '../helpers/run.js';
import { tempDir } from '../helpers/store.js';

let fake: FakeDiscord;
const t = tempDir('journal-register-');
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake.close();
  t.cleanup();
});

describe('journal register', () => {
  const env = () => ({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    JOURNAL_DB: join(t.dir, 'j.db'),
    DISCORD_GUILD_ID: undefined,
  });

  it('registers every command in a guild with --guild, and globally without', async () => {
    const guild = await runJournal(['register', '--guild', fake.guildId], { env: env() });
    expect(guild.code, guild.stderr).toBe(0);
    expect(guild.stdout).toMatch(/Registered \d+ commands in server/u);
    expect(
      fake
        .commands('guild')
        .map((c) => c.name)
        .sort(),
    ).toEqual(
      commandDefinitions()
        .map((c) => c.name)
        .sort(),
    );
    const global = await runJournal(['register', '--json'], { env: env() });
    expect(JSON.parse(global.stdout)).toMatchObject({
      scope: 'global',
      commands: commandDefinitions().length,
    });
    expect(fake.rejections).toEqual([]);
  });

  it('says in one line when the token is missing or rejected', async () => {
    const missing = await runJournal(['register'], { env: { ...env(), DISCORD_TOKEN: '' } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/DISCORD_TOKEN is not set/u);
    const bad = `${Buffer.from(fake.botUserId).toString('base64url')}.AAAAAA.${'y'.repeat(38)}`;
    const rejected = await runJournal(['register'], { env: { ...env(), DISCORD_TOKEN: bad } });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr.trim().split('\n')).toHaveLength(1);
    expect(rejected.stderr).toMatch(/Discord rejected DISCORD_TOKEN/u);
    expect(rejected.stderr).not.toContain(bad);
  });
});
