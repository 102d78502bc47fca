// The simulator's HTTP face under /_sim (only when CARRIER_SIMULATOR is on): the Telnyx REST
// subset at /_sim/v2/*, the scripting API at /_sim/api/*, recordings, and the demo page at /_sim/.
// Numbers given to the scripting API may be typed in any common Korean format (010-1234-5678,
// 02-123-4567, 050…); they reach the carrier model in E.164, as a real carrier reports them.
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { simulatorEnabled } from '../env';
import { jobCounts, metrics } from '../metrics';
import { globalDb } from '../db/client';
import { simAgentPhones, simServiceNumbers } from '../db/sim-directory';
import { formatNational, toE164 } from '../phone';
import { simulatorStub } from './loopback';
import { SIM_PAGE } from './page';

/** The body with the named number fields in E.164 where they parse (anything else, e.g. "anonymous", as typed). */
async function withE164(c: Context<AppEnv>, fields: string[]): Promise<Request> {
  const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
  if (body && typeof body === 'object') {
    for (const f of fields) {
      const value = body[f];
      if (typeof value === 'string') body[f] = toE164(value) ?? value.trim();
    }
  }
  const path = new URL(c.req.url).pathname.replace(/^\/_sim/, '');
  return new Request(`http://sim${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

type SessionsAnswer = { sessions: { legs: { from: string; to: string }[] }[] };

export const simulatorRoutes = new Hono<AppEnv>()
  .use('*', async (c, next) => {
    // Absent, not forbidden: production must look exactly as if there were no simulator.
    if (!simulatorEnabled(c.env)) return c.notFound();
    await next();
  })
  .get('/', (c) => c.html(SIM_PAGE))
  .get('/api/worker-stats', (c) => c.json({ ...metrics, ...jobCounts }))
  .get('/api/call-sessions/:id', async (c) => {
    const stub = c.env.CALL_SESSION.get(c.env.CALL_SESSION.idFromName(c.req.param('id')));
    // An RPC call answers a promise whatever the method's own type says.
    // eslint-disable-next-line @typescript-eslint/await-thenable
    return c.json(await stub.inspect());
  })
  // The soak's eviction fault: the CallSession is reset as a runtime eviction would; what it stored resumes.
  .post('/api/call-sessions/:id/evict', async (c) => {
    const stub = c.env.CALL_SESSION.get(c.env.CALL_SESSION.idFromName(c.req.param('id')));
    await stub.evict().catch(() => undefined);
    return c.json({ evicted: true });
  })
  .post('/api/calls', async (c) => simulatorStub(c.env).fetch(await withE164(c, ['from', 'to'])))
  .post('/api/parties', async (c) => simulatorStub(c.env).fetch(await withE164(c, ['number'])))
  // The page plays agents too: whose phone each number is, and the service numbers to call.
  .get('/api/contact-center', async (c) => {
    const db = globalDb(c.env);
    const [agents, services] = await Promise.all([simAgentPhones(db), simServiceNumbers(db)]);
    const national = (n: string) => (n.startsWith('+') ? formatNational(n) : n);
    return c.json({
      agents: agents.map((a) => ({ ...a, national: national(a.mobile) })),
      serviceNumbers: services.map((s) => ({ ...s, national: national(s.e164) })),
    });
  })
  // The page's list: each leg's numbers also as people read them.
  .get('/api/sessions', async (c) => {
    const res = await simulatorStub(c.env).fetch(new Request('http://sim/api/sessions'));
    const answer = await res.json<SessionsAnswer>();
    const national = (n: string) => (n.startsWith('+') ? formatNational(n) : n);
    return c.json({
      sessions: answer.sessions.map((s) => ({ ...s, legs: s.legs.map((l) => ({ ...l, fromNational: national(l.from), toNational: national(l.to) })) })),
    });
  })
  .all('/*', async (c) => {
    const url = new URL(c.req.url);
    const rest = url.pathname.replace(/^\/_sim/, '');
    if (rest === '/' && c.req.method === 'GET') return c.html(SIM_PAGE);
    const path = rest + url.search;
    return simulatorStub(c.env).fetch(new Request(`http://sim${path}`, c.req.raw));
  });
