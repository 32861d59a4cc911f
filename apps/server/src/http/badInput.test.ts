import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JPEG_BYTES,
  PNG_BYTES,
  createCase,
  createPatient,
  createRadiograph,
  imageForm,
} from '../test-support/fixtures.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type { ErrorBody } from '../test-support/types.js';

describe.each(ENGINES)('bad input on %s: a 4xx a person can act on, and the server stays up', (engine) => {
  let t: TestServer;
  let radiographId: string;
  beforeAll(async () => {
    t = await startTestServer(engine, { SPINERECON_MAX_IMAGE_MB: '1' });
    const spineCase = await createCase(t.admin, (await createPatient(t.admin)).id);
    radiographId = (await createRadiograph(t.admin, spineCase.id, 'lateral')).id;
  });
  afterAll(() => t.close());

  const expectProblem = (response: { status: number; json<T>(): T }, status: number, message: RegExp) => {
    expect(response.status).toBe(status);
    const body = response.json<ErrorBody>();
    expect(body.message).toMatch(message);
    return body;
  };

  it('wrong types and missing fields name the field', async () => {
    const body = expectProblem(
      await t.admin.post('/api/v1/patients', { mrn: 12, name: 'A', birthDate: 'yesterday', sex: 'f' }),
      400,
      /^\$\.mrn: /,
    );
    expect(new Set(body.details?.map((d) => d.path))).toEqual(new Set(['$.mrn', '$.birthDate', '$.sex']));
    expectProblem(await t.admin.post('/api/v1/cases', { diagnosis: 'scoliosis' }), 400, /patientId/);
    expectProblem(
      await t.admin.post('/api/v1/patients', { mrn: 'x', name: 'y', birthDate: '2999-01-01', sex: 'male' }),
      400,
      /future/,
    );
  });

  it('unknown fields are refused by name, in bodies and queries', async () => {
    const body = expectProblem(
      await t.admin.post('/api/v1/patients', {
        mrn: 'U1',
        name: 'y',
        birthDate: '2000-01-01',
        sex: 'male',
        nickname: 'z',
      }),
      400,
      /nickname/,
    );
    expect(body.error).toBe('invalid-input');
    expect(body.details).toEqual([{ path: '$.nickname', message: 'unknown field' }]);
    expectProblem(await t.admin.get('/api/v1/patients?name=x'), 400, /name/);
  });

  it('landmarks are checked by the core, with paths in the request body', async () => {
    const body = expectProblem(
      await t.admin.put(`/api/v1/radiographs/${radiographId}/landmarks`, {
        vertebrae: { L6: {}, L4: { superiorAnterior: [1, 'a'] } },
      }),
      400,
      /^\$\.vertebrae\.L6: unknown vertebral level/,
    );
    expect(body.details?.map((d) => d.path)).toContain('$.vertebrae.L6');
    expectProblem(
      await t.admin.put(`/api/v1/radiographs/${radiographId}/landmarks`, { vertebrae: {}, extra: 1 }),
      400,
      /extra/,
    );
    expectProblem(
      await t.admin.put(
        `/api/v1/radiographs/${radiographId}/landmarks`,
        { vertebrae: {} },
        { 'if-match': 'yesterday' },
      ),
      400,
      /If-Match/,
    );
  });

  it('malformed JSON, a wrong content type, an empty body and a bad id', async () => {
    expectProblem(
      await t.admin.post('/api/v1/patients', '{"mrn": ', { 'content-type': 'application/json' }),
      400,
      /JSON/,
    );
    expectProblem(
      await t.admin.post('/api/v1/patients', 'mrn=1', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
      415,
      /.+/,
    );
    expectProblem(
      await t.admin.post('/api/v1/patients', '', { 'content-type': 'application/json' }),
      400,
      /empty/,
    );
    expectProblem(await t.admin.get('/api/v1/patients/not-a-uuid'), 400, /^params\.id: /);
    expectProblem(
      await t.admin.get('/api/v1/patients/00000000-0000-4000-8000-000000000000'),
      404,
      /patient does not exist/,
    );
    expectProblem(await t.admin.get('/api/v1/nothing-here'), 404, /no route/);
  });

  it('an oversized JSON body is a 413', async () => {
    const huge = { vertebrae: { L1: { superiorAnterior: [1, 2] } }, padding: 'x'.repeat(2 * 1024 * 1024) };
    expectProblem(await t.admin.put(`/api/v1/radiographs/${radiographId}/landmarks`, huge), 413, /.+/);
  });

  it('an image over the size limit is a 413 and leaves nothing behind', async () => {
    const big = Buffer.concat([JPEG_BYTES, Buffer.alloc(1024 * 1024)]);
    expectProblem(
      await t.admin.put(`/api/v1/radiographs/${radiographId}/image`, imageForm(big, 'big.jpg')),
      413,
      /.+/,
    );
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(`${t.database.dataDir}/images/tmp`)).toEqual([]);
  });

  it('malformed images: not an image, a truncated PNG, a truncated JPEG, an empty file, no file', async () => {
    const upload = (bytes: Uint8Array, name = 'film.png') =>
      t.admin.put(`/api/v1/radiographs/${radiographId}/image`, imageForm(bytes, name));
    expectProblem(
      await upload(Buffer.from('%PDF-1.7 not a radiograph')),
      415,
      /not a DICOM \(Part 10\), PNG or JPEG/,
    );
    expectProblem(await upload(PNG_BYTES.subarray(0, PNG_BYTES.length - 12)), 415, /PNG .*truncated/);
    expectProblem(await upload(JPEG_BYTES.subarray(0, 5000), 'film.jpg'), 415, /JPEG .*truncated/);
    expectProblem(await upload(Buffer.alloc(0)), 400, /empty/);
    expectProblem(
      await t.admin.put(`/api/v1/radiographs/${radiographId}/image`, new FormData()),
      400,
      /no file/,
    );
    expectProblem(
      await t.admin.put(`/api/v1/radiographs/${radiographId}/image`, { file: 'x' }),
      415,
      /multipart/,
    );
  });

  it('path tricks in file names are refused, and never reach the file system', async () => {
    for (const name of [
      '../../etc/passwd',
      '..\\..\\boot.ini',
      '/abs/film.png',
      'C:film.png',
      'a/../b.png',
      'film\u0000.png',
    ]) {
      expectProblem(
        await t.admin.put(`/api/v1/radiographs/${radiographId}/image`, imageForm(PNG_BYTES, name)),
        400,
        /file name/,
      );
    }
  });

  it('is still up and answering after all of it', async () => {
    expect((await fetch(`${t.url}/api/v1/health`)).status).toBe(200);
    expect((await t.admin.get('/api/v1/session')).status).toBe(200);
  });
});
