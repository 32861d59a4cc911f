import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import type { Engine } from '../db/database.js';

const run = promisify(execFile);

export const BACKUP_FORMAT = 'spinerecon.backup/1';

/** `manifest.json` of a backup folder. */
export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly engine: Engine;
  readonly createdAt: string;
  /** The database file in the folder: `database.sqlite` or `database.pgdump` (pg_dump custom format). */
  readonly database: string;
  readonly imageCount: number;
}

export interface BackupTarget {
  /** `postgres://…`, or undefined for the SQLite file. */
  readonly databaseUrl: string | undefined;
  readonly sqliteFile: string;
  readonly imageDir: string;
}

/**
 * Copies the database and the image store into `folder` (which must not exist or be empty).
 * SQLite: the online backup API — consistent while servers keep writing. PostgreSQL: pg_dump, one
 * consistent snapshot. Images are copied after the database, so every image the database names is there.
 */
export async function backup(target: BackupTarget, folder: string): Promise<BackupManifest> {
  await mkdir(folder, { recursive: true });
  if ((await readdir(folder)).length > 0)
    throw new Error(`${folder} is not empty: back up into a new folder`);
  const engine: Engine = target.databaseUrl === undefined ? 'sqlite' : 'postgres';
  const database = engine === 'sqlite' ? 'database.sqlite' : 'database.pgdump';
  if (target.databaseUrl === undefined) {
    const source = new SqliteDatabase(target.sqliteFile, { readonly: true, fileMustExist: true });
    try {
      await source.backup(join(folder, database));
    } finally {
      source.close();
    }
  } else {
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      `--file=${join(folder, database)}`,
      target.databaseUrl,
    ]);
  }
  const imageCount = await copyImages(target.imageDir, join(folder, 'images'));
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    engine,
    createdAt: new Date().toISOString(),
    database,
    imageCount,
  };
  await writeFile(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Replaces the database with the backup in `folder` and adds its images to the image store.
 * Stop every server first. The backup's engine must be the configured one.
 */
export async function restore(target: BackupTarget, folder: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new Error(`${folder}: not a SpineRecon backup (${BACKUP_FORMAT})`);
  const engine: Engine = target.databaseUrl === undefined ? 'sqlite' : 'postgres';
  if (manifest.engine !== engine) {
    throw new Error(`the backup is of a ${manifest.engine} database, but this installation uses ${engine}`);
  }
  const file = join(folder, manifest.database);
  if (target.databaseUrl === undefined) {
    const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(target.sqliteFile);
    } finally {
      source.close();
    }
  } else {
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      `--dbname=${target.databaseUrl}`,
      file,
    ]);
  }
  await copyImages(join(folder, 'images'), target.imageDir);
  return manifest;
}

/** Copies the content-addressed image files (not unfinished uploads); returns how many there are. */
async function copyImages(from: string, to: string): Promise<number> {
  if (!(await isDirectory(from))) return 0;
  await mkdir(to, { recursive: true });
  let count = 0;
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (!entry.isDirectory() || !/^[0-9a-f]{2}$/.test(entry.name)) continue;
    await cp(join(from, entry.name), join(to, entry.name), {
      recursive: true,
      force: false,
      errorOnExist: false,
    });
    count += (await readdir(join(from, entry.name))).length;
  }
  return count;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
