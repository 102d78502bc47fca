// Sending text messages end to end (S12, S15, S16): compose through the API, the carrier simulator
// accepting each message and sending signed message.sent / message.finalized webhooks, recipients
// updated from them; scheduled sending by the cron handler at its minute and never again (injected
// clock), cancel, a send that dies half-way resuming without duplicates, and the send logs.
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { claimRecipients, CLAIM_STALE_MS } from '../../worker/db/messages';
import { messageRecipients } from '../../worker/db/schema';
import { messageBody, sendMessage, sendOne } from '../../worker/messaging/send';
import { sendingMessages } from '../../worker/db/messages';
import { runScheduled } from '../../worker/scheduled';
import { sim } from '../fixtures/calls';
import { login, makeUser } from '../fixtures/orgs';
import { staffWithNumber } from '../fixtures/staff';

type SimMessage = { id: string; from: string; to: string; text: string; subject: string | null; mediaUrls: string[] };
type Counts = { total: number; waiting: number; sent: number; delivered: number; failed: number };
type MessageView = { id: string; kind: string; status: string; scheduledAt: number | null; counts: Counts; sender: { e164: string } };
type ErrorBody = { error: { code: string; fields: { field: string; code: string; params?: Record<string, number> }[] } };

/** Distinct mobile numbers per test: the simulator's list is shared by the whole file. */
const mobiles = (n: number) => {
  const base = 10_000_000 + Math.floor(Math.random() * 80_000_000);
  return Array.from({ length: n }, (_, i) => `010${String(base + i).padStart(8, '0')}`);
};
const e164 = (national: string) => `+82${national.slice(1)}`;

async function accepted(numbers: readonly string[]): Promise<SimMessage[]> {
  const { messages } = await sim<{ messages: SimMessage[] }>('/api/messages');
  const wanted = new Set(numbers.map(e164));
  return messages.filter((m) => wanted.has(m.to));
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The org's wall clock (Seoul) `minutes` from `at`, as the compose screen sends it. */
const seoulWall = (at: number) => new Date(at + 9 * 3_600_000).toISOString().slice(0, 16);

describe('compose and send (S15)', () => {
  it('typed numbers: normalised, deduplicated, invalid and non-mobile ones listed and skipped; each sent once; webhooks mark them delivered', async () => {
    const s = await staffWithNumber();
    const [a = '', b = ''] = mobiles(2);
    const res = await s.client.fetch('/api/me/messages', {
      method: 'POST',
      json: {
        sender: 'safe_number',
        text: '내일 10시 방문 예정입니다.',
        numbers: [a, `${a.slice(0, 3)}-${a.slice(3, 7)}-${a.slice(7)}`, b, '12', '02-123-4567', '060-700-1234'],
      },
    });
    expect(res.status).toBe(201);
    const body = await res.json<{ message: MessageView; skipped: { input: string; reason: string }[] }>();
    expect(body.message).toMatchObject({ kind: 'sms', status: 'sending', sender: { e164: s.e164 }, counts: { total: 2 } });
    expect(body.skipped.map((k) => k.reason)).toEqual(['duplicate', 'phone', 'not_mobile', 'not_dialable']);

    const view = await until(
      async () => (await (await s.client.fetch(`/api/me/messages/${body.message.id}`)).json<{ message: MessageView }>()).message,
      (m) => m.counts.delivered === 2,
    );
    expect(view).toMatchObject({ status: 'sent', counts: { total: 2, waiting: 0, sent: 2, delivered: 2, failed: 0 } });
    const got = await accepted([a, b]);
    expect(got.map((m) => m.to).sort()).toEqual([e164(a), e164(b)].sort());
    expect(got.every((m) => m.from === s.e164 && m.text === '내일 10시 방문 예정입니다.')).toBe(true);

    // The log by number finds it by digits and shows the delivery status.
    const byNumber = await (
      await s.client.fetch(`/api/me/message-recipients?q=${b.slice(3)}`)
    ).json<{ recipients: { number: { national: string }; status: string }[] }>();
    expect(byNumber.recipients).toHaveLength(1);
    expect(byNumber.recipients[0]).toMatchObject({ status: 'delivered' });
  });

  it('a failed delivery is counted as failed', async () => {
    const s = await staffWithNumber();
    const [a = ''] = mobiles(1);
    await sim('/api/message-faults', { finalStatus: 'delivery_failed' });
    try {
      const res = await s.client.fetch('/api/me/messages', { method: 'POST', json: { sender: 'safe_number', text: '안내', numbers: [a] } });
      const { message } = await res.json<{ message: MessageView }>();
      const view = await until(
        async () => (await (await s.client.fetch(`/api/me/messages/${message.id}`)).json<{ message: MessageView }>()).message,
        (m) => m.counts.failed === 1,
      );
      expect(view.counts).toMatchObject({ total: 1, sent: 1, delivered: 0, failed: 1 });
    } finally {
      await sim('/api/message-faults', {});
    }
  });

  it('more than 90 bytes goes as LMS with its subject; the subject of an SMS is dropped', async () => {
    const s = await staffWithNumber();
    const [a = '', b = ''] = mobiles(2);
    const long = '가'.repeat(45) + 'x'; // 91 bytes
    const lms = await (
      await s.client.fetch('/api/me/messages', { method: 'POST', json: { sender: 'safe_number', text: long, subject: '안내', numbers: [a] } })
    ).json<{ message: MessageView }>();
    expect(lms.message.kind).toBe('lms');
    const sms = await (
      await s.client.fetch('/api/me/messages', { method: 'POST', json: { sender: 'safe_number', text: '가'.repeat(45), subject: '안내', numbers: [b] } })
    ).json<{ message: MessageView }>();
    expect(sms.message.kind).toBe('sms');
    const got = await until(
      () => accepted([a, b]),
      (m) => m.length === 2,
    );
    expect(got.find((m) => m.to === e164(a))?.subject).toBe('안내');
    expect(got.find((m) => m.to === e164(b))?.subject).toBeNull();
  });
});

describe('scheduled sending (S15)', () => {
  it('is sent by the cron handler at its minute, once, and never again', async () => {
    const s = await staffWithNumber();
    const [a = '', b = ''] = mobiles(2);
    // A minute boundary two hours ahead, in the org's time zone.
    const due = Math.ceil((Date.now() + 2 * 3_600_000) / 60_000) * 60_000;
    const res = await s.client.fetch('/api/me/messages', {
      method: 'POST',
      json: { sender: 'safe_number', text: '예약 안내', numbers: [a, b], scheduledAt: seoulWall(due) },
    });
    expect(res.status).toBe(201);
    const { message } = await res.json<{ message: MessageView }>();
    expect(message).toMatchObject({ status: 'scheduled', scheduledAt: due });

    await runScheduled(env, due - 60_000);
    expect(await accepted([a, b])).toHaveLength(0);
    // Two ticks of the same minute (a cron retried, two isolates): one starts it.
    await Promise.all([runScheduled(env, due), runScheduled(env, due + 1)]);
    expect((await accepted([a, b])).length).toBe(2);
    await runScheduled(env, due + 60_000);
    await runScheduled(env, due + 10 * 60_000);
    expect((await accepted([a, b])).map((m) => m.to).sort()).toEqual([e164(a), e164(b)].sort());
    const view = (await (await s.client.fetch(`/api/me/messages/${message.id}`)).json<{ message: MessageView }>()).message;
    expect(view.status).toBe('sent');
    const scheduled = await (await s.client.fetch('/api/me/messages?status=scheduled')).json<{ messages: MessageView[] }>();
    expect(scheduled.messages.map((m) => m.id)).not.toContain(message.id);
  });

  it('is cancellable until sent: cancelled, the cron sends nothing; cancelling again or after sending is 409', async () => {
    const s = await staffWithNumber();
    const [a = ''] = mobiles(1);
    const due = Math.ceil((Date.now() + 3 * 3_600_000) / 60_000) * 60_000;
    const { message } = await (
      await s.client.fetch('/api/me/messages', {
        method: 'POST',
        json: { sender: 'safe_number', text: '취소될 안내', numbers: [a], scheduledAt: seoulWall(due) },
      })
    ).json<{ message: MessageView }>();
    const listed = await (await s.client.fetch('/api/me/messages?status=scheduled')).json<{ messages: MessageView[] }>();
    expect(listed.messages.map((m) => m.id)).toContain(message.id);
    const cancel = await s.client.fetch(`/api/me/messages/${message.id}/cancel`, { method: 'POST', json: {} });
    expect(cancel.status).toBe(200);
    expect((await cancel.json<{ message: MessageView }>()).message.status).toBe('cancelled');
    await runScheduled(env, due + 60_000);
    expect(await accepted([a])).toHaveLength(0);
    expect((await s.client.fetch(`/api/me/messages/${message.id}/cancel`, { method: 'POST', json: {} })).status).toBe(409);
  });
});

describe('a large send (S15)', () => {
  it('interrupted after half its recipients resumes without duplicates and loses nobody', async () => {
    const s = await staffWithNumber();
    const numbers = mobiles(12);
    const due = Math.ceil((Date.now() + 4 * 3_600_000) / 60_000) * 60_000;
    const { message } = await (
      await s.client.fetch('/api/me/messages', { method: 'POST', json: { sender: 'safe_number', text: '대량 안내', numbers, scheduledAt: seoulWall(due) } })
    ).json<{ message: MessageView }>();
    await globalDb(env).run(`UPDATE messages SET status = 'sending' WHERE id = '${message.id}'`);
    const [m] = await sendingMessages(env, message.id);
    if (!m) throw new Error('not sending');

    // Run 1 dies after handing 6 to the carrier: the first 4 recorded, then a batch of 4 claimed,
    // 2 of them accepted by the carrier but the run gone before it wrote that down.
    let now = due;
    await sendMessage(env, m, { now: () => now, batchSize: 4, budget: 4 });
    const dying = await claimRecipients(env, m.id, now, 4);
    for (const r of dying.slice(0, 2))
      await sendOne(
        env,
        await messageBody(env, m, r.number, now, undefined),
        r.id,
        (await import('../../worker/simulator/loopback')).simulatorCommandFetch(env) ?? fetch,
      );
    expect(await accepted(numbers)).toHaveLength(6);

    // Run 2, before the claims go stale: takes only the never-claimed 4; one answer is lost on the way.
    await sim('/api/message-faults', { loseNext: 1 });
    try {
      await sendMessage(env, m, { now: () => now, batchSize: 4 });
    } finally {
      await sim('/api/message-faults', {});
    }
    expect(await accepted(numbers)).toHaveLength(10);

    // The next tick after the claims went stale: the dead run's 4 and the lost answer are sent again
    // with the same Idempotency-Key, so the carrier answers with the first message instead of a new one.
    now = due + CLAIM_STALE_MS + 60_000;
    await runScheduled(env, now);
    const got = await accepted(numbers);
    expect(got.map((x) => x.to).sort()).toEqual(numbers.map(e164).sort());
    const rows = await globalDb(env).select().from(messageRecipients).where(eq(messageRecipients.messageId, m.id)).all();
    expect(rows.every((r) => r.carrierMessageId !== null && r.status !== 'pending' && r.status !== 'claimed')).toBe(true);
    expect(new Set(rows.map((r) => r.carrierMessageId))).toEqual(new Set(got.map((x) => x.id)));
    const view = (await (await s.client.fetch(`/api/me/messages/${m.id}`)).json<{ message: MessageView }>()).message;
    expect(view.status).toBe('sent');
  });
});

describe('validation and tenancy (S15, P8)', () => {
  it('answers each bad input with its field code and stores nothing', async () => {
    const s = await staffWithNumber();
    const [a = ''] = mobiles(1);
    const send = async (json: unknown) => {
      const res = await s.client.fetch('/api/me/messages', { method: 'POST', json });
      expect(res.status).toBe(400);
      return (await res.json<ErrorBody>()).error.fields[0];
    };
    expect(await send({ sender: 'safe_number', text: '안녕 😀', numbers: [a] })).toMatchObject({ field: 'text', code: 'message_chars' });
    expect(await send({ sender: 'safe_number', text: '가'.repeat(1001), numbers: [a] })).toMatchObject({
      field: 'text',
      code: 'too_many_bytes',
      params: { max: 2000 },
    });
    expect(await send({ sender: 'safe_number', text: '', numbers: [a] })).toMatchObject({ field: 'text', code: 'required' });
    expect(await send({ sender: 'department', text: '안내', numbers: [a] })).toMatchObject({ field: 'sender', code: 'no_sender' });
    expect(await send({ sender: 'fax', text: '안내', numbers: [a] })).toMatchObject({ field: 'sender', code: 'choice' });
    expect(await send({ sender: 'safe_number', text: '안내', numbers: ['02-123-4567', '12'] })).toMatchObject({ field: 'numbers', code: 'no_recipients' });
    expect(await send({ sender: 'safe_number', text: '안내', numbers: [a], scheduledAt: '2020-01-01T09:00' })).toMatchObject({
      field: 'scheduledAt',
      code: 'in_past',
    });
    expect(await send({ sender: 'safe_number', text: '안내', numbers: [a], scheduledAt: '내일' })).toMatchObject({ field: 'scheduledAt', code: 'date' });
    expect(await send({ sender: 'safe_number', text: '안내', numbers: [a], mediaId: 'med_nothing' })).toMatchObject({ field: 'mediaId', code: 'not_in_org' });
    const list = await (await s.client.fetch('/api/me/messages')).json<{ messages: MessageView[] }>();
    expect(list.messages).toHaveLength(0);
  });

  it('another staff member never sees, cancels or sends to my messages, contacts or groups', async () => {
    const mine = await staffWithNumber();
    const other = await staffWithNumber();
    const [a = ''] = mobiles(1);
    const due = Math.ceil((Date.now() + 5 * 3_600_000) / 60_000) * 60_000;
    const { message } = await (
      await mine.client.fetch('/api/me/messages', {
        method: 'POST',
        json: { sender: 'safe_number', text: '내 예약', numbers: [a], scheduledAt: seoulWall(due) },
      })
    ).json<{ message: MessageView }>();
    expect((await other.client.fetch(`/api/me/messages/${message.id}`)).status).toBe(404);
    expect((await other.client.fetch(`/api/me/messages/${message.id}/cancel`, { method: 'POST', json: {} })).status).toBe(404);
    expect((await (await other.client.fetch('/api/me/messages')).json<{ messages: MessageView[] }>()).messages).toHaveLength(0);
    expect((await (await other.client.fetch(`/api/me/message-recipients?q=${a.slice(3)}`)).json<{ recipients: unknown[] }>()).recipients).toHaveLength(0);
    const foreign = await other.client.fetch('/api/me/messages', { method: 'POST', json: { sender: 'safe_number', text: '안내', groupIds: ['grp_not_mine'] } });
    expect((await foreign.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'groupIds', code: 'not_in_org' });
  });
});

describe('MMS (S15)', () => {
  it('an image uploaded, sent as MMS at a signed address that serves it; a tampered or expired address serves nothing', async () => {
    const s = await staffWithNumber();
    const [a = ''] = mobiles(1);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const form = new FormData();
    form.set('file', new File([png], '사진.png', { type: 'image/png' }));
    const up = await s.client.fetch('/api/me/messages/media', { method: 'POST', body: form });
    expect(up.status).toBe(201);
    const { mediaId } = await up.json<{ mediaId: string }>();
    const text = new FormData();
    text.set('file', new File(['not an image'], 'x.png', { type: 'image/png' }));
    const bad = await s.client.fetch('/api/me/messages/media', { method: 'POST', body: text });
    expect((await bad.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'file', code: 'image_type' });

    const { message } = await (
      await s.client.fetch('/api/me/messages', {
        method: 'POST',
        json: { sender: 'safe_number', text: '사진 안내', subject: '현장 사진', numbers: [a], mediaId },
      })
    ).json<{ message: MessageView }>();
    expect(message.kind).toBe('mms');
    const [sent] = await until(
      () => accepted([a]),
      (m) => m.length === 1,
    );
    const url = new URL(sent?.mediaUrls[0] ?? 'http://none');
    const served = await exports.default.fetch(new Request(`http://app.test${url.pathname}${url.search}`));
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    const tampered = `http://app.test${url.pathname}?expires=${url.searchParams.get('expires')}&sig=${'0'.repeat(64)}`;
    expect((await exports.default.fetch(new Request(tampered))).status).toBe(404);
    const expired = `http://app.test${url.pathname}?expires=1&sig=${url.searchParams.get('sig')}`;
    expect((await exports.default.fetch(new Request(expired))).status).toBe(404);
  });
});

describe('send my safe number (S12)', () => {
  it('one tap sends the safe number in the org template to a mobile; a landline is refused', async () => {
    const s = await staffWithNumber();
    const [a = ''] = mobiles(1);
    const res = await s.client.fetch('/api/me/safe-number-sms', { method: 'POST', json: { to: a } });
    expect(res.status).toBe(201);
    const [sent] = await until(
      () => accepted([a]),
      (m) => m.length === 1,
    );
    const national = `${s.e164.replace('+82', '0').slice(0, 3)}-`;
    expect(sent?.text).toContain(national);
    expect(sent?.from).toBe(s.e164);
    const land = await s.client.fetch('/api/me/safe-number-sms', { method: 'POST', json: { to: '02-123-4567' } });
    expect((await land.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'to', code: 'not_mobile' });
  });
});

describe('the org template of "send my safe number" (S12)', () => {
  it('an org admin edits it and staff send with it; too long, unsendable characters and staff editing are refused; null goes back to the default', async () => {
    const s = await staffWithNumber();
    const admin = await makeUser(s.org.id, { role: 'org_admin' });
    const adminClient = await login(s.org.name, admin.loginId);
    const put = (template: string | null, client = adminClient) => client.fetch('/api/admin/safe-number-sms', { method: 'PUT', json: { template } });

    expect((await put('{name}의 번호 {safeNumber}', s.client)).status).toBe(403);
    const long = await put('가'.repeat(201));
    expect(long.status).toBe(400);
    expect((await long.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'template', code: 'too_long' });
    const emoji = await put('{safeNumber} 😀');
    expect((await emoji.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'template', code: 'message_chars' });

    const saved = await put('  {org} 담당 {name}: {safeNumber}  ');
    expect(await saved.json()).toMatchObject({ template: '{org} 담당 {name}: {safeNumber}' });
    const national = s.e164.replace('+82', '0');
    const mine = await (await s.client.fetch('/api/me/safe-number-sms')).json<{ text: string; kind: string }>();
    expect(mine.text).toMatch(new RegExp(`^${s.org.name} 담당 .+: ${national.slice(0, 3)}-`));
    expect(mine.kind).toBe('sms');

    const [a = ''] = mobiles(1);
    expect((await s.client.fetch('/api/me/safe-number-sms', { method: 'POST', json: { to: a } })).status).toBe(201);
    const [sent] = await until(
      () => accepted([a]),
      (m) => m.length === 1,
    );
    expect(sent?.text).toBe(mine.text);

    expect(await (await put(null)).json()).toMatchObject({ template: null });
    const back = await (await s.client.fetch('/api/me/safe-number-sms')).json<{ text: string }>();
    expect(back.text).toContain('제 안심번호는');
  });
});
