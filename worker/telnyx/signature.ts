// Webhook signature check, as Telnyx signs: Ed25519 over `timestamp|raw body` with
// TELNYX_PUBLIC_KEY (base64, 32 bytes), timestamps within ±300 s. The same rules as the telnyx SDK's
// TelnyxWebhook.verify (a test holds the two to the same answers), but the key is imported once per
// isolate: the SDK imports it again for every webhook, which is most of the floor's cost.

export const TOLERANCE_SECONDS = 300;

type VerifyKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
const keys = new Map<string, Promise<VerifyKey | null>>();

function decodeBase64(b64: string): Uint8Array | null {
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

function keyFor(publicKey: string): Promise<VerifyKey | null> {
  let key = keys.get(publicKey);
  if (!key) {
    const raw = decodeBase64(publicKey);
    key = raw?.length === 32 ? crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']).catch(() => null) : Promise.resolve(null);
    keys.set(publicKey, key);
  }
  return key;
}

/** True when the headers carry a valid, fresh signature of exactly these bytes. */
export async function verifyTelnyxSignature(body: string, headers: Headers, publicKey: string | undefined, nowMs = Date.now()): Promise<boolean> {
  if (!publicKey) return false;
  const signatureHeader = headers.get('telnyx-signature-ed25519');
  const timestamp = headers.get('telnyx-timestamp');
  if (!signatureHeader || !timestamp || !/^\d{1,15}$/.test(timestamp)) return false;
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const signature = decodeBase64(signatureHeader);
  if (signature?.length !== 64) return false;
  const key = await keyFor(publicKey);
  if (!key) return false;
  try {
    return await crypto.subtle.verify('Ed25519', key, signature, new TextEncoder().encode(`${timestamp}|${body}`));
  } catch {
    return false;
  }
}
