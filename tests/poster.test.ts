import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { classifySendError } from '../src/discord/poster.js';
import { PostError } from '../src/schedule/anniversary.js';

const apiError = (code: number, status: number, message: string) =>
  new DiscordAPIError(
    { code, message },
    code,
    status,
    'POST',
    'https://discord.test/api/v10/channels/1/messages',
    { body: undefined, files: undefined },
  );

describe('what a failed send means for the schedule', () => {
  it.each([
    [50013, 403, 'Missing Permissions', 'missing_permissions', false],
    [50001, 403, 'Missing Access', 'missing_access', false],
    [10003, 404, 'Unknown Channel', 'unknown_channel', false],
    [10004, 404, 'Unknown Guild', 'unknown_channel', false],
    [50035, 400, 'Invalid Form Body', 'rejected', false],
    // A DM's recipient closed their DMs or shares no server: final for that subscriber.
    [50007, 403, 'Cannot send messages to this user', 'recipient_closed', false],
    [50278, 403, 'Cannot send messages to this user', 'recipient_closed', false],
    [10013, 404, 'Unknown User', 'recipient_closed', false],
    [50033, 400, 'Invalid Recipient(s)', 'recipient_closed', false],
    [0, 503, 'Service Unavailable', 'unavailable', true],
    [0, 429, 'You are being rate limited.', 'unavailable', true],
  ])('Discord code %i (HTTP %i) → %s', (code, status, message, reason, retryable) => {
    const e = classifySendError(apiError(code, status, message));
    expect(e).toMatchObject({ reason, retryable });
    expect(e.message).toContain(String(status));
  });

  it('retries plain HTTP errors, timeouts and network failures', () => {
    expect(
      classifySendError(
        new HTTPError(502, 'Bad Gateway', 'POST', 'u', { body: undefined, files: undefined }),
      ),
    ).toMatchObject({ reason: 'unavailable', retryable: true });
    expect(
      classifySendError(
        Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }),
      ),
    ).toMatchObject({ reason: 'unavailable' });
    expect(classifySendError(new TypeError('fetch failed'))).toMatchObject({
      reason: 'unavailable',
    });
  });

  it('keeps a reason already decided before the request', () => {
    const decided = new PostError('missing_permissions', 'Embed Links');
    expect(classifySendError(decided)).toBe(decided);
  });
});
