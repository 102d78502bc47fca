// The live staffing hint (B5): Erlang C (M/M/N, callers wait, nobody abandons) turns the recent
// arrival rate and handle time into the number of agents that reaches a service-level target such as
// 80 % answered within 20 s. PURE.

/**
 * Probability that a caller has to wait (Erlang C) with `agents` agents and `traffic` erlangs
 * offered. Computed through the Erlang B recursion, which stays stable for hundreds of agents where
 * A^N / N! would overflow. 1 when the agents cannot keep up (agents ≤ traffic).
 */
export function erlangC(agents: number, traffic: number): number {
  if (!Number.isInteger(agents) || agents < 0) throw new RangeError('agents must be a whole number ≥ 0');
  if (!(traffic >= 0) || !Number.isFinite(traffic)) throw new RangeError('traffic must be a finite number ≥ 0');
  if (traffic === 0) return 0;
  if (agents <= traffic) return 1;
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (traffic * b) / (n + traffic * b);
  return (agents * b) / (agents - traffic * (1 - b));
}

/** Share of callers answered within `targetSeconds`: 1 − C · e^(−(N − A) · t / AHT). */
export function erlangServiceLevel(agents: number, traffic: number, handleSeconds: number, targetSeconds: number): number {
  if (traffic === 0) return 1;
  if (agents <= traffic) return 0;
  return 1 - erlangC(agents, traffic) * Math.exp((-(agents - traffic) * targetSeconds) / handleSeconds);
}

/** Average speed of answer in seconds: C · AHT / (N − A). */
export function erlangAverageWait(agents: number, traffic: number, handleSeconds: number): number {
  if (traffic === 0) return 0;
  if (agents <= traffic) return Infinity;
  return (erlangC(agents, traffic) * handleSeconds) / (agents - traffic);
}

export type StaffingInput = {
  /** Calls that arrived in the window. */
  arrivals: number;
  /** Length of the window the arrivals were counted in (30 min for the live hint). */
  windowSeconds: number;
  /** Average handle time: talk + after-call work. */
  handleSeconds: number;
  /** Answered within this many seconds … */
  targetSeconds: number;
  /** … for at least this share of callers (0 < level < 1), e.g. 0.8. */
  targetLevel: number;
  /** Search no further than this many agents. */
  maxAgents?: number;
};

export type StaffingHint = {
  /** Agents needed to reach the target; 0 when nothing arrives. */
  agents: number;
  /** Offered load in erlangs: arrivals per second × handle seconds. */
  traffic: number;
  /** What that many agents achieve. */
  serviceLevel: number;
  probabilityOfWaiting: number;
  averageWaitSeconds: number;
  /** True when even maxAgents does not reach the target. */
  capped: boolean;
};

/** The smallest number of agents whose Erlang C service level reaches the target. */
export function agentsNeeded(input: StaffingInput): StaffingHint {
  const { arrivals, windowSeconds, handleSeconds, targetSeconds, targetLevel } = input;
  const maxAgents = input.maxAgents ?? 1000;
  if (!(arrivals >= 0) || !(windowSeconds > 0) || !(handleSeconds >= 0) || !(targetSeconds >= 0)) throw new RangeError('invalid staffing input');
  if (!(targetLevel > 0 && targetLevel < 1)) throw new RangeError('targetLevel must be between 0 and 1');
  const traffic = (arrivals / windowSeconds) * handleSeconds;
  if (traffic === 0) return { agents: 0, traffic: 0, serviceLevel: 1, probabilityOfWaiting: 0, averageWaitSeconds: 0, capped: false };
  let agents = Math.max(1, Math.floor(traffic) + 1);
  let level = erlangServiceLevel(agents, traffic, handleSeconds, targetSeconds);
  while (level < targetLevel && agents < maxAgents) {
    agents++;
    level = erlangServiceLevel(agents, traffic, handleSeconds, targetSeconds);
  }
  return {
    agents,
    traffic,
    serviceLevel: level,
    probabilityOfWaiting: erlangC(agents, traffic),
    averageWaitSeconds: erlangAverageWait(agents, traffic, handleSeconds),
    capped: level < targetLevel,
  };
}
