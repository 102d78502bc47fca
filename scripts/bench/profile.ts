// A CPU profile of the worker's isolate while load runs, through the wrangler dev inspector port
// (Chrome DevTools protocol): the functions with the most self time, for the closing note.

type CdpProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; positionTicks?: { line: number; ticks: number }[] }[];
  samples: number[];
  timeDeltas: number[];
};

export type Frame = { fn: string; where: string; selfMs: number; share: number; hotLines: string };

export type Profile = { frames: Frame[]; busyMs: number; idleMs: number };

export async function profileWhile(inspectorPort: number, work: () => Promise<void>, top = 15): Promise<Profile> {
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
  await send('Profiler.setSamplingInterval', { interval: 200 });
  await send('Profiler.start');
  try {
    await work();
  } finally {
    const { profile } = await send<{ profile: CdpProfile }>('Profiler.stop');
    ws.close();
    return summarise(profile, top);
  }
}

function summarise(p: CdpProfile, top: number): Profile {
  const byNode = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { fn: string; where: string; us: number; lines: Map<number, number> }>();
  let total = 0;
  let idle = 0;
  p.samples.forEach((id, i) => {
    const n = byNode.get(id);
    const dt = p.timeDeltas[i] ?? 0;
    if (!n || n.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    total += dt;
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
  return { frames, busyMs: total / 1000, idleMs: idle / 1000 };
}
