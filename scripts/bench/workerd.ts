// The worker under test: a frozen build (what `wrangler deploy` would upload) run by `wrangler dev`
// with local tracing off, and the worker's OWN workerd process found under it, so the bench sends
// requests straight to that process (not through wrangler's local proxy) and reads its CPU time.
import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT, runWrangler, WRANGLER_BIN } from '../lib/wrangler';

export type Bundle = { config: string; rawKb: number; gzipKb: number; startupMs: number | null };

/** Builds the worker once into `dir`, with a config pointing at the build: edits to the checkout cannot restart it mid-run. */
export async function buildFrozen(dir: string): Promise<Bundle> {
  const res = await runWrangler(['deploy', '--dry-run', '--outdir', dir]);
  if (res.code !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${res.stderr || res.stdout}`);
  const toml = (await readFile(path.join(PROJECT_ROOT, 'wrangler.toml'), 'utf8'))
    .replace(/^main = .*$/m, `main = ${JSON.stringify(path.join(dir, 'index.js'))}`)
    .replace(/^directory = .*$/m, `directory = ${JSON.stringify(path.join(dir, 'assets'))}`)
    .replace(/^migrations_dir = .*$/m, `migrations_dir = ${JSON.stringify(path.join(PROJECT_ROOT, 'migrations'))}`)
    // The frozen copy is already built: no [build] step for it.
    .replace(/^\[build\][\s\S]*?(?=^\[)/m, '');
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'wrangler.toml'), toml);
  const js = await readFile(path.join(dir, 'index.js'));
  const profile = path.join(dir, 'startup.cpuprofile');
  const check = await runWrangler(['check', 'startup', '--outfile', profile]);
  let startupMs: number | null = null;
  if (check.code === 0) {
    // CPU time of the startup phase: samples that are not the idle node.
    const p = JSON.parse(await readFile(profile, 'utf8')) as {
      nodes: { id: number; callFrame: { functionName: string } }[];
      samples: number[];
      timeDeltas: number[];
    };
    const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    startupMs = p.samples.reduce((sum, id, i) => (idle.has(id) ? sum : sum + (p.timeDeltas[i] ?? 0)), 0) / 1000;
  }
  return { config: path.join(dir, 'wrangler.toml'), rawKb: js.length / 1024, gzipKb: gzipSync(js).length / 1024, startupMs };
}

export type Worker = {
  /** wrangler's local proxy (what a browser would use). */
  proxyUrl: string;
  /**
   * Headers that take a request straight to the worker inside its workerd process: past the local
   * static-assets router, which in production runs on Cloudflare's side and is not the worker's CPU.
   */
  direct: Record<string, string>;
  /** The worker's own workerd socket: requests here skip wrangler's proxy. */
  directUrl: string;
  pid: number;
  inspectorPort: number;
  cpuSeconds(): number;
  /** The same at nanosecond resolution (processCpuFine). */
  cpuFine(): number;
  cpu(): { user: number; system: number };
  threads(): Map<number, number>;
  alive(): boolean;
  stop(): Promise<void>;
};

const CLK_TCK = 100;

/** user and system CPU of a process (all threads), in seconds. */
export function processCpu(pid: number, statPath = `/proc/${pid}/stat`): { user: number; system: number } {
  const stat = readFileSync(statPath, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is the state (field 3 of the man page): utime is field 14, stime 15.
  return { user: Number(fields[11]) / CLK_TCK, system: Number(fields[12]) / CLK_TCK };
}

/** CPU seconds (user + system) of each thread of a process, by thread id. */
export function threadCpu(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const { user, system } = processCpu(Number(tid), `/proc/${pid}/task/${tid}/stat`);
      out.set(Number(tid), user + system);
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

/**
 * CPU of a process in seconds with nanosecond resolution: the sum of its threads' run time
 * (/proc/<pid>/task/<tid>/schedstat), where /proc/<pid>/stat counts 10 ms ticks. A thread that ends
 * takes its time out of the sum: for windows over which the runtime's threads stay (the per-flow table).
 */
export function processCpuFine(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // ended meanwhile
    }
  }
  return ns / 1e9;
}

export function processCpuSeconds(pid: number): number {
  const { user, system } = processCpu(pid);
  return user + system;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function descendants(pid: number): number[] {
  const kids = childrenOf(pid);
  return kids.concat(kids.flatMap(descendants));
}

/** TCP ports a process listens on (IPv4 loopback/any), from its socket fds and /proc/net/tcp. */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports: number[] = [];
  for (const line of readFileSync(`/proc/${pid}/net/tcp`, 'utf8').split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols[3] === '0A' && inodes.has(cols[9] ?? '')) ports.push(parseInt(cols[1]!.split(':')[1]!, 16));
  }
  return ports;
}

export async function startWorker(
  config: string,
  opts: { port: number; inspectorPort: number; persistTo: string; vars: Record<string, string> },
): Promise<Worker> {
  const args = [
    WRANGLER_BIN,
    'dev',
    '-c',
    config,
    '--no-bundle',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--inspector-port',
    String(opts.inspectorPort),
    '--persist-to',
    opts.persistTo,
    '--show-interactive-dev-session=false',
    '--log-level',
    'warn',
  ];
  for (const [k, v] of Object.entries(opts.vars)) args.push('--var', `${k}:${v}`);
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Local tracing off: it is wrangler's dev tooling, not what production pays.
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', X_LOCAL_OBSERVABILITY: 'false' },
  });
  let output = '';
  // BENCH_WORKER_LOG=<file>: the worker's whole output kept there too (the soak's diagnosis).
  const keep = process.env.BENCH_WORKER_LOG;
  const take = (d: Buffer) => {
    output = (output + d.toString()).slice(-8000);
    if (keep) appendFileSync(keep, d);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT');
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
  };
  const proxyUrl = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(`${proxyUrl}/api/health`, { signal: AbortSignal.timeout(5000) })).status > 0) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  // wrangler runs two workerd processes: its proxy (on our port) and the worker's own, on port 0.
  const workerd = descendants(child.pid!).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--socket-addr=entry=127.0.0.1:0');
    } catch {
      return false;
    }
  });
  if (!workerd) {
    await stop();
    throw new Error(`could not find the worker's workerd process:\n${output}`);
  }
  let directUrl = '';
  for (const port of listeningPorts(workerd)) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(3000) });
      await res.arrayBuffer();
      if (res.status === 200) {
        directUrl = `http://127.0.0.1:${port}`;
        break;
      }
    } catch {
      // another of its sockets
    }
  }
  if (!directUrl) {
    await stop();
    throw new Error(`the worker's workerd (pid ${workerd}) answers /api/health on none of its ports:\n${output}`);
  }
  const name = /^name = "([^"]+)"/m.exec(await readFile(config, 'utf8'))?.[1] ?? '';
  return {
    proxyUrl,
    direct: { 'MF-Route-Override': name },
    directUrl,
    pid: workerd,
    inspectorPort: opts.inspectorPort,
    cpuSeconds: () => processCpuSeconds(workerd),
    cpuFine: () => processCpuFine(workerd),
    cpu: () => processCpu(workerd),
    threads: () => threadCpu(workerd),
    alive: () => {
      try {
        readFileSync(`/proc/${workerd}/stat`);
        return true;
      } catch {
        return false;
      }
    },
    stop,
  };
}
