// Users of an organisation: accounts, roles, profile fields. Always through the tenant scope.
import { asc, eq, or, sql } from 'drizzle-orm';
import { newId } from '../ids';
import { users, type Role } from './schema';
import type { OrgDb } from './scope';

export type User = typeof users.$inferSelect;

export async function findUserByLoginId(scope: OrgDb, loginId: string): Promise<User | undefined> {
  return scope.db
    .select()
    .from(users)
    .where(scope.where(users, eq(users.loginId, loginId)))
    .get();
}

export async function findUser(scope: OrgDb, userId: string): Promise<User | undefined> {
  return scope.db
    .select()
    .from(users)
    .where(scope.where(users, eq(users.id, userId)))
    .get();
}

export type NewUser = {
  loginId: string;
  name: string;
  role: Role;
  passwordHash: string;
  teamId?: string | null;
  mobile?: string | null;
  mustChangePassword?: boolean;
};

export async function insertUser(scope: OrgDb, input: NewUser): Promise<User> {
  const row = { id: newId('usr'), orgId: scope.orgId, ...input };
  const [created] = await scope.db.insert(users).values(row).returning();
  if (!created) throw new Error('user insert returned nothing');
  return created;
}

export async function updateUser(
  scope: OrgDb,
  userId: string,
  patch: Partial<Omit<User, 'id' | 'orgId' | 'loginId' | 'createdAt'>>,
): Promise<User | undefined> {
  const [row] = await scope.db
    .update(users)
    .set({ ...patch, updatedAt: Date.now() })
    .where(scope.where(users, eq(users.id, userId)))
    .returning();
  return row;
}

export type UserFilter = { q?: string; role?: Role; teamId?: string };

/** Users matching the admin list's filters; `q` matches login ID or name (LIKE, wildcards escaped). */
export async function searchUsers(scope: OrgDb, filter: UserFilter): Promise<User[]> {
  const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : undefined;
  return scope.db
    .select()
    .from(users)
    .where(
      scope.where(
        users,
        pattern ? or(sql`${users.loginId} LIKE ${pattern} ESCAPE '\\'`, sql`${users.name} LIKE ${pattern} ESCAPE '\\'`) : undefined,
        filter.role ? eq(users.role, filter.role) : undefined,
        filter.teamId ? eq(users.teamId, filter.teamId) : undefined,
      ),
    )
    .orderBy(asc(users.loginId))
    .all();
}
