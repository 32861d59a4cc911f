import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Problem } from '../domain/errors.js';
import type { ImageFacts } from './imageFacts.js';
import { inspectImageFile } from './imageInspection.js';
import { HEAD_BYTES, TAIL_BYTES, imageKind, type ImageMediaType } from './imageKind.js';

export interface StoredImage {
  readonly sha256: string;
  readonly mediaType: ImageMediaType;
  readonly sizeBytes: number;
  readonly facts: ImageFacts;
}

/**
 * Images on disk, named by the SHA-256 of their content (`ab/abcdef…`): the same file uploaded twice is
 * stored once. Uploads stream through a hash into a temporary file (memory stays flat whatever the
 * size) and are moved into place only when complete, recognised and validated (imageInspection.ts). Client file names never reach
 * the file system.
 */
export class ImageStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /**
   * `truncated` tells whether the source stopped at its size limit (the file is then refused); `fileName`,
   * when its extension names a type, must agree with the content (a PNG renamed .dcm is refused).
   */
  async save(
    source: Readable,
    truncated: () => boolean = () => false,
    fileName: string | null = null,
  ): Promise<StoredImage> {
    const temporary = join(this.root, 'tmp', `${randomUUID()}.part`);
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    const hash = createHash('sha256');
    let head = Buffer.alloc(0);
    let tail = Buffer.alloc(0);
    let size = 0;
    const inspect = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        if (head.length < HEAD_BYTES)
          head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        tail = Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, inspect, createWriteStream(temporary, { flags: 'wx' }));
      if (truncated()) throw new Problem('payload-too-large', 'the image is larger than the server accepts');
      const kind = imageKind(head, tail, size);
      if (size === 0) throw new Problem('invalid-input', 'the uploaded file is empty');
      if (!kind.ok) throw new Problem('unsupported-media-type', kind.reason);
      const named = typeNamedBy(fileName);
      if (named !== undefined && named !== kind.mediaType) {
        throw new Problem(
          'unsupported-media-type',
          `the file is named as ${LABEL[named]} but its content is ${LABEL[kind.mediaType]}: upload the original file`,
        );
      }
      // Validated before it is kept: a refused file leaves nothing behind.
      const facts = await inspectImageFile(temporary, kind.mediaType, size);
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
      if (await exists(target)) await rm(temporary);
      else await rename(temporary, target);
      return { sha256, mediaType: kind.mediaType, sizeBytes: size, facts };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  open(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  /** Copies a file already on disk into the store (the demo seed). */
  async importFile(path: string): Promise<StoredImage> {
    return this.save(createReadStream(path));
  }
}

const LABEL: Readonly<Record<ImageMediaType, string>> = {
  'application/dicom': 'a DICOM file',
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
};

/** The media type a file name's extension claims, if it claims one. */
function typeNamedBy(fileName: string | null): ImageMediaType | undefined {
  const extension = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (extension === 'dcm' || extension === 'dicom') return 'application/dicom';
  if (extension === 'png') return 'image/png';
  if (extension === 'jpg' || extension === 'jpeg') return 'image/jpeg';
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
