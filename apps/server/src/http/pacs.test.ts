import { createDicomWebClient, readMeasurementReport } from '@spinerecon/dicom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrthanc, type OrthancServer } from '../../../../packages/dicom/src/test-support/orthanc.js';
import { syntheticDicom, testUid } from '../../../../packages/dicom/src/test-support/syntheticDicom.js';
import { LATERAL_LANDMARKS, createCase, createPatient } from '../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type { AuditEvent, ErrorBody, Page, Radiograph } from '../test-support/types.js';

// The whole PACS round trip through the API against a real Orthanc (Debian orthanc + orthanc-dicomweb):
// search, import into a case, measure, store the DICOM SR back, find it in the PACS.

interface Listed<T> {
  items: T[];
}

describe('the PACS over DICOMweb, against a real Orthanc', () => {
  let orthanc: OrthancServer;
  let t: TestServer;
  const studyInstanceUid = testUid();
  const seriesInstanceUid = testUid();
  const sopInstanceUid = testUid();
  const lateral = syntheticDicom({
    rows: 4600,
    columns: 2000,
    bitsAllocated: 8,
    studyInstanceUid,
    seriesInstanceUid,
    sopInstanceUid,
    attributes: {
      PatientName: 'Pacs^Person',
      PatientID: 'PACS-0042',
      StudyDate: '20260315',
      ImagerPixelSpacing: [0.165, 0.165],
      EstimatedRadiographicMagnificationFactor: 1.1,
      PatientOrientation: ['P', 'F'],
    },
  });

  beforeAll(async () => {
    orthanc = await startOrthanc({ username: 'spinerecon', password: 'pacs-password' });
    await orthanc.upload(lateral);
    await orthanc.upload(syntheticDicom({ attributes: { PatientID: 'OTHER-1', StudyDate: '20250101' } }));
    t = await startTestServer('sqlite', {
      DICOMWEB_URL: orthanc.url,
      DICOMWEB_USERNAME: 'spinerecon',
      DICOMWEB_PASSWORD: 'pacs-password',
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await orthanc.stop();
  });

  it('finds the study by patient id and date range, then its series and instances', async () => {
    const studies = await t.admin.get(
      '/api/v1/pacs/studies?patientId=PACS-0042&studyDateFrom=2026-03-01&studyDateTo=2026-03-31',
    );
    expect(studies.status, studies.text).toBe(200);
    expect(studies.json<Listed<{ studyInstanceUid: string }>>().items.map((s) => s.studyInstanceUid)).toEqual(
      [studyInstanceUid],
    );
    const series = await t.admin.get(`/api/v1/pacs/studies/${studyInstanceUid}/series`);
    expect(series.json<Listed<{ seriesInstanceUid: string }>>().items).toEqual([
      expect.objectContaining({ seriesInstanceUid }),
    ]);
    const instances = await t.admin.get(
      `/api/v1/pacs/studies/${studyInstanceUid}/series/${seriesInstanceUid}/instances`,
    );
    expect(instances.json<Listed<{ sopInstanceUid: string }>>().items).toEqual([
      expect.objectContaining({ sopInstanceUid }),
    ]);
    const trail = await t.admin.get('/api/v1/audit?resourceType=pacs&limit=10');
    expect(trail.json<Page<AuditEvent>>().items.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses an open query that would list the whole PACS', async () => {
    const response = await t.admin.get('/api/v1/pacs/studies');
    expect(response.status).toBe(400);
  });

  it('imports the film into a case with its calibration and side, then stores the SR back in the PACS', async () => {
    const caseId = (await createCase(t.admin, (await createPatient(t.admin)).id)).id;
    const imported = await t.admin.post(`/api/v1/cases/${caseId}/radiographs/from-pacs`, {
      studyInstanceUid,
      seriesInstanceUid,
      sopInstanceUid,
      view: 'lateral',
    });
    expect(imported.status, imported.text).toBe(201);
    const radiograph = imported.json<Radiograph>();
    // PatientOrientation P\\F: the rows run towards the patient's posterior, so anterior is on the left.
    expect(radiograph).toMatchObject({
      anteriorOnImage: 'left',
      takenOn: '2026-03-15',
      calibrationMethod: 'dicom',
    });
    expect((radiograph.pixelSpacingMm as number[])[0]).toBeCloseTo(0.15, 12);
    const download = await fetch(`${t.url}/api/v1/radiographs/${radiograph.id}/image`, {
      headers: { cookie: t.admin.cookieHeader },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(lateral))).toBe(true);

    const landmarks = await t.admin.put(`/api/v1/radiographs/${radiograph.id}/landmarks`, LATERAL_LANDMARKS);
    expect(landmarks.status, landmarks.text).toBe(200);
    const stored = await t.admin.post(`/api/v1/radiographs/${radiograph.id}/report/pacs`);
    expect(stored.status, stored.text).toBe(201);
    const { sopInstanceUid: reportUid } = stored.json<{ sopInstanceUid: string }>();

    // Read it back from the PACS as any other viewer would.
    const pacs = createDicomWebClient({
      url: orthanc.url,
      username: 'spinerecon',
      password: 'pacs-password',
    });
    const series = await pacs.searchSeries(studyInstanceUid);
    const srSeries = series.find((s) => s.modality === 'SR');
    expect(srSeries).toBeDefined();
    const bytes = await pacs.retrieveInstance(studyInstanceUid, srSeries?.seriesInstanceUid ?? '', reportUid);
    const report = readMeasurementReport(bytes);
    expect(report.image.sopInstanceUid).toBe(sopInstanceUid);
    expect(report.radiograph).toMatchObject({ vertebrae: LATERAL_LANDMARKS.vertebrae });
  });

  it('says which side is unknown when the film does not tell and the request does not either', async () => {
    const uid = testUid();
    const series = testUid();
    await orthanc.upload(
      syntheticDicom({
        studyInstanceUid,
        seriesInstanceUid: series,
        sopInstanceUid: uid,
        attributes: { PatientOrientation: '' },
      }),
    );
    const caseId = (await createCase(t.admin, (await createPatient(t.admin)).id)).id;
    const response = await t.admin.post(`/api/v1/cases/${caseId}/radiographs/from-pacs`, {
      studyInstanceUid,
      seriesInstanceUid: series,
      sopInstanceUid: uid,
      view: 'coronal',
    });
    expect(response.status).toBe(400);
    expect(response.json<ErrorBody>().message).toMatch(/patientRightOnImage/);
    const films = await t.admin.get(`/api/v1/cases/${caseId}`);
    expect(films.json<{ radiographs: unknown[] }>().radiographs).toEqual([]);
  });

  it('answers 502 naming the PACS failure, and 404-like PACS answers as failures too', async () => {
    const response = await t.admin.post(
      `/api/v1/cases/${(await createCase(t.admin, (await createPatient(t.admin)).id)).id}/radiographs/from-pacs`,
      {
        studyInstanceUid,
        seriesInstanceUid,
        sopInstanceUid: testUid(),
        view: 'lateral',
        anteriorOnImage: 'right',
      },
    );
    expect(response.status).toBe(502);
    expect(response.json<ErrorBody>().message).toMatch(/404/);
  });
});

describe('without a configured PACS', () => {
  it('answers 503 and says how to configure one', async () => {
    const t = await startTestServer('sqlite');
    try {
      const response = await t.admin.get('/api/v1/pacs/studies?patientId=X');
      expect(response.status).toBe(503);
      expect(response.json<ErrorBody>().message).toMatch(/DICOMWEB_URL/);
    } finally {
      await t.close();
    }
  });
});
