// The live popup's state (S14): one WebSocket to /api/live per open tab (the server's Agent object
// holds it, hibernating while idle), reconnecting by itself with backoff, kept alive by "ping".
// The calls ringing or up for the signed-in user, and missed calls until dismissed; and, for the
// contact center, the agent's own presence (docs/contact-center-live.md, `agent` messages). No DOM.
import { signal } from '@preact/signals';
import type { AgentView } from '../../../../contract/cc-live';

export type CallerView = { number: string; national: string | null; name: string | null; group: string | null };
export type LiveState = 'ringing' | 'answered' | 'missed' | 'ended';
export type LiveCall = {
  sessionId: string;
  state: LiveState;
  caller: CallerView;
  numberId: string | null;
  startedAt: number;
  outcome: string | null;
  updatedAt: number;
};
type ServerMessage = { type: 'calls'; calls: LiveCall[] } | { type: 'call'; call: LiveCall } | { type: 'agent'; agent: AgentView };

/** Outcomes that stay on screen as a missed call after the call ends (the server's NOTIFIED_OUTCOMES). */
const MISSED = new Set(['missed', 'abandoned', 'after_hours', 'lunch', 'blocked', 'voicemail']);
const PING_MS = 25_000;
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/** What the popup shows, oldest first. */
export const liveCalls = signal<LiveCall[]>([]);
/** The signed-in agent's contact-center presence, a full view at every change (null until known). */
export const liveAgent = signal<AgentView | null>(null);
/** 'open' while the socket is up (tests and the bench wait for it). */
export const liveStatus = signal<'idle' | 'connecting' | 'open' | 'closed'>('idle');

let socket: WebSocket | null = null;
let pingTimer: ReturnType<typeof setInterval> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let attempts = 0;
let wanted = false;

function upsert(call: LiveCall) {
  const rest = liveCalls.value.filter((c) => c.sessionId !== call.sessionId);
  if (call.state === 'ended') {
    // A missed call stays until dismissed; any other call's popup closes with the call.
    liveCalls.value = call.outcome && MISSED.has(call.outcome) ? [...rest, { ...call, state: 'missed' }] : rest;
    return;
  }
  liveCalls.value = [...rest, call].sort((a, b) => a.startedAt - b.startedAt);
}

function onMessage(data: unknown) {
  if (typeof data !== 'string' || data === 'pong') return;
  let msg: ServerMessage;
  try {
    msg = JSON.parse(data) as ServerMessage;
  } catch {
    return;
  }
  if (msg.type === 'calls') {
    // The server's list of calls still up replaces ours; missed ones we already show stay.
    const missed = liveCalls.value.filter((c) => c.state === 'missed' && !msg.calls.some((x) => x.sessionId === c.sessionId));
    liveCalls.value = [...missed, ...msg.calls].sort((a, b) => a.startedAt - b.startedAt);
  } else if (msg.type === 'call') upsert(msg.call);
  else if (msg.type === 'agent') liveAgent.value = msg.agent;
}

function connect() {
  if (!wanted || socket) return;
  liveStatus.value = 'connecting';
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/live`;
  const ws = new WebSocket(url);
  socket = ws;
  ws.onopen = () => {
    attempts = 0;
    liveStatus.value = 'open';
    pingTimer = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('ping'), PING_MS);
  };
  ws.onmessage = (e) => onMessage(e.data);
  ws.onclose = () => {
    clearInterval(pingTimer);
    if (socket === ws) socket = null;
    liveStatus.value = 'closed';
    if (!wanted) return;
    // Reconnect by itself: the network blinked, the server restarted, the laptop woke up.
    const delay = BACKOFF_MS[Math.min(attempts++, BACKOFF_MS.length - 1)] ?? 30_000;
    retryTimer = setTimeout(connect, delay);
  };
}

/** Opens the socket for this tab (idempotent); called when a user is signed in. */
export function startLive(): void {
  wanted = true;
  connect();
}

/** Closes it (signing out). */
export function stopLive(): void {
  wanted = false;
  clearTimeout(retryTimer);
  socket?.close(1000, 'bye');
  socket = null;
  liveCalls.value = [];
  liveAgent.value = null;
  liveStatus.value = 'idle';
}

export function dismiss(sessionId: string): void {
  liveCalls.value = liveCalls.value.filter((c) => c.sessionId !== sessionId);
}
