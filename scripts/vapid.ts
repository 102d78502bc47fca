// `npm run vapid`: prints a fresh VAPID key pair for Web Push, and how to install it as secrets.
import { makeVapidKeys } from './lib/vapid';

const { publicKey, privateKey } = makeVapidKeys();
console.log(`VAPID_PUBLIC_KEY=${publicKey}`);
console.log(`VAPID_PRIVATE_KEY=${privateKey}`);
console.log('');
console.log('Install them (and a contact the push services may write to):');
console.log('  npx wrangler secret put VAPID_PUBLIC_KEY');
console.log('  npx wrangler secret put VAPID_PRIVATE_KEY');
console.log('  npx wrangler secret put VAPID_SUBJECT   # e.g. mailto:ops@example.go.kr');
console.log('Keep the pair: a new one makes every device subscribe again.');
