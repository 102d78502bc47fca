// A CPU profile of the worker's isolate while load runs, through the wrangler dev inspector port
// (Chrome DevTools protocol): the functions with the most self time, for the closing note.

type CdpProfile = {
  nodes: {
    id: number;
    children?: number[];
    callFrame: { functionName: string; url: string; lineNumber: number };
    positionTicks?: { line: number; ticks: number }[];
  }[];
  samples: number[];
  timeDeltas: number[];
};

const SAMPLING_INTERVAL_US = 200;

export type Frame = { fn: string; where: string; selfMs: number; share: number; hotLines: string };

export type Profile = {
  frames: Frame[];
  /** Time with each function on the stack (callees included), the largest first: where the hot path spends. */
  inclusive: { fn: string; where: string; ms: number; share: number }[];
  /** Self time by source module of the bundle (or native / runtime). */
  byModule: { module: string; ms: number; share: number }[];
  busyMs: number;
  idleMs: number;
};

/** The source module each line of an esbuild bundle came from (its `// path` markers), for grouping. */
export function bundleModules(bundle: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  bundle.split('\n').forEach((text, i) => {
    const m = /^\/\/ ((?:node_modules|worker|durable-objects|db)\/\S+)$/.exec(text);
    if (m) starts.push({ line: i, module: m[1]!.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1') });
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '(bundle)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

export async function profileWhile(inspectorPort: number, work: () => Promise<void>, top = 15, moduleOf?: (line: number) => string): Promise<Profile> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as { webSocketDebuggerUrl?: string }[];
  const wsUrl = targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
  if (!wsUrl) throw new Error('no inspector target');
  // wrangler's inspector proxy admits only the DevTools front end's origin.
  const ws = new WebSocket(wsUrl, { headers: { origin: 'https://devtools.devprod.cloudflare.dev' } });
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error('inspector connection failed'));
  });
  let next = 1;
  const pending = new Map<number, (result: unknown) => void>();
  ws.onmessage = (m) => {
    const msg = JSON.parse(String(m.data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  };
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const id = next++;
      pending.set(id, (r) => resolve(r as T));
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await send('Profiler.start');
  try {
    await work();
  } finally {
    const { profile } = await send<{ profile: CdpProfile }>('Profiler.stop');
    ws.close();
    return summarise(profile, top, moduleOf);
  }
}

/**
 * A sample's weight: its time since the previous sample, capped. The sampler takes no samples while
 * the isolate is parked between requests, so the first sample after a wait carries the whole wait
 * and would charge it to whatever runs first on waking (the router's entry): each sample counts at
 * most a few sampling intervals.
 */
const SAMPLE_CAP_US = 4 * SAMPLING_INTERVAL_US;

function summarise(p: CdpProfile, top: number, moduleOf?: (line: number) => string): Profile {
  const byNode = new Map(p.nodes.map((n) => [n.id, n]));
  const mods = new Map<string, number>();
  const self = new Map<string, { fn: string; where: string; us: number; lines: Map<number, number> }>();
  let total = 0;
  let idle = 0;
  p.samples.forEach((id, i) => {
    const n = byNode.get(id);
    const dt = Math.min(SAMPLE_CAP_US, p.timeDeltas[i] ?? 0);
    if (!n || n.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    total += dt;
    const url = n.callFrame.url;
    const mod = url.endsWith('index.js') && moduleOf ? moduleOf(n.callFrame.lineNumber) : url ? (url.split('/').pop() ?? url) : n.callFrame.functionName;
    mods.set(mod, (mods.get(mod) ?? 0) + dt);
    const file = n.callFrame.url.split('/').pop() ?? '';
    const where = file ? `${file}:${n.callFrame.lineNumber + 1}` : '(native)';
    const key = `${n.callFrame.functionName}|${where}`;
    const entry = self.get(key) ?? { fn: n.callFrame.functionName || '(anonymous)', where, us: 0, lines: new Map<number, number>() };
    entry.us += dt;
    self.set(key, entry);
  });
  for (const n of p.nodes) {
    const file = n.callFrame.url.split('/').pop() ?? '';
    const entry = self.get(`${n.callFrame.functionName}|${file ? `${file}:${n.callFrame.lineNumber + 1}` : '(native)'}`);
    for (const t of n.positionTicks ?? []) entry?.lines.set(t.line, (entry.lines.get(t.line) ?? 0) + t.ticks);
  }
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (id: number) => {
    const n = byNode.get(id)!;
    const file = n.callFrame.url.split('/').pop() ?? '';
    return `${n.callFrame.functionName || '(anonymous)'}|${file ? `${file}:${n.callFrame.lineNumber + 1}` : '(native)'}`;
  };
  const incl = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const dt = Math.min(SAMPLE_CAP_US, p.timeDeltas[i] ?? 0);
    if (byNode.get(id)?.callFrame.functionName === '(idle)') return;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = keyOf(at);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + dt);
    }
  });
  const inclusive = [...incl]
    .filter(([k]) => !k.startsWith('(root)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([k, us]) => {
      const [fn, where] = k.split('|') as [string, string];
      return { fn, where, ms: us / 1000, share: total ? us / total : 0 };
    });
  const frames = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({
      fn: e.fn,
      where: e.where,
      selfMs: e.us / 1000,
      share: total ? e.us / total : 0,
      hotLines: [...e.lines]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([line, ticks]) => `${line}×${ticks}`)
        .join(' '),
    }));
  const byModule = [...mods].sort((a, b) => b[1] - a[1]).map(([module, us]) => ({ module, ms: us / 1000, share: total ? us / total : 0 }));
  return { frames, inclusive, byModule, busyMs: total / 1000, idleMs: idle / 1000 };
}

export function printProfile(profile: Profile) {
  console.log(`  busy ${profile.busyMs.toFixed(0)} ms, idle ${profile.idleMs.toFixed(0)} ms; inclusive:`);
  for (const f of profile.inclusive) console.log(`  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.fn}  ${f.where}`);
  console.log('  self time by module:');
  for (const m of profile.byModule.slice(0, 30)) console.log(`  ${(m.share * 100).toFixed(1).padStart(5)} %  ${m.module}`);
  console.log('  top frames:');
  for (const f of profile.frames) console.log(`  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.fn}  ${f.where}  ${f.hotLines}`);
}
