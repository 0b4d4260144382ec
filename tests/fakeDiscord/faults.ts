/**
 * Fault injection: make the next N requests matching a route fail with a 5xx
 * or a 429, so reliability tests can check that the bot (through
 * @discordjs/rest) retries and still delivers exactly once.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from './http.js';

/**
 * Which requests a fault applies to:
 * - `'POST /channels/:id/messages'`: method and a path pattern (`:x` matches one segment; no method = any),
 * - a RegExp tested against `'POST /channels/123/messages'`,
 * - or a predicate over method and path.
 * Paths are relative to `/api/v10` and exclude the query string.
 */
export type RouteMatcher = string | RegExp | ((method: string, path: string) => boolean);

export interface FaultSpec {
  status: number;
  /** How many matching requests fail (default 1). */
  count?: number;
  /** Seconds, for 429s (default 0.1): body `retry_after` and the `Retry-After` header. */
  retryAfter?: number;
  /** Only for 429: a global limit sets `X-RateLimit-Global` and `global: true`. */
  global?: boolean;
  /** Only for 429: `X-RateLimit-Scope` (default 'user'). */
  scope?: 'user' | 'global' | 'shared';
}

interface ActiveFault extends FaultSpec {
  test: (method: string, path: string) => boolean;
  remaining: number;
}

export interface InjectedFault {
  at: number;
  method: string;
  path: string;
  status: number;
}

export function compileMatcher(matcher: RouteMatcher): (method: string, path: string) => boolean {
  if (typeof matcher === 'function') return matcher;
  if (matcher instanceof RegExp) return (method, path) => matcher.test(`${method} ${path}`);
  const space = matcher.indexOf(' ');
  const method = space === -1 ? null : matcher.slice(0, space).toUpperCase();
  const pattern = space === -1 ? matcher : matcher.slice(space + 1);
  const re = new RegExp(
    `^${pattern
      .split('/')
      .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}$`,
  );
  return (m, path) => (method === null || method === m) && re.test(path);
}

export class FaultInjector {
  private faults: ActiveFault[] = [];
  readonly injected: InjectedFault[] = [];

  add(matcher: RouteMatcher, spec: FaultSpec): void {
    this.faults.push({ ...spec, test: compileMatcher(matcher), remaining: spec.count ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  /** Answers the request with a fault if one is armed for it; returns whether it did. */
  maybeFail(method: string, path: string, res: ServerResponse): boolean {
    const fault = this.faults.find((f) => f.remaining > 0 && f.test(method, path));
    if (!fault) return false;
    fault.remaining--;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    this.injected.push({ at: Date.now(), method, path, status: fault.status });
    if (fault.status === 429) {
      const retryAfter = fault.retryAfter ?? 0.1;
      // Discord rounds the header up to whole seconds on some routes; the fake
      // sends the exact value so tests stay fast. @discordjs/rest reads the header.
      sendJson(
        res,
        429,
        {
          message: 'You are being rate limited.',
          retry_after: retryAfter,
          global: fault.global ?? false,
        },
        {
          'retry-after': String(retryAfter),
          'x-ratelimit-scope': fault.scope ?? (fault.global ? 'global' : 'user'),
          ...(fault.global ? { 'x-ratelimit-global': 'true' } : {}),
        },
      );
    } else {
      sendJson(res, fault.status, { message: `${fault.status}: Internal Server Error`, code: 0 });
    }
    return true;
  }
}
