// The simulator's HTTP face under /_sim (only when CARRIER_SIMULATOR is on): the Telnyx REST
// subset at /_sim/v2/*, the scripting API at /_sim/api/*, recordings, and the demo page at /_sim/.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { simulatorEnabled } from '../env';
import { metrics } from '../metrics';
import { simulatorStub } from './loopback';
import { SIM_PAGE } from './page';

export const simulatorRoutes = new Hono<AppEnv>()
  .use('*', async (c, next) => {
    // Absent, not forbidden: production must look exactly as if there were no simulator.
    if (!simulatorEnabled(c.env)) return c.notFound();
    await next();
  })
  .get('/', (c) => c.html(SIM_PAGE))
  .get('/api/worker-stats', (c) => c.json(metrics))
  .get('/api/call-sessions/:id', async (c) => {
    const stub = c.env.CALL_SESSION.get(c.env.CALL_SESSION.idFromName(c.req.param('id')));
    return c.json(await stub.inspect());
  })
  .all('/*', async (c) => {
    const url = new URL(c.req.url);
    const rest = url.pathname.replace(/^\/_sim/, '');
    if (rest === '/' && c.req.method === 'GET') return c.html(SIM_PAGE);
    const path = rest + url.search;
    return simulatorStub(c.env).fetch(new Request(`http://sim${path}`, c.req.raw));
  });
