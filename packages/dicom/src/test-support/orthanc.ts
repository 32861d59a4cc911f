// A throw-away Orthanc (Debian package 1.10.1 + DICOMweb plugin 1.7) for tests against a real PACS: a fresh
// folder, a free loopback port, no DICOM listener, and nothing left behind when the test process ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ORTHANC_EXECUTABLE = '/usr/sbin/Orthanc';
export const ORTHANC_DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
/** Kills the child when the process that spawned it dies, even by SIGKILL (util-linux). */
const SETPRIV = '/usr/bin/setpriv';

export interface OrthancOptions {
  /** With both, HTTP Basic authentication is required (Orthanc "RegisteredUsers"). */
  readonly username?: string;
  readonly password?: string;
  /** How long to wait for `/system` to answer (default 20 s). */
  readonly startTimeoutMs?: number;
}

export interface OrthancServer {
  /** The DICOMweb root, without a trailing slash: `http://127.0.0.1:PORT/dicom-web`. */
  readonly url: string;
  /** The Orthanc REST API root: `http://127.0.0.1:PORT`. */
  readonly restUrl: string;
  /** Stores a Part 10 file through the REST API (`POST /instances`). */
  upload(bytes: Uint8Array): Promise<void>;
  /** Kills Orthanc and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Every Orthanc this process started and has not stopped yet, with its folder. */
const running = new Map<ChildProcess, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: kill and delete without waiting.
  process.on('exit', () => {
    for (const [child, folder] of running) {
      child.kill('SIGKILL');
      rmSync(folder, { recursive: true, force: true });
    }
    running.clear();
  });
}

const FOLDER_PREFIX = 'spinerecon-orthanc-';
const OWNER_FILE = 'owner.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the folders of earlier test processes that died without cleaning up (killed by SIGKILL). */
function sweepStaleFolders(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(FOLDER_PREFIX)) continue;
    const folder = join(tmpdir(), name);
    try {
      const owner = Number(readFileSync(join(folder, OWNER_FILE), 'utf8'));
      if (Number.isSafeInteger(owner) && owner > 0 && !isAlive(owner))
        rmSync(folder, { recursive: true, force: true });
    } catch {
      // not ours, or being created right now: leave it
    }
  }
}

/** A port that was free a moment ago (bound to port 0 on loopback, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not find a free port'));
        return;
      }
      const { port } = address;
      server.close(() => resolve(port));
    });
  });
}

/** The Orthanc configuration used by the tests (exported so the report and tests can show it). */
export function orthancConfiguration(folder: string, httpPort: number, options: OrthancOptions = {}) {
  const authenticated = options.username !== undefined && options.password !== undefined;
  return {
    Name: 'SpineReconTest',
    StorageDirectory: join(folder, 'storage'),
    IndexDirectory: join(folder, 'index'),
    HttpPort: httpPort,
    // Orthanc 1.10 has no bind-address option: it listens on all interfaces but answers 403 to any client
    // that is not on loopback.
    RemoteAccessAllowed: false,
    AuthenticationEnabled: authenticated,
    ...(authenticated ? { RegisteredUsers: { [options.username ?? '']: options.password ?? '' } } : {}),
    DicomServerEnabled: false,
    DicomModalities: {},
    OrthancPeers: {},
    HttpProxy: '',
    ExecuteLuaEnabled: false,
    RestApiWriteToFileSystemEnabled: false,
    SaveJobs: false,
    LoadPrivateDictionary: false,
    StableAge: 1,
    HttpThreadsCount: 8,
    Plugins: [ORTHANC_DICOMWEB_PLUGIN],
    DicomWeb: {
      Enable: true,
      Root: '/dicom-web/',
      EnableWado: false,
      Servers: {},
    },
  };
}

function basicAuthorization(options: OrthancOptions): Record<string, string> {
  if (options.username === undefined || options.password === undefined) return {};
  const token = Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64');
  return { authorization: `Basic ${token}` };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts Orthanc with the DICOMweb plugin on a free loopback port; call `stop()` in `afterAll`. */
export async function startOrthanc(options: OrthancOptions = {}): Promise<OrthancServer> {
  if (!existsSync(ORTHANC_EXECUTABLE) || !existsSync(ORTHANC_DICOMWEB_PLUGIN)) {
    throw new Error(
      `Orthanc is not installed (${ORTHANC_EXECUTABLE}, ${ORTHANC_DICOMWEB_PLUGIN}): apt-get install orthanc orthanc-dicomweb`,
    );
  }
  installExitHook();
  sweepStaleFolders();
  const folder = mkdtempSync(join(tmpdir(), FOLDER_PREFIX));
  writeFileSync(join(folder, OWNER_FILE), String(process.pid));
  const port = await freePort();
  const configPath = join(folder, 'orthanc.json');
  writeFileSync(configPath, JSON.stringify(orthancConfiguration(folder, port, options), null, 2));

  const [command, args] = existsSync(SETPRIV)
    ? [SETPRIV, ['--pdeathsig', 'KILL', ORTHANC_EXECUTABLE, configPath]]
    : [ORTHANC_EXECUTABLE, [configPath]];
  const child = spawn(command, args, { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] });
  running.set(child, folder);

  // Orthanc logs to stderr; keep only the tail, for the error message when it does not start.
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4000);
  });
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      resolve();
    });
  });
  let spawnError: Error | undefined;
  child.on('error', (error) => {
    spawnError = error;
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (exited === undefined && spawnError === undefined) {
      // SIGKILL, not SIGTERM: a graceful Orthanc shutdown takes ~2.5 s and its database is thrown away.
      child.kill('SIGKILL');
      await exitPromise;
    }
    running.delete(child);
    rmSync(folder, { recursive: true, force: true });
  };

  const restUrl = `http://127.0.0.1:${port}`;
  const headers = basicAuthorization(options);
  const deadline = Date.now() + (options.startTimeoutMs ?? 20000);
  for (;;) {
    if (spawnError !== undefined || exited !== undefined) {
      const how =
        spawnError?.message ?? `exit code ${String(exited?.code)}, signal ${String(exited?.signal)}`;
      await stop();
      throw new Error(`Orthanc did not start (${how}); its stderr ends with:\n${stderrTail}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Orthanc did not answer on ${restUrl}/system in time; its stderr ends with:\n${stderrTail}`,
      );
    }
    try {
      const response = await fetch(`${restUrl}/system`, { headers, signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await delay(50);
  }

  return {
    url: `${restUrl}/dicom-web`,
    restUrl,
    stop,
    async upload(bytes: Uint8Array): Promise<void> {
      const response = await fetch(`${restUrl}/instances`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/dicom' },
        body: bytes.slice(), // a copy over its own ArrayBuffer: what the DOM's BodyInit type accepts too
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`Orthanc refused the upload: HTTP ${response.status} ${text}`);
    },
  };
}
