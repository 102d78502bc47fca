// The one place R2 object keys are made, so the layout of both buckets is readable in one file
// and never built inline: org data under org/<org>/…, platform-wide files under platform/….

/** A customer-center resource file in the FILES bucket. */
export function fileKey(owner: { orgId: string } | 'platform', fileId: string): string {
  return owner === 'platform' ? `platform/files/${fileId}` : `org/${owner.orgId}/files/${fileId}`;
}
