// The public surface of @spinerecon/server: start a server, or back up / restore its storage.
export { ConfigError, readConfig, type OidcConfig, type ServerConfig } from './config.js';
export { startServer, openStorage, type RunningServer, type StartOptions } from './server.js';
export type { Engine, Storage } from './db/database.js';
export { ROLES, ROLE_PERMISSIONS, type Permission, type Role } from './domain/roles.js';
export { backup, restore, type BackupManifest } from './backup/backup.js';
