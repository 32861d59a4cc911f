import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { Problem } from '../domain/errors.js';

// The built web app (apps/web/dist) at `/`, with a fallback to index.html for the app's own routes
// (/cases/…, /radiographs/…). Everything under /api stays the API's.

/**
 * For the app's HTML: scripts only from us (plus WebAssembly compilation for the DICOM codecs), images
 * from us, blob: and data: (decoded films, thumbnails), workers from us or blob:, never framed.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  // Inline style attributes are set by the viewer library on its canvases; no inline scripts.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self' blob: data:",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT =
  'SpineRecon server: the web app is not built.\n' +
  'Build it with `npm run build` (or `npm run build -w @spinerecon/web`) and restart the server,\n' +
  'or point SPINERECON_WEB_DIR at a built copy. The API is at /api/v1 (OpenAPI: /api/v1/openapi.json).\n';

export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const root = resolve(webDir);
  const built = existsSync(resolve(root, 'index.html'));
  if (built) await app.register(fastifyStatic, { root, serve: false });

  app.get('/*', {
    config: { access: { public: true } },
    schema: { hide: true },
    handler: async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path === '/api' || path.startsWith('/api/')) {
        throw new Problem('not-found', `no route ${request.method} ${path}`);
      }
      if (!built) {
        if (path !== '/' && !acceptsHtml(request)) throw new Problem('not-found', `no file ${path}`);
        return reply.type('text/plain; charset=utf-8').send(NOT_BUILT);
      }
      const file = await existingFile(root, path);
      if (file !== undefined && file !== 'index.html') {
        const hashed = file.startsWith('assets/');
        return reply.sendFile(file, {
          cacheControl: true,
          maxAge: hashed ? 365 * 24 * 3600 * 1000 : 0,
          immutable: hashed,
        });
      }
      if (file === undefined && path !== '/' && !acceptsHtml(request)) {
        throw new Problem('not-found', `no file ${path}`);
      }
      return sendIndex(reply);
    },
  });
}

function sendIndex(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', WEB_CONTENT_SECURITY_POLICY)
    .header('x-frame-options', 'DENY')
    .header('cache-control', 'no-cache')
    .sendFile('index.html', { cacheControl: false });
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** The path of a file inside the web folder (relative, `/` separated), or undefined. */
async function existingFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const parts = decoded.split('/').filter((part) => part !== '');
  if (
    parts.some((part) => part === '..' || part.startsWith('.') || part.includes('\0') || part.includes('\\'))
  ) {
    return undefined;
  }
  const absolute = resolve(root, ...parts);
  if (!absolute.startsWith(root + sep)) return undefined;
  try {
    return (await stat(absolute)).isFile() ? parts.join('/') : undefined;
  } catch {
    return undefined;
  }
}
