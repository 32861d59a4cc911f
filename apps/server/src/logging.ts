import type { DestinationStream, LoggerOptions } from 'pino';
import pino from 'pino';

/**
 * pino, JSON lines. Requests are logged as method, path (without the query string: searches carry
 * names and MRNs), route, status and time. Bodies, headers, cookies and query strings are never
 * logged, so no patient data reaches the log.
 */
export function createLogger(level: string, destination?: DestinationStream) {
  const options: LoggerOptions = {
    level,
    serializers: {
      req: (request: {
        method: string;
        url: string;
        routeOptions?: { url?: string };
        socket?: { remoteAddress?: string };
      }) => ({
        method: request.method,
        path: request.url.split('?')[0],
        route: request.routeOptions?.url,
        remoteAddress: request.socket?.remoteAddress,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
