import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMultipart, chooseBoundary, parseContentType, parseMultipart } from './multipart.js';

const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('parseContentType', () => {
  it('reads a quoted type and an unquoted boundary, lower-casing names', () => {
    const parsed = parseContentType('Multipart/Related; Type="application/dicom"; boundary=abc-123');
    expect(parsed.mediaType).toBe('multipart/related');
    expect(parsed.parameters.get('type')).toBe('application/dicom');
    expect(parsed.parameters.get('boundary')).toBe('abc-123');
  });

  it('keeps semicolons and escaped quotes inside a quoted boundary', () => {
    const parsed = parseContentType('multipart/related; boundary="a;b \\"c\\""; type=application/dicom');
    expect(parsed.parameters.get('boundary')).toBe('a;b "c"');
    expect(parsed.parameters.get('type')).toBe('application/dicom');
  });
});

describe('parseMultipart', () => {
  it('ignores the preamble and the epilogue and reads each part with its own headers', () => {
    const body = latin1(
      'This is a preamble.\r\n--XyZ\r\nContent-Type: application/dicom\r\nContent-Length: 3\r\n\r\nabc\r\n' +
        '--XyZ\r\nContent-Type: text/plain\r\n\r\nsecond\r\n--XyZ--\r\nThis is an epilogue with --XyZ in it.',
    );
    const parts = parseMultipart(body, 'XyZ');
    expect(parts.map((part) => text(part.body))).toEqual(['abc', 'second']);
    expect(parts[0]?.headers.get('content-type')).toBe('application/dicom');
    expect(parts[0]?.headers.get('content-length')).toBe('3');
    expect(parts[1]?.headers.get('content-type')).toBe('text/plain');
  });

  it('uses the boundary unquoted from a Content-Type whose boundary is quoted', () => {
    const { parameters } = parseContentType('multipart/related; type="application/dicom"; boundary="b=1:2"');
    const body = latin1('--b=1:2\r\nContent-Type: application/dicom\r\n\r\nDATA\r\n--b=1:2--\r\n');
    expect(parseMultipart(body, parameters.get('boundary') ?? '').map((part) => text(part.body))).toEqual([
      'DATA',
    ]);
  });

  it('keeps binary content that contains CRLF--, the boundary mid-line, or a longer boundary', () => {
    const content = Buffer.concat([
      Buffer.from([0, 1, 2, 0x0d, 0x0a, 0x2d, 0x2d, 0xff]),
      Buffer.from('\r\n--bnd-longer\r\n', 'latin1'),
      Buffer.from('x--bnd\r\n', 'latin1'),
      Buffer.from([0x0d, 0x0a]),
    ]);
    const body = Buffer.concat([
      Buffer.from('--bnd\r\nContent-Type: application/dicom\r\n\r\n', 'latin1'),
      content,
      Buffer.from('\r\n--bnd--', 'latin1'),
    ]);
    const [part, ...rest] = parseMultipart(new Uint8Array(body), 'bnd');
    expect(rest).toHaveLength(0);
    expect(Buffer.from(part?.body ?? new Uint8Array()).equals(content)).toBe(true);
  });

  it('accepts a part without headers and spaces after a boundary', () => {
    const parts = parseMultipart(latin1('--b  \r\n\r\nno headers\r\n--b \t\r\n\r\n\r\n--b--'), 'b');
    expect(parts.map((part) => text(part.body))).toEqual(['no headers', '']);
    expect(parts[0]?.headers.size).toBe(0);
  });

  it('refuses a body whose closing boundary is missing', () => {
    expect(() => parseMultipart(latin1('--b\r\nContent-Type: application/dicom\r\n\r\nDATA'), 'b')).toThrow(
      expect.objectContaining({ code: 'remote', message: expect.stringContaining('truncated') }),
    );
  });

  it('refuses a body in which the announced boundary never occurs', () => {
    expect(() => parseMultipart(latin1('--other\r\n\r\nx\r\n--other--'), 'b')).toThrow(
      expect.objectContaining({ code: 'remote', message: expect.stringContaining('never occurs') }),
    );
  });

  it('refuses a part whose header lines never end', () => {
    expect(() => parseMultipart(latin1('--b\r\nContent-Type: application/dicom\r\n--b--'), 'b')).toThrow(
      expect.objectContaining({ code: 'remote' }),
    );
  });
});

describe('buildMultipart', () => {
  it('round-trips random binary parts through parseMultipart', () => {
    const files = [randomBytes(5000), randomBytes(1), Buffer.from('\r\n--\r\n', 'latin1')].map(
      (bytes) => new Uint8Array(bytes),
    );
    const boundary = chooseBoundary(files);
    const parts = parseMultipart(buildMultipart(files, 'application/dicom', boundary), boundary);
    expect(parts.map((part) => Buffer.from(part.body).toString('hex'))).toEqual(
      files.map((file) => Buffer.from(file).toString('hex')),
    );
    expect(parts.every((part) => part.headers.get('content-type') === 'application/dicom')).toBe(true);
  });

  it('chooses a boundary that does not occur in the parts and fits the RFC 2046 limit', () => {
    const boundary = chooseBoundary([new Uint8Array(randomBytes(1000))]);
    expect(boundary.length).toBeLessThanOrEqual(70);
    expect(boundary).toMatch(/^[A-Za-z0-9-]+$/);
  });
});
