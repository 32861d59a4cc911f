import type { Readable } from 'node:stream';
import { Problem } from '../../domain/errors.js';

/** The longest line an import reads (a case with every landmark of two films is about 7 KB). */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

/**
 * The lines of a UTF-8 text stream (LF or CRLF), one at a time as they arrive: the whole upload is never
 * held in memory. A line longer than MAX_LINE_BYTES stops the import with 413.
 */
export async function* textLines(stream: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new Problem('invalid-input', 'the upload is not UTF-8 text');
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending += decode(chunk);
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      yield pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    if (Buffer.byteLength(pending) > MAX_LINE_BYTES)
      throw new Problem('payload-too-large', `a line is longer than ${MAX_LINE_BYTES} bytes`);
  }
  pending += decode();
  if (pending !== '') yield pending.replace(/\r$/, '');
}
