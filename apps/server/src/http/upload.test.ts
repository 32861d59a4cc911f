import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, createPatient, createRadiograph } from '../test-support/fixtures.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type { Radiograph } from '../test-support/types.js';

const SIZE_MB = 150;

/** A multipart body with one DICOM file of `megabytes`, produced chunk by chunk (never whole in memory). */
function streamedDicomForm(megabytes: number, boundary: string): Readable {
  const chunk = Buffer.alloc(1024 * 1024, 0x5a);
  return Readable.from(
    (function* () {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.dcm"\r\n` +
          'Content-Type: application/dicom\r\n\r\n',
      );
      yield Buffer.concat([Buffer.alloc(128), Buffer.from('DICM')]);
      for (let i = 0; i < megabytes; i++) yield chunk;
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
    expect(image).toMatchObject({ mediaType: 'application/dicom', sizeBytes: SIZE_MB * 1024 * 1024 + 132 });
    // Client and server share this process: both stream, so memory grows by a small fraction of the file.
    expect((peak - baseline) / 1024 / 1024).toBeLessThan(SIZE_MB / 3);
  }, 60_000);
});
