// The simulated carrier's model of call legs: what each Call Control command does to a leg, which
// webhooks that produces, and the scripted humans (callers, callees) with their timings. Platform
// neutral (timers and an injected delivery), so the worker's SimCarrier DO and the Node bench share it.
//
// This file is the carrier's face: Call Control and Messaging commands (faults, command_id
// de-duplication, the log) and the scripting of the humans; sessions.ts keeps the books and legs.ts
// is what a command does to a leg.
import * as v from 'valibot';
import { alreadyBridged, callEnded, notAnswered, ok, telnyxError, type RestResult } from './answers';
import { webhook } from './payloads';
import { LegModel, type AfterUnbridge, type SimLeg } from './legs';
import { MessageDesk } from './messages';
import {
  BridgeBody,
  DialBody,
  GatherSpeakBody,
  PlaybackBody,
  RecordBody,
  RejectBody,
  SpeakBody,
  TransferBody,
  type Faults,
  type Party,
  type PlaceCall,
} from './schemas';
import type { SimSession } from './delivery';
import { defined } from '../defined';

export { callEnded, telnyxError, type RestResult } from './answers';
export { mp3Of, type CarrierConfig, type SimPush, type SimRecording } from './sessions';

export class CarrierModel extends LegModel {
  readonly messages = new MessageDesk();

  // ── REST: Call Control and Messaging ─────────────────────────────────────
  /** Fault injection, command_id de-duplication and the log, shared by every command. */
  command(sessionId: string, legId: string | null, action: string, body: Record<string, unknown> | null, run: (body: Record<string, unknown>) => RestResult) {
    const commandId = typeof body?.command_id === 'string' ? body.command_id : null;
    const s = this.session(sessionId);
    const failure = s.faults.failCommands.find((f) => f.action === action && f.times > 0);
    const logIt = (status: number) => this.note({ session: sessionId, kind: 'command', name: action, leg: legId, status, commandId, eventId: null });
    if (failure) {
      failure.times--;
      logIt(failure.status);
      return { status: failure.status, body: { errors: [{ code: '10001', title: 'Injected failure' }] } };
    }
    if (s.faults.failRate > 0 && Math.random() < s.faults.failRate) {
      logIt(503);
      return { status: 503, body: { errors: [{ code: '10001', title: 'Injected failure' }] } };
    }
    if (!body) {
      logIt(422);
      return telnyxError(422, '10015', 'Invalid JSON body');
    }
    const dedupeKey = `${legId ?? 'dial'}|${commandId}`;
    const now = Date.now();
    if (commandId && (this.seenCommands.get(dedupeKey) ?? 0) > now) {
      logIt(200);
      return ok();
    }
    const res = run(body);
    // What a speak or gather said, for the simulator page and flow tests (announcement texts, not numbers).
    const text = typeof body.payload === 'string' ? body.payload : undefined;
    const params =
      action === 'record_start'
        ? Object.fromEntries(['channels', 'play_beep', 'max_length', 'timeout_secs', 'trim'].filter((k) => k in body).map((k) => [k, body[k]]))
        : undefined;
    this.note({
      session: sessionId,
      kind: 'command',
      name: action,
      leg: legId,
      status: res.status,
      commandId,
      eventId: null,
      ...(text !== undefined ? { text } : {}),
      ...(params ? { params } : {}),
    });
    if (commandId && res.status < 300) this.seenCommands.set(dedupeKey, now + 60_000);
    return res;
  }

  dial(body: Record<string, unknown> | null): RestResult {
    const linkTo = typeof body?.link_to === 'string' ? body.link_to : undefined;
    const linked = linkTo ? this.legs.get(linkTo) : undefined;
    const sessionId = linked?.callSessionId ?? crypto.randomUUID();
    return this.command(sessionId, null, 'dial', body, (b) => {
      const p = v.safeParse(DialBody, b);
      if (!p.success) return telnyxError(422, '10015', 'Invalid parameter', `/${v.getDotPath(p.issues[0]) ?? ''}`);
      if (p.output.link_to && !linked) return callEnded('/link_to');
      const supervised = p.output.supervise_call_control_id ? this.legs.get(p.output.supervise_call_control_id) : undefined;
      if (p.output.supervise_call_control_id && (!supervised || supervised.state !== 'bridged'))
        return telnyxError(422, '90018', 'The supervised call is not in a bridge', '/supervise_call_control_id');
      if (p.output.supervisor_role && !p.output.supervise_call_control_id) return telnyxError(422, '10015', 'Invalid parameter', '/supervise_call_control_id');
      // "When park_after_unbridge is set, link_to becomes required" (and so for bridge_on_answer).
      if ((p.output.park_after_unbridge || p.output.bridge_on_answer) && !p.output.link_to)
        return telnyxError(422, '10004', 'Missing required parameter', '/link_to');
      const leg = this.newLeg(sessionId, 'outgoing', p.output.from, p.output.to, p.output.connection_id, p.output.client_state);
      if (supervised) leg.supervises = { callControlId: supervised.callControlId, role: p.output.supervisor_role ?? 'barge' };
      if (p.output.park_after_unbridge === 'self') leg.dialAfterUnbridge = leg.afterUnbridge = 'park';
      if (p.output.bridge_on_answer && linked) leg.bridgeOnAnswer = { to: linked.callControlId, preventDouble: p.output.prevent_double_bridge ?? false };
      this.emit(leg.callSessionId, webhook.initiated(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'outgoing'));
      this.ring(leg, p.output.timeout_secs);
      return {
        status: 200,
        body: { data: { call_control_id: leg.callControlId, call_leg_id: leg.callLegId, call_session_id: sessionId, is_alive: true, record_type: 'call' } },
      };
    });
  }

  action(callControlId: string, action: string, body: Record<string, unknown> | null): RestResult {
    const leg = this.legs.get(callControlId);
    if (!leg) return telnyxError(404, '90015', 'Call not found');
    return this.loseAnswer(
      leg.callSessionId,
      action,
      this.command(leg.callSessionId, callControlId, action, body, (b) => this.act(leg, action, b)),
    );
  }

  /** A dial with the `loseAnswers` fault of the session it started in (the REST face calls this). */
  dialWithFaults(body: Record<string, unknown> | null): RestResult {
    const res = this.dial(body);
    const sessionId = (res.body as { data?: { call_session_id?: string } } | null)?.data?.call_session_id;
    return sessionId ? this.loseAnswer(sessionId, 'dial', res) : res;
  }

  /** Fault `loseAnswers`: the command was carried out, but its answer is lost on the way back. */
  private loseAnswer(sessionId: string, action: string, res: RestResult): RestResult {
    const lose = this.session(sessionId).faults.loseAnswers.find((f) => f.action === action && f.times > 0);
    if (!lose) return res;
    lose.times--;
    return { ...res, lost: true };
  }

  /** Faults every new carrier-started session gets (null: none); a function draws them per session. */
  setDefaultFaults(faults: Faults | (() => Faults) | null) {
    // Given as faults, their budgets (failCommands' times…) are shared by the sessions started while set:
    // a dial retried after a 5xx starts a new session, and must not meet a fresh failure there.
    this.defaultFaults = faults === null ? null : typeof faults === 'function' ? faults : () => faults;
  }

  /** POST /v2/messages: accepted once per Idempotency-Key (worker/simulator/messages.ts), then message.sent and message.finalized. */
  message(body: Record<string, unknown> | null, idempotencyKey: string | null = null): RestResult {
    const { result, fresh } = this.messages.take(body, idempotencyKey);
    if (fresh) {
      const msg = { id: fresh.id, from: fresh.from, to: fresh.to, text: fresh.text, profileId: this.cfg.messagingProfileId() };
      const final = this.messages.faults.finalStatus;
      const s = this.session(`msg-${msg.id}`);
      this.later(s, 5, () => this.emit(s.id, webhook.message(crypto.randomUUID(), this.tick(s.id), 'message.sent', msg, 'sent')));
      this.later(s, 15, () => this.emit(s.id, webhook.message(crypto.randomUUID(), this.tick(s.id), 'message.finalized', msg, final)));
      this.note({ session: s.id, kind: 'command', name: 'message', leg: null, status: result.status, commandId: idempotencyKey, eventId: null });
    }
    return result;
  }

  private act(leg: SimLeg, action: string, body: Record<string, unknown>): RestResult {
    const invalid = (pointer: string) => telnyxError(422, '10015', 'Invalid parameter', pointer);
    // Every command to a leg that has ended: Telnyx's documented 422.
    if (leg.state === 'ended') return callEnded();
    // "Use this field to add state to every subsequent webhook": the leg's webhooks carry it from now on.
    if (typeof body.client_state === 'string' && body.client_state) leg.clientState = body.client_state;
    const answered = leg.state === 'answered' || leg.state === 'bridged';
    const field = (p: v.SafeParseResult<v.GenericSchema>) => `/${p.issues ? (v.getDotPath(defined(p.issues[0], 'issues')) ?? '') : ''}`;
    const s = this.session(leg.callSessionId);
    switch (action) {
      case 'answer':
        if (leg.direction !== 'incoming') return invalid('/call_control_id');
        this.answer(leg);
        return ok();
      case 'reject': {
        const p = v.safeParse(RejectBody, body);
        if (!p.success) return invalid(field(p));
        if (answered) return invalid('/call_control_id');
        this.end(leg, 'call_rejected', 'callee');
        return ok();
      }
      case 'hangup':
        this.end(leg, 'normal_clearing', 'caller');
        return ok();
      case 'speak': {
        const p = v.safeParse(SpeakBody, body);
        if (!p.success) return invalid(field(p));
        if (!answered) return notAnswered();
        this.speak(leg, p.output.payload);
        return ok();
      }
      case 'bridge':
        return this.bridge(leg, body, answered);
      case 'record_start': {
        const p = v.safeParse(RecordBody, body);
        if (!p.success) return invalid(field(p));
        if (!answered) return notAnswered();
        if (leg.recording) return ok();
        // play_beep: the caller hears a beep as recording starts (no webhook of its own).
        const rec = { id: crypto.randomUUID(), startedAt: this.tick(leg.callSessionId), trim: p.output.trim === 'trim-silence', channels: p.output.channels };
        leg.recording = rec;
        const max = p.output.max_length ?? 0;
        // At max_length the carrier stops and saves the recording; the call stays up.
        if (max > 0) this.later(s, max * 1000 * s.timeScale, () => leg.recording === rec && this.saveRecording(leg, 0), leg);
        return ok();
      }
      case 'record_stop': {
        if (!leg.recording) return invalid('/call_control_id');
        this.saveRecording(leg, 0);
        return ok();
      }
      case 'playback_start': {
        const p = v.safeParse(PlaybackBody, body);
        if (!p.success || !(p.output.audio_url || p.output.media_name || p.output.playback_content)) return invalid('/audio_url');
        if (!answered) return notAnswered();
        this.emit(leg.callSessionId, webhook.playbackStarted(crypto.randomUUID(), this.tick(leg.callSessionId), leg));
        // A looping playback (hold audio) plays into this leg only, bridged or not, until playback_stop.
        leg.playing = p.output.loop === 'infinity';
        if (p.output.loop !== 'infinity') {
          this.later(
            s,
            1000 * s.timeScale,
            () => this.emit(leg.callSessionId, webhook.playbackEnded(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'completed')),
            leg,
          );
        }
        return ok();
      }
      case 'playback_stop':
        leg.playing = false;
        this.emit(leg.callSessionId, webhook.playbackEnded(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'cancelled'));
        return ok();
      case 'gather_using_speak':
      case 'gather': {
        if (action === 'gather_using_speak') {
          const p = v.safeParse(GatherSpeakBody, body);
          if (!p.success) return invalid(field(p));
        }
        if (!answered) return notAnswered();
        // Digits come from the page or a test (`/api/legs/:id/dtmf`); the simulator times out otherwise.
        const timeout = typeof body.timeout_millis === 'number' ? body.timeout_millis : 5000;
        const id = crypto.randomUUID();
        leg.gather = {
          id,
          digits: '',
          max: typeof body.maximum_digits === 'number' ? body.maximum_digits : 128,
          // Telnyx: "The digit used to terminate input if fewer than maximum_digits digits have been gathered" (default '#').
          terminating: typeof body.terminating_digit === 'string' ? body.terminating_digit : '#',
          valid: typeof body.valid_digits === 'string' ? body.valid_digits : '0123456789#*',
        };
        this.later(s, timeout * s.timeScale, () => this.endGather(leg, id, 'timeout'), leg);
        return ok();
      }
      case 'transfer': {
        const p = v.safeParse(TransferBody, body);
        if (!p.success) return invalid(field(p));
        const target = this.newLeg(leg.callSessionId, 'outgoing', leg.to, p.output.to, leg.connectionId);
        this.emit(target.callSessionId, webhook.initiated(crypto.randomUUID(), this.tick(target.callSessionId), target, 'outgoing'));
        this.ring(target, p.output.timeout_secs ?? 30);
        return ok();
      }
      default:
        return telnyxError(404, '10005', 'Resource not found');
    }
  }

  private bridge(leg: SimLeg, body: Record<string, unknown>, answered: boolean): RestResult {
    const p = v.safeParse(BridgeBody, body);
    if (!p.success) return telnyxError(422, '10015', 'Invalid parameter', `/${v.getDotPath(defined(p.issues[0], 'issues')) ?? ''}`);
    const other = this.legs.get(p.output.call_control_id);
    if (!other || other === leg) return telnyxError(422, '90015', 'Invalid Call Control ID', '/call_control_id', 'The call_control_id provided was not valid.');
    if (other.state === 'ended') return callEnded('/call_control_id');
    if (!answered || !(other.state === 'answered' || other.state === 'bridged')) return notAnswered();
    if (p.output.prevent_double_bridge && other.state === 'bridged' && other.peer !== leg.callControlId) return alreadyBridged();
    const after: AfterUnbridge = p.output.park_after_unbridge === 'self' ? 'park' : p.output.hold_after_unbridge ? 'hold' : 'hangup';
    this.join(leg, other, after);
    return ok();
  }

  // ── scripting: the humans ────────────────────────────────────────────────
  setParty(party: Party) {
    this.parties.set(party.number, party);
  }

  /** How each scripted number answers (numbers never scripted ring until someone presses Answer). */
  listParties(): Party[] {
    return [...this.parties.values()];
  }

  /** A citizen dials: an incoming leg and its call.initiated. */
  placeCall(p: PlaceCall): { callSessionId: string; callControlId: string } {
    const sessionId = crypto.randomUUID();
    const s = this.session(sessionId);
    s.timeScale = p.timeScale;
    if (p.at !== undefined) s.offset = p.at - Date.now();
    if (p.faults) s.faults = p.faults;
    s.deliver = p.deliver;
    const leg = this.newLeg(sessionId, 'incoming', p.from, p.to, this.cfg.connectionId());
    leg.silent = p.silent ?? false;
    this.note({ session: sessionId, kind: 'script', name: 'dial', leg: leg.callControlId, status: null, commandId: null, eventId: null });
    this.emit(leg.callSessionId, webhook.initiated(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'incoming'));
    if (p.hangupAfterMs !== undefined) this.later(s, p.hangupAfterMs, () => this.end(leg, 'normal_clearing', 'caller'), leg);
    return { callSessionId: sessionId, callControlId: leg.callControlId };
  }

  /** A person answers, hangs up or presses digits on a leg; false when not possible in its state. */
  legAction(callControlId: string, act: string, digits = ''): 'ok' | 'not_found' | 'invalid' {
    const leg = this.legs.get(callControlId);
    if (!leg) return 'not_found';
    this.note({ session: leg.callSessionId, kind: 'script', name: act, leg: leg.callControlId, status: null, commandId: null, eventId: null });
    if (act === 'answer' && leg.state === 'ringing') this.answer(leg);
    else if (act === 'hangup') this.end(leg, 'normal_clearing', leg.direction === 'incoming' ? 'caller' : 'callee');
    else if (act === 'dtmf' && leg.state !== 'ended')
      for (const d of digits.replace(/[^0-9*#]/g, '')) {
        this.emit(leg.callSessionId, webhook.dtmf(crypto.randomUUID(), this.tick(leg.callSessionId), leg, d));
        this.gathered(leg, d);
      }
    else return 'invalid';
    return 'ok';
  }

  view(s: SimSession) {
    return {
      id: s.id,
      idle: s.busy === 0 && s.held === null,
      legs: s.legs.flatMap((id) => {
        const l = this.legs.get(id);
        return l
          ? [
              {
                callControlId: l.callControlId,
                direction: l.direction,
                from: l.from,
                to: l.to,
                state: l.state,
                recording: l.recording !== null,
                playing: l.playing,
                held: l.held,
                peer: l.peer,
                supervises: l.supervises,
              },
            ]
          : [];
      }),
      log: this.log.filter((e) => e.session === s.id),
    };
  }

  recentCalls(n = 20) {
    return [...this.sessions.values()]
      .filter((s) => !s.id.startsWith('msg-'))
      .slice(-n)
      .reverse()
      .map((s) => this.view(s));
  }
}
