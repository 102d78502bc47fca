// The simulator's demo page (/_sim/): play the citizen and the staff member, watch every webhook
// and command of the call. Plain HTML and JS, no build step; talks to /_sim/api/*.
export const SIM_PAGE = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>통신사 시뮬레이터 · Carrier simulator</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#111}
fieldset{margin-bottom:1rem;border:1px solid #ccc;border-radius:6px}
label{margin-right:1rem}input,select{margin-left:.3rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border-bottom:1px solid #eee;padding:.2rem .4rem;text-align:left}
.leg{margin:.3rem 0}.leg button{margin-left:.3rem}.webhook{color:#05c}.command{color:#a50}.script{color:#080}
</style></head><body>
<h1>통신사 시뮬레이터 <small>Carrier simulator</small></h1>
<fieldset><legend>시민으로 전화 걸기 · Call as a citizen</legend>
<label>발신 · From <input id="from" value="+821012345678"></label>
<label>안심번호 · To <input id="to" value="+82505000000"></label>
<label>시간 배율 · Time scale <input id="scale" value="1" size="4"></label>
<button id="dial">전화 걸기 · Dial</button></fieldset>
<fieldset><legend>받는 사람 설정 · Callee behaviour</legend>
<label>휴대폰 · Mobile <input id="pnum" value="+821099998888"></label>
<label>응답 · Answer <select id="pans"><option value="manual">직접 · manual</option><option value="after">N ms 후 · after</option><option value="never">안 받음 · never</option><option value="busy">통화중 · busy</option><option value="reject">거절 · reject</option></select></label>
<label>ms <input id="pafter" value="1000" size="6"></label>
<button id="party">저장 · Save</button></fieldset>
<h2>통화 · Calls</h2><div id="sessions"></div>
<script>
const $=(id)=>document.getElementById(id);
async function api(path,body){const r=await fetch('/_sim/api'+path,{method:body?'POST':'GET',headers:{'content-type':'application/json'},body:body?JSON.stringify(body):undefined});return r.json();}
$('dial').onclick=()=>api('/calls',{from:$('from').value,to:$('to').value,timeScale:Number($('scale').value)||1});
$('party').onclick=()=>api('/parties',{number:$('pnum').value,answer:$('pans').value,afterMs:Number($('pafter').value)||0});
function esc(s){return String(s??'').replace(/[&<>"]/g,(c)=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
async function act(id,a){const body=a==='dtmf'?{digits:prompt('숫자 · Digits')||''}:{};await api('/legs/'+encodeURIComponent(id)+'/'+a,body);}
window.act=act;
async function refresh(){
  const {sessions}=await api('/sessions');
  const parts=[];
  for(const s of sessions){
    let cs=null;try{cs=await (await fetch('/_sim/api/call-sessions/'+encodeURIComponent(s.id))).json();}catch{}
    const legs=s.legs.map(l=>'<div class="leg">'+(l.direction==='incoming'?'시민 · caller':l.supervises?'감독 · supervisor ('+esc(l.supervises.role)+')':'받는 사람 · callee / 상담사 · agent')+' '+esc(l.from)+' → '+esc(l.to)+' <b>'+esc(l.state)+'</b>'+(l.playing?' ♪ 대기음 · hold audio':'')+
      (l.state==='ringing'?'<button onclick="act(\\''+esc(l.callControlId)+'\\',\\'answer\\')">받기 · Answer</button>':'')+
      (l.state!=='ended'?'<button onclick="act(\\''+esc(l.callControlId)+'\\',\\'hangup\\')">끊기 · Hang up</button><button onclick="act(\\''+esc(l.callControlId)+'\\',\\'dtmf\\')">번호 누르기 · Digits</button>':'')+'</div>').join('');
    const rows=s.log.map(e=>'<tr class="'+e.kind+'"><td>'+new Date(e.at).toISOString().slice(11,23)+'</td><td>'+e.kind+'</td><td>'+esc(e.name)+'</td><td>'+esc(e.status)+'</td><td>'+esc((e.commandId||e.eventId||'').slice(0,8))+'</td></tr>').join('');
    const flow=cs&&cs.state?'<p>흐름 · flow: <b>'+esc(cs.state.phase)+'</b> 결과 · outcome: <b>'+esc(cs.state.outcome)+'</b> 기록 · recorded: '+cs.recordWritten+'</p>':'';
    parts.push('<fieldset><legend>'+esc(s.id.slice(0,8))+(s.idle?'':' …')+'</legend>'+legs+flow+'<table><tr><th>time</th><th>kind</th><th>event / command</th><th>status</th><th>id</th></tr>'+rows+'</table></fieldset>');
  }
  $('sessions').innerHTML=parts.join('')||'<p>아직 통화가 없습니다 · No calls yet.</p>';
}
setInterval(refresh,700);refresh();
</script></body></html>`;
