// The password throttle under a burst (issue 19 §2): the attempt is counted before the password is
// checked, atomically, so 30 concurrent wrong passwords get at most the limit checked and the rest
// 429 — on login and on every route that re-checks one's own password.
import { describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_ACCOUNT } from '../../worker/auth/throttle';
import { DEFAULT_PASSWORD, login, makeOrg, makeUser, request } from '../fixtures/orgs';

const BURST = 30;

function tally(statuses: number[]) {
  const t: Record<number, number> = {};
  for (const s of statuses) t[s] = (t[s] ?? 0) + 1;
  return t;
}

describe('a burst of wrong passwords', () => {
  it(`${BURST} concurrent wrong logins for one account: at most ${MAX_FAILURES_PER_ACCOUNT} checked, the rest 429; then even the right password waits`, async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    const res = await Promise.all(
      Array.from({ length: BURST }, () =>
        request('/api/auth/login', { method: 'POST', json: { org: org.name, loginId: user.loginId, password: 'wrong-Pass1!' } }),
      ),
    );
    const t = tally(res.map((r) => r.status));
    expect(Object.keys(t).sort()).toEqual(['401', '429']);
    expect(t[401]).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(t[429]).toBe(BURST - (t[401] ?? 0));
    expect(res.find((r) => r.status === 429)?.headers.get('retry-after')).toBe('900');
    const right = await request('/api/auth/login', { method: 'POST', json: { org: org.name, loginId: user.loginId, password: DEFAULT_PASSWORD } });
    expect(right.status).toBe(429);
  });

  it(`${BURST} concurrent POST /api/me/password with a wrong current password: at most ${MAX_FAILURES_PER_ACCOUNT} checked`, async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    const client = await login(org.name, user.loginId);
    const res = await Promise.all(
      Array.from({ length: BURST }, () =>
        client.fetch('/api/me/password', { method: 'POST', json: { currentPassword: 'wrong-Pass1!', newPassword: 'N3w-passw0rd!' } }),
      ),
    );
    const t = tally(res.map((r) => r.status));
    expect(Object.keys(t).sort()).toEqual(['400', '429']);
    expect(t[400]).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    // The right password is refused too until the window ends, and nothing changed.
    const right = await client.fetch('/api/me/password', { method: 'POST', json: { currentPassword: DEFAULT_PASSWORD, newPassword: 'N3w-passw0rd!' } });
    expect(right.status).toBe(429);
    expect((await request('/api/auth/login', { method: 'POST', json: { org: org.name, loginId: user.loginId, password: DEFAULT_PASSWORD } })).status).toBe(200);
  });

  it('a right password takes its attempt back: four wrong, one right, four wrong again are all checked', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    const attempt = (password: string) =>
      request('/api/auth/login', { method: 'POST', json: { org: org.name, loginId: user.loginId, password }, ip: '10.9.9.9' });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-Pass1!')).status).toBe(401);
    expect((await attempt(DEFAULT_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-Pass1!')).status).toBe(401);
  });
});
