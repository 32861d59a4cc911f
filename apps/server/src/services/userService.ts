import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../domain/context.js';
import { Problem, notFound } from '../domain/errors.js';
import type { Role } from '../domain/roles.js';
import { listAudit, type AuditFilter } from '../repositories/auditRepository.js';
import type { Executor, Page } from '../repositories/executor.js';
import { deleteUserSessions } from '../repositories/sessionRepository.js';
import {
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  updateUser,
} from '../repositories/userRepository.js';
import { recordAccess } from './auditTrail.js';
import { hashPassword } from './passwords.js';
import { userView } from './views.js';

export interface NewUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

export interface UserChangesInput {
  readonly displayName?: string | undefined;
  readonly role?: Role | undefined;
  readonly disabled?: boolean | undefined;
  readonly password?: string | undefined;
}

/** Accounts and the audit trail: the administrator's side. */
export function createUserService(db: Executor) {
  return {
    async list(page: Page, role?: Role) {
      const { rows, total } = await listUsers(db, page, role);
      return { items: rows.map(userView), total, ...page };
    },

    async surgeons() {
      const { rows } = await listUsers(db, { limit: 10_000, offset: 0 }, 'surgeon');
      return rows
        .filter((row) => row.disabled === 0)
        .map((row) => ({ id: row.id, displayName: row.display_name }));
    },

    async create(context: RequestContext, input: NewUserInput) {
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        if ((await findUserByUsername(trx, input.username)) !== undefined) {
          throw new Problem('conflict', `the user name '${input.username}' is taken`);
        }
        const row = await insertUser(trx, {
          id: randomUUID(),
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          passwordHash,
          oidcSubject: null,
        });
        await recordAccess(trx, context, {
          action: 'create',
          resourceType: 'user',
          resourceId: row.id,
          patientId: null,
        });
        return userView(row);
      });
    },

    async update(context: RequestContext, id: string, input: UserChangesInput) {
      const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        if (id === context.actor.userId && (input.disabled === true || (input.role ?? 'admin') !== 'admin')) {
          throw new Problem(
            'conflict',
            'you cannot disable your own account or take away your own admin role',
          );
        }
        const changed = await updateUser(trx, id, {
          ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
          ...(input.role === undefined ? {} : { role: input.role }),
          ...(input.disabled === undefined ? {} : { disabled: input.disabled }),
          ...(passwordHash === undefined ? {} : { passwordHash }),
        });
        if (!changed) throw notFound('user');
        // A new role, a disabled account or a new password takes effect now, not at the next login.
        if (input.role !== undefined || input.disabled === true || passwordHash !== undefined) {
          await deleteUserSessions(trx, id);
        }
        await recordAccess(trx, context, {
          action: 'update',
          resourceType: 'user',
          resourceId: id,
          patientId: null,
        });
        const row = await findUserById(trx, id);
        if (row === undefined) throw notFound('user');
        return userView(row);
      });
    },

    async audit(filter: AuditFilter, page: Page) {
      const { rows, total } = await listAudit(db, filter, page);
      const items = rows.map((row) => ({
        id: Number(row.id),
        at: row.at,
        userId: row.user_id,
        username: row.username,
        role: row.role,
        action: row.action,
        resourceType: row.resource_type,
        resourceId: row.resource_id,
        patientId: row.patient_id,
        outcome: row.outcome,
        statusCode: row.status_code,
        ip: row.ip,
        requestId: row.request_id,
      }));
      return { items, total, ...page };
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
