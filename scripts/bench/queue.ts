// Queue distribution benchmark (pure, Node): how long the Queue reducer takes to decide, how long
// from an agent going ready to the next offer, and how many calls one queue pushes through per
// second. Part of `npm run bench`; runs alone with `npx tsx scripts/bench/queue.ts`.
import { pathToFileURL } from 'node:url';
import { DEFAULT_QUEUE_CONFIG, initialQueueState, reduceQueue, type QueueInput, type QueueState } from '../../worker/contact-center/queue';

const AGENTS = 50;
const WAITING = 200;
const T0 = Date.parse('2025-03-05T01:00:00Z');

export type QueueBench = {
  agents: number;
  waiting: number;
  /** Median µs of a reducer step that decides where callers go with 50 agents and 200 waiting. */
  decisionMedianUs: number;
  /** Median µs from an agent's ready report to the reducer's offer for the head of the line. */
  readyToOfferMedianUs: number;
  /** Calls through one queue per second: join, offer, answer, agent ready again. */
  throughputCallsPerSec: number;
};

function step(state: QueueState, input: QueueInput, now: number): QueueState {
  const r = reduceQueue(state, input, now);
  if (r.error) throw new Error(`bench input refused: ${r.error.code}`);
  return r.state;
}

/** 50 agents on calls (levels 1–2, a few level 3 on standby) and 200 callers in line. */
function busyQueue(): QueueState {
  const config = { ...DEFAULT_QUEUE_CONFIG, queueId: 'q_bench', maxWaitSeconds: 3600, tierWidenSeconds: 600, announceIntervalSeconds: 60 };
  let s = initialQueueState(config, T0);
  const members = Array.from({ length: AGENTS }, (_, i) => ({ userId: `agent${String(i).padStart(2, '0')}`, level: i < 40 ? 1 : i < 45 ? 2 : 3 }));
  s = step(s, { kind: 'configure', config, members }, T0);
  for (const m of members) s = step(s, { kind: 'agent_unavailable', userId: m.userId, presence: 'on_call', since: T0, seenOfferSeq: 0 }, T0);
  for (let i = 0; i < WAITING; i++) s = step(s, { kind: 'caller_joined', callSessionId: `wait${i}`, priority: i % 10 === 0 ? 1 : 0 }, T0 + i * 100);
  return s;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeUs(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1000;
}

export async function benchQueue(): Promise<QueueBench> {
  const base = busyQueue();
  const now = T0 + WAITING * 100 + 1000;
  const rounds = 3000;

  // Decisions: a caller joins a full line (queued, position announced), and a level-3 agent goes
  // ready while every caller is still in tier 1 (the whole line scanned, nobody eligible).
  const decisions: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const join: QueueInput = { kind: 'caller_joined', callSessionId: `new${i}` };
    const standby: QueueInput = { kind: 'agent_ready', userId: 'agent49', since: now, idleSince: now, seenOfferSeq: 0 };
    const input = i % 2 === 0 ? join : standby;
    const us = timeUs(() => reduceQueue(base, input, now));
    if (i >= rounds / 10) decisions.push(us);
  }

  // Ready → offer: a level-1 agent comes back and the head of the line is offered to them.
  const readyToOffer: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const input: QueueInput = { kind: 'agent_ready', userId: `agent${String(i % 40).padStart(2, '0')}`, since: now, idleSince: now, seenOfferSeq: 0 };
    let offered = false;
    const us = timeUs(() => {
      offered = reduceQueue(base, input, now).effects.some((e) => e.kind === 'offer');
    });
    if (!offered) throw new Error('no offer after ready');
    if (i >= rounds / 10) readyToOffer.push(us);
  }

  // Throughput: 20,000 calls through the busy queue; each answered as soon as it is offered.
  const calls = 20_000;
  let s = base;
  let t = now;
  let agent = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    t += 10;
    s = step(s, { kind: 'caller_joined', callSessionId: `tp${i}` }, t);
    const userId = `agent${String(agent++ % 40).padStart(2, '0')}`;
    s = step(s, { kind: 'agent_ready', userId, since: t, idleSince: t, seenOfferSeq: s.members[userId]!.lastOfferSeq }, t);
    const offer = Object.values(s.offers)[0];
    if (!offer) throw new Error('no offer in throughput run');
    s = step(s, { kind: 'offer_answered', offerId: offer.offerId }, t + 1);
    s = step(s, { kind: 'handled', handleMs: 180_000 }, t + 2);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (s.today.answered < calls) throw new Error('throughput run lost calls');

  return {
    agents: AGENTS,
    waiting: WAITING,
    decisionMedianUs: Number(median(decisions).toFixed(2)),
    readyToOfferMedianUs: Number(median(readyToOffer).toFixed(2)),
    throughputCallsPerSec: Math.round(calls / seconds),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchQueue();
  console.log(`queue distribution (${r.agents} agents × ${r.waiting} waiting, pure reducer)`);
  console.log(`  decision           median ${r.decisionMedianUs} µs`);
  console.log(`  ready → offer      median ${r.readyToOfferMedianUs} µs (budget 1000 µs)`);
  console.log(`  throughput         ${r.throughputCallsPerSec} calls/s through one queue`);
}
