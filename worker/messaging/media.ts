// MMS images (S15): what may be attached (JPEG, PNG or GIF under Telnyx's 1 MB), and the
// short-lived signed address the carrier fetches it from. The signature is an HMAC of the message
// id and the expiry under a key derived from the API key with its own label, so the address
// cannot be made for another message or kept beyond its expiry, and nothing new needs configuring.

/** "The total media size must be less than 1 MB" (Telnyx, MessageSendParams.media_urls). */
export const MEDIA_MAX_BYTES = 1_000_000 - 1;
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif'] as const;
/** Long enough for the carrier to fetch it after a batch, short enough to be useless later. */
export const MEDIA_URL_TTL_MS = 60 * 60_000;

const enc = new TextEncoder();

async function signingKey(env: { TELNYX_API_KEY?: string }): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', enc.encode(env.TELNYX_API_KEY ?? ''), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const derived = await crypto.subtle.sign('HMAC', base, enc.encode('mms-media-url/v1'));
  return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');

export async function mediaSignature(env: { TELNYX_API_KEY?: string }, messageId: string, expires: number): Promise<string> {
  return hex(await crypto.subtle.sign('HMAC', await signingKey(env), enc.encode(`${messageId}.${expires}`)));
}

/** The address handed to the carrier: <base>/media/messages/<id>?expires=…&sig=… */
export async function mediaUrl(env: { TELNYX_API_KEY?: string }, publicBase: string, messageId: string, now: number): Promise<string> {
  const expires = now + MEDIA_URL_TTL_MS;
  return `${publicBase}/media/messages/${encodeURIComponent(messageId)}?expires=${expires}&sig=${await mediaSignature(env, messageId, expires)}`;
}

/** Whether a signed address is genuine and not yet expired (compared in constant time). */
export async function mediaUrlValid(env: { TELNYX_API_KEY?: string }, messageId: string, expires: number, sig: string, now: number): Promise<boolean> {
  if (!Number.isSafeInteger(expires) || expires < now || !/^[0-9a-f]{64}$/.test(sig)) return false;
  const bytes = new Uint8Array(sig.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
  return crypto.subtle.verify('HMAC', await signingKey(env), bytes, enc.encode(`${messageId}.${expires}`));
}

/** The image type by its first bytes (never the declared type alone), or null. */
export function sniffImage(head: Uint8Array): (typeof MEDIA_TYPES)[number] | null {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'image/png';
  if (head[0] === 0x47 && head[1] === 0x49 && head[2] === 0x46 && head[3] === 0x38) return 'image/gif';
  return null;
}
