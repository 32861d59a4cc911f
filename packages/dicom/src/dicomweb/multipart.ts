// multipart/related bodies (RFC 2046 §5.1, RFC 2387) as DICOMweb uses them: WADO-RS answers and STOW-RS
// requests. Bytes are never decoded as text except the header lines of each part.
import { randomUUID } from 'node:crypto';
import { DicomError } from '../dicomError.js';

export interface ContentType {
  /** Lower-cased `type/subtype`. */
  readonly mediaType: string;
  /** Parameters with lower-cased names and unquoted values. */
  readonly parameters: ReadonlyMap<string, string>;
}

export interface MultipartPart {
  /** The part's own headers, lower-cased names (`content-type`, `content-length`…). */
  readonly headers: ReadonlyMap<string, string>;
  /** The part's content: a view into the body that was parsed (no copy). */
  readonly body: Uint8Array;
}

/** Parses a Content-Type header value: `multipart/related; type="application/dicom"; boundary=abc`. */
export function parseContentType(value: string): ContentType {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (quoted && c === '\\' && i + 1 < value.length) {
      current += c + value.charAt(i + 1);
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === ';' && !quoted) {
      fields.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  fields.push(current);
  const parameters = new Map<string, string>();
  for (const field of fields.slice(1)) {
    const equal = field.indexOf('=');
    if (equal < 0) continue;
    const name = field.slice(0, equal).trim().toLowerCase();
    let parameter = field.slice(equal + 1).trim();
    if (parameter.length >= 2 && parameter.startsWith('"') && parameter.endsWith('"')) {
      parameter = parameter.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    if (name !== '') parameters.set(name, parameter);
  }
  return { mediaType: (fields[0] ?? '').trim().toLowerCase(), parameters };
}

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const CRLF_CRLF = Buffer.from('\r\n\r\n', 'latin1');

function malformed(reason: string): DicomError {
  return new DicomError('remote', `the PACS answered with a malformed multipart body: ${reason}`);
}

/**
 * Whether a boundary delimiter found at `end` (the index just after `--boundary`) is a real one: RFC 2046
 * allows only `--` (the close delimiter) or optional spaces/tabs then CRLF after it. Anything else means
 * the bytes merely start like the boundary.
 */
function delimiterEndsAt(body: Uint8Array, end: number): boolean {
  if (body[end] === DASH && body[end + 1] === DASH) return true;
  let i = end;
  while (body[i] === 0x20 || body[i] === 0x09) i++;
  return (body[i] === CR && body[i + 1] === LF) || i === body.length;
}

/** The index of the next real `CRLF--boundary` at or after `from`, or -1. */
function findDelimiter(buffer: Buffer, delimiter: Buffer, from: number): number {
  let i = buffer.indexOf(delimiter, from);
  while (i >= 0 && !delimiterEndsAt(buffer, i + delimiter.length)) {
    i = buffer.indexOf(delimiter, i + 1);
  }
  return i;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  // Unfold continuation lines (RFC 5322 §2.2.3), then split "Name: value".
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed('a part header line has no name');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * Splits a multipart body into its parts. The preamble (before the first boundary) and the epilogue
 * (after the close delimiter) are ignored; a body without a close delimiter is refused as truncated.
 * Throws DicomError('remote') on a malformed body.
 */
export function parseMultipart(body: Uint8Array, boundary: string): MultipartPart[] {
  if (boundary === '' || boundary.length > 200) throw malformed('the boundary is empty or too long');
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');

  let position: number;
  if (
    buffer.subarray(0, dashBoundary.length).equals(dashBoundary) &&
    delimiterEndsAt(buffer, dashBoundary.length)
  ) {
    position = dashBoundary.length;
  } else {
    const first = findDelimiter(buffer, delimiter, 0);
    if (first < 0) throw malformed('the boundary announced in Content-Type never occurs');
    position = first + delimiter.length;
  }

  const parts: MultipartPart[] = [];
  for (;;) {
    if (buffer[position] === DASH && buffer[position + 1] === DASH) return parts; // close delimiter
    while (buffer[position] === 0x20 || buffer[position] === 0x09) position++;
    if (buffer[position] !== CR || buffer[position + 1] !== LF)
      throw malformed('the body ends after a boundary');
    position += 2;

    const next = findDelimiter(buffer, delimiter, position);
    // A part with no headers starts with an empty line; its CRLF may also be the delimiter's own CRLF.
    let headers = new Map<string, string>();
    let contentStart: number;
    if (buffer[position] === CR && buffer[position + 1] === LF) {
      contentStart = position + 2;
    } else {
      const headerEnd = buffer.indexOf(CRLF_CRLF, position);
      if (headerEnd < 0 || (next >= 0 && headerEnd > next))
        throw malformed('a part has no end to its headers');
      headers = parseHeaders(buffer.toString('latin1', position, headerEnd));
      contentStart = headerEnd + 4;
    }
    if (next < 0) throw malformed('it is truncated (no closing boundary)');
    if (next < contentStart) {
      // "--b\r\n\r\n--b": a part without headers and with empty content, whose CRLF doubles as delimiter.
      parts.push({ headers, body: body.subarray(contentStart, contentStart) });
    } else {
      parts.push({ headers, body: body.subarray(contentStart, next) });
    }
    position = next + delimiter.length;
  }
}

/** A boundary that occurs in none of the parts (RFC 2046 §5.1.1: at most 70 characters). */
export function chooseBoundary(parts: readonly Uint8Array[]): string {
  for (;;) {
    const boundary = `spinerecon-${randomUUID()}`;
    const needle = Buffer.from(`--${boundary}`, 'latin1');
    const clash = parts.some((part) =>
      Buffer.from(part.buffer, part.byteOffset, part.byteLength).includes(needle),
    );
    if (!clash) return boundary;
  }
}

/** Builds a multipart body: each part with its Content-Type, CRLF line ends, a close delimiter. */
export function buildMultipart(
  parts: readonly Uint8Array[],
  partContentType: string,
  boundary: string,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: ${partContentType}\r\n\r\n`, 'latin1'), part);
    chunks.push(Buffer.from('\r\n', 'latin1'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}
