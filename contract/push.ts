// Web push's answers (issue 10, docs/api.md "Push"): the server's public key (null = push is not set
// up) and a saved subscription. valibot schemas.
import * as v from 'valibot';

/** GET /api/push/key. */
export const PushKey = v.object({ publicKey: v.nullable(v.string()) });
export type PushKey = v.InferOutput<typeof PushKey>;
/** POST /api/push/subscriptions. */
export const PushSubscribed = v.object({ subscription: v.object({ id: v.string() }) });
