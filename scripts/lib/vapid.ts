// A VAPID key pair for Web Push (RFC 8292), in the form the worker reads from VAPID_PUBLIC_KEY
// (the uncompressed P-256 point, base64url) and VAPID_PRIVATE_KEY (the private scalar `d`, base64url).
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function makeVapidKeys(): { publicKey: string; privateKey: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  if (!jwk.x || !jwk.y || !jwk.d) throw new Error('P-256 key without coordinates');
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return { publicKey: point.toString('base64url'), privateKey: jwk.d };
}

/**
 * The local run's pair, kept in the local state directory (.wrangler/state/vapid.json) so a browser
 * that subscribed once stays subscribed across restarts of `npm start`.
 */
export function localVapidKeys(stateDir: string): { publicKey: string; privateKey: string } {
  const file = path.join(stateDir, 'vapid.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { publicKey?: unknown; privateKey?: unknown };
    if (typeof kept.publicKey === 'string' && typeof kept.privateKey === 'string') return { publicKey: kept.publicKey, privateKey: kept.privateKey };
  }
  const keys = makeVapidKeys();
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
