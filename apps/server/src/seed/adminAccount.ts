import { randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../repositories/executor.js';
import { countUsers, insertUser, type UserRow } from '../repositories/userRepository.js';
import { hashPassword } from '../services/passwords.js';

export interface FirstAdmin {
  readonly user: UserRow;
  /** The password, when the server made it up (to be shown once); undefined when it was configured. */
  readonly generatedPassword: string | undefined;
}

/** On the first start (no account at all), creates `admin` with the configured or a random password. */
export async function createFirstAdmin(
  db: Executor,
  configured: string | undefined,
): Promise<FirstAdmin | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const password = configured ?? randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(password);
  try {
    const user = await insertUser(db, {
      id: randomUUID(),
      username: 'admin',
      displayName: 'Administrator',
      role: 'admin',
      passwordHash,
      oidcSubject: null,
    });
    return { user, generatedPassword: configured === undefined ? password : undefined };
  } catch (error) {
    // Another server of the same installation, starting at the same moment, made it first.
    if ((await countUsers(db)) > 0) return undefined;
    throw error;
  }
}
