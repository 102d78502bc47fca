// Applies the real migrations to the test D1 before any suite runs, after pinning the clock when
// TEST_CLOCK is set (test/clock.ts): each test file starts at that instant.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { pinClock, pinnedInstant } from './clock';

const pinned = pinnedInstant(env.TEST_CLOCK);
if (pinned !== null) pinClock(pinned);

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
