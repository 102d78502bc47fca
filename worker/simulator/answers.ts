// Telnyx's REST answers as the simulated carrier gives them: the documented errors (call ended, not
// answered, the double bridge refused) and the plain ok, before any HTTP framing.

/** A REST answer as Telnyx would give it, before any HTTP framing; `lost`: carried out, but the answer never arrives. */
export type RestResult = { status: number; body: unknown; lost?: boolean };

export function telnyxError(status: number, code: string, title: string, pointer?: string, detail = title): RestResult {
  return { status, body: { errors: [{ code, title, detail, ...(pointer ? { source: { pointer } } : {}) }] } };
}
/** Telnyx's answer to any command on a leg that has ended (OpenAPI UnprocessableEntityResponse, `call_already_ended`). */
export const callEnded = (pointer?: string) =>
  telnyxError(422, '90018', 'Call has already ended', pointer, "This call is no longer active and can't receive commands.");
/** The OpenAPI example `call_not_answered`. */
export const notAnswered = () =>
  telnyxError(422, '90034', 'Call not answered yet', undefined, "This call can't receive this command because it has not been answered yet.");
/**
 * `prevent_double_bridge` refused: the reference names no error for it, so a 422 with the generic
 * "Unable to execute command" code (see docs/carrier-commands.md).
 */
export const alreadyBridged = () =>
  telnyxError(422, '90033', 'Unable to execute command', '/call_control_id', 'The call to bridge with is already bridged to another call.');
export const ok = (): RestResult => ({ status: 200, body: { data: { result: 'ok' } } });
