import { readConfig } from '../config.js';
import type { Engine } from '../db/database.js';
import { startServer, type RunningServer } from '../server.js';
import { ApiClient } from './apiClient.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const USER_PASSWORD = 'user-password-for-tests';

export interface TestServer {
  readonly engine: Engine;
  readonly server: RunningServer;
  readonly database: TestDatabase;
  readonly url: string;
  readonly admin: ApiClient;
  /** Creates an account with this role (password USER_PASSWORD) and signs it in. */
  userWithRole(role: string, username?: string): Promise<ApiClient>;
  /** Stops the server and drops its database. */
  close(): Promise<void>;
}

/** A real server on a free loopback port, on a fresh database of the given engine, admin signed in. */
export async function startTestServer(
  engine: Engine,
  env: Record<string, string> = {},
  options: Parameters<typeof startServer>[1] = {},
): Promise<TestServer> {
  const database = await createTestDatabase(engine);
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SPINERECON_DEMO: 'false',
    SPINERECON_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SPINERECON_LOGIN_RATE_LIMIT: '10000',
    SPINERECON_LOG_LEVEL: 'silent',
    ...database.env,
    ...env,
  });
  let server: RunningServer;
  try {
    server = await startServer(config, options);
  } catch (error) {
    await database.drop();
    throw error;
  }
  const admin = await ApiClient.signIn(server.url, 'admin', ADMIN_PASSWORD);
  let counter = 0;
  return {
    engine,
    server,
    database,
    url: server.url,
    admin,
    async userWithRole(role, username) {
      counter += 1;
      const name = username ?? `${role}-${counter}`;
      const created = await admin.post('/api/v1/users', {
        username: name,
        displayName: `${role} ${counter}`,
        role,
        password: USER_PASSWORD,
      });
      if (created.status !== 201) throw new Error(`creating ${name}: ${created.status} ${created.text}`);
      return ApiClient.signIn(server.url, name, USER_PASSWORD);
    },
    async close() {
      await server.close();
      await database.drop();
    },
  };
}
