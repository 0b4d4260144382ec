/**
 * The longest busy stretches of a V8 CPU profile (`node --cpu-prof`): runs
 * of samples with no idle sample between them, which is when the event loop
 * could not run, each with the functions that took most of its time.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export function busyStretches(path: string, count: number): string[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = nodes.get(id)!.callFrame;
    const file = f.url.includes('/node_modules/')
      ? f.url.split('/node_modules/').pop()!
      : f.url.split('/').slice(-2).join('/');
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
  };
  const idle = (id: number) => nodes.get(id)!.callFrame.functionName === '(idle)';

  const stretches: Array<{ start: number; end: number; samples: number[] }> = [];
  let at = profile.startTime;
  let current: { start: number; end: number; samples: number[] } | null = null;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]!;
    if (idle(id)) {
      if (current) stretches.push({ ...current, end: at });
      current = null;
    } else (current ??= { start: at, end: at, samples: [] }).samples.push(id);
  });
  stretches.sort((a, b) => b.end - b.start - (a.end - a.start));

  return stretches.slice(0, count).map((s) => {
    // Inclusive time per function: a sample counts once for every distinct function on its stack.
    const inclusive = new Map<string, number>();
    for (const id of s.samples) {
      const seen = new Set<string>();
      for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
        const n = name(x);
        if (seen.has(n) || n.startsWith('(root)')) continue;
        seen.add(n);
        inclusive.set(n, (inclusive.get(n) ?? 0) + 1);
      }
    }
    // Dispatch frames (discord.js, node internals) sit under everything; the project's own
    // functions and the leaves (self time) say where the stretch went.
    const own = [...inclusive]
      .filter(([n]) => /(?:^|\s)(?:dist|src)\//u.test(n) && !n.includes('node_modules'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8);
    const self = new Map<string, number>();
    for (const id of s.samples) self.set(name(id), (self.get(name(id)) ?? 0) + 1);
    const leaves = [...self].sort((a, b) => b[1] - a[1]).slice(0, 5);
    const pct = (k: number) => `${Math.round((100 * k) / s.samples.length)}%`;
    const top = [
      ...own.map(([n, k]) => `    ${pct(k)} ${n}`),
      `    self: ${leaves.map(([n, k]) => `${pct(k)} ${n}`).join(' · ')}`,
    ];
    const ms = (s.end - s.start) / 1000;
    const when = (s.start - profile.startTime) / 1e6;
    return `${ms.toFixed(1)} ms busy at +${when.toFixed(1)} s (${s.samples.length} samples)\n${top.join('\n')}`;
  });
}
