// Webhook bodies exactly as Telnyx sends them, one builder per event, each typed against the
// `telnyx` SDK's webhook event types (tsc fails if a field name or value drifts). Used by the
// simulator and by test/fixtures/telnyx-events.ts.
import type {
  CallAnsweredWebhookEvent,
  CallBridgedWebhookEvent,
  CallDtmfReceivedWebhookEvent,
  CallGatherEndedWebhookEvent,
  CallHangupWebhookEvent,
  CallInitiatedWebhookEvent,
  CallPlaybackEndedWebhookEvent,
  CallPlaybackStartedWebhookEvent,
  CallRecordingSavedWebhookEvent,
  CallSpeakEndedWebhookEvent,
  CallSpeakStartedWebhookEvent,
  DeliveryUpdateWebhookEvent,
} from 'telnyx/resources/webhooks';

export type LegRef = {
  callControlId: string;
  callLegId: string;
  callSessionId: string;
  connectionId: string;
  from: string;
  to: string;
  /** Omitted when no command has set one: the SDK types say string | undefined (Telnyx sends null). */
  clientState?: string | undefined;
};

type Data<E extends { data?: unknown }> = NonNullable<E['data']>;
type Meta = { attempt: number; delivered_to: string };
export type WebhookBody<E extends { data?: unknown } = { data?: unknown }> = { data: Data<E>; meta: Meta };

function common(leg: LegRef) {
  return {
    call_control_id: leg.callControlId,
    call_leg_id: leg.callLegId,
    call_session_id: leg.callSessionId,
    connection_id: leg.connectionId,
    from: leg.from,
    to: leg.to,
    ...(leg.clientState ? { client_state: leg.clientState } : {}),
  };
}

const meta = (): Meta => ({ attempt: 1, delivered_to: '/telnyx/webhook' });
const head = (id: string, at: string) => ({ id, occurred_at: at, record_type: 'event' as const });

export const webhook = {
  initiated(id: string, at: string, leg: LegRef, direction: 'incoming' | 'outgoing'): WebhookBody<CallInitiatedWebhookEvent> {
    return {
      data: {
        ...head(id, at),
        event_type: 'call.initiated',
        payload: { ...common(leg), direction, state: direction === 'incoming' ? 'parked' : 'bridging', start_time: at },
      },
      meta: meta(),
    };
  },
  answered(id: string, at: string, leg: LegRef): WebhookBody<CallAnsweredWebhookEvent> {
    return { data: { ...head(id, at), event_type: 'call.answered', payload: { ...common(leg), start_time: at } }, meta: meta() };
  },
  bridged(id: string, at: string, leg: LegRef): WebhookBody<CallBridgedWebhookEvent> {
    return { data: { ...head(id, at), event_type: 'call.bridged', payload: common(leg) }, meta: meta() };
  },
  hangup(
    id: string,
    at: string,
    leg: LegRef,
    cause: NonNullable<NonNullable<Data<CallHangupWebhookEvent>['payload']>['hangup_cause']>,
    source: 'caller' | 'callee' | 'unknown',
  ): WebhookBody<CallHangupWebhookEvent> {
    return {
      data: {
        ...head(id, at),
        event_type: 'call.hangup',
        payload: { ...common(leg), hangup_cause: cause, hangup_source: source, sip_hangup_cause: 'unspecified', start_time: at },
      },
      meta: meta(),
    };
  },
  speakStarted(id: string, at: string, leg: LegRef): WebhookBody<CallSpeakStartedWebhookEvent> {
    return { data: { ...head(id, at), event_type: 'call.speak.started', payload: common(leg) }, meta: meta() };
  },
  speakEnded(id: string, at: string, leg: LegRef, status: 'completed' | 'call_hangup'): WebhookBody<CallSpeakEndedWebhookEvent> {
    return { data: { ...head(id, at), event_type: 'call.speak.ended', payload: { ...common(leg), status } }, meta: meta() };
  },
  playbackStarted(id: string, at: string, leg: LegRef): WebhookBody<CallPlaybackStartedWebhookEvent> {
    return { data: { ...head(id, at), event_type: 'call.playback.started', payload: common(leg) }, meta: meta() };
  },
  playbackEnded(id: string, at: string, leg: LegRef, status: 'completed' | 'cancelled' | 'call_hangup'): WebhookBody<CallPlaybackEndedWebhookEvent> {
    return { data: { ...head(id, at), event_type: 'call.playback.ended', payload: { ...common(leg), status } }, meta: meta() };
  },
  dtmf(id: string, at: string, leg: LegRef, digit: string): WebhookBody<CallDtmfReceivedWebhookEvent> {
    return { data: { ...head(id, at), event_type: 'call.dtmf.received', payload: { ...common(leg), digit } }, meta: meta() };
  },
  gatherEnded(
    id: string,
    at: string,
    leg: LegRef,
    digits: string,
    status: 'valid' | 'invalid' | 'call_hangup' | 'timeout',
  ): WebhookBody<CallGatherEndedWebhookEvent> {
    return { data: { ...head(id, at), event_type: 'call.gather.ended', payload: { ...common(leg), digits, status } }, meta: meta() };
  },
  recordingSaved(
    id: string,
    at: string,
    leg: LegRef,
    startedAt: string,
    url: string,
    channels: 'single' | 'dual' = 'dual',
  ): WebhookBody<CallRecordingSavedWebhookEvent> {
    const { call_control_id: _omit, ...rest } = common(leg);
    return {
      data: {
        ...head(id, at),
        event_type: 'call.recording.saved',
        payload: { ...rest, channels, recording_started_at: startedAt, recording_ended_at: at, recording_urls: { mp3: url, wav: null } },
      },
      meta: meta(),
    };
  },
  message(
    id: string,
    at: string,
    type: 'message.sent' | 'message.finalized',
    msg: { id: string; from: string; to: string; text: string; profileId: string },
    status: 'sent' | 'delivered' | 'delivery_failed',
  ): WebhookBody<DeliveryUpdateWebhookEvent> {
    return {
      data: {
        ...head(id, at),
        event_type: type,
        payload: {
          id: msg.id,
          record_type: 'message',
          direction: 'outbound',
          type: 'SMS',
          from: { phone_number: msg.from },
          to: [{ phone_number: msg.to, status }],
          text: msg.text,
          messaging_profile_id: msg.profileId,
        },
      },
      meta: meta(),
    };
  },
};
