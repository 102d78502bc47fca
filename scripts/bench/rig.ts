// The rig the bench (`npm run bench`) and the soak (`npm run soak`) both run on: a frozen build of
// the worker, a fresh local D1 and Durable Object store with the migrations applied, and the Node
// carrier and the worker's own workerd process wired to each other: the worker's Telnyx commands go
// to the carrier, the carrier's signed webhooks straight to the worker's socket.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simulatorKeys } from '../lib/dev-server';
import { applyMigrations, type Target } from '../lib/wrangler';
import { startNodeCarrier, type NodeCarrier } from './carrier';
import { buildFrozen, startWorker, type Bundle, type Worker } from './workerd';

export type Rig = {
  /** `bench` or `soak`: names the temporary folders and the carrier's credentials. */
  name: string;
  persistTo: string;
  buildDir: string;
  bundle: Bundle;
  /** The rig's local D1, for seeding and reading back. */
  target: Target;
  keys: { publicKey: string; privateKey: string };
  /** Once started: the carrier and the worker. */
  carrier?: NodeCarrier;
  worker?: Worker;
};

/** Builds the frozen worker and migrates a fresh store; seed `rig.target`, then `startRig`. */
export async function prepareRig(name: string): Promise<Rig> {
  // Local Durable Object and D1 storage are SQLite files: on a RAM disk when there is one, so this
  // VM's disk does not stand in for what production storage costs (nothing of it is the worker's CPU).
  const persistTo = await mkdtemp(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `esn-${name}-`));
  const buildDir = await mkdtemp(path.join(tmpdir(), `esn-${name}-build-`));
  try {
    console.log('▸ building a frozen copy of the worker (wrangler deploy --dry-run)…');
    const bundle = await buildFrozen(buildDir);
    const target: Target = { mode: 'local', persistTo };
    await applyMigrations(target);
    return { name, persistTo, buildDir, bundle, target, keys: simulatorKeys() };
  } catch (err) {
    await removeDirs(persistTo, buildDir);
    throw err;
  }
}

/** Starts the Node carrier and `wrangler dev` on the frozen build at `port`, wired to each other. */
export async function startRig(rig: Rig, port: number, extraVars: Record<string, string> = {}): Promise<{ carrier: NodeCarrier; worker: Worker }> {
  const carrier = await startNodeCarrier({ privateKey: rig.keys.privateKey, apiKey: `KEY_${rig.name}`, connectionId: `conn-${rig.name}` });
  rig.carrier = carrier;
  console.log(`▸ Node carrier on ${carrier.url}; starting wrangler dev (local tracing off)…`);
  const worker = await startWorker(rig.bundle.config, {
    port,
    inspectorPort: port + 1000,
    persistTo: rig.persistTo,
    vars: {
      // On for the /_sim/api/worker-stats counters, the call-session views and copying the carrier's
      // recordings from its loopback base; the in-worker simulator stays idle: commands go to the Node carrier.
      CARRIER_SIMULATOR: 'on',
      TELNYX_PUBLIC_KEY: rig.keys.publicKey,
      SIMULATOR_PRIVATE_KEY: rig.keys.privateKey,
      TELNYX_API_KEY: `KEY_${rig.name}`,
      TELNYX_API_BASE: carrier.url,
      TELNYX_CONNECTION_ID: `conn-${rig.name}`,
      TELNYX_MESSAGING_PROFILE_ID: `mp-${rig.name}`,
      ...extraVars,
    },
  });
  rig.worker = worker;
  carrier.setTarget(`${worker.directUrl}/telnyx/webhook`);
  carrier.setHeaders(worker.direct);
  return { carrier, worker };
}

/** Stops what was started and removes the rig's folders. */
export async function stopRig(rig: Rig) {
  await rig.worker?.stop();
  await rig.carrier?.close();
  await removeDirs(rig.persistTo, rig.buildDir);
}

async function removeDirs(...dirs: string[]) {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
}
