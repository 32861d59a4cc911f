import type { Selectable } from 'kysely';
import type { UsersTable } from '../db/schema.js';
import type { Role } from '../domain/roles.js';
import { now, type Executor, type Page } from './executor.js';

export type UserRow = Selectable<UsersTable>;

export interface NewUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string | null;
  readonly oidcSubject: string | null;
}

export async function insertUser(db: Executor, user: NewUser): Promise<UserRow> {
  const row: UserRow = {
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    role: user.role,
    password_hash: user.passwordHash,
    oidc_subject: user.oidcSubject,
    disabled: 0,
    created_at: now(),
  };
  await db.insertInto('users').values(row).execute();
  return row;
}

export const findUserById = (db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const findUserByUsername = (db: Executor, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export const findUserByOidcSubject = (db: Executor, subject: string) =>
  db.selectFrom('users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst();

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUsers(db: Executor, page: Page, role?: Role) {
  let query = db.selectFrom('users');
  if (role !== undefined) query = query.where('role', '=', role);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('username').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export interface UserChanges {
  readonly displayName?: string;
  readonly role?: Role;
  readonly disabled?: boolean;
  readonly passwordHash?: string;
}

export async function updateUser(db: Executor, id: string, changes: UserChanges): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({
      ...(changes.displayName === undefined ? {} : { display_name: changes.displayName }),
      ...(changes.role === undefined ? {} : { role: changes.role }),
      ...(changes.disabled === undefined ? {} : { disabled: changes.disabled ? 1 : 0 }),
      ...(changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash }),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
