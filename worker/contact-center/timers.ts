// Named timers of the contact-center reducers, in the shape of the flow machinery's TimerChange: the
// host keeps one alarm for the earliest and feeds `{ kind: 'timer', name }` back when it is due.

/** Set (at = epoch ms) or clear (at = null) a named timer. */
export type TimerChange<N extends string = string> = { name: N; at: number | null };
