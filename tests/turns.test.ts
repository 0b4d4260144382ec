import { describe, expect, it } from 'vitest';
import { createTurnQueue } from '../src/discord/turns.js';

/** Resolves once the event loop has gone round `n` more times. */
const turns = (n: number) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : setImmediate(() => step(left - 1)));
    step(n);
  });

describe('createTurnQueue', () => {
  it('starts one job per turn of the event loop, so work queued by one runs before the next', async () => {
    const order: string[] = [];
    const queue = createTurnQueue();
    for (const name of ['a', 'b', 'c'])
      queue(() => {
        order.push(name);
        // What a handler hands on (a reply to send) is queued behind it, in the same turn.
        setImmediate(() => order.push(`${name} sent`));
      });
    expect(order).toEqual([]);
    await turns(5);
    expect(order).toEqual(['a', 'a sent', 'b', 'b sent', 'c', 'c sent']);
  });

  it('keeps going after a job throws, and starts again once it has run dry', async () => {
    const order: string[] = [];
    const queue = createTurnQueue();
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.prependListener('uncaughtException', onUncaught);
    try {
      queue(() => {
        throw new Error('boom');
      });
      queue(() => order.push('after the throw'));
      await turns(4);
      queue(() => order.push('later'));
      await turns(2);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(order).toEqual(['after the throw', 'later']);
    expect(uncaught).toHaveLength(1);
  });
});
