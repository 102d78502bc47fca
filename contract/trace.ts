// A routing decision's trace (issue 9, B1): one step per rule checked, plain data the worker records
// with each call and the web app turns into Korean and English sentences. Shared by both sides: the
// types are written out (the worker builds them), the schemas below are held to them by their type.
import * as v from 'valibot';

/** A list entry as a rule saw it: none, permanent, a temporary block (with its expiry) or an expired one (not matched). */
export type ListEntryState = 'none' | 'permanent' | 'temporary' | 'expired';

/** The wall clock a time rule looked at: 'HH:MM', YYYY-MM-DD, weekday 0 = Monday … 6 = Sunday. */
export type LocalClock = { local: string; date: string; weekday: number };

/**
 * One rule checked. `matched` = the rule applied: it refused the call (or, for free_pass, let it
 * through whatever the time). The engine stops at the first refusing rule, so a trace ends with
 * the rule that decided, or with `unavailable` unmatched when the call connects.
 */
export type TraceStep =
  /** `entry`: none, a permanent entry, a temporary block (with its expiry) or an expired one (not matched). */
  | { rule: 'spam'; matched: boolean; detail: { entry: ListEntryState; expiresAt: number | null } }
  | { rule: 'paused'; matched: boolean; detail: Record<string, never> }
  | { rule: 'free_pass'; matched: boolean; detail: { entry: ListEntryState; expiresAt: number | null } }
  /** `checked` false: no policy, or the flow did not count this call (no verdict); then never matched. */
  | {
      rule: 'shield';
      matched: boolean;
      detail: { checked: boolean; count: number | null; limit: number | null; windowMinutes: number | null; coolOffUntil: number | null };
    }
  | { rule: 'immediate_block'; matched: boolean; detail: Record<string, never> }
  /** `date` = the working day the instant belongs to (the day before, inside the after-midnight part of a night shift). */
  | { rule: 'holiday'; matched: boolean; detail: { date: string; name: string | null; source: 'builtin' | 'org' | null } }
  | { rule: 'working_days'; matched: boolean; detail: { date: string; weekday: number; weekdays: number } }
  | { rule: 'hours'; matched: boolean; detail: LocalClock & { start: string; end: string } }
  /** `start`/`end` null: no lunch break set (never matched). */
  | { rule: 'lunch'; matched: boolean; detail: LocalClock & { start: string | null; end: string | null } }
  /** One step per window checked, in the owner's order. */
  | { rule: 'block_window'; matched: boolean; detail: LocalClock & { name: string; start: string; end: string; weekdays: number } }
  /** matched = nobody to ring: no owner, the owner's account disabled, or no mobile linked. */
  | { rule: 'unavailable'; matched: boolean; detail: { owner: boolean; disabled: boolean; mobile: boolean } };

export type Trace = TraceStep[];

// ── The schemas of the same (answers carry traces: contract/safe-number.ts) ──
const ListEntryStateSchema = v.picklist(['none', 'permanent', 'temporary', 'expired']);
const listDetail = v.object({ entry: ListEntryStateSchema, expiresAt: v.nullable(v.number()) });
const clock = { local: v.string(), date: v.string(), weekday: v.number() };
const nothing = v.object({});
const step = <R extends string, D extends v.GenericSchema>(rule: R, detail: D) => v.object({ rule: v.literal(rule), matched: v.boolean(), detail });

/** One step of a decision's trace; typed as TraceStep, so the schema and the type cannot part. */
export const TraceStepSchema: v.GenericSchema<TraceStep> = v.variant('rule', [
  step('spam', listDetail),
  step('paused', nothing),
  step('free_pass', listDetail),
  step(
    'shield',
    v.object({
      checked: v.boolean(),
      count: v.nullable(v.number()),
      limit: v.nullable(v.number()),
      windowMinutes: v.nullable(v.number()),
      coolOffUntil: v.nullable(v.number()),
    }),
  ),
  step('immediate_block', nothing),
  step('holiday', v.object({ date: v.string(), name: v.nullable(v.string()), source: v.nullable(v.picklist(['builtin', 'org'])) })),
  step('working_days', v.object({ date: v.string(), weekday: v.number(), weekdays: v.number() })),
  step('hours', v.object({ ...clock, start: v.string(), end: v.string() })),
  step('lunch', v.object({ ...clock, start: v.nullable(v.string()), end: v.nullable(v.string()) })),
  step('block_window', v.object({ ...clock, name: v.string(), start: v.string(), end: v.string(), weekdays: v.number() })),
  step('unavailable', v.object({ owner: v.boolean(), disabled: v.boolean(), mobile: v.boolean() })),
]);
export const TraceSchema = v.array(TraceStepSchema);
