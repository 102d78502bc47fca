import { describe, expect, it } from 'vitest';
import { request } from '../fixtures/orgs';

describe('bad input never becomes a 500', () => {
  it('invalid JSON is a 400 naming the body', async () => {
    const res = await request('/api/auth/login', { method: 'POST', body: '{"org":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    const body = await res.json<{ error: { code: string; fields: { field: string }[] } }>();
    expect(body.error.code).toBe('invalid');
    expect(body.error.fields[0]?.field).toBe('(body)');
    expect(body.error.fields[0]).toMatchObject({ code: 'malformed_json' });
  });

  it('wrong types are a 400 naming each failing field, without echoing values', async () => {
    const res = await request('/api/auth/login', { method: 'POST', json: { org: 5, loginId: ['x'], password: '010-1234-5678' } });
    expect(res.status).toBe(400);
    const text = await res.text();
    const body = JSON.parse(text) as { error: { fields: { field: string }[] } };
    expect(body.error.fields.map((f) => f.field).sort()).toEqual(['loginId', 'org']);
    expect(text).not.toContain('010-1234-5678');
  });

  it('a missing body and a non-JSON content type are 415 (issue 7: never read as an empty object)', async () => {
    expect((await request('/api/auth/login', { method: 'POST' })).status).toBe(415);
    const form = await request('/api/auth/login', { method: 'POST', body: 'org=a', headers: { 'content-type': 'text/plain', origin: 'http://app.test' } });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('an oversized body is a 400 and is not read', async () => {
    const res = await request('/api/auth/login', { method: 'POST', json: { org: 'x'.repeat(100_000), loginId: 'a', password: 'b' } });
    expect(res.status).toBe(400);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('too_large');
  });

  it('a cross-site form post is refused', async () => {
    const res = await request('/api/auth/logout', {
      method: 'POST',
      body: 'x=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });

  it('an unknown API route is a JSON 404', async () => {
    const res = await request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('health', () => {
  it('checks D1, R2 and every Durable Object binding', async () => {
    const res = await request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      checks: { d1: 'ok', r2: { recordings: 'ok', files: 'ok' }, durableObjects: { callSession: 'ok', agent: 'ok', queue: 'ok' } },
    });
  });
});
