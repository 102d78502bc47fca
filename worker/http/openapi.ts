// The OpenAPI 3.1 description of the JSON API (issue 18), made from the app itself: every route
// Hono has mounted under /api (app.routes), its path, query and body schemas read off the one
// validator (worker/http/validate.ts) and its answer from the contract (contract/answers.ts), each
// turned into JSON Schema by @valibot/to-json-schema; the few GETs that answer no JSON say in words
// what they answer (NOT_JSON). Made once per isolate, on first request.
import { toJsonSchema } from '@valibot/to-json-schema';
import type { RouterRoute } from 'hono/types';
import type * as v from 'valibot';
import { ANSWERS, NOT_JSON } from '../../contract/answers';
import { REQUEST_SCHEMA, type RequestSchema } from './validate';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

type JsonSchema = Record<string, unknown>;
type Operation = {
  operationId: string;
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
};
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
};

/**
 * JSON Schema of what a schema accepts (its input: a query's strings before they become numbers).
 * Transforms, custom checks and the like have no JSON Schema; they are left out, not guessed.
 */
function jsonSchema(schema: v.GenericSchema): JsonSchema {
  const out = toJsonSchema(schema, { errorMode: 'ignore', typeMode: 'input' }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** `/api/x/:id{[a-z]+}/y/:n?` → `/api/x/{id}/y/{n}` and the parameter names. */
export function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const out = path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, (_, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: out, params };
}

function requestSchemas(handlers: RouterRoute[]): RequestSchema[] {
  return handlers.flatMap((r) => {
    const tag = (r.handler as { [REQUEST_SCHEMA]?: RequestSchema })[REQUEST_SCHEMA];
    return tag ? [tag] : [];
  });
}

/** Object schemas' properties as parameters (`in` path or query); `required` from the JSON Schema. */
function parametersOf(schema: JsonSchema, where: 'path' | 'query'): NonNullable<Operation['parameters']> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: s }));
}

function operation(method: string, path: string, handlers: RouterRoute[]): Operation {
  const { params } = openApiPath(path);
  const requests = requestSchemas(handlers);
  const parameters: NonNullable<Operation['parameters']> = [];
  const content: Record<string, { schema: JsonSchema }> = {};
  for (const { target, schema } of requests) {
    const js = jsonSchema(schema);
    if (target === 'param' || target === 'query') parameters.push(...parametersOf(js, target === 'param' ? 'path' : 'query'));
    else content[target === 'json' ? 'application/json' : 'multipart/form-data'] = { schema: js };
  }
  // Path parameters no validator names (checked in the handler) are still strings in the path.
  for (const name of params)
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  const answer = (ANSWERS as Record<string, v.GenericSchema | undefined>)[`${method} ${path}`];
  const op: Operation = {
    operationId: `${method.toLowerCase()} ${path}`,
    responses: {
      default: { description: 'The answer (docs/api.md); errors are `{error:{code, message, fields?}}`.' },
    },
  };
  const other = (NOT_JSON as Record<string, string | undefined>)[`${method} ${path}`];
  if (answer) op.responses['200'] = { description: 'OK', content: { 'application/json': { schema: jsonSchema(answer) } } };
  else if (other) op.responses['200'] = { description: `Not JSON: ${other}.` };
  if (parameters.length) op.parameters = parameters;
  if (Object.keys(content).length) op.requestBody = { required: true, content };
  return op;
}

/** The description of every mounted /api route (app.routes holds one entry per handler and middleware). */
export function openApiDocument(routes: RouterRoute[]): OpenApiDocument {
  const byRoute = new Map<string, RouterRoute[]>();
  for (const r of routes) {
    if (!METHODS.has(r.method) || !r.path.startsWith('/api/')) continue;
    const key = `${r.method} ${r.path}`;
    byRoute.set(key, [...(byRoute.get(key) ?? []), r]);
  }
  const paths: OpenApiDocument['paths'] = {};
  for (const [key, handlers] of [...byRoute].sort(([a], [b]) => a.localeCompare(b))) {
    const [method = 'GET', path = '/'] = key.split(' ');
    const oa = openApiPath(path).path;
    (paths[oa] ??= {})[method.toLowerCase()] = operation(method, path, handlers);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Edge safe number and contact center API',
      version: '1',
      description: 'Made from the mounted routes and contract/ (issue 18). Prose, roles and errors: docs/api.md.',
    },
    paths,
  };
}
