import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { syntheticDicom } from '../../../../packages/dicom/src/test-support/syntheticDicom.js';
import type { ApiClient } from './apiClient.js';
import type { CaseRecord, Patient, Radiograph } from './types.js';

const REPO = new URL('../../../../', import.meta.url);

/** The synthetic case of the repository's fixtures (not a patient). */
export const SYNTHETIC_CASE = JSON.parse(
  readFileSync(new URL('test/fixtures/cases/synthetic-adult-deformity.case.json', REPO), 'utf8'),
) as {
  radiographs: { view: string; vertebrae: Record<string, unknown>; femoralHeads?: unknown[] }[];
};

const lateral = SYNTHETIC_CASE.radiographs.find((r) => r.view === 'lateral');
const coronal = SYNTHETIC_CASE.radiographs.find((r) => r.view === 'coronal');
if (lateral === undefined || coronal === undefined) throw new Error('the synthetic fixture changed');

export const LATERAL_LANDMARKS = { vertebrae: lateral.vertebrae, femoralHeads: lateral.femoralHeads ?? [] };
export const CORONAL_LANDMARKS = { vertebrae: coronal.vertebrae };

/** A real JPEG: one of the AASCE 2019 films of the repository. */
export const JPEG_BYTES = readFileSync(
  new URL('test/fixtures/aasce2019/images/sunhl-1th-01-Mar-2017-310 C AP.jpg', REPO),
);

/** A valid 2×2 grey PNG, made here. */
export const PNG_BYTES = makePng();

/** A valid synthetic DX film (64 × 32, ImagerPixelSpacing 0.2 mm, no magnification factor). */
export const DICOM_BYTES = Buffer.from(syntheticDicom());

function makePng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const pixels = deflateSync(Buffer.from([0, 10, 200, 0, 200, 10]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let mrnCounter = 0;

export async function createPatient(client: ApiClient, fields: Partial<Patient> = {}): Promise<Patient> {
  mrnCounter += 1;
  const response = await client.post('/api/v1/patients', {
    mrn: `MRN-${process.pid}-${mrnCounter}-${Math.random().toString(36).slice(2, 8)}`,
    name: `Test Patient ${mrnCounter}`,
    birthDate: '1958-04-02',
    sex: 'female',
    ...fields,
  });
  if (response.status !== 201) throw new Error(`createPatient: ${response.status} ${response.text}`);
  return response.json<Patient>();
}

export async function createCase(client: ApiClient, patientId: string, fields: Record<string, unknown> = {}) {
  const response = await client.post('/api/v1/cases', { patientId, diagnosis: 'kyphosis', ...fields });
  if (response.status !== 201) throw new Error(`createCase: ${response.status} ${response.text}`);
  return response.json<CaseRecord>();
}

export async function createRadiograph(
  client: ApiClient,
  caseId: string,
  view: 'lateral' | 'coronal' = 'lateral',
) {
  const body =
    view === 'lateral'
      ? {
          view,
          anteriorOnImage: 'right',
          pixelSpacingMm: 0.15,
          calibrationMethod: 'manual',
          takenOn: '2026-03-01',
        }
      : { view, patientRightOnImage: 'left', pixelSpacingMm: 0.15, takenOn: '2026-03-01' };
  const response = await client.post(`/api/v1/cases/${caseId}/radiographs`, body);
  if (response.status !== 201) throw new Error(`createRadiograph: ${response.status} ${response.text}`);
  return response.json<Radiograph>();
}

/** A patient with a case and a lateral radiograph with one saved landmark set. */
export async function createMeasuredCase(client: ApiClient) {
  const patient = await createPatient(client);
  const spineCase = await createCase(client, patient.id);
  const radiograph = await createRadiograph(client, spineCase.id, 'lateral');
  const saved = await client.put(`/api/v1/radiographs/${radiograph.id}/landmarks`, LATERAL_LANDMARKS);
  if (saved.status !== 200) throw new Error(`save landmarks: ${saved.status} ${saved.text}`);
  return { patient, spineCase, radiograph };
}

export function imageForm(bytes: Uint8Array, fileName: string, type = 'application/octet-stream'): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), fileName);
  return form;
}
