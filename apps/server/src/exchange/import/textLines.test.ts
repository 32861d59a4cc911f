import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../domain/errors.js';
import { yearsBefore } from './caseImport.js';
import { MAX_LINE_BYTES, textLines } from './textLines.js';

async function collect(chunks: readonly (string | Buffer)[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of textLines(
    Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))),
  ))
    lines.push(line);
  return lines;
}

describe('import lines', () => {
  it('splits LF and CRLF lines however the chunks fall, the last line without a line end too', async () => {
    expect(await collect(['{"a":1}\r\n{"b"', ':2}\n', '\n{"c":3}'])).toEqual([
      '{"a":1}',
      '{"b":2}',
      '',
      '{"c":3}',
    ]);
  });

  it('keeps a UTF-8 character split between two chunks whole', async () => {
    const bytes = Buffer.from('"Zoë"\n');
    expect(await collect([bytes.subarray(0, 3), bytes.subarray(3)])).toEqual(['"Zoë"']);
  });

  it('refuses a stream that is not UTF-8, and a line longer than the limit', async () => {
    await expect(collect([Buffer.from([0x7b, 0xff, 0xfe, 0x0a])])).rejects.toBeInstanceOf(Problem);
    const long = 'x'.repeat(MAX_LINE_BYTES + 1);
    await expect(collect([long])).rejects.toThrow(/longer than/);
  });

  it('sets a birth date a whole number of years back, 29 February to 28 in a common year', () => {
    expect(yearsBefore('2026-05-17', 67)).toBe('1959-05-17');
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(yearsBefore('2024-02-29', 4)).toBe('2020-02-29');
  });
});
