// The benchmark's operation counters (`BENCH_METER=on`, set only by `npm run bench`): the worker's and
// each Durable Object's env wrapped so every D1 statement prepared and every call to an object stub
// is counted in `metrics` (worker/metrics.ts). Off, the env is handed on untouched: production and
// the tests pay nothing.
import type { Bindings } from './env';
import { metering, metrics } from './metrics';

const NAMESPACES = ['CALL_SESSION', 'AGENT', 'QUEUE'] as const satisfies (keyof Bindings)[];

const metered = new WeakMap<object, Bindings>();

/** Every method call on the stub (RPC or fetch) counts as one request to its object. */
function meterStub<T extends object>(stub: T): T {
  return new Proxy(stub, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== 'function' || prop === 'then') return value;
      return (...args: unknown[]) => {
        metrics.doRequests++;
        return Reflect.apply(value, target, args) as unknown;
      };
    },
  });
}

function meterNamespace<T extends object>(ns: T): T {
  return new Proxy(ns, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      if (prop === 'get' || prop === 'getByName') return (...args: unknown[]) => meterStub(Reflect.apply(value, target, args) as object);
      return value.bind(target) as unknown;
    },
  });
}

function meterD1(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      if (prop === 'prepare' || prop === 'exec')
        return (...args: unknown[]) => {
          metrics.d1Statements++;
          return Reflect.apply(value, target, args) as unknown;
        };
      return value.bind(target) as unknown;
    },
  });
}

/** The env with its D1 and object bindings counted, when the bench asked for it; else the env itself. */
export function meterEnv<E extends Bindings>(env: E): E {
  if (env.BENCH_METER !== 'on') return env;
  const known = metered.get(env);
  if (known) return known as E;
  metering.on = true;
  const out: E = { ...env, DB: meterD1(env.DB) };
  for (const name of NAMESPACES) Object.assign(out, { [name]: meterNamespace(env[name]) });
  metered.set(env, out);
  return out;
}
