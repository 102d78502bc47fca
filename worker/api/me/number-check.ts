// Number check (S7, 번호체크): runs the engine for now on freshly compiled settings, compares the
// routing snapshot calls read with them (and rebuilds it when it is stale or differs), and checks
// the linked mobile and the carrier settings, each as a step passed or failed. Settings are named,
// never shown. Mounted at /api/me/number-check.
import { Hono } from 'hono';
import { requireUser } from '../../auth/session';
import { storedSnapshotRow } from '../../db/my-numbers';
import { mayDial } from '../../destinations';
import { compileSnapshot, rebuildSnapshot } from '../../db/snapshot-compiler';
import type { AppEnv, Bindings } from '../../env';
import { outbound } from '../../outbound';
import { SNAPSHOT_VERSION } from '../../routing/snapshot';
import { statusAt } from '../../routing/status';
import { numberCheckSteps, type CheckFacts } from '../../safe-number/number-check';
import { mySafeNumber } from './home';
import { maskedMobile, phoneView } from '../safe-number-views';

/** JSON with object keys in one order, so two snapshots compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const present = (env: Bindings, name: 'TELNYX_API_KEY' | 'TELNYX_CONNECTION_ID' | 'TELNYX_PUBLIC_KEY') => {
  const value: unknown = env[name];
  return typeof value === 'string' && value.trim() !== '';
};

export const meNumberCheckRoutes = new Hono<AppEnv>().post('/', requireUser, async (c) => {
  const scope = c.get('scope');
  const { user, number } = await mySafeNumber(c);
  const now = Date.now();
  const facts: CheckFacts = {
    hasNumber: number !== null,
    // A linked mobile the destination policy refuses is no mobile: calls would not ring it.
    hasMobile: user.mobile !== null && mayDial(user.mobile, 'person'),
    stored: null,
    compiled: false,
    settings: {
      TELNYX_API_KEY: present(c.env, 'TELNYX_API_KEY'),
      TELNYX_CONNECTION_ID: present(c.env, 'TELNYX_CONNECTION_ID'),
      TELNYX_PUBLIC_KEY: present(c.env, 'TELNYX_PUBLIC_KEY'),
    },
    simulator: outbound(c.env).simulated(c.env),
    now: null,
  };
  if (number) {
    const [row, fresh] = await Promise.all([storedSnapshotRow(scope, number.id), compileSnapshot(c.env, number.id)]);
    if (fresh) {
      facts.compiled = true;
      facts.stored = !row ? 'missing' : row.version !== SNAPSHOT_VERSION ? 'stale' : canonical(row.snapshot) !== canonical(fresh) ? 'different' : 'current';
      // What the next call reads must be what the settings say: the check repairs it on the spot.
      if (facts.stored !== 'current') await rebuildSnapshot(c.env, number.id);
      const s = statusAt(fresh, now);
      facts.now = { status: s.status, rule: s.rule };
    }
  }
  const result = numberCheckSteps(facts);
  return c.json({
    ranAt: now,
    number: number ? phoneView(number.e164) : null,
    mobile: maskedMobile(user.mobile),
    ...result,
  });
});
