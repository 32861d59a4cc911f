import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../io.js';

export interface CapturedIo {
  readonly io: CliIo;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** In-memory streams for running a command in a test; `stdin` is what the command will read. */
export function captureIo(stdin = ''): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  return {
    io: { stdin: Readable.from([stdin]), stdout, stderr },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
