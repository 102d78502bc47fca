// How the simulated carrier delivers webhooks: signed like Telnyx, in order per call session,
// retried on failure, with the faults a test asked for (duplicates, swapped pairs, delays).
// Where the bodies go is the host's business (in-process in the worker, over HTTP in the bench).
import type { Faults } from './schemas';
import { signWebhook } from './sign';
import { defined } from '../defined';

export type LogEntry = {
  seq: number;
  at: number;
  session: string;
  kind: 'command' | 'webhook' | 'script';
  name: string;
  leg: string | null;
  status: number | null;
  commandId: string | null;
  eventId: string | null;
  /** For webhooks: the order the carrier produced them in (delivery order may differ under faults). */
  produced?: number;
  /** For webhooks: when the delivery (last attempt) was sent. */
  sentAt?: number;
  /** For record_start: the options asked for (beep, maximum length, silence trimming). */
  params?: Record<string, unknown>;
  /** For speak and gather commands: the text spoken. */
  text?: string;
  /** For call.hangup webhooks: the cause and source the carrier reported. */
  hangup?: { cause: string | null; source: string | null };
};

/** One simulated call session: its settings and how much scripted or delivery work is pending. */
export type SimSession = {
  id: string;
  timeScale: number;
  /** The session's clock runs this far from real time (a call placed at a scripted instant). */
  offset: number;
  lastAt: number;
  faults: Faults;
  legs: string[];
  /** Pending timers and deliveries; a session is idle when nothing is pending. */
  busy: number;
  held: { body: string; produced: number; timer: ReturnType<typeof setTimeout> } | null;
  produced: number;
  deliver: boolean;
  chain: Promise<void>;
};

/** POSTs a signed webhook body to the worker; resolves with the HTTP status (0 when unreachable). */
export type PostWebhook = (body: string, headers: Record<string, string>) => Promise<number>;

const LATENCIES_MAX = 100_000;
const chance = (rate: number) => rate > 0 && Math.random() < rate;

export class WebhookOutbox {
  private latencies: number[] = [];

  constructor(
    private readonly post: PostWebhook,
    private readonly privateKey: () => string,
    private readonly note: (e: Omit<LogEntry, 'seq' | 'at'>) => void,
    private readonly waitUntil: (p: Promise<unknown>) => void,
  ) {}

  emit(s: SimSession, body: string) {
    const produced = s.produced++;
    if (!s.held && !this.holds(s)) return this.push(s, body, produced);
    // Hold each webhook until the next one of the session is produced, then send both swapped.
    if (s.held) {
      const held = s.held;
      s.held = null;
      clearTimeout(held.timer);
      s.busy--;
      this.push(s, body, produced);
      this.push(s, held.body, held.produced);
      return;
    }
    s.busy++;
    s.held = {
      body,
      produced,
      timer: setTimeout(() => {
        if (s.held?.body === body) {
          s.held = null;
          s.busy--;
          this.push(s, body, produced);
        }
      }, 30),
    };
  }

  stats() {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const q = (p: number) => (sorted.length ? defined(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))], 'sorted') : null);
    return { deliveries: sorted.length, p50: q(0.5), p99: q(0.99), max: sorted.at(-1) ?? null };
  }

  resetStats() {
    this.latencies = [];
  }

  private push(s: SimSession, body: string, produced: number) {
    s.busy++;
    const times = s.faults.duplicate || chance(s.faults.duplicateRate) ? 2 : 1;
    s.chain = s.chain
      .then(async () => {
        if (s.faults.delayMs) await new Promise((r) => setTimeout(r, s.faults.delayMs));
        for (let i = 0; i < times; i++) await this.deliver(s, body, produced);
        if (s.faults.redeliverAfterMs !== undefined) this.redeliver(s, body, produced, s.faults.redeliverAfterMs);
      })
      .finally(() => {
        s.busy--;
      });
    this.waitUntil(s.chain);
  }

  /** Whether this webhook waits for the next one of its session, to be delivered after it. */
  private holds(s: SimSession): boolean {
    return s.faults.reorder || chance(s.faults.reorderRate);
  }

  /** The same webhook once more, `ms` after its delivery, outside the session's order (a carrier retry). */
  private redeliver(s: SimSession, body: string, produced: number, ms: number) {
    s.busy++;
    const again = new Promise((r) => setTimeout(r, ms))
      .then(() => this.deliver(s, body, produced))
      .finally(() => {
        s.busy--;
      });
    this.waitUntil(again);
  }

  private async deliver(s: SimSession, body: string, produced: number) {
    const parsed = JSON.parse(body) as {
      data: { id: string; event_type: string; payload: { call_control_id?: string; hangup_cause?: string; hangup_source?: string } };
    };
    const p = parsed.data.payload;
    const entry = {
      session: s.id,
      kind: 'webhook' as const,
      name: parsed.data.event_type,
      leg: p.call_control_id ?? null,
      ...(parsed.data.event_type === 'call.hangup' ? { hangup: { cause: p.hangup_cause ?? null, source: p.hangup_source ?? null } } : {}),
    };
    if (!s.deliver) {
      this.note({ ...entry, status: null, commandId: null, eventId: parsed.data.id, produced });
      return;
    }
    for (let attempt = 1; attempt <= 3; attempt++) {
      const headers = await signWebhook(this.privateKey(), body);
      const sentAt = Date.now();
      const started = performance.now();
      const status = await this.post(body, headers).catch(() => 0);
      this.latencies.push(performance.now() - started);
      if (this.latencies.length > LATENCIES_MAX) this.latencies.shift();
      this.note({ ...entry, status, commandId: null, eventId: parsed.data.id, produced, sentAt });
      if (status >= 200 && status < 300) return;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}
