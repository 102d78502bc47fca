// Webhook signature check: Ed25519 over `timestamp|raw body` with TELNYX_PUBLIC_KEY, ±300 s, done
// by the telnyx SDK's own verifier (WebCrypto; runs in workerd since 7.24).
import { TelnyxWebhook } from 'telnyx/lib/webhooks';

const verifiers = new Map<string, TelnyxWebhook>();

/**
 * True when the headers carry a valid, fresh signature of exactly these bytes.
 * The SDK's `client.webhooks.unwrap(body, {headers, key})` is this same TelnyxWebhook.verify plus a
 * JSON.parse; calling the verifier directly avoids building a whole API client per request.
 */
export async function verifyTelnyxSignature(body: string, headers: Headers, publicKey: string | undefined): Promise<boolean> {
  if (!publicKey) return false;
  let verifier = verifiers.get(publicKey);
  if (!verifier) {
    try {
      verifier = new TelnyxWebhook(publicKey);
    } catch {
      return false;
    }
    verifiers.set(publicKey, verifier);
  }
  const wanted: Record<string, string> = {};
  for (const name of ['telnyx-signature-ed25519', 'telnyx-timestamp']) {
    const value = headers.get(name);
    if (value !== null) wanted[name] = value;
  }
  try {
    await verifier.verify(body, wanted);
    return true;
  } catch {
    return false;
  }
}
