import type { Readable, Writable } from 'node:stream';

/** The streams a command talks to; tests pass in-memory ones, `bin.ts` passes the process's. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Exit codes of the `spinerecon` command. */
export const EXIT_OK = 0;
/** Bad input: a file that cannot be read or parsed, an unknown option, an invalid case. */
export const EXIT_BAD_INPUT = 2;

/** An error the user can act on: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}

/** Writes a chunk and waits for the stream to drain when its buffer is full (flat memory on big outputs). */
export function write(stream: Writable, text: string): Promise<void> | undefined {
  if (stream.write(text)) return undefined;
  return new Promise((resolve) => stream.once('drain', () => resolve()));
}
