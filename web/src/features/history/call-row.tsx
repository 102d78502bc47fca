// One call of the history (S13, B1): a summary line (time, caller, outcome, duration) that opens
// the reason and the whole trace in words, and one-tap blocking of the caller. Built from parts so
// issue 10 can add the recording player and voicemail to the details without touching the rest.
import type { ComponentChildren } from 'preact';
import type { CallRow, OutboundTraceStep, RecordedTrace, RingResult } from '../../../../contract/safe-number';
import type { MessageKey } from '../../i18n';
import type { MaskedCall } from '../outbound/place-call';
import { formatMoment, formatTime, t, tm } from '../../i18n';
import { isMissed, outcomeKey, reasonText, traceLines, type TraceWords } from './trace-text';
import { SendSafeNumberButton } from '../messaging/send-safe-number-button';
import { BLOCK_CHOICES, type RowNote } from './model';
import { durationText, traceWords } from './words';
import { formatTyped } from '../outbound/place-call';

export function callerLabel(row: CallRow): string {
  return row.caller.name ?? row.caller.national ?? t('history.anonymous');
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const tone = outcome === 'connected' ? 'badge-ok' : outcome === 'spam' ? '' : isMissed(outcome) ? 'badge-warn' : '';
  return <span class={`badge ${tone}`.trim()}>{t(outcomeKey(outcome))}</span>;
}

/** The compact line the home card lists. */
export function CallSummary({ row, timeZone, withDate = false }: { row: CallRow; timeZone: string; withDate?: boolean }) {
  return (
    <span class="call-summary">
      <span class="call-time">{withDate ? formatMoment(row.startedAt, timeZone) : formatTime(row.startedAt, timeZone)}</span>
      <span class="call-caller">
        <strong>{callerLabel(row)}</strong>
        {row.caller.name && row.caller.national && <span class="muted small"> ({row.caller.national})</span>}
      </span>
      {row.direction === 'outbound' && <span class="badge">{t('outbound.direction')}</span>}
      <OutcomeBadge outcome={row.outcome} />
      {row.durationMs !== null && row.durationMs > 0 && <span class="muted small">{durationText(row.durationMs)}</span>}
    </span>
  );
}

/** Every rule the engine checked, in words, the deciding one marked. */
export function TraceList({ trace, words, ring = null }: { trace: RecordedTrace; words: TraceWords; ring?: RingResult | null }) {
  return (
    <ol class="trace">
      {traceLines(trace, words, ring).map((line, i) => (
        <li key={`${line.rule}-${i}`} class={line.matched ? 'matched' : ''}>
          <span class="trace-mark" aria-hidden="true">
            {line.matched ? '●' : '○'}
          </span>
          <span>{line.text}</span>
        </li>
      ))}
    </ol>
  );
}

/** A masked outbound call's steps in words (S11). */
function OutboundTraceList({ steps }: { steps: OutboundTraceStep[] }) {
  return (
    <ol class="trace">
      {steps.map((s, i) => (
        <li key={`${s.step}-${i}`} class={s.matched ? 'matched' : ''}>
          <span class="trace-mark" aria-hidden="true">
            {s.matched ? '●' : '○'}
          </span>
          <span>{t(`outbound.trace.${s.step}` as MessageKey, { number: s.detail?.number ? nationalOf(s.detail.number) : '' })}</span>
        </li>
      ))}
    </ol>
  );
}

const nationalOf = (e164: string) => (e164.startsWith('+82') ? formatTyped(`0${e164.slice(3)}`) : e164);

/** "전화 걸기": a masked outbound call to the row's other party (S11). */
function CallBackAction({ row, calls }: { row: CallRow; calls: MaskedCall }) {
  const to = row.caller.e164;
  if (!to) return null;
  const note = calls.note.value?.rowId === row.id ? calls.note.value : null;
  return (
    <div class="caller-actions">
      <button type="button" class="primary" name="callBack" disabled={calls.busy.value !== null} onClick={() => void calls.call(row.id, to)}>
        {t('history.callBack')}
      </button>
      {note && (
        <p class={note.tone === 'ok' ? 'alert alert-ok' : 'alert alert-error'} role="status">
          {tm(note.message)}
        </p>
      )}
    </div>
  );
}

/** Spam for good, or a temporary block of one of the offered lengths. */
function CallerActions({ row, onBlock }: { row: CallRow; onBlock: (minutes: number | null) => void }) {
  if (!row.caller.e164) return null;
  return (
    <div class="caller-actions">
      <button type="button" class="danger" name="spam" onClick={() => onBlock(null)}>
        {t('history.addSpam')}
      </button>
      <label class="inline-select">
        <span>{t('history.tempBlock')}</span>
        <select
          name="tempBlock"
          value=""
          onChange={(e) => {
            const minutes = Number(e.currentTarget.value);
            e.currentTarget.value = '';
            if (minutes > 0) onBlock(minutes);
          }}
        >
          <option value="">{t('history.chooseDuration')}</option>
          {BLOCK_CHOICES.map((c) => (
            <option key={c.minutes} value={String(c.minutes)}>
              {t(c.label)}
            </option>
          ))}
        </select>
      </label>
      <SendSafeNumberButton to={row.caller.e164} />
    </div>
  );
}

export function CallRowItem(props: {
  row: CallRow;
  timeZone: string;
  open: boolean;
  note?: RowNote;
  onToggle: () => void;
  onBlock: (minutes: number | null) => void;
  /** "전화 걸기" on the row (S11); omitted: no such action. */
  calls?: MaskedCall;
  /** More details below the trace (issue 10: recording, voicemail). */
  children?: ComponentChildren;
}) {
  const { row, timeZone } = props;
  const words = traceWords(timeZone, 'past');
  const reason = reasonText(row.trace, words, row.ring);
  const detailsId = `call-${row.id}`;
  return (
    <li class={props.open ? 'call-row open' : 'call-row'}>
      <button type="button" class="call-toggle" aria-expanded={props.open} aria-controls={detailsId} onClick={props.onToggle}>
        <CallSummary row={row} timeZone={timeZone} withDate />
      </button>
      {reason && <p class="call-reason small">{reason}</p>}
      {props.open && (
        <div class="call-details" id={detailsId}>
          {row.outboundTrace ? (
            <OutboundTraceList steps={row.outboundTrace} />
          ) : row.trace ? (
            <TraceList trace={row.trace} words={words} ring={row.ring} />
          ) : (
            <p class="muted small">{t('history.noTrace')}</p>
          )}
          {props.children}
          {props.calls && <CallBackAction row={row} calls={props.calls} />}
          {row.direction !== 'outbound' && <CallerActions row={row} onBlock={props.onBlock} />}
          {props.note && (
            <p class={props.note.ok ? 'alert alert-ok' : 'alert alert-error'} role="status">
              {props.note.until !== undefined ? t(props.note.message.key, { until: formatMoment(props.note.until, timeZone) }) : tm(props.note.message)}
            </p>
          )}
        </div>
      )}
    </li>
  );
}
