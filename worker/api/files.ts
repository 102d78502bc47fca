// Customer-center resource files (S19): admins upload (multipart, at most 20 MB) into the FILES
// bucket; everyone signed in lists and downloads the platform's and their org's files.
import { Hono } from 'hono';
import { assertCanManage, authorOrgId, contentScope } from '../auth/content-scope';
import { requireRole, requireUser } from '../auth/session';
import { deleteVisibleFile, findVisibleFile, insertFile, listVisibleFiles, type ResourceFile } from '../db/resource-files';
import type { AppEnv } from '../env';
import { notFound } from '../errors';
import { audit } from '../http/audit';
import { validate, validateId } from '../http/validate';
import { newId } from '../ids';
import { fileKey } from '../storage/keys';
import { FileUploadBody } from '../../contract/requests/common';

/** The last path segment, without control characters; browsers may send a full path. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/\p{C}/gu, '').trim().slice(0, 200);
  return clean || 'file';
}

/** A plain type/subtype as given, or a neutral type (the file is always served as an attachment). */
function cleanContentType(type: string): string {
  return /^[\w.+-]{1,64}\/[\w.+-]{1,128}$/.test(type) ? type.toLowerCase() : 'application/octet-stream';
}

/** RFC 6266 / 5987: an ASCII fallback for old clients and the exact UTF-8 name for the rest. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function view(f: ResourceFile) {
  const { id, title, fileName, contentType, sizeBytes, createdAt } = f;
  return { id, title, fileName, contentType, sizeBytes, createdAt, scope: contentScope(f.orgId) };
}

/** Mounted at /api/files. */
export const fileRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const files = await listVisibleFiles(c.get('scope'));
    return c.json({ files: files.map(view) });
  })
  .post('/', requireRole('org_admin', 'operator'), validate('form', FileUploadBody), async (c) => {
    const me = c.get('user');
    const { title, file } = c.req.valid('form');
    const id = newId('fil');
    const orgId = authorOrgId(me);
    const r2Key = fileKey(orgId === null ? 'platform' : { orgId }, id);
    const contentType = cleanContentType(file.type);
    await c.env.FILES.put(r2Key, file, { httpMetadata: { contentType } });
    const row = await insertFile(c.get('scope'), {
      id,
      orgId,
      title,
      fileName: cleanFileName(file.name),
      r2Key,
      contentType,
      sizeBytes: file.size,
      uploadedBy: me.id,
    }).catch(async (err: unknown) => {
      await c.env.FILES.delete(r2Key);
      throw err;
    });
    await audit(c, 'file.uploaded', {
      targetType: 'file',
      targetId: id,
      detail: { fileName: row.fileName, sizeBytes: row.sizeBytes, scope: contentScope(orgId) },
    });
    return c.json({ file: view(row) }, 201);
  })
  .get('/:id/download', validateId(), async (c) => {
    const { id } = c.req.valid('param');
    const file = await findVisibleFile(c.get('scope'), id);
    if (!file) throw notFound('No such file.');
    const object = await c.env.FILES.get(file.r2Key);
    if (!object) throw notFound('The file is no longer stored.');
    await audit(c, 'file.downloaded', { targetType: 'file', targetId: id });
    return new Response(object.body, {
      headers: {
        'content-type': file.contentType,
        'content-length': String(object.size),
        'content-disposition': attachmentDisposition(file.fileName),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      },
    });
  })
  .delete('/:id', requireRole('org_admin', 'operator'), validateId(), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const file = await findVisibleFile(scope, id);
    if (!file) throw notFound('No such file.');
    assertCanManage(c.get('user'), file.orgId);
    if (!(await deleteVisibleFile(scope, id))) throw notFound('No such file.');
    // The row goes first: a failed object delete leaves an unreachable object, never a dangling row.
    await c.env.FILES.delete(file.r2Key);
    await audit(c, 'file.deleted', { targetType: 'file', targetId: id, detail: { fileName: file.fileName } });
    return c.json({ ok: true });
  });
