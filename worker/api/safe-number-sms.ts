// "Send my safe number" (S12): one tap sends the staff member's safe number to a citizen by SMS,
// from the org's template, through the same sender and destination rule as any message. Staff at
// /api/me/safe-number-sms (preview, send); org admins edit the template at /api/admin/safe-number-sms.
import { Hono } from 'hono';
import { requireRole, requireUser } from '../auth/session';
import { insertMessage } from '../db/messages';
import { saveSafeNumberSmsTemplate } from '../db/orgs';
import type { AppEnv } from '../env';
import { invalidField } from '../errors';
import { audit } from '../http/audit';
import { validate } from '../http/validate';
import { countBytes, LMS_MAX_BYTES, messageKind } from '../../contract/message-bytes';
import { resolveRecipients } from '../messaging/recipients';
import { DEFAULT_SAFE_NUMBER_TEMPLATE, safeNumberText } from '../../contract/safe-number-sms';
import { formatNational } from '../phone';
import { mySafeNumber } from './me/home';
import { messageView, sendSoon } from './me/messages';
import { SafeNumberSmsSendBody, SafeNumberSmsTemplateBody } from '../../contract/requests/common';

async function myText(c: Parameters<typeof mySafeNumber>[0]) {
  const { user, org, number } = await mySafeNumber(c);
  if (!number) throw invalidField('sender', 'no_sender', 'You have no safe number.');
  return { number, text: safeNumberText(org.safeNumberSmsTemplate, { name: user.name, safeNumber: formatNational(number.e164), org: org.name }) };
}

export const meSafeNumberSmsRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const { text } = await myText(c);
    const { bytes, unsupported } = countBytes(text);
    return c.json({ text, bytes, kind: messageKind(bytes, false), unsupported });
  })
  .post('/', validate('json', SafeNumberSmsSendBody), async (c) => {
    const { number, text } = await myText(c);
    const { recipients, skipped } = resolveRecipients([{ input: c.req.valid('json').to, name: null }]);
    const to = recipients[0];
    if (!to) {
      const reason = skipped[0]?.reason;
      throw invalidField('to', reason === 'not_mobile' || reason === 'not_dialable' ? reason : 'phone', 'Only a Korean mobile gets a text message.');
    }
    const { bytes, unsupported } = countBytes(text);
    if (unsupported.length || bytes > LMS_MAX_BYTES) throw invalidField('template', 'message_chars', 'The org template cannot be sent.');
    const kind = messageKind(bytes, false);
    const message = await insertMessage(
      c.get('scope'),
      { userId: c.get('user').id, kind, sender: number.e164, subject: null, text, mediaKey: null, scheduledAt: null },
      [to],
      Date.now(),
    );
    sendSoon(c, message.id);
    await audit(c, 'message.safe_number_sent', { targetType: 'message', targetId: message.id });
    return c.json({ message: messageView({ ...message, total: 1, waiting: 1 }) }, 201);
  });

export const adminSafeNumberSmsRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole('org_admin', 'operator'))
  .get('/', async (c) => {
    const { org } = await mySafeNumber(c);
    return c.json({ template: org.safeNumberSmsTemplate, defaultTemplate: DEFAULT_SAFE_NUMBER_TEMPLATE });
  })
  .put('/', validate('json', SafeNumberSmsTemplateBody), async (c) => {
    const template = c.req.valid('json').template || null;
    if (template) {
      const sample = countBytes(safeNumberText(template, { name: '홍길동', safeNumber: '050-1234-0001', org: '' }));
      if (sample.unsupported.length) throw invalidField('template', 'message_chars', 'The template has characters no handset can show.');
    }
    await saveSafeNumberSmsTemplate(c.get('scope'), template);
    await audit(c, 'org.safe_number_sms_updated', { targetType: 'org', targetId: c.get('scope').orgId });
    return c.json({ template, defaultTemplate: DEFAULT_SAFE_NUMBER_TEMPLATE });
  });
