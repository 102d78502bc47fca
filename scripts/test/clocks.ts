// `npm run test:clocks`: the workerd suites (`vitest --project workers`) once per pinned clock,
// so no test passes only on the day it was written. TEST_CLOCK pins the instant each test file
// starts at (test/clock.ts); TZ sets the machine's zone (workerd itself always runs in UTC, see
// test/clock.test.ts; TZ reaches the Node side). `npm run test:clocks -- <part of a name>` runs
// only the matching clocks.
import { runSteps, type Step } from './steps';

// Two runs cover the four days the issue names, to keep CI's added time near 10 minutes: a Sunday
// that is also New York's DST change (15:59:30 that Sunday in Seoul), and Hangul Day (a public
// holiday, a Friday) at 23:59:30 in Seoul, so the longer files run on into the next day.
export const CLOCKS = [
  { name: 'a Sunday, the minute before New York springs forward (DST)', clock: '2026-03-08T01:59:30-05:00', tz: 'America/New_York' },
  { name: 'a public holiday (Hangul Day) at 23:59:30 in Seoul', clock: '2026-10-09T23:59:30+09:00', tz: 'Asia/Seoul' },
];

const only = process.argv.slice(2).join(' ');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const steps: Step[] = CLOCKS.filter((c) => !only || c.name.includes(only)).map((c) => ({
  name: `${c.name}: ${c.clock} TZ=${c.tz}`,
  command: npx,
  args: ['vitest', 'run', '--project', 'workers'],
  env: { TEST_CLOCK: c.clock, TZ: c.tz },
}));
if (steps.length === 0) {
  console.error(`No clock matches "${only}"; the clocks: ${CLOCKS.map((c) => c.name).join('; ')}`);
  process.exitCode = 1;
} else process.exitCode = await runSteps('test:clocks', steps);
