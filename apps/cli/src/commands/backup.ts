import { resolve } from 'node:path';
import type { ServerConfig } from '@spinerecon/server';
import { EXIT_OK, UsageError, write, type CliIo } from '../io.js';

export const BACKUP_HELP = `Usage: spinerecon backup <folder>

Copies the SpineRecon server's database and image store into <folder> (new or empty), with a
manifest.json. Safe while servers run: SQLite is copied with its online backup API, PostgreSQL with
pg_dump (one consistent snapshot; pg_dump must be installed). Images are copied after the database.

Reads the server's configuration from the environment: DATABASE_URL (PostgreSQL; unset for SQLite),
SPINERECON_DATA_DIR (default ./data), SPINERECON_IMAGE_DIR (default <data dir>/images).
`;

export const RESTORE_HELP = `Usage: spinerecon restore <folder> --yes

Replaces the SpineRecon database with the backup in <folder> and adds its images to the image store.
Stop every server first. The backup must be of the configured engine (SQLite or PostgreSQL; the latter
uses pg_restore). --yes confirms that the current database is to be replaced.

Same environment variables as spinerecon backup.
`;

type Env = Readonly<Record<string, string | undefined>>;

/** The server package (database drivers, native modules) is loaded only by these two commands. */
const server = () => import('@spinerecon/server');

async function target(env: Env) {
  let config: ServerConfig;
  try {
    config = (await server()).readConfig(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    databaseUrl: config.databaseUrl,
    sqliteFile: resolve(config.dataDir, 'spinerecon.sqlite'),
    imageDir: config.imageDir,
  };
}

function folderArgument(args: readonly string[], usage: string): string {
  const folders = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--yes');
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]} (${usage})`);
  if (folders.length !== 1 || folders[0] === undefined) throw new UsageError(usage);
  return resolve(folders[0]);
}

/** Where the database location is said without a password. */
const describe = (databaseUrl: string | undefined, sqliteFile: string) =>
  databaseUrl === undefined ? sqliteFile : databaseUrl.replace(/\/\/[^@/]*@/, '//…@');

export async function runBackup(args: readonly string[], io: CliIo, env: Env = process.env): Promise<number> {
  const folder = folderArgument(args, 'usage: spinerecon backup <folder>');
  const where = await target(env);
  try {
    const manifest = await (await server()).backup(where, folder);
    await write(
      io.stdout,
      `backed up ${manifest.engine} database ${describe(where.databaseUrl, where.sqliteFile)} and ${manifest.imageCount} images to ${folder}\n`,
    );
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return EXIT_OK;
}

export async function runRestore(
  args: readonly string[],
  io: CliIo,
  env: Env = process.env,
): Promise<number> {
  const folder = folderArgument(args, 'usage: spinerecon restore <folder> --yes');
  if (!args.includes('--yes')) {
    throw new UsageError(
      'restore replaces the current database: stop the servers, then run it again with --yes',
    );
  }
  const where = await target(env);
  try {
    const manifest = await (await server()).restore(where, folder);
    await write(
      io.stdout,
      `restored the ${manifest.engine} backup of ${manifest.createdAt} (${manifest.imageCount} images) into ${describe(where.databaseUrl, where.sqliteFile)}\n`,
    );
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return EXIT_OK;
}
