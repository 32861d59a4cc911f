// Transfer syntaxes: which ones we decode, and the names of those we refuse (so the message can name them).

/** How the pixel data of a transfer syntax is stored, and which codec reads it. */
export type PixelEncoding = 'native' | 'jpegBaseline' | 'jpegLossless' | 'jpegLs' | 'jpeg2000' | 'rle';

interface SupportedSyntax {
  readonly name: string;
  readonly encoding: PixelEncoding;
  readonly bigEndian?: boolean;
  readonly deflated?: boolean;
}

// UIDs and names: DICOM PS3.6 Annex A, Table A-1 "UID Values" (NEMA 2024).
export const SUPPORTED_TRANSFER_SYNTAXES: Readonly<Record<string, SupportedSyntax>> = {
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian', encoding: 'native' },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian', encoding: 'native' },
  '1.2.840.10008.1.2.1.99': {
    name: 'Deflated Explicit VR Little Endian',
    encoding: 'native',
    deflated: true,
  },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian', encoding: 'native', bigEndian: true },
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline (Process 1)', encoding: 'jpegBaseline' },
  '1.2.840.10008.1.2.4.57': {
    name: 'JPEG Lossless, Non-Hierarchical (Process 14)',
    encoding: 'jpegLossless',
  },
  '1.2.840.10008.1.2.4.70': {
    name: 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])',
    encoding: 'jpegLossless',
  },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless Image Compression', encoding: 'jpegLs' },
  '1.2.840.10008.1.2.4.81': { name: 'JPEG-LS Lossy (Near-Lossless) Image Compression', encoding: 'jpegLs' },
  '1.2.840.10008.1.2.4.90': { name: 'JPEG 2000 Image Compression (Lossless Only)', encoding: 'jpeg2000' },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000 Image Compression', encoding: 'jpeg2000' },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless', encoding: 'rle' },
};

// Names of transfer syntaxes we recognise but do not decode: DICOM PS3.6 Annex A, Table A-1 (NEMA 2024).
const UNSUPPORTED_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2.1.98': 'Encapsulated Uncompressed Explicit VR Little Endian',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
  '1.2.840.10008.1.2.4.52': 'JPEG Extended (Process 3 & 5) (retired)',
  '1.2.840.10008.1.2.4.53': 'JPEG Spectral Selection, Non-Hierarchical (retired)',
  '1.2.840.10008.1.2.4.55': 'JPEG Full Progression, Non-Hierarchical (retired)',
  '1.2.840.10008.1.2.4.92': 'JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.93': 'JPEG 2000 Part 2 Multi-component Image Compression',
  '1.2.840.10008.1.2.4.94': 'JPIP Referenced',
  '1.2.840.10008.1.2.4.95': 'JPIP Referenced Deflate',
  '1.2.840.10008.1.2.4.100': 'MPEG2 Main Profile / Main Level',
  '1.2.840.10008.1.2.4.101': 'MPEG2 Main Profile / High Level',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 AVC/H.264 High Profile / Level 4.1',
  '1.2.840.10008.1.2.4.103': 'MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1',
  '1.2.840.10008.1.2.4.110': 'JPEG XL Lossless',
  '1.2.840.10008.1.2.4.111': 'JPEG XL JPEG Recompression',
  '1.2.840.10008.1.2.4.112': 'JPEG XL',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.202': 'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000 Image Compression',
  '1.2.840.10008.1.2.6.1': 'RFC 2557 MIME encapsulation (retired)',
  '1.2.840.10008.1.2.6.2': 'XML Encoding (retired)',
};

/** The name of a transfer syntax UID, or 'an unknown transfer syntax'. */
export function transferSyntaxName(uid: string): string {
  return SUPPORTED_TRANSFER_SYNTAXES[uid]?.name ?? UNSUPPORTED_NAMES[uid] ?? 'an unknown transfer syntax';
}
