import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built web app, next to this package in the repository: apps/web/dist. */
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Everything the server reads from its environment (README.md "Configuration" lists the same). */
export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** `postgres://…` for PostgreSQL; undefined for the embedded SQLite file under `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly imageDir: string;
  readonly adminPassword: string | undefined;
  readonly seedDemo: boolean;
  /** Fastify `trustProxy`: false, true, a hop count or a list of proxy addresses. */
  readonly trustProxy: boolean | number | string;
  readonly sessionHours: number;
  readonly maxImageBytes: number;
  readonly loginAttemptsPerMinute: number;
  /** Lifetime of a patient questionnaire link, in days (a link may ask for another, up to 365). */
  readonly questionnaireDays: number;
  /** Requests per minute per client address on the public questionnaire routes (per server). */
  readonly questionnaireRequestsPerMinute: number;
  readonly logLevel: string;
  readonly postgresPoolSize: number;
  readonly oidc: OidcConfig | undefined;
  /** The hospital PACS over DICOMweb; undefined when none is configured. */
  readonly dicomWeb: DicomWebConfig | undefined;
  /** How de-identified DICOM for research treats dates (PS3.15 Annex E options). */
  readonly researchDates: ResearchDates;
  /** The built web app served at `/` (apps/web/dist unless SPINERECON_WEB_DIR says otherwise). */
  readonly webDir: string;
}

export interface DicomWebConfig {
  /** The DICOMweb root, e.g. `https://pacs.example.org/dicom-web`. */
  readonly url: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly bearerToken: string | undefined;
  readonly timeoutMs: number;
}

/** `off`: basic profile (dates removed); `full`: dates kept; `shift`: shifted per patient. */
export const RESEARCH_DATES = ['off', 'full', 'shift'] as const;
export type ResearchDates = (typeof RESEARCH_DATES)[number];

export interface OidcConfig {
  readonly issuerUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUrl: string;
  readonly scopes: string;
  /** The ID token / userinfo claim that carries the user's role(s). */
  readonly roleClaim: string;
  /** Claim value → SpineRecon role; values that are role names map to themselves. */
  readonly roleMap: ReadonlyMap<string, string>;
  /** Plain-HTTP issuer allowed (tests on loopback only). */
  readonly allowInsecureHttp: boolean;
}

/** A configuration mistake, said so that the person starting the server can fix it. */
export class ConfigError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

export function readConfig(env: Env = process.env, cwd = process.cwd()): ServerConfig {
  const dataDir = resolve(cwd, env.SPINERECON_DATA_DIR ?? 'data');
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// (leave it unset for SQLite)');
  }
  return {
    host: env.HOST ?? '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65535),
    databaseUrl,
    dataDir,
    imageDir: resolve(cwd, env.SPINERECON_IMAGE_DIR ?? resolve(dataDir, 'images')),
    adminPassword: nonEmpty(env.SPINERECON_ADMIN_PASSWORD),
    seedDemo: flag(env, 'SPINERECON_DEMO', true),
    trustProxy: trustProxy(env.SPINERECON_TRUST_PROXY),
    sessionHours: integer(env, 'SPINERECON_SESSION_HOURS', 12, 1, 24 * 30),
    maxImageBytes: integer(env, 'SPINERECON_MAX_IMAGE_MB', 200, 1, 10_000) * 1024 * 1024,
    loginAttemptsPerMinute: integer(env, 'SPINERECON_LOGIN_RATE_LIMIT', 10, 1, 100_000),
    questionnaireDays: integer(env, 'SPINERECON_QUESTIONNAIRE_DAYS', 14, 1, 365),
    questionnaireRequestsPerMinute: integer(env, 'SPINERECON_QUESTIONNAIRE_RATE_LIMIT', 30, 1, 100_000),
    logLevel: env.SPINERECON_LOG_LEVEL ?? 'info',
    postgresPoolSize: integer(env, 'SPINERECON_PG_POOL_SIZE', 10, 1, 1000),
    oidc: readOidc(env),
    dicomWeb: readDicomWeb(env),
    researchDates: researchDates(env.SPINERECON_RESEARCH_DATES),
    webDir: resolve(cwd, nonEmpty(env.SPINERECON_WEB_DIR) ?? DEFAULT_WEB_DIR),
  };
}

function readDicomWeb(env: Env): DicomWebConfig | undefined {
  const url = nonEmpty(env.DICOMWEB_URL);
  if (url === undefined) return undefined;
  if (!/^https?:\/\//.test(url)) throw new ConfigError('DICOMWEB_URL must start with http:// or https://');
  const username = nonEmpty(env.DICOMWEB_USERNAME);
  const password = nonEmpty(env.DICOMWEB_PASSWORD);
  if ((username === undefined) !== (password === undefined)) {
    throw new ConfigError('DICOMWEB_USERNAME and DICOMWEB_PASSWORD go together: set both or neither');
  }
  const bearerToken = nonEmpty(env.DICOMWEB_BEARER_TOKEN);
  if (bearerToken !== undefined && username !== undefined) {
    throw new ConfigError('set either DICOMWEB_BEARER_TOKEN or DICOMWEB_USERNAME/PASSWORD, not both');
  }
  return {
    url: url.replace(/\/+$/, ''),
    username,
    password,
    bearerToken,
    timeoutMs: integer(env, 'DICOMWEB_TIMEOUT_S', 30, 1, 3600) * 1000,
  };
}

function researchDates(text: string | undefined): ResearchDates {
  const value = nonEmpty(text) ?? 'off';
  if ((RESEARCH_DATES as readonly string[]).includes(value)) return value as ResearchDates;
  throw new ConfigError(
    `SPINERECON_RESEARCH_DATES must be one of ${RESEARCH_DATES.join(', ')}, got '${value}'`,
  );
}

function readOidc(env: Env): OidcConfig | undefined {
  const issuerUrl = nonEmpty(env.OIDC_ISSUER_URL);
  if (issuerUrl === undefined) return undefined;
  const required = (name: string): string => {
    const value = nonEmpty(env[name]);
    if (value === undefined) throw new ConfigError(`${name} is required when OIDC_ISSUER_URL is set`);
    return value;
  };
  const roleMap = new Map<string, string>();
  for (const pair of (env.OIDC_ROLE_MAP ?? '').split(',').filter((p) => p.trim() !== '')) {
    const separator = pair.lastIndexOf('=');
    if (separator <= 0) throw new ConfigError(`OIDC_ROLE_MAP: '${pair}' is not claimValue=role`);
    roleMap.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
  }
  return {
    issuerUrl,
    clientId: required('OIDC_CLIENT_ID'),
    clientSecret: required('OIDC_CLIENT_SECRET'),
    redirectUrl: required('OIDC_REDIRECT_URL'),
    scopes: env.OIDC_SCOPES ?? 'openid profile email',
    roleClaim: env.OIDC_ROLE_CLAIM ?? 'roles',
    roleMap,
    allowInsecureHttp: flag(env, 'OIDC_ALLOW_INSECURE_HTTP', false),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = nonEmpty(env[name]);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got '${text}'`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const text = nonEmpty(env[name])?.toLowerCase();
  if (text === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  throw new ConfigError(`${name} must be true or false, got '${text}'`);
}

function trustProxy(text: string | undefined): boolean | number | string {
  const value = nonEmpty(text);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
