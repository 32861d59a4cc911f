import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';

/** A signed-in (or anonymous) HTTP client of the API: keeps the session cookie, sends the CSRF token. */
export class ApiClient {
  private cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  /** The same session, talking to another server of the installation. */
  at(baseUrl: string): ApiClient {
    const copy = new ApiClient(baseUrl);
    copy.cookie = this.cookie;
    copy.csrfToken = this.csrfToken;
    return copy;
  }

  /** The session cookie, for a raw `fetch`. */
  get cookieHeader(): string {
    return this.cookie ?? '';
  }

  static async signIn(baseUrl: string, username: string, password: string): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const response = await client.request('POST', '/api/v1/session', { username, password });
    if (response.status !== 200)
      throw new Error(`sign-in of ${username} failed: ${response.status} ${response.text}`);
    return client;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    stream?: Readable,
  ): Promise<ApiResponse> {
    const init: RequestInit & { duplex?: 'half' } = { method, headers: { ...headers }, redirect: 'manual' };
    if (stream !== undefined) {
      init.body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    }
    const sent = init.headers as Record<string, string>;
    if (this.cookie !== undefined) sent.cookie = this.cookie;
    if (this.csrfToken !== undefined && !['GET', 'HEAD'].includes(method))
      sent['x-csrf-token'] ??= this.csrfToken;
    if (body instanceof FormData || typeof body === 'string' || body instanceof Uint8Array) {
      init.body = body as RequestInit['body'];
    } else if (body !== undefined) {
      sent['content-type'] ??= 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, init);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('spinerecon_session='));
    if (setCookie !== undefined) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const record = json as { csrfToken?: unknown } | undefined;
    if (path === '/api/v1/session' && typeof record?.csrfToken === 'string')
      this.csrfToken = record.csrfToken;
    return { status: response.status, headers: response.headers, text, body: json, json: <T>() => json as T };
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', path, body, headers);
  put = (path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('PUT', path, body, headers);
  patch = (path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('PATCH', path, body, headers);
  delete = (path: string, headers?: Record<string, string>) =>
    this.request('DELETE', path, undefined, headers);
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body (undefined when empty or not JSON). */
  readonly body: unknown;
  /** The body, as the type the test expects (the route's response schema checked it on the way out). */
  json<T>(): T;
}
