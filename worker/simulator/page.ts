// The simulator's demo page (/_sim/): play the citizen calling a safe number or a contact center's
// service number, the staff member answering, and the agents whose phones ring with consult calls
// (each phone labelled with its agent; answered by hand or automatically, as chosen per agent), and
// watch every webhook and command of the call, with the text each announcement speaks. Numbers in any Korean format; times on the organisation's wall clock (Asia/Seoul unless
// changed). Plain HTML and JS, no build step, served by the worker (not the SPA's assets); it talks
// to /_sim/api/* and renders everything as text (DOM nodes, never HTML strings).
const DEMO = { safeNumber: '050-1234-0001', mobile: '010-1234-0001', caller: '010-5555-0101', zone: 'Asia/Seoul' };
/** How an agent's phone may behave (the simulator's party modes); "after" answers after AUTO_MS. */
const AUTO_MS = 1500;

const STYLE = `
body{font-family:system-ui,'Noto Sans KR',sans-serif;margin:1rem;max-width:72rem;color:#111;line-height:1.45}
h1{font-size:1.4rem}fieldset{margin-bottom:1rem;border:1px solid #ccc;border-radius:8px}
label{display:inline-flex;flex-direction:column;margin:0 1rem .5rem 0;font-size:.9rem}
input,select,button{font:inherit;min-height:40px;padding:.25rem .5rem}
.hint{color:#666;font-size:.85rem;margin:.25rem 0}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border-bottom:1px solid #eee;padding:.25rem .4rem;text-align:left;vertical-align:top}
.leg{margin:.3rem 0}.leg button{margin-left:.3rem}
.webhook td:nth-child(2){color:#05c}.command td:nth-child(2){color:#a50}.script td:nth-child(2){color:#080}
.spoken{font-weight:600;color:#1d4ed8}.flow{background:#f4f6fa;padding:.4rem .6rem;border-radius:6px}
.agent-leg{background:#ecfdf3;border-left:4px solid #067647;padding:.2rem .5rem;border-radius:4px}
.agent-leg.ringing{background:#fef0c7;border-left-color:#b54708;font-weight:600}
.presets button{margin:.2rem .4rem .2rem 0}`;

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
/** Contact-center people by phone (E.164), for labelling legs; refreshed with the list. */
let phones = new Map();
let shown = '';
const MODES = [['manual', '직접 받기 · answer by hand'], ['after', '자동 받기 · auto-answer'], ['never', '안 받음 · never answer'], ['reject', '거절 · reject']];
async function loadContactCenter() {
  let cc, parties;
  try {
    [cc, parties] = await Promise.all([api('/contact-center'), api('/parties')]);
  } catch { return; }
  const modes = new Map((parties.parties || []).map((p) => [p.number, p.answer]));
  phones = new Map(cc.agents.map((a) => [a.mobile, a]));
  // Rebuilt only when someone was added or changed, so a choice being made is not swept away.
  const key = JSON.stringify([cc, [...modes]]);
  if (key === shown) return;
  shown = key;
  $('services').replaceChildren(...cc.serviceNumbers.map((n) =>
    el('button', { type: 'button', onclick: () => { $('to').value = n.national; } }, n.national + ' · ' + (n.queue || n.org))));
  const rows = cc.agents.map((a) => {
    const select = el('select', { 'aria-label': a.name + ' 응답 · answer', 'data-agent-phone': a.mobile,
      onchange: async (e) => {
        await api('/parties', { number: a.mobile, answer: e.target.value, afterMs: ${AUTO_MS} });
        $('agentsSaved').textContent = a.name + ': ' + e.target.selectedOptions[0].textContent;
      } }, MODES.map(([v, label]) => el('option', { value: v }, label)));
    select.value = modes.get(a.mobile) || 'manual';
    return el('tr', {}, el('td', {}, a.name + ' (' + a.loginId + ')'), el('td', {}, a.role === 'supervisor' ? '감독자 · supervisor' : '상담사 · agent'),
      el('td', {}, a.org), el('td', {}, a.national), el('td', {}, select));
  });
  const head = el('tr', {}, ['이름 · name', '역할 · role', '기관 · org', '휴대폰 · phone', '응답 · answer'].map((h) => el('th', {}, h)));
  $('agents').replaceChildren(rows.length ? el('table', {}, head, rows) : el('p', { class: 'hint' }, '휴대폰이 등록된 상담사가 없습니다 · No agents with a phone yet.'));
}
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
  const agent = l.direction === 'incoming' ? null : phones.get(l.to);
  const owner = agent ? (agent.role === 'supervisor' ? '감독자 ' : '상담사 ') + agent.name + '의 휴대폰 · ' + (agent.role === 'supervisor' ? 'supervisor' : 'agent') + '’s phone' : null;
  const who = l.direction === 'incoming' ? '시민 · caller'
    : l.supervises ? '감독 · supervising (' + l.supervises.role + ')' + (owner ? ' · ' + owner : '')
    : owner || '받는 사람 · callee';
  const buttons = [];
  if (l.state === 'ringing') buttons.push(el('button', { onclick: () => act(l.callControlId, 'answer') }, '받기 · Answer'));
  if (l.state !== 'ended') {
    buttons.push(el('button', { onclick: () => act(l.callControlId, 'hangup') }, '끊기 · Hang up'));
    buttons.push(el('button', { onclick: () => act(l.callControlId, 'dtmf') }, '번호 누르기 · Digits'));
  }
  const cls = agent ? 'leg agent-leg' + (l.state === 'ringing' ? ' ringing' : '') : 'leg';
  return el('div', { class: cls, 'data-leg-to': l.to }, who + ' ' + (l.fromNational || l.from) + ' → ' + (l.toNational || l.to) + ' ', el('b', {}, l.state), l.playing ? ' ♪ 대기음 · hold audio' : '', buttons);
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
setInterval(loadContactCenter, 10000);
loadContactCenter().then(refresh);`;

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
<button id="dial">전화 걸기 · Dial</button> <span id="dialled" class="hint" role="status"></span>
<p class="hint presets">콘택트센터 대표번호 · Contact-center service numbers: <span id="services"></span></p></fieldset>
<fieldset><legend>상담사 휴대폰 · Agents' phones</legend>
<p class="hint">상담 전화가 오면 아래 통화 목록에 상담사 이름과 함께 울립니다. 자동 받기를 고르면 ${AUTO_MS / 1000}초 뒤에 받습니다 · Consult calls ring below, labelled with the agent; auto-answer picks up after ${AUTO_MS / 1000} s.</p>
<div id="agents"></div><span id="agentsSaved" class="hint" role="status"></span></fieldset>
<fieldset><legend>받는 사람 설정 · Callee behaviour</legend>
<label>휴대폰 · Mobile <input id="pnum" value="${DEMO.mobile}" inputmode="tel"></label>
<label>응답 · Answer <select id="pans"><option value="manual">직접 · manual</option><option value="after">N ms 후 · after</option><option value="never">안 받음 · never</option><option value="busy">통화중 · busy</option><option value="reject">거절 · reject</option></select></label>
<label>ms <input id="pafter" value="1000" size="6"></label>
<button id="party">저장 · Save</button> <span id="saved" class="hint" role="status"></span></fieldset>
<label>시간대 · Time zone <input id="zone" value="${DEMO.zone}"></label>
<h2>통화 · Calls</h2><div id="sessions"></div>
<script>${SCRIPT}</script></body></html>`;
