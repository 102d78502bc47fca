// The simulator's demo page (/_sim/): play the citizen calling a safe number and the staff member
// answering, and watch every webhook and command of the call, with the text each announcement
// speaks. Numbers in any Korean format; times on the organisation's wall clock (Asia/Seoul unless
// changed). Plain HTML and JS, no build step, served by the worker (not the SPA's assets); it talks
// to /_sim/api/* and renders everything as text (DOM nodes, never HTML strings).
const DEMO = { safeNumber: '050-1234-0001', mobile: '010-1234-0001', caller: '010-5555-0101', zone: 'Asia/Seoul' };

const STYLE = `
body{font-family:system-ui,'Noto Sans KR',sans-serif;margin:1rem;max-width:72rem;color:#111;line-height:1.45}
h1{font-size:1.4rem}fieldset{margin-bottom:1rem;border:1px solid #ccc;border-radius:8px}
label{display:inline-flex;flex-direction:column;margin:0 1rem .5rem 0;font-size:.9rem}
input,select,button{font:inherit;min-height:40px;padding:.25rem .5rem}
.hint{color:#666;font-size:.85rem;margin:.25rem 0}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border-bottom:1px solid #eee;padding:.25rem .4rem;text-align:left;vertical-align:top}
.leg{margin:.3rem 0}.leg button{margin-left:.3rem}
.webhook td:nth-child(2){color:#05c}.command td:nth-child(2){color:#a50}.script td:nth-child(2){color:#080}
.spoken{font-weight:600;color:#1d4ed8}.flow{background:#f4f6fa;padding:.4rem .6rem;border-radius:6px}`;

const SCRIPT = `
const $ = (id) => document.getElementById(id);
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}
async function api(path, body) {
  const r = await fetch('/_sim/api' + path, { method: body ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  return r.json();
}
const zone = () => $('zone').value.trim() || '${DEMO.zone}';
function clock(ms) {
  try {
    return new Intl.DateTimeFormat('ko-KR', { timeZone: zone(), month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
  } catch { return new Date(ms).toISOString(); }
}
/** The zone's offset (ms) at an instant, from Intl. */
function offsetOf(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone(), hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000;
}
/** A datetime-local value read on the zone's wall clock → epoch ms. */
function zonedToEpoch(value) {
  const wall = Date.parse(value + ':00Z');
  return wall - offsetOf(wall - offsetOf(wall));
}
$('dial').addEventListener('click', async () => {
  const body = { from: $('from').value, to: $('to').value, timeScale: Number($('scale').value) || 1 };
  if ($('at').value) body.at = zonedToEpoch($('at').value);
  const answer = await api('/calls', body);
  $('dialled').textContent = answer.callSessionId ? '걸었습니다 · Dialled ' + answer.callSessionId.slice(0, 8) : '실패 · Failed: ' + JSON.stringify(answer);
  refresh();
});
$('party').addEventListener('click', async () => {
  await api('/parties', { number: $('pnum').value, answer: $('pans').value, afterMs: Number($('pafter').value) || 0 });
  $('saved').textContent = '저장됨 · Saved';
});
async function act(id, action) {
  const body = action === 'dtmf' ? { digits: prompt('숫자 · Digits') || '' } : {};
  await api('/legs/' + encodeURIComponent(id) + '/' + action, body);
  refresh();
}
function legView(l) {
  const who = l.direction === 'incoming' ? '시민 · caller' : '받는 사람 · callee';
  const buttons = [];
  if (l.state === 'ringing') buttons.push(el('button', { onclick: () => act(l.callControlId, 'answer') }, '받기 · Answer'));
  if (l.state !== 'ended') {
    buttons.push(el('button', { onclick: () => act(l.callControlId, 'hangup') }, '끊기 · Hang up'));
    buttons.push(el('button', { onclick: () => act(l.callControlId, 'dtmf') }, '번호 누르기 · Digits'));
  }
  return el('div', { class: 'leg' }, who + ' ' + (l.fromNational || l.from) + ' → ' + (l.toNational || l.to) + ' ', el('b', {}, l.state), buttons);
}
function logRow(e) {
  return el('tr', { class: e.kind }, el('td', {}, clock(e.at)), el('td', {}, e.kind), el('td', {}, e.name), el('td', {}, e.status ?? ''),
    el('td', { class: e.text ? 'spoken' : '' }, e.text ? '“' + e.text + '”' : ''));
}
async function sessionView(s) {
  let flow = null;
  try {
    const cs = await (await fetch('/_sim/api/call-sessions/' + encodeURIComponent(s.id))).json();
    if (cs && cs.state) flow = el('p', { class: 'flow' }, '흐름 · flow: ', el('b', {}, cs.state.phase), '  결과 · outcome: ', el('b', {}, cs.state.outcome ?? '—'), '  기록 · recorded: ' + cs.recordWritten);
  } catch {}
  const head = el('tr', {}, ['시각 · time', '종류 · kind', '이벤트/명령 · event/command', '상태 · status', '말한 내용 · spoken'].map((h) => el('th', {}, h)));
  return el('fieldset', {}, el('legend', {}, s.id.slice(0, 8) + (s.idle ? '' : ' …')), s.legs.map(legView), flow, el('table', {}, head, s.log.map(logRow)));
}
async function refresh() {
  const { sessions } = await api('/sessions');
  const views = await Promise.all(sessions.map(sessionView));
  $('sessions').replaceChildren(...(views.length ? views : [el('p', {}, '아직 통화가 없습니다 · No calls yet.')]));
}
setInterval(refresh, 1000);
refresh();`;

export const SIM_PAGE = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>통신사 시뮬레이터 · Carrier simulator</title>
<style>${STYLE}</style></head><body>
<h1>통신사 시뮬레이터 <small>Carrier simulator</small></h1>
<p class="hint">번호는 010-1234-5678, 01012345678, 02-123-4567, 050… 어떤 형식이든 됩니다 · Numbers in any Korean format.</p>
<fieldset><legend>시민으로 전화 걸기 · Call as a citizen</legend>
<label>발신 · From <input id="from" value="${DEMO.caller}" inputmode="tel"></label>
<label>안심번호 · To <input id="to" value="${DEMO.safeNumber}" inputmode="tel"></label>
<label>걸 시각 (비우면 지금) · At (empty = now) <input id="at" type="datetime-local"></label>
<label>시간 배율 · Time scale <input id="scale" value="1" size="4"></label>
<button id="dial">전화 걸기 · Dial</button> <span id="dialled" class="hint" role="status"></span></fieldset>
<fieldset><legend>받는 사람 설정 · Callee behaviour</legend>
<label>휴대폰 · Mobile <input id="pnum" value="${DEMO.mobile}" inputmode="tel"></label>
<label>응답 · Answer <select id="pans"><option value="manual">직접 · manual</option><option value="after">N ms 후 · after</option><option value="never">안 받음 · never</option><option value="busy">통화중 · busy</option><option value="reject">거절 · reject</option></select></label>
<label>ms <input id="pafter" value="1000" size="6"></label>
<button id="party">저장 · Save</button> <span id="saved" class="hint" role="status"></span></fieldset>
<label>시간대 · Time zone <input id="zone" value="${DEMO.zone}"></label>
<h2>통화 · Calls</h2><div id="sessions"></div>
<script>${SCRIPT}</script></body></html>`;
