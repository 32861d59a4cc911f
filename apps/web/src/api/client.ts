import type { ErrorBody } from './types';

// The one way the web app talks to the server: same-origin fetch with the session cookie, the CSRF token
// on every change, and the server's `{ error, message }` turned into an ApiError a page can show.

export const API_BASE = '/api/v1';

/** A refusal or failure of the API, with the server's message for a person. */
export class ApiError extends Error {
  readonly status: number;
  /** The machine-readable kind (`not-found`, `unsupported-media-type`…), or `network-error`. */
  readonly kind: string;
  readonly details: ErrorBody['details'];

  constructor(status: number, kind: string, message: string, details?: ErrorBody['details']) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.kind = kind;
    this.details = details;
  }
}

let csrfToken: string | undefined;
const unauthenticatedListeners = new Set<() => void>();

/** The session's CSRF token, sent as X-CSRF-Token with every POST, PUT, PATCH and DELETE. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function currentCsrfToken(): string | undefined {
  return csrfToken;
}

/** Called whenever the server answers 401 (the session has ended); returns the unsubscribe function. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export function notifyUnauthenticated(): void {
  for (const listener of unauthenticatedListeners) listener();
}

export type QueryValue = string | number | undefined;

export interface RequestOptions {
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Do not report a 401 as an ended session (the sign-in and session check themselves). */
  readonly quiet401?: boolean;
}

export function apiUrl(path: string, query?: Readonly<Record<string, QueryValue>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return `${API_BASE}${path}${text === '' ? '' : `?${text}`}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The raw response of a successful call (2xx/304); anything else throws an ApiError. */
export async function apiFetch(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (!SAFE_METHODS.has(method) && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'network-error',
      'the server cannot be reached; check the connection and try again',
    );
  }
  if (!response.ok && response.status !== 304) {
    const problem = await errorFrom(response);
    if (problem.status === 401 && options.quiet401 !== true) notifyUnauthenticated();
    throw problem;
  }
  return response;
}

/** A call that answers JSON (undefined for 204). */
export async function apiJson<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The ApiError of a failed response, from its `{ error, message }` body when it has one. */
export async function errorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  return errorFromText(response.status, text);
}

export function errorFromText(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<ErrorBody>;
    if (typeof body.message === 'string') {
      return new ApiError(
        status,
        typeof body.error === 'string' ? body.error : 'error',
        body.message,
        body.details,
      );
    }
  } catch {
    // not JSON: a proxy's page or an empty answer
  }
  return new ApiError(
    status,
    'error',
    `the server answered ${status}${text === '' ? '' : `: ${text.slice(0, 200)}`}`,
  );
}

/** A message to show for anything a call may throw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
