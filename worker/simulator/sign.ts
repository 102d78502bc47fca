// Signs simulator webhooks as Telnyx does: Ed25519 over `timestamp|body`, base64 signature header.
// Typed through importKey: the global CryptoKey type differs between workers-types and Node's.
type SigningKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
let cached: { pkcs8: string; key: Promise<SigningKey> } | undefined;

function importKey(pkcs8: string): Promise<SigningKey> {
  if (!cached || cached.pkcs8 !== pkcs8) {
    const der = Uint8Array.from(atob(pkcs8), (c) => c.charCodeAt(0));
    cached = { pkcs8, key: crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']) };
  }
  return cached.key;
}

export async function signWebhook(pkcs8: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Promise<Record<string, string>> {
  const key = await importKey(pkcs8);
  const sig = new Uint8Array(await crypto.subtle.sign('Ed25519', key, new TextEncoder().encode(`${timestamp}|${body}`)));
  let bin = '';
  for (const b of sig) bin += String.fromCharCode(b);
  return { 'telnyx-signature-ed25519': btoa(bin), 'telnyx-timestamp': String(timestamp), 'content-type': 'application/json' };
}
