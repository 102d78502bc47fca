// A flow's twin: the runtime's floor for a flow, measured rather than summed. The flow's requests
// into the worker (its webhooks, its API requests) are sent again at the moments they came, each as
// one request to the twin probe (worker/simulator/probe.ts; the plan in twin-plan.ts) that does that
// request's share of the flow's operations — the verify, a call to the call's own object (a new one on its first
// request), its document written, its alarm set and run, the D1 round trips, carrier requests and
// calls to other objects — with none of our code between them. The twin's CPU per call is what the
// runtime charges for those operations at that rhythm, wake-ups and all; the real flow's CPU above
// it is ours.
import { idleCpuPerMs, idleRateOf } from './floor';
import { twinSteps, type FlowTimeline } from './twin-plan';
import type { Worker } from './workerd';

export type TwinRow = {
  /** The real flow's CPU per call above the twin's. */
  aboveTwin: number;
  /** Per call: the twin's CPU (idle taken out). */
  cpuMs: number;
  requests: number;
  /** Call objects the twin made (one per carrier call session) and alarms they ran. */
  objects: number;
  windowS: number;
  idleMsPerCall: number;
};

/**
 * Replays the twin of a flow against the worker and returns its CPU per call: the process's CPU from
 * the first request until every twin object's alarm ran and the runtime had time to evict them
 * (`tailMs`), the idle rate read before and after taken out.
 */
export async function runTwin(worker: Worker, t: FlowTimeline, tailMs: number): Promise<Omit<TwinRow, 'aboveTwin'>> {
  const steps = twinSteps(t);
  const idleBefore = await idleCpuPerMs(worker);
  const cpu0 = worker.cpuFine();
  const wall0 = performance.now();
  const start = Date.now() + 200;
  const url = `${worker.directUrl}/_sim/api/probe/twin`;
  let failed = 0;
  await Promise.all(
    steps.map(
      ({ offsetMs, step }) =>
        new Promise<void>((resolve) =>
          setTimeout(
            () => {
              const s = step.alarmAt === null ? step : { ...step, alarmAt: start + step.alarmAt };
              fetch(url, { method: 'POST', headers: { ...worker.direct, 'content-type': 'application/json' }, body: JSON.stringify(s) })
                .then(async (res) => {
                  await res.arrayBuffer();
                  if (res.status !== 200) failed++;
                })
                .catch(() => failed++)
                .finally(resolve);
            },
            Math.max(0, start + offsetMs - Date.now()),
          ),
        ),
    ),
  );
  if (failed) throw new Error(`twin: ${failed} of ${steps.length} requests failed`);
  const lastAlarm = Math.max(0, ...steps.map((s) => (s.step.alarmAt === null ? 0 : start + s.step.alarmAt)));
  await sleep(Math.max(0, lastAlarm - Date.now()) + 1_000 + tailMs);
  const cpuMs = (worker.cpuFine() - cpu0) * 1000;
  const wallMs = performance.now() - wall0;
  const idleAfter = await idleCpuPerMs(worker);
  const idleMs = idleRateOf(idleBefore, idleAfter) * wallMs;
  const perCall = Math.max(0, cpuMs - idleMs) / t.calls;
  return {
    cpuMs: perCall,
    requests: steps.length,
    objects: new Set(steps.map((s) => s.step.call).filter((c) => c !== null)).size,
    windowS: wallMs / 1000,
    idleMsPerCall: idleMs / t.calls,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
