import { Readable } from 'node:stream';
import {
  syntheticDicomHeader,
  streamedDicom,
} from '../../../../packages/dicom/src/test-support/streamedDicom.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, createPatient, createRadiograph } from '../test-support/fixtures.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type { Radiograph } from '../test-support/types.js';

const SIZE_MB = 150;
// A 16-bit film of SIZE_MB: 5120 columns × 15360 rows × 2 bytes = 150 MiB of pixel data.
const COLUMNS = 5120;
const rowsFor = (megabytes: number) => (megabytes * 1024 * 1024) / (COLUMNS * 2);

/** A multipart body with one valid DICOM file of `megabytes` of pixels, produced chunk by chunk. */
function streamedDicomForm(megabytes: number, boundary: string): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.dcm"\r\n` +
          'Content-Type: application/dicom\r\n\r\n',
      );
      yield* streamedDicom(rowsFor(megabytes), COLUMNS);
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    })(),
  );
}

describe.each(ENGINES)('a large image upload on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine);
  });
  afterAll(() => t.close());

  it(`streams a ${SIZE_MB} MB DICOM file to disk without holding it in memory`, async () => {
    const film = await createRadiograph(
      t.admin,
      (await createCase(t.admin, (await createPatient(t.admin)).id)).id,
    );
    const boundary = 'spinerecon-upload-test';
    const upload = (megabytes: number) =>
      t.admin.request(
        'PUT',
        `/api/v1/radiographs/${film.id}/image`,
        undefined,
        { 'content-type': `multipart/form-data; boundary=${boundary}` },
        streamedDicomForm(megabytes, boundary),
      );
    await upload(8); // warm-up: the first upload loads code and grows buffers once
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const response = await upload(SIZE_MB);
    clearInterval(sampler);
    expect(response.status, response.text).toBe(200);
    const image = response.json<Radiograph>().image;
    const headerBytes = syntheticDicomHeader(rowsFor(SIZE_MB), COLUMNS).length;
    expect(image).toMatchObject({
      mediaType: 'application/dicom',
      sizeBytes: SIZE_MB * 1024 * 1024 + headerBytes,
      widthPx: COLUMNS,
      heightPx: rowsFor(SIZE_MB),
    });
    // Client and server share this process: both stream, so memory grows by a small fraction of the file.
    expect((peak - baseline) / 1024 / 1024).toBeLessThan(SIZE_MB / 3);
  }, 60_000);
});
