// What an uploaded file is, from its bytes (never from its name or the declared content type).

export type ImageMediaType = 'application/dicom' | 'image/png' | 'image/jpeg';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/** Bytes kept from the start and the end of a file: enough for the checks below. */
export const HEAD_BYTES = 132;
export const TAIL_BYTES = 8;

export type ImageKind =
  { readonly ok: true; readonly mediaType: ImageMediaType } | { readonly ok: false; readonly reason: string };

const startsWith = (bytes: Uint8Array, expected: readonly number[], at = 0): boolean =>
  expected.every((b, i) => bytes[at + i] === b);

/**
 * The media type of a DICOM Part 10 file (preamble + "DICM"), a PNG (signature, IHDR first, IEND last)
 * or a JPEG (SOI first, EOI last); or a sentence saying why the file is none of them.
 */
export function imageKind(head: Uint8Array, tail: Uint8Array, size: number): ImageKind {
  const recognised = (mediaType: ImageMediaType): ImageKind => ({ ok: true, mediaType });
  const rejected = (reason: string): ImageKind => ({ ok: false, reason });
  if (size >= HEAD_BYTES && startsWith(head, [0x44, 0x49, 0x43, 0x4d], 128))
    return recognised('application/dicom');
  if (startsWith(head, PNG_SIGNATURE)) {
    if (!startsWith(head, [0x49, 0x48, 0x44, 0x52], 12))
      return rejected('the PNG file has no IHDR header: it is damaged');
    if (!startsWith(tail, PNG_IEND))
      return rejected('the PNG file does not end with IEND: it is truncated or damaged');
    return recognised('image/png');
  }
  if (startsWith(head, [0xff, 0xd8, 0xff])) {
    if (tail[tail.length - 2] !== 0xff || tail[tail.length - 1] !== 0xd9) {
      return rejected('the JPEG file does not end with its end-of-image marker: it is truncated or damaged');
    }
    return recognised('image/jpeg');
  }
  return rejected('not a DICOM (Part 10), PNG or JPEG file');
}
