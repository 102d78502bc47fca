import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { loggable } from '../../worker/http/errors';

describe('what an unexpected error leaves in the log', () => {
  it('keeps the name, a D1 cause and code locations, never the query parameters', () => {
    const d1 = new Error('D1_ERROR: UNIQUE constraint failed: users.org_id, users.login_id: SQLITE_CONSTRAINT');
    const err = new DrizzleQueryError(
      'insert into "users" ("mobile", "password_hash") values (?, ?)',
      ['+821012345678', 'pbkdf2-sha256$100000$c2FsdA==$aGFzaA=='],
      d1,
    );
    const logged = JSON.stringify(loggable(err));
    expect(logged).not.toContain('+821012345678');
    expect(logged).not.toContain('pbkdf2');
    expect(loggable(err)).toMatchObject({ error: 'Error', cause: d1.message });
    expect(loggable(err).at?.length).toBeGreaterThan(0);
  });

  it('names a cause that is not D1’s without its message', () => {
    const err = new Error('outer', { cause: new TypeError('secret token abc') });
    expect(JSON.stringify(loggable(err))).not.toContain('secret token');
    expect(loggable(err).cause).toBe('TypeError');
    expect(loggable('a thrown string with 010-1234-5678')).toEqual({ error: 'string' });
  });
});
