// Number check (S7, "번호체크"): the self-test of one safe number as a list of steps, each passed or
// failed with the facts the screen needs to say what to do. PURE: the route gathers the facts
// (the number, the stored and freshly compiled snapshots, the carrier settings present) and this
// decides. Facts never carry secrets: settings are named, not shown.
import type { RuleId } from '../routing/decision';
import type { NumberStatus } from '../routing/status';

export const CHECK_STEPS = ['number', 'mobile', 'snapshot', 'carrier', 'webhooks', 'route'] as const;
export type CheckStepId = (typeof CHECK_STEPS)[number];
/** ok; warn = works, but callers are not connected right now; repaired = was wrong, fixed by this check; fail; skipped (an earlier step failed). */
export type CheckState = 'ok' | 'warn' | 'repaired' | 'fail' | 'skipped';

export type CheckStep =
  | { id: 'number'; state: CheckState; facts: Record<string, never> }
  | { id: 'mobile'; state: CheckState; facts: Record<string, never> }
  /** `stored`: what the inbound path would have read before this check. */
  | { id: 'snapshot'; state: CheckState; facts: { stored: 'current' | 'stale' | 'missing' | 'different' | null } }
  /** `missing`: names of settings that are not set. `simulator`: commands go to the built-in carrier simulator. */
  | { id: 'carrier'; state: CheckState; facts: { missing: string[]; simulator: boolean } }
  | { id: 'webhooks'; state: CheckState; facts: { missing: string[] } }
  /** What an ordinary caller gets right now. */
  | { id: 'route'; state: CheckState; facts: { status: NumberStatus | null; rule: RuleId | null } };

export type CheckFacts = {
  hasNumber: boolean;
  hasMobile: boolean;
  /** The stored snapshot row before the check; null when there is no number. */
  stored: 'current' | 'stale' | 'missing' | 'different' | null;
  /** Whether the snapshot could be compiled (and so stored) now. */
  compiled: boolean;
  settings: { TELNYX_API_KEY: boolean; TELNYX_CONNECTION_ID: boolean; TELNYX_PUBLIC_KEY: boolean };
  simulator: boolean;
  /** The engine's answer for an ordinary caller now (null when nothing could be compiled). */
  now: { status: NumberStatus; rule: RuleId | null } | null;
};

export function numberCheckSteps(f: CheckFacts): { ok: boolean; steps: CheckStep[] } {
  const steps: CheckStep[] = [];
  const missing = (names: (keyof CheckFacts['settings'])[]) => names.filter((n) => !f.settings[n]);
  const carrierMissing = missing(['TELNYX_API_KEY', 'TELNYX_CONNECTION_ID']);
  const webhookMissing = missing(['TELNYX_PUBLIC_KEY']);
  const skip = !f.hasNumber;

  steps.push({ id: 'number', state: f.hasNumber ? 'ok' : 'fail', facts: {} });
  steps.push({ id: 'mobile', state: f.hasMobile ? 'ok' : 'fail', facts: {} });
  const snapshotState: CheckState = skip ? 'skipped' : !f.compiled ? 'fail' : f.stored === 'current' ? 'ok' : 'repaired';
  steps.push({ id: 'snapshot', state: snapshotState, facts: { stored: f.stored } });
  steps.push({ id: 'carrier', state: carrierMissing.length ? 'fail' : 'ok', facts: { missing: carrierMissing, simulator: f.simulator } });
  steps.push({ id: 'webhooks', state: webhookMissing.length ? 'fail' : 'ok', facts: { missing: webhookMissing } });

  let routeState: CheckState = 'skipped';
  if (!skip && f.now) routeState = f.now.status === 'connect' ? 'ok' : f.now.status === 'unavailable' ? 'fail' : 'warn';
  else if (!skip) routeState = 'fail';
  steps.push({ id: 'route', state: routeState, facts: { status: f.now?.status ?? null, rule: f.now?.rule ?? null } });

  return { ok: steps.every((s) => s.state !== 'fail'), steps };
}
