import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

describe('configuration', () => {
  it('fills defaults and needs no token', () => {
    const config = parseConfig({ JOURNAL_TIMEZONE: 'Asia/Shanghai' });
    expect(config).toMatchObject({
      DISCORD_API_URL: 'https://discord.com/api',
      JOURNAL_DB: 'data/journal.db',
      JOURNAL_DIR: 'data/essays',
      JOURNAL_TIMEZONE: 'Asia/Shanghai',
      LOG_LEVEL: 'info',
    });
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ DISCORD_GUILD_ID: '', JOURNAL_DB: '' }).JOURNAL_DB).toBe(
      'data/journal.db',
    );
  });

  it('splits author ids and strips a trailing slash from URLs', () => {
    const config = parseConfig({
      JOURNAL_AUTHOR_IDS: '123456789012345678, 223456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:9/api/',
    });
    expect(config.JOURNAL_AUTHOR_IDS).toEqual(['123456789012345678', '223456789012345678']);
    expect(config.DISCORD_API_URL).toBe('http://127.0.0.1:9/api');
  });

  it.each([
    [{ JOURNAL_TIMEZONE: 'Mars/Base' }, /JOURNAL_TIMEZONE: must be an IANA time zone/u],
    [{ DISCORD_GUILD_ID: 'my-server' }, /DISCORD_GUILD_ID: must be a Discord id/u],
    [{ JOURNAL_AUTHOR_IDS: '123456789012345678,abc' }, /JOURNAL_AUTHOR_IDS/u],
    [{ DISCORD_API_URL: 'ftp://x' }, /DISCORD_API_URL: must be an http\(s\) URL/u],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/u],
  ])('refuses %j with a message naming the key', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('never echoes a value back in its message', () => {
    const refuse = () => parseConfig({ DISCORD_GUILD_ID: 'SECRET-VALUE-123' });
    expect(refuse).toThrow(ConfigError);
    expect(refuse).toThrow(/DISCORD_GUILD_ID/u);
    expect(refuse).not.toThrow(/SECRET-VALUE-123/u);
  });
});
