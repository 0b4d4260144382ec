/**
 * One interaction per turn of the event loop.
 *
 * A burst of interactions reaches discord.js as one read of the gateway
 * socket, and each listener runs its synchronous part (the SQLite queries,
 * building the reply) at once: forty of them at 2 ms each held the loop for
 * 80 ms, and not one reply already built could be sent before the last was
 * done. Started one per turn instead, the replies computed so far go out
 * between them, and a timer waits behind one handler at a time, not forty.
 */
export type TurnQueue = (job: () => void) => void;

export function createTurnQueue(): TurnQueue {
  const jobs: Array<() => void> = [];
  let scheduled = false;
  const runOne = () => {
    const job = jobs.shift();
    try {
      job?.();
    } finally {
      // An immediate queued while the check phase runs waits for the next turn: timers and I/O come first.
      if (jobs.length > 0) setImmediate(runOne);
      else scheduled = false;
    }
  };
  return (job) => {
    jobs.push(job);
    if (!scheduled) {
      scheduled = true;
      setImmediate(runOne);
    }
  };
}
