// The benchmark's operation counters (`BENCH_METER=on`, set only by `npm run bench`): the worker's and
// each Durable Object's env wrapped so every D1 statement prepared is counted, and each object's
// methods so every call into an object is, in `metrics` (worker/metrics.ts). Off, the env is handed
// on untouched and no class is touched: production and the tests pay nothing.
import type { Bindings } from './env';
import { jobCounts, metering, metrics } from './metrics';

const metered = new WeakMap<object, Bindings>();

/** Object classes whose methods were wrapped (once per class, the first instance's constructor). */
const meteredClasses = new WeakSet<object>();

/**
 * Counts every call into a Durable Object (its RPC methods and fetch) on the receiving side, when
 * the bench asked: the callers' stubs stay the runtime's own, so the count costs the calls nothing
 * (a Proxy around every stub was a tenth of the isolate's time under the bench). A class must not
 * call its own public methods (each such call would count as one more request): it calls private
 * ones (the Agent's #view, say), which are not on the prototype and so are never wrapped.
 */
export function meterObject(instance: object, env: Bindings) {
  if (env.BENCH_METER !== 'on') return;
  const top = Object.getPrototypeOf(instance) as object;
  if (meteredClasses.has(top)) return;
  meteredClasses.add(top);
  // The class's chain up to the runtime's own base (a local runtime may wrap the class in a subclass
  // of its own): each method name wrapped where a call finds it first, so a call counts once.
  const done = new Set<string>(['constructor']);
  for (let proto: object | null = top; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      // The socket handlers are the runtime's delivery of socket traffic, not requests.
      if (done.has(name) || name.startsWith('webSocket')) continue;
      const d = Object.getOwnPropertyDescriptor(proto, name);
      const method: unknown = d?.value;
      if (!d || typeof method !== 'function') continue;
      done.add(name);
      // The runtime invoking an alarm is an object invocation too, counted apart.
      const alarm = name === 'alarm';
      // Each object request also counted by class and method (`do:Queue.offer`), beside the jobs.
      const key = `do:${instance.constructor.name}.${name}`;
      Object.defineProperty(proto, name, {
        ...d,
        value: function (this: unknown, ...args: unknown[]) {
          if (alarm) metrics.alarmRuns++;
          else metrics.doRequests++;
          jobCounts[key] = (jobCounts[key] ?? 0) + 1;
          return Reflect.apply(method, this, args) as unknown;
        },
      });
    }
  }
}

/** A statement that writes (the bench's twin of a flow replays reads and writes apart). */
const WRITE = /^\s*(insert|update|delete|replace)\b/i;

function meterD1(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      if (prop === 'prepare' || prop === 'exec')
        return (...args: unknown[]) => {
          metrics.d1Statements++;
          if (typeof args[0] === 'string' && WRITE.test(args[0])) metrics.d1Writes++;
          return Reflect.apply(value, target, args) as unknown;
        };
      // A read-replication session (the routing snapshot's read) is counted as the database is.
      if (prop === 'withSession') return (...args: unknown[]) => meterD1(Reflect.apply(value, target, args) as D1Database);
      if (prop === 'batch')
        return (statements: unknown[]) => {
          metrics.d1Batches++;
          metrics.d1BatchedStatements += statements.length;
          return Reflect.apply(value, target, [statements]) as unknown;
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
  metered.set(env, out);
  return out;
}
