import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, resourceFiles } from '../../worker/db/schema';
import { fileKey } from '../../worker/storage/keys';
import { login, makeOrg, makeUser, orgWithUser, type Client } from '../fixtures/orgs';

type FileView = { id: string; title: string; fileName: string; contentType: string; sizeBytes: number; createdAt: number; scope: string };
type ErrorBody = { error: { code: string; fields?: { field: string }[] } };

function upload(client: Client, title: string | undefined, file: File | undefined) {
  const form = new FormData();
  if (title !== undefined) form.set('title', title);
  if (file) form.set('file', file);
  return client.fetch('/api/files', { method: 'POST', body: form });
}

describe('resource files', () => {
  it('round-trips a file with a Korean name: upload, list, download with attachment headers, audit both', async () => {
    const { org, client: admin } = await orgWithUser('org_admin');
    const staff = await login(org.name, (await makeUser(org.id)).loginId);
    const bytes = new TextEncoder().encode('%PDF-1.4 안심번호 사용 안내\n');
    const res = await upload(admin, '사용 안내서', new File([bytes], '안심번호 사용설명서 (2026).pdf', { type: 'application/pdf' }));
    expect(res.status).toBe(201);
    const { file } = await res.json<{ file: FileView }>();
    expect(file).toMatchObject({
      title: '사용 안내서',
      fileName: '안심번호 사용설명서 (2026).pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      scope: 'org',
    });

    const row = await globalDb(env).select().from(resourceFiles).where(eq(resourceFiles.id, file.id)).get();
    expect(row?.r2Key).toBe(fileKey({ orgId: org.id }, file.id));

    const list = (await (await staff.fetch('/api/files')).json<{ files: FileView[] }>()).files;
    expect(list.map((f) => f.id)).toEqual([file.id]);

    const dl = await staff.fetch(`/api/files/${file.id}/download`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.headers.get('content-length')).toBe(String(bytes.length));
    const disposition = dl.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(encoded).not.toMatch(/[()' ]/);
    expect(decodeURIComponent(encoded)).toBe('안심번호 사용설명서 (2026).pdf');
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(bytes);

    const actions = (await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['file.uploaded', 'file.downloaded']));

    expect((await staff.fetch(`/api/files/${file.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await admin.fetch(`/api/files/${file.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await env.FILES.head(fileKey({ orgId: org.id }, file.id))).toBeNull();
    expect((await staff.fetch(`/api/files/${file.id}/download`)).status).toBe(404);
  });

  it('shares operators’ files with every org and keeps each org’s files to itself', async () => {
    const opOrg = await makeOrg();
    const op = await login(opOrg.name, (await makeUser(opOrg.id, { role: 'operator' })).loginId);
    const a = await orgWithUser('org_admin');
    const b = await orgWithUser('org_admin');
    const shared = (await (await upload(op, '공통 양식', new File(['x'], 'form.hwp'))).json<{ file: FileView }>()).file;
    const bOnly = (await (await upload(b.client, 'B 내부', new File(['secret'], 'b.txt', { type: 'text/plain' }))).json<{ file: FileView }>()).file;
    expect(shared).toMatchObject({ scope: 'platform', contentType: 'application/octet-stream' });
    expect(await env.FILES.head(fileKey('platform', shared.id))).not.toBeNull();

    const aList = (await (await a.client.fetch('/api/files')).json<{ files: FileView[] }>()).files.map((f) => f.id);
    expect(aList).toContain(shared.id);
    expect(aList).not.toContain(bOnly.id);
    expect((await a.client.fetch(`/api/files/${shared.id}/download`)).status).toBe(200);
    expect((await a.client.fetch(`/api/files/${bOnly.id}/download`)).status).toBe(404);
    expect((await a.client.fetch(`/api/files/${bOnly.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await a.client.fetch(`/api/files/${shared.id}`, { method: 'DELETE' })).status).toBe(403);
    expect(await env.FILES.head(fileKey({ orgId: b.org.id }, bOnly.id))).not.toBeNull();
    expect(await globalDb(env).select().from(resourceFiles).where(eq(resourceFiles.id, bOnly.id)).get()).toBeDefined();
  });

  it('refuses a missing title, a missing or empty file, a file over 20 MB, and non-admins; stores nothing', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const cases: [string | undefined, File | undefined, string][] = [
      [undefined, new File(['x'], 'a.txt'), 'title'],
      ['t', undefined, 'file'],
      ['t', new File([], 'empty.txt'), 'file'],
      ['t', new File([new Uint8Array(20 * 1024 * 1024 + 1)], 'big.bin'), 'file'],
    ];
    for (const [title, file, field] of cases) {
      const res = await upload(client, title, file);
      expect(res.status, field).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields?.map((f) => f.field)).toContain(field);
    }
    const staff = await login(org.name, (await makeUser(org.id)).loginId);
    expect((await upload(staff, 't', new File(['x'], 'a.txt'))).status).toBe(403);
    expect(await globalDb(env).select().from(resourceFiles).where(eq(resourceFiles.orgId, org.id)).all()).toEqual([]);
    expect((await env.FILES.list({ prefix: `org/${org.id}/` })).objects).toEqual([]);
  });

  it('accepts a file of exactly 20 MB', async () => {
    const { client } = await orgWithUser('org_admin');
    const res = await upload(client, '큰 파일', new File([new Uint8Array(20 * 1024 * 1024)], 'exact.bin'));
    expect(res.status).toBe(201);
  });
});
