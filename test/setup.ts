// Applies the real migrations to the test D1 before any suite runs, after pinning the clock when
// TEST_CLOCK is set (test/clock.ts): each test file starts at that instant.
import { applyD1Migrations, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { pinClock, pinnedInstant, type AlarmStorage } from './clock';

const pinned = pinnedInstant(env.TEST_CLOCK);
if (pinned !== null) {
  // Durable Object storage's prototype (shared by every object in this isolate), for its alarms.
  const probe = env.SIM_CARRIER.get(env.SIM_CARRIER.idFromName('test-clock'));
  const storage = await runInDurableObject(probe, (_instance, state) => Object.getPrototypeOf(state.storage) as AlarmStorage);
  pinClock(pinned, storage);
}

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
