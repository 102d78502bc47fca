// The one place R2 object keys are made, so the layout of both buckets is readable in one file
// and never built inline: org data under org/<org>/…, platform-wide files under platform/….

/** A customer-center resource file in the FILES bucket. */
export function fileKey(owner: { orgId: string } | 'platform', fileId: string): string {
  return owner === 'platform' ? `platform/files/${fileId}` : `org/${owner.orgId}/files/${fileId}`;
}

/**
 * A call's recording (or voicemail) in the RECORDINGS bucket: org/<org>/recordings/<yyyy>/<mm>/<call>.mp3,
 * by the call's start in UTC; <call> is the call's session id, the one id known before its record
 * exists. A voicemail left on the same call is <call>-voicemail.mp3.
 */
export function recordingKey(orgId: string, startedAt: number, callSessionId: string, kind: 'call' | 'voicemail' = 'call'): string {
  const d = new Date(startedAt);
  const yyyy = String(d.getUTCFullYear()).padStart(4, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const safe = callSessionId.replace(/[^A-Za-z0-9_-]/g, '_');
  return `org/${orgId}/recordings/${yyyy}/${mm}/${safe}${kind === 'voicemail' ? '-voicemail' : ''}.mp3`;
}

/** An MMS image in the FILES bucket: org/<org>/messages/<message id> (one image per message). */
export function messageMediaKey(orgId: string, messageId: string): string {
  return `org/${orgId}/messages/${messageId}`;
}
