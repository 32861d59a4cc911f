import { deflateRawSync } from 'node:zlib';
import { readPart10, readMeasurementReport } from '@spinerecon/dicom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDicom, transcode } from '../../../../packages/dicom/src/test-support/syntheticDicom.js';
import {
  LATERAL_LANDMARKS,
  PNG_BYTES,
  createCase,
  createPatient,
  createRadiograph,
  imageForm,
} from '../test-support/fixtures.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type { ErrorBody, LandmarkSet, Radiograph } from '../test-support/types.js';

// DICOM through the API: calibration from the header, refusal of bad files (nothing stored), the
// measurement report as DICOM SR, and de-identified DICOM for research.

/** A lateral film big enough for the synthetic landmarks (2000 × 4600 px), 8-bit to stay small. */
const film = (attributes: Record<string, unknown> = {}) =>
  syntheticDicom({ rows: 4600, columns: 2000, bitsAllocated: 8, attributes });

describe.each(ENGINES)('DICOM radiographs on %s', (engine) => {
  let t: TestServer;
  let caseId: string;
  beforeAll(async () => {
    t = await startTestServer(engine);
    caseId = (await createCase(t.admin, (await createPatient(t.admin)).id)).id;
  });
  afterAll(() => t.close());

  /** A lateral radiograph without calibration, as a film imported from a PACS starts. */
  async function emptyFilm(): Promise<Radiograph> {
    const created = await t.admin.post(`/api/v1/cases/${caseId}/radiographs`, {
      view: 'lateral',
      anteriorOnImage: 'right',
    });
    return created.json<Radiograph>();
  }

  const upload = (id: string, bytes: Uint8Array, name = 'film.dcm') =>
    t.admin.put(`/api/v1/radiographs/${id}/image`, imageForm(bytes, name));

  it('takes the spacing from ImagerPixelSpacing divided by the magnification factor, and says so', async () => {
    const radiograph = await emptyFilm();
    const response = await upload(
      radiograph.id,
      film({ ImagerPixelSpacing: [0.22, 0.22], EstimatedRadiographicMagnificationFactor: 1.1 }),
    );
    expect(response.status, response.text).toBe(200);
    const saved = response.json<Radiograph>();
    expect(saved.calibrationMethod).toBe('dicom');
    const [rowMm, colMm] = saved.pixelSpacingMm as [number, number];
    expect(rowMm).toBeCloseTo(0.2, 12);
    expect(colMm).toBeCloseTo(0.2, 12);
    expect(saved.calibrationNote).toMatch(/magnification/i);
    expect(saved.image).toMatchObject({ widthPx: 2000, heightPx: 4600, dicom: { modality: 'DX' } });
  });

  it.each(['jpeg2000', 'jpegLs', 'rle'] as const)(
    'accepts a %s-compressed film and keeps it byte for byte',
    async (codec) => {
      const radiograph = await emptyFilm();
      const bytes = transcode(syntheticDicom({ rows: 512, columns: 256 }), codec);
      const saved = await upload(radiograph.id, bytes);
      expect(saved.status, saved.text).toBe(200);
      expect(saved.json<Radiograph>().image).toMatchObject({
        widthPx: 256,
        heightPx: 512,
        sizeBytes: bytes.length,
      });
      const download = await fetch(`${t.url}/api/v1/radiographs/${radiograph.id}/image`, {
        headers: { cookie: t.admin.cookieHeader },
      });
      expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    },
  );

  it('warns that detector-plane spacing overestimates anatomy when there is no magnification factor', async () => {
    const radiograph = await emptyFilm();
    const saved = (await upload(radiograph.id, film({ ImagerPixelSpacing: [0.2, 0.2] }))).json<Radiograph>();
    expect(saved.pixelSpacingMm).toEqual([0.2, 0.2]);
    expect(saved.calibrationNote).toMatch(/overestimate/);
  });

  it('keeps a calibration the surgeon set by hand when a DICOM image is attached later', async () => {
    const radiograph = await emptyFilm();
    await t.admin.patch(`/api/v1/radiographs/${radiograph.id}`, { pixelSpacingMm: 0.143 });
    const saved = (await upload(radiograph.id, film({ PixelSpacing: [0.1, 0.1] }))).json<Radiograph>();
    expect(saved).toMatchObject({ pixelSpacingMm: 0.143, calibrationMethod: 'manual' });
  });

  it('calibrates from a 25 mm ball marked by three points on its edge', async () => {
    const radiograph = await emptyFilm();
    await upload(radiograph.id, PNG_BYTES, 'film.png');
    const png = (await t.admin.get(`/api/v1/radiographs/${radiograph.id}`)).json<Radiograph>();
    expect(png).toMatchObject({ pixelSpacingMm: null, calibrationMethod: null });
    expect(png.calibrationNote).toMatch(/marker/);
    // The 2 × 2 PNG is too small for a marker: the points must lie on the image.
    const outside = await t.admin.post(`/api/v1/radiographs/${radiograph.id}/calibration/marker`, {
      kind: 'ball',
      diameterMm: 25,
      edge: [
        [100, 0],
        [0, 100],
        [-100, 0],
      ],
    });
    expect(outside.status).toBe(400);
    expect(outside.json<ErrorBody>().message).toMatch(/outside the image/);

    const big = await emptyFilm();
    await upload(big.id, film());
    const calibrated = await t.admin.post(`/api/v1/radiographs/${big.id}/calibration/marker`, {
      kind: 'ball',
      diameterMm: 25,
      edge: [
        [1100, 500],
        [1000, 600],
        [900, 500],
      ],
    });
    expect(calibrated.status, calibrated.text).toBe(200);
    expect(calibrated.json<Radiograph>()).toMatchObject({
      pixelSpacingMm: 0.125,
      calibrationMethod: 'marker',
    });
    const collinear = await t.admin.post(`/api/v1/radiographs/${big.id}/calibration/marker`, {
      kind: 'ball',
      diameterMm: 25,
      edge: [
        [100, 100],
        [200, 200],
        [300, 300],
      ],
    });
    expect(collinear.status).toBe(400);
    expect(collinear.json<ErrorBody>().message).toMatch(/one line/);
  });

  describe('refuses bad files with a 4xx and stores nothing', () => {
    const valid = syntheticDicom();
    const withLength = (bytes: Uint8Array, offset: number, length: number) => {
      const copy = bytes.slice();
      new DataView(copy.buffer).setUint32(offset, length, true);
      return copy;
    };
    // The PixelData element is last: its 4-byte length sits 4 bytes before its 64 × 32 × 2 value bytes.
    const pixelLengthAt = valid.length - 64 * 32 * 2 - 4;
    const cases: [string, () => Uint8Array, number, RegExp][] = [
      ['a truncated file', () => valid.slice(0, valid.length - 1000), 400, /truncated|damaged|length/i],
      ['a wrong preamble magic', () => Object.assign(valid.slice(), { [128]: 0x58 }), 415, /not a DICOM/i],
      ['a lying element length', () => withLength(valid, pixelLengthAt, 0x7ffffff0), 400, /./],
      ['an unsupported transfer syntax', () => withSyntax('1.2.840.10008.1.2.4.51'), 415, /transfer syntax/i],
      [
        'a multi-frame image',
        () => syntheticDicom({ modality: 'SC', attributes: { NumberOfFrames: '2' } }),
        415,
        /multi-frame/i,
      ],
      [
        'huge declared dimensions',
        () => syntheticDicom({ attributes: { Rows: 60000, Columns: 60000 } }),
        413,
        /./,
      ],
      ['a PNG renamed .dcm', () => PNG_BYTES, 415, /named as a DICOM file but its content is a PNG/],
    ];
    /** The file with another Transfer Syntax UID in its meta group, and optionally another dataset. */
    function withSyntax(syntax: string, dataset?: Uint8Array): Uint8Array {
      const bytes = Buffer.from(valid);
      // (0002,0000) File Meta Information Group Length: its UL value is at byte 140 (PS3.10 7.1).
      const metaEnd = 144 + bytes.readUInt32LE(140);
      const at = bytes.indexOf('1.2.840.10008.1.2.1\0');
      const value = Buffer.from(syntax.length % 2 === 0 ? syntax : `${syntax}\0`);
      const meta = Buffer.concat([bytes.subarray(0, at), value, bytes.subarray(at + 20, metaEnd)]);
      meta.writeUInt16LE(value.length, at - 2);
      meta.writeUInt32LE(meta.length - 144, 140);
      return Buffer.concat([meta, dataset ?? bytes.subarray(metaEnd)]);
    }

    it.each(cases)('refuses %s', async (_label, make, status, message) => {
      const radiograph = await emptyFilm();
      const before = await listImages();
      const response = await upload(radiograph.id, make());
      expect(response.status, response.text).toBe(status);
      expect(response.json<ErrorBody>().message).toMatch(message);
      const after = (await t.admin.get(`/api/v1/radiographs/${radiograph.id}`)).json<Radiograph>();
      expect(after.image).toBeNull();
      expect(await listImages()).toEqual(before);
    });

    // Deflating 600 MiB and inflating 512 MiB takes seconds on a loaded machine: 60 s is a hang guard, not a speed target.
    it(
      'refuses a deflate bomb (deflated transfer syntax inflating past the limit)',
      { timeout: 60_000 },
      async () => {
        const radiograph = await emptyFilm();
        // 600 MiB of zeros deflate to well under 1 MiB; the server inflates at most 512 MiB.
        const bomb = withSyntax('1.2.840.10008.1.2.1.99', deflateRawSync(Buffer.alloc(600 * 1024 * 1024)));
        const before = await listImages();
        const response = await upload(radiograph.id, bomb);
        expect(response.status, response.text).toBe(413);
        expect(await listImages()).toEqual(before);
      },
    );
  });

  async function listImages(): Promise<string[]> {
    const { readdir } = await import('node:fs/promises');
    const root = `${t.database.dataDir}/images`;
    const folders = (await readdir(root).catch(() => [] as string[])).filter((f) => /^[0-9a-f]{2}$/.test(f));
    const files = await Promise.all(
      folders.map(async (f) => (await readdir(`${root}/${f}`)).map((n) => `${f}/${n}`)),
    );
    const temporary = await readdir(`${root}/tmp`).catch(() => [] as string[]);
    return [...files.flat(), ...temporary.map((n) => `tmp/${n}`)].sort();
  }

  it('gives the measurement report as DICOM SR that reads back to the saved landmarks', async () => {
    const radiograph = await emptyFilm();
    await upload(radiograph.id, film({ PixelSpacing: [0.15, 0.15] }));
    const saved = await t.admin.put(`/api/v1/radiographs/${radiograph.id}/landmarks`, LATERAL_LANDMARKS);
    expect(saved.status, saved.text).toBe(200);
    // Every distance comes with where its calibration came from.
    expect(saved.json<LandmarkSet>().calibration).toEqual({
      pixelSpacingMm: [0.15, 0.15],
      method: 'dicom',
      note: expect.stringMatching(/^Pixel Spacing \(0028,0030\) 0\.15 × 0\.15 mm at the patient/) as unknown,
    });
    const response = await fetch(`${t.url}/api/v1/radiographs/${radiograph.id}/report`, {
      headers: { cookie: t.admin.cookieHeader },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/dicom');
    const report = readMeasurementReport(new Uint8Array(await response.arrayBuffer()));
    const image = (await t.admin.get(`/api/v1/radiographs/${radiograph.id}`)).json<Radiograph>().image;
    expect(report.image.sopInstanceUid).toBe(image?.dicom?.sopInstanceUid);
    expect(report.studyInstanceUid).toBe(image?.dicom?.studyInstanceUid);
    expect(report.observer).toEqual({ kind: 'person', name: expect.any(String) as unknown });
    expect(report.radiograph).toMatchObject({
      vertebrae: LATERAL_LANDMARKS.vertebrae,
      femoralHeads: LATERAL_LANDMARKS.femoralHeads,
    });
    expect(report.measurements.find((m) => m.key === 'pelvicIncidenceDeg')?.unit).toBe('deg');
  });

  it('refuses a report for a radiograph whose image is not DICOM, or that has no landmarks', async () => {
    const png = await createRadiograph(t.admin, caseId);
    await upload(png.id, PNG_BYTES, 'film.png');
    await t.admin.put(`/api/v1/radiographs/${png.id}/landmarks`, LATERAL_LANDMARKS);
    const notDicom = await t.admin.get(`/api/v1/radiographs/${png.id}/report`);
    expect(notDicom.status).toBe(409);
    expect(notDicom.json<ErrorBody>().message).toMatch(/DICOM image/);
    const bare = await emptyFilm();
    await upload(bare.id, film());
    const noLandmarks = await t.admin.get(`/api/v1/radiographs/${bare.id}/report`);
    expect(noLandmarks.status).toBe(409);
    expect(noLandmarks.json<ErrorBody>().message).toMatch(/no landmarks/);
  });

  it('gives researchers the DICOM image de-identified, with the patient pseudonym', async () => {
    const researcher = await t.userWithRole('researcher');
    const radiograph = await emptyFilm();
    await upload(radiograph.id, film({ PatientName: 'Identifiable^Person', PatientID: 'MRN-778899' }));
    const response = await fetch(`${t.url}/api/v1/research/radiographs/${radiograph.id}/image`, {
      headers: { cookie: researcher.cookieHeader },
    });
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    for (const identifier of ['Identifiable', 'MRN-778899', '19600101']) {
      expect(bytes.includes(identifier), identifier).toBe(false);
    }
    const { dataset } = readPart10(bytes);
    expect(dataset.PatientIdentityRemoved).toBe('YES');
    const patients = await t.admin.get(`/api/v1/research/cases/${caseId}`);
    expect(dataset.PatientID).toBe(patients.json<{ patientPseudonym: string }>().patientPseudonym);
  });
});
