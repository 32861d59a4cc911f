#!/usr/bin/env node
import { ConfigError, readConfig } from './config.js';
import { startServer } from './server.js';

// `npm start` / `spinerecon-server`: configuration from the environment (README.md "Configuration").
try {
  const server = await startServer(readConfig());
  if (server.generatedAdminPassword !== undefined) {
    process.stderr.write(
      [
        '',
        '  First start: created the account "admin" with the password',
        `      ${server.generatedAdminPassword}`,
        '  It is shown this once. Sign in and change it (PUT /api/v1/session/password),',
        '  or set SPINERECON_ADMIN_PASSWORD before the first start.',
        '',
      ].join('\n') + '\n',
    );
  }
  process.stderr.write(
    `SpineRecon server on ${server.url} (web app: ${server.url}/, API: ${server.url}/api/v1, OpenAPI: ${server.url}/api/v1/openapi.json)\n`,
  );
  const stop = (signal: string) => {
    process.stderr.write(`${signal}: stopping\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  const message = error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`spinerecon-server: ${message}\n`);
  process.exit(1);
}
