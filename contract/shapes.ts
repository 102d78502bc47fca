// The small shapes many answers share (issue 18): a number as stored and as people read it, a
// mobile shown only masked, and the bare acknowledgement of a write that has nothing else to say.
import * as v from 'valibot';

/** A number in E.164 and in Korean national format (050-1234-0001). */
export const Phone = v.object({ e164: v.string(), national: v.string() });
export type Phone = v.InferOutput<typeof Phone>;

/** A linked mobile as every screen shows it: masked (010-****-5678), or null when none is linked. */
export const MaskedMobile = v.nullable(v.object({ masked: v.string() }));
export type MaskedMobile = v.InferOutput<typeof MaskedMobile>;

/** A delete, logout or password change: `{ok: true}`. */
export const Ok = v.object({ ok: v.literal(true) });
export type Ok = v.InferOutput<typeof Ok>;
