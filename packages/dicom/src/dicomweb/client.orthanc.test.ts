// The DICOMweb client against a real Orthanc 1.10.1 + DICOMweb plugin 1.7 (Debian packages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrthanc, type OrthancServer } from '../test-support/orthanc.js';
import { SOP_CLASS, syntheticDicom, testUid } from '../test-support/syntheticDicom.js';
import { createDicomWebClient, type DicomWebClient } from './client.js';

const USERNAME = 'spine';
const PASSWORD = 'recon-secret';

const alphaStudy = testUid();
const betaStudy = testUid();
const alphaLateralSeries = testUid();
const alphaFrontalSeries = testUid();
const betaSeries = testUid();
const alphaLateral = syntheticDicom({
  modality: 'DX',
  studyInstanceUid: alphaStudy,
  seriesInstanceUid: alphaLateralSeries,
  attributes: {
    PatientName: 'Alpha^Anna',
    PatientID: 'P-ALPHA',
    StudyDate: '20240115',
    StudyDescription: 'Spine standing',
    SeriesDescription: 'Lateral',
    SeriesNumber: '1',
  },
});
const alphaFrontal = syntheticDicom({
  modality: 'CR',
  studyInstanceUid: alphaStudy,
  seriesInstanceUid: alphaFrontalSeries,
  attributes: {
    PatientName: 'Alpha^Anna',
    PatientID: 'P-ALPHA',
    StudyDate: '20240115',
    StudyDescription: 'Spine standing',
    SeriesDescription: 'Frontal',
    SeriesNumber: '2',
    ViewPosition: 'PA',
  },
});
const betaLateral = syntheticDicom({
  modality: 'DX',
  studyInstanceUid: betaStudy,
  seriesInstanceUid: betaSeries,
  attributes: { PatientName: 'Beta^Bob', PatientID: 'P-BETA', StudyDate: '20240320', PatientSex: 'M' },
});

let orthanc: OrthancServer;
let client: DicomWebClient;

beforeAll(async () => {
  orthanc = await startOrthanc({ username: USERNAME, password: PASSWORD });
  for (const file of [alphaLateral, alphaFrontal, betaLateral]) await orthanc.upload(file);
  client = createDicomWebClient({
    url: orthanc.url,
    username: USERNAME,
    password: PASSWORD,
    timeoutMs: 10_000,
  });
}, 30_000);

afterAll(async () => {
  await orthanc.stop();
});

function studyUids(studies: readonly { studyInstanceUid: string }[]): string[] {
  return studies.map((study) => study.studyInstanceUid).sort();
}

describe('QIDO-RS study search against Orthanc', () => {
  it('finds exactly the study of one patient id, with its summary attributes', async () => {
    const studies = await client.searchStudies({ patientId: 'P-ALPHA' });
    expect(studies).toEqual([
      {
        studyInstanceUid: alphaStudy,
        patientName: 'Alpha^Anna',
        patientId: 'P-ALPHA',
        patientBirthDate: '1960-01-01',
        patientSex: 'F',
        studyDate: '2024-01-15',
        studyDescription: 'Spine standing',
        accessionNumber: 'ACC0001',
        modalities: ['CR', 'DX'],
        numberOfSeries: 2,
        numberOfInstances: 2,
      },
    ]);
  });

  it('matches a full patient name written with the ^ component separator', async () => {
    expect(studyUids(await client.searchStudies({ patientName: 'Alpha^Anna' }))).toEqual([alphaStudy]);
  });

  it('matches patient names with * and ? wildcards', async () => {
    expect(studyUids(await client.searchStudies({ patientName: 'Beta^*' }))).toEqual([betaStudy]);
    expect(studyUids(await client.searchStudies({ patientName: '*^B?b' }))).toEqual([betaStudy]);
  });

  it('includes both ends of a study date range', async () => {
    const both = await client.searchStudies({ studyDateFrom: '2024-01-15', studyDateTo: '2024-03-20' });
    expect(studyUids(both)).toEqual([alphaStudy, betaStudy].sort());
    const later = await client.searchStudies({ studyDateFrom: '2024-01-16', studyDateTo: '2024-03-20' });
    expect(studyUids(later)).toEqual([betaStudy]);
    expect(studyUids(await client.searchStudies({ studyDateTo: '2024-01-15' }))).toEqual([alphaStudy]);
    expect(studyUids(await client.searchStudies({ studyDateFrom: '2024-03-21' }))).toEqual([]);
  });

  it('filters on a modality in the study', async () => {
    expect(studyUids(await client.searchStudies({ modality: 'CR' }))).toEqual([alphaStudy]);
  });

  it('pages with limit and offset', async () => {
    const first = await client.searchStudies({ limit: 1 });
    const second = await client.searchStudies({ limit: 1, offset: 1 });
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(studyUids([...first, ...second])).toEqual([alphaStudy, betaStudy].sort());
  });

  it('returns an empty list when nothing matches', async () => {
    expect(await client.searchStudies({ patientId: 'NOBODY' })).toEqual([]);
  });
});

describe('QIDO-RS series and instance search against Orthanc', () => {
  it('lists the two series of a study with their view positions', async () => {
    const series = await client.searchSeries(alphaStudy);
    expect(series.sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0))).toEqual([
      {
        seriesInstanceUid: alphaLateralSeries,
        modality: 'DX',
        seriesDescription: 'Lateral',
        seriesNumber: 1,
        numberOfInstances: 1,
        bodyPartExamined: 'SPINE',
        viewPosition: 'LL',
      },
      {
        seriesInstanceUid: alphaFrontalSeries,
        modality: 'CR',
        seriesDescription: 'Frontal',
        seriesNumber: 2,
        numberOfInstances: 1,
        bodyPartExamined: 'SPINE',
        viewPosition: 'PA',
      },
    ]);
  });

  it('lists the instances of a series with their size', async () => {
    const instances = await client.searchInstances(alphaStudy, alphaLateralSeries);
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({
      sopClassUid: SOP_CLASS.DX,
      instanceNumber: 1,
      rows: 64,
      columns: 32,
    });
  });
});

describe('WADO-RS retrieval from Orthanc', () => {
  it('returns the stored Part 10 file byte for byte', async () => {
    const [instance] = await client.searchInstances(betaStudy, betaSeries);
    expect(instance).toBeDefined();
    const bytes = await client.retrieveInstance(betaStudy, betaSeries, instance?.sopInstanceUid ?? '');
    // Orthanc stores the uploaded file as is and transfer-syntax=* turns transcoding off, so even the
    // file meta information (group 0002, with our implementation UID) comes back unchanged.
    expect(Buffer.from(bytes).equals(Buffer.from(betaLateral))).toBe(true);
  });

  it('refuses an answer larger than maxBytes while streaming', async () => {
    const [instance] = await client.searchInstances(betaStudy, betaSeries);
    await expect(
      client.retrieveInstance(betaStudy, betaSeries, instance?.sopInstanceUid ?? '', { maxBytes: 1000 }),
    ).rejects.toMatchObject({ code: 'too-large', message: expect.stringContaining('1000-byte limit') });
  });

  it('reports an unknown instance as a remote error with status 404', async () => {
    await expect(client.retrieveInstance(betaStudy, betaSeries, '1.2.3.4')).rejects.toMatchObject({
      code: 'remote',
      status: 404,
      message: expect.stringContaining('HTTP 404'),
    });
  });
});

describe('STOW-RS storage into Orthanc', () => {
  it('stores a new series in an existing study, which the series search then finds', async () => {
    const newSeries = testUid();
    const sopInstanceUid = testUid();
    const file = syntheticDicom({
      studyInstanceUid: alphaStudy,
      seriesInstanceUid: newSeries,
      sopInstanceUid,
      attributes: {
        PatientName: 'Alpha^Anna',
        PatientID: 'P-ALPHA',
        StudyDate: '20240115',
        SeriesNumber: '3',
      },
    });
    expect(await client.storeInstances([file], alphaStudy)).toEqual({ stored: [sopInstanceUid], failed: [] });
    const series = await client.searchSeries(alphaStudy);
    expect(series.map((s) => s.seriesInstanceUid)).toContain(newSeries);
    expect(series).toHaveLength(3);
  });

  it('refuses with HTTP 409 an instance sent to another study, naming only the failure reason', async () => {
    const file = syntheticDicom({ attributes: { PatientName: 'Gamma^Gus', PatientID: 'P-GAMMA' } });
    const error: unknown = await client.storeInstances([file], betaStudy).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'remote', status: 409 });
    expect((error as Error).message).toContain('processing failure (0x0110)');
    expect((error as Error).message).not.toContain('Gamma');
    expect(await client.searchStudies({ patientId: 'P-GAMMA' })).toEqual([]);
  });
});

describe('DICOMweb errors against Orthanc', () => {
  it('reports a wrong password as a remote error with status 401 and no credentials', async () => {
    const wrong = createDicomWebClient({
      url: orthanc.url,
      username: USERNAME,
      password: 'not-the-password',
    });
    const error: unknown = await wrong.searchStudies({}).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'remote',
      status: 401,
      message: expect.stringContaining('HTTP 401'),
    });
    expect((error as Error).message).not.toContain('not-the-password');
    expect((error as Error).message).not.toContain(USERNAME);
  });

  it('reports a stopped PACS as unreachable, naming its host and port', async () => {
    const stopped = await startOrthanc();
    const url = stopped.url;
    await stopped.stop();
    const port = new URL(url).port;
    await expect(createDicomWebClient({ url }).searchStudies({})).rejects.toMatchObject({
      code: 'remote',
      message: expect.stringContaining(`cannot reach the PACS at 127.0.0.1:${port}`),
    });
  }, 30_000);
});

describe('Orthanc 1.10.1 query decoding (why ^ and ? are sent literally)', () => {
  it('finds nothing when ^ is percent-encoded, because this Orthanc does not URL-decode query arguments', async () => {
    // Orthanc 1.10 stopped decoding GET arguments itself, relying on civetweb, which no longer decodes
    // them by default since 1.15 (Debian 12 links 1.15); fixed in Orthanc 1.12.10. If this starts to fail,
    // the installed Orthanc decodes queries again and strictQueryEncoding is safe against it.
    const strict = createDicomWebClient({
      url: orthanc.url,
      username: USERNAME,
      password: PASSWORD,
      strictQueryEncoding: true,
    });
    expect(await strict.searchStudies({ patientName: 'Alpha^Anna' })).toEqual([]);
  });
});
