// Tests run inside workerd with the real D1, R2 and Durable Objects of wrangler.toml; migrations
// are applied in test/setup.ts. The carrier simulator is on, with a key pair made for this run.
// A second project ('node') runs test/node/** in Node: the operator CLI against real wrangler.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { makeVapidKeys } from './scripts/lib/vapid';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // Telnyx publishes the raw 32-byte key in base64; the SPKI DER ends with exactly those bytes.
  const rawPublic = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const vapid = makeVapidKeys();
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  CARRIER_SIMULATOR: 'on',
                  TELNYX_API_BASE: 'http://simulator.invalid',
                  TELNYX_API_KEY: 'KEY_test_not_a_secret',
                  TELNYX_PUBLIC_KEY: rawPublic,
                  SIMULATOR_PRIVATE_KEY: pkcs8,
                  TELNYX_CONNECTION_ID: 'conn-test',
                  TELNYX_MESSAGING_PROFILE_ID: 'mp-test',
                  VAPID_PUBLIC_KEY: vapid.publicKey,
                  VAPID_PRIVATE_KEY: vapid.privateKey,
                  VAPID_SUBJECT: 'mailto:test@example.invalid',
                  // A slow recording host is given up on quickly (the flow retries it later).
                  RECORDING_COPY_TIMEOUT_MS: '500',
                  // The pinned-clock runs (npm run test:clocks): the instant each test file starts at (test/clock.ts).
                  TEST_CLOCK: process.env.TEST_CLOCK ?? '',
                  // test/api/fuzz.test.ts: runs per route (empty: its default).
                  FUZZ_RUNS: process.env.FUZZ_RUNS ?? '',
                },
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/**/*.test.ts'],
            exclude: ['test/browser/**', 'test/node/**'],
            setupFiles: ['./test/setup.ts'],
            testTimeout: 20_000,
          },
        },
        {
          // The operator CLI and npm start as the operator runs them: real wrangler, a throwaway local state.
          test: {
            name: 'node',
            environment: 'node',
            include: ['test/node/**/*.test.ts'],
            // Each step spawns wrangler; on a loaded 2-core box a flow can take a minute or more (the
            // apply flow, three wrangler runs, took just over 180 s beside a soak and the browser suites).
            testTimeout: 300_000,
            hookTimeout: 180_000,
            // One file at a time: every `wrangler dev` runs the web build ([build] in wrangler.toml)
            // into the same web/dist, and two builds at once would empty it under each other.
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
