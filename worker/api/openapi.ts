// GET /api/openapi.json: the OpenAPI 3.1 description of the API (worker/http/openapi.ts), public like
// /api/health — it describes the routes and shapes the repository's docs/api.md already publishes and
// holds no data. Made on the first request of an isolate and kept.
import { Hono } from 'hono';
import type { RouterRoute } from 'hono/types';
import type { AppEnv } from '../env';
import { openApiDocument, type OpenApiDocument } from '../http/openapi';

/** `routes` is read at the first request, when the app has mounted every route (this one too). */
export function openApiRoutes(routes: () => RouterRoute[]) {
  let document: OpenApiDocument | undefined;
  return new Hono<AppEnv>().get('/openapi.json', (c) => c.json((document ??= openApiDocument(routes()))));
}
