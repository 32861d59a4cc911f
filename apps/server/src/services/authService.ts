import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/context.js';
import { Problem } from '../domain/errors.js';
import { isRole } from '../domain/roles.js';
import { appendAudit } from '../repositories/auditRepository.js';
import { now, type Executor } from '../repositories/executor.js';
import {
  deleteOtherSessions,
  deleteSession,
  deleteExpiredSessions,
  findLiveSession,
  insertSession,
} from '../repositories/sessionRepository.js';
import {
  findUserById,
  findUserByUsername,
  updateUser,
  type UserRow,
} from '../repositories/userRepository.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { randomToken, tokenHash } from './sessionTokens.js';

export interface OpenedSession {
  /** The cookie's value; only its hash is stored. */
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly actor: Actor;
}

export interface LiveSession {
  readonly actor: Actor;
  readonly csrfToken: string;
}

export interface Where {
  readonly ip: string;
  readonly requestId: string;
}

export interface AuthService {
  login(username: string, password: string, where: Where): Promise<OpenedSession>;
  openSession(user: UserRow, where: Where): Promise<OpenedSession>;
  resume(token: string): Promise<LiveSession | undefined>;
  logout(token: string, actor: Actor, where: Where): Promise<void>;
  /** Checks the current password, sets the new one and ends the user's other sessions. */
  changePassword(token: string, actor: Actor, current: string, next: string, where: Where): Promise<void>;
}

const LOGIN_FAILED = 'user name or password is wrong, or the account is disabled';

export function createAuthService(db: Executor, sessionHours: number): AuthService {
  const actorOf = (user: UserRow): Actor => ({
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
  });

  async function openSession(user: UserRow, where: Where): Promise<OpenedSession> {
    const token = randomToken();
    const csrfToken = randomToken();
    const createdAt = now();
    const expiresAt = new Date(Date.now() + sessionHours * 3600_000).toISOString();
    const actor = actorOf(user);
    await db.transaction().execute(async (trx) => {
      await deleteExpiredSessions(trx, createdAt);
      await insertSession(trx, {
        tokenHash: tokenHash(token),
        userId: user.id,
        csrfToken,
        createdAt,
        expiresAt,
      });
      await appendAudit(
        trx,
        { actor, ip: where.ip, requestId: where.requestId },
        { action: 'login', resourceType: 'session', resourceId: null, patientId: null, outcome: 'success' },
      );
    });
    return { token, csrfToken, expiresAt, actor };
  }

  return {
    openSession,

    async login(username, password, where) {
      const user = await findUserByUsername(db, username);
      const hash = user?.password_hash ?? (await decoyPasswordHash());
      const valid = await verifyPassword(hash, password);
      if (user === undefined || user.password_hash === null || user.disabled !== 0 || !valid) {
        await appendAudit(
          db,
          { actor: undefined, username, ip: where.ip, requestId: where.requestId },
          {
            action: 'login',
            resourceType: 'session',
            resourceId: null,
            patientId: null,
            outcome: 'denied',
            statusCode: 401,
          },
        );
        throw new Problem('unauthenticated', LOGIN_FAILED);
      }
      return openSession(user, where);
    },

    async resume(token) {
      const row = await findLiveSession(db, tokenHash(token), now());
      if (row === undefined || !isRole(row.role)) return undefined;
      return {
        csrfToken: row.csrf_token,
        actor: { userId: row.user_id, username: row.username, displayName: row.display_name, role: row.role },
      };
    },

    async changePassword(token, actor, current, next, where) {
      const user = await findUserById(db, actor.userId);
      if (user?.password_hash === null || user === undefined) {
        throw new Problem(
          'conflict',
          'this account signs in through single sign-on and has no password here',
        );
      }
      if (!(await verifyPassword(user.password_hash, current))) {
        throw new Problem('forbidden', 'the current password is wrong');
      }
      const passwordHash = await hashPassword(next);
      await db.transaction().execute(async (trx) => {
        await updateUser(trx, actor.userId, { passwordHash });
        await deleteOtherSessions(trx, actor.userId, tokenHash(token));
        await appendAudit(
          trx,
          { actor, ip: where.ip, requestId: where.requestId },
          {
            action: 'update',
            resourceType: 'user',
            resourceId: actor.userId,
            patientId: null,
            outcome: 'success',
          },
        );
      });
    },

    async logout(token, actor, where) {
      await db.transaction().execute(async (trx) => {
        await deleteSession(trx, tokenHash(token));
        await appendAudit(
          trx,
          { actor, ip: where.ip, requestId: where.requestId },
          {
            action: 'logout',
            resourceType: 'session',
            resourceId: null,
            patientId: null,
            outcome: 'success',
          },
        );
      });
    },
  };
}

export const newUserId = (): string => randomUUID();
