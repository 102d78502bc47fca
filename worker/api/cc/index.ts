// The contact center's API: one Hono sub-app, mounted once at /api/cc by the entry. Setup (queues,
// categories), history (calls, callbacks, stats) and the live side (issue 11: /me, /live,
// /outbound). The queue dashboards' socket is mounted by the entry itself, outside the JSON API's
// middleware (its answer is the socket). This file only says where each resource sits.
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { ccCallbackRoutes } from './callbacks';
import { ccCallRoutes } from './calls';
import { ccCategoryRoutes, ccOptionRoutes } from './categories';
import { ccLiveRoutes, ccMeRoutes, ccOutboundRoutes } from './live';
import { ccQueueRoutes } from './queues';
import { ccStatsRoutes } from './stats';

export { ccQueueSocketRoutes } from './live';

export const ccRoutes = new Hono<AppEnv>()
  .route('/queues', ccQueueRoutes)
  .route('/categories', ccCategoryRoutes)
  .route('/options', ccOptionRoutes)
  .route('/calls', ccCallRoutes)
  .route('/callbacks', ccCallbackRoutes)
  .route('/stats', ccStatsRoutes)
  .route('/me', ccMeRoutes)
  .route('/live', ccLiveRoutes)
  .route('/outbound', ccOutboundRoutes);
