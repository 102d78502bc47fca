// A VAPID key pair for Web Push (RFC 8292), in the form the worker reads from VAPID_PUBLIC_KEY
// (the uncompressed P-256 point, base64url) and VAPID_PRIVATE_KEY (the private scalar `d`, base64url).
import { generateKeyPairSync } from 'node:crypto';

export function makeVapidKeys(): { publicKey: string; privateKey: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  if (!jwk.x || !jwk.y || !jwk.d) throw new Error('P-256 key without coordinates');
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return { publicKey: point.toString('base64url'), privateKey: jwk.d };
}
