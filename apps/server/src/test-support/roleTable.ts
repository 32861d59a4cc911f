import {
  DICOM_BYTES,
  LATERAL_LANDMARKS,
  PNG_BYTES,
  SYNTHETIC_CASE,
  createCase,
  createPatient,
  createRadiograph,
  imageForm,
} from './fixtures.js';
import { USER_PASSWORD, type TestServer } from './testServer.js';
import type { Plan, User } from './types.js';

// The route × role matrix of roleMatrix.test.ts. This table is README.md's roles table written as code, by hand — not
// derived from domain/roles.ts — so the test checks the implementation against the documentation.

export type Role = 'admin' | 'surgeon' | 'resident' | 'therapist' | 'researcher';
export const ROLES: readonly Role[] = ['admin', 'surgeon', 'resident', 'therapist', 'researcher'];

const CLINICAL_READ: Role[] = ['admin', 'surgeon', 'resident', 'therapist'];
const CLINICAL_WRITE: Role[] = ['admin', 'surgeon', 'resident'];
const CLINICAL_DELETE: Role[] = ['admin', 'surgeon'];
/** Hospital stay, rehabilitation programme, therapy sessions: the surgical team and the therapist. */
const REHABILITATION: Role[] = ['admin', 'surgeon', 'resident', 'therapist'];
const RESEARCH: Role[] = ['admin', 'surgeon', 'resident', 'researcher'];
const ADMIN: Role[] = ['admin'];
const EVERYONE: Role[] = [...ROLES];

export interface Shared {
  patientId: string;
  caseId: string;
  radiographId: string;
  planId: string;
}

interface Call {
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Signs out: use a session of its own. */
  readonly ownSession?: boolean;
}

export interface RouteCase {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as the OpenAPI document names it. */
  readonly route: string;
  readonly allowed: readonly Role[];
  readonly success: number;
  /** Patient data: a denial must appear in the audit trail. */
  readonly audited: boolean;
  prepare(t: TestServer, shared: Shared): Promise<Call>;
}

/** A lateral radiograph with a DICOM image (and, when asked, a landmark set), made by the admin. */
async function dicomFilm(t: TestServer, s: Shared, withLandmarks = false) {
  const film = await createRadiograph(t.admin, s.caseId);
  const uploaded = await t.admin.put(
    `/api/v1/radiographs/${film.id}/image`,
    imageForm(DICOM_BYTES, 'film.dcm'),
  );
  if (uploaded.status !== 200) throw new Error(`dicomFilm: ${uploaded.status} ${uploaded.text}`);
  if (withLandmarks) await t.admin.put(`/api/v1/radiographs/${film.id}/landmarks`, LATERAL_LANDMARKS);
  return film;
}

const same = (call: (s: Shared) => Call) => async (_t: TestServer, s: Shared) => call(s);

// Recovery (docs/decisions/0016): the shared case gets one operation record, hospital stay,
// rehabilitation programme and visit, made once by the admin (keyed by case id: one per engine).
const OPERATION = { format: 'spinerecon.operation/1', date: '2026-01-15', performed: {} };
const recoveryOfCase = new Map<string, Promise<{ visitId: string }>>();
function recovery(t: TestServer, s: Shared): Promise<{ visitId: string }> {
  let made = recoveryOfCase.get(s.caseId);
  if (made === undefined) {
    made = (async () => {
      const base = `/api/v1/cases/${s.caseId}`;
      await t.admin.put(`${base}/operation`, { content: OPERATION });
      await t.admin.put(`${base}/hospital-stay`, { content: { admissionDate: '2026-01-14' } });
      await t.admin.put(`${base}/rehabilitation`, { content: { phases: [] } });
      const visit = await t.admin.post(`${base}/follow-up/visits`, {
        label: 'matrix',
        dueDate: '2026-03-01',
      });
      if (visit.status !== 201) throw new Error(`recovery: ${visit.status} ${visit.text}`);
      return { visitId: visit.json<{ id: string }>().id };
    })();
    recoveryOfCase.set(s.caseId, made);
  }
  return made;
}

/** A case of the shared patient with nothing recorded yet: a first save without If-Match. */
const freshCase = async (t: TestServer, s: Shared) => (await createCase(t.admin, s.patientId)).id;
let unique = 0;
const next = () => (unique += 1);

export const ROUTES: readonly RouteCase[] = [
  {
    method: 'GET',
    route: '/api/v1/patients',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same(() => ({ path: '/api/v1/patients' })),
  },
  {
    method: 'POST',
    route: '/api/v1/patients',
    allowed: CLINICAL_WRITE,
    success: 201,
    audited: true,
    prepare: same(() => ({
      path: '/api/v1/patients',
      body: { mrn: `M-${next()}`, name: 'Matrix Person', birthDate: '1970-01-01', sex: 'male' },
    })),
  },
  {
    method: 'GET',
    route: '/api/v1/patients/{id}',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/patients/${s.patientId}` })),
  },
  {
    method: 'PATCH',
    route: '/api/v1/patients/{id}',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/patients/${s.patientId}`, body: { description: 'changed' } })),
  },
  {
    method: 'DELETE',
    route: '/api/v1/patients/{id}',
    allowed: CLINICAL_DELETE,
    success: 204,
    audited: true,
    prepare: async (t) => ({ path: `/api/v1/patients/${(await createPatient(t.admin)).id}` }),
  },
  {
    method: 'GET',
    route: '/api/v1/cases',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same(() => ({ path: '/api/v1/cases' })),
  },
  {
    method: 'POST',
    route: '/api/v1/cases',
    allowed: CLINICAL_WRITE,
    success: 201,
    audited: true,
    prepare: same((s) => ({
      path: '/api/v1/cases',
      body: { patientId: s.patientId, diagnosis: 'stenosis' },
    })),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/cases/${s.caseId}` })),
  },
  {
    method: 'PATCH',
    route: '/api/v1/cases/{id}',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/cases/${s.caseId}`, body: { status: 'planning' } })),
  },
  {
    method: 'DELETE',
    route: '/api/v1/cases/{id}',
    allowed: CLINICAL_DELETE,
    success: 204,
    audited: true,
    prepare: async (t, s) => ({ path: `/api/v1/cases/${(await createCase(t.admin, s.patientId)).id}` }),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/radiographs',
    allowed: CLINICAL_WRITE,
    success: 201,
    audited: true,
    prepare: same((s) => ({
      path: `/api/v1/cases/${s.caseId}/radiographs`,
      body: { view: 'coronal', patientRightOnImage: 'left' },
    })),
  },
  {
    method: 'GET',
    route: '/api/v1/radiographs/{id}',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/radiographs/${s.radiographId}` })),
  },
  {
    method: 'PATCH',
    route: '/api/v1/radiographs/{id}',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/radiographs/${s.radiographId}`, body: { description: 'x' } })),
  },
  {
    method: 'DELETE',
    route: '/api/v1/radiographs/{id}',
    allowed: CLINICAL_WRITE,
    success: 204,
    audited: true,
    prepare: async (t, s) => ({
      path: `/api/v1/radiographs/${(await createRadiograph(t.admin, s.caseId)).id}`,
    }),
  },
  {
    method: 'PUT',
    route: '/api/v1/radiographs/{id}/image',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: same((s) => ({
      path: `/api/v1/radiographs/${s.radiographId}/image`,
      body: imageForm(PNG_BYTES, 'film.png'),
    })),
  },
  {
    method: 'GET',
    route: '/api/v1/radiographs/{id}/image',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/radiographs/${s.radiographId}/image` })),
  },
  {
    method: 'GET',
    route: '/api/v1/radiographs/{id}/landmarks',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/radiographs/${s.radiographId}/landmarks` })),
  },
  {
    method: 'PUT',
    route: '/api/v1/radiographs/{id}/landmarks',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: async (t, s) => ({
      path: `/api/v1/radiographs/${(await createRadiograph(t.admin, s.caseId)).id}/landmarks`,
      body: LATERAL_LANDMARKS,
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/radiographs/{id}/landmarks/versions',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/radiographs/${s.radiographId}/landmarks/versions` })),
  },
  {
    method: 'GET',
    route: '/api/v1/radiographs/{id}/landmarks/versions/{version}',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/radiographs/${s.radiographId}/landmarks/versions/1` })),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/plans',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/cases/${s.caseId}/plans` })),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/plans',
    allowed: CLINICAL_WRITE,
    success: 201,
    audited: true,
    prepare: same((s) => ({
      path: `/api/v1/cases/${s.caseId}/plans`,
      body: { title: 'P', content: { format: 'spinerecon.plan/1' } },
    })),
  },
  {
    method: 'GET',
    route: '/api/v1/plans/{id}',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/plans/${s.planId}` })),
  },
  {
    method: 'PUT',
    route: '/api/v1/plans/{id}',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: async (t, s) => {
      const plan = (
        await t.admin.post(`/api/v1/cases/${s.caseId}/plans`, {
          title: 'P',
          content: { format: 'spinerecon.plan/1' },
        })
      ).json<Plan>();
      return {
        path: `/api/v1/plans/${plan.id}`,
        body: { content: { format: 'spinerecon.plan/1', riskFactors: { smoker: false } } },
        headers: { 'if-match': '"1"' },
      };
    },
  },
  {
    method: 'GET',
    route: '/api/v1/plans/{id}/versions',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/plans/${s.planId}/versions` })),
  },
  {
    method: 'GET',
    route: '/api/v1/plans/{id}/versions/{version}',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/plans/${s.planId}/versions/1` })),
  },
  {
    method: 'GET',
    route: '/api/v1/plans/{id}/report.pdf',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/plans/${s.planId}/report.pdf` })),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/follow-up/report.pdf',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/cases/${s.caseId}/follow-up/report.pdf` })),
  },
  {
    method: 'GET',
    route: '/api/v1/research/cases',
    allowed: RESEARCH,
    success: 200,
    audited: true,
    prepare: same(() => ({ path: '/api/v1/research/cases' })),
  },
  {
    method: 'GET',
    route: '/api/v1/research/cases/{id}',
    allowed: RESEARCH,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/research/cases/${s.caseId}` })),
  },
  {
    method: 'GET',
    route: '/api/v1/research/radiographs/{id}/image',
    allowed: RESEARCH,
    success: 200,
    audited: true,
    prepare: async (t, s) => ({ path: `/api/v1/research/radiographs/${(await dicomFilm(t, s)).id}/image` }),
  },
  {
    method: 'GET',
    route: '/api/v1/research/export',
    allowed: RESEARCH,
    success: 200,
    audited: true,
    prepare: same(() => ({ path: '/api/v1/research/export?format=csv' })),
  },
  {
    method: 'GET',
    route: '/api/v1/research/export/dictionary',
    allowed: RESEARCH,
    success: 200,
    audited: false,
    prepare: same(() => ({ path: '/api/v1/research/export/dictionary' })),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/fhir',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/cases/${s.caseId}/fhir` })),
  },
  {
    method: 'POST',
    route: '/api/v1/import',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: same((s) => ({
      path: `/api/v1/import?patientId=${s.patientId}`,
      body: { ...SYNTHETIC_CASE, clinical: { diagnosis: 'scoliosis' } },
    })),
  },
  {
    method: 'POST',
    route: '/api/v1/radiographs/{id}/calibration/marker',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: async (t, s) => ({
      path: `/api/v1/radiographs/${(await createRadiograph(t.admin, s.caseId)).id}/calibration/marker`,
      body: { kind: 'ruler', lengthMm: 100, from: [0, 0], to: [0, 500] },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/radiographs/{id}/report',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: async (t, s) => ({ path: `/api/v1/radiographs/${(await dicomFilm(t, s, true)).id}/report` }),
  },
  {
    method: 'GET',
    route: '/api/v1/pacs/status',
    allowed: EVERYONE,
    success: 200,
    audited: false,
    prepare: same(() => ({ path: '/api/v1/pacs/status' })),
  },
  // No PACS is configured in the matrix: an allowed role gets as far as "no PACS" (503).
  {
    method: 'GET',
    route: '/api/v1/pacs/studies',
    allowed: CLINICAL_WRITE,
    success: 503,
    audited: true,
    prepare: same(() => ({ path: '/api/v1/pacs/studies?patientId=X' })),
  },
  {
    method: 'GET',
    route: '/api/v1/pacs/studies/{studyInstanceUid}/series',
    allowed: CLINICAL_WRITE,
    success: 503,
    audited: true,
    prepare: same(() => ({ path: '/api/v1/pacs/studies/1.2.3/series' })),
  },
  {
    method: 'GET',
    route: '/api/v1/pacs/studies/{studyInstanceUid}/series/{seriesInstanceUid}/instances',
    allowed: CLINICAL_WRITE,
    success: 503,
    audited: true,
    prepare: same(() => ({ path: '/api/v1/pacs/studies/1.2.3/series/1.2.4/instances' })),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/radiographs/from-pacs',
    allowed: CLINICAL_WRITE,
    success: 503,
    audited: true,
    prepare: same((s) => ({
      path: `/api/v1/cases/${s.caseId}/radiographs/from-pacs`,
      body: {
        studyInstanceUid: '1.2.3',
        seriesInstanceUid: '1.2.4',
        sopInstanceUid: '1.2.5',
        view: 'lateral',
      },
    })),
  },
  {
    method: 'POST',
    route: '/api/v1/radiographs/{id}/report/pacs',
    allowed: CLINICAL_WRITE,
    success: 503,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/radiographs/${s.radiographId}/report/pacs` })),
  },
  // Patient-reported outcomes and the recovery charts (docs/decisions/0016).
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/questionnaires/invitations',
    allowed: CLINICAL_WRITE,
    success: 201,
    audited: true,
    prepare: same((s) => ({
      path: `/api/v1/cases/${s.caseId}/questionnaires/invitations`,
      body: { instrument: 'odi' },
    })),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/questionnaires',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/cases/${s.caseId}/questionnaires` })),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/questionnaires/responses',
    allowed: CLINICAL_WRITE,
    success: 201,
    audited: true,
    prepare: same((s) => ({
      path: `/api/v1/cases/${s.caseId}/questionnaires/responses`,
      body: { instrument: 'pain', answers: [3, null] },
    })),
  },
  {
    method: 'GET',
    route: '/api/v1/questionnaires/unanswered',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same(() => ({ path: '/api/v1/questionnaires/unanswered' })),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/recovery/timeline',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/cases/${s.caseId}/recovery/timeline` })),
  },
  {
    method: 'GET',
    route: '/api/v1/outcomes/mine',
    allowed: CLINICAL_READ,
    success: 200,
    audited: false,
    prepare: same(() => ({ path: '/api/v1/outcomes/mine' })),
  },
  // Operation record and recovery (docs/decisions/0016).
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/operation',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: async (t, s) => {
      await recovery(t, s);
      return { path: `/api/v1/cases/${s.caseId}/operation` };
    },
  },
  {
    method: 'PUT',
    route: '/api/v1/cases/{id}/operation',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: async (t, s) => ({
      path: `/api/v1/cases/${await freshCase(t, s)}/operation`,
      body: { content: OPERATION },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/hospital-stay',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: async (t, s) => {
      await recovery(t, s);
      return { path: `/api/v1/cases/${s.caseId}/hospital-stay` };
    },
  },
  {
    method: 'PUT',
    route: '/api/v1/cases/{id}/hospital-stay',
    allowed: REHABILITATION,
    success: 200,
    audited: true,
    prepare: async (t, s) => ({
      path: `/api/v1/cases/${await freshCase(t, s)}/hospital-stay`,
      body: { content: { admissionDate: '2026-01-14', dischargeDate: '2026-01-20' } },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/rehabilitation',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: async (t, s) => {
      await recovery(t, s);
      return { path: `/api/v1/cases/${s.caseId}/rehabilitation` };
    },
  },
  {
    method: 'PUT',
    route: '/api/v1/cases/{id}/rehabilitation',
    allowed: REHABILITATION,
    success: 200,
    audited: true,
    prepare: async (t, s) => ({
      path: `/api/v1/cases/${await freshCase(t, s)}/rehabilitation`,
      body: { content: { phases: [{ name: 'Early walking', goals: ['walk'] }] } },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/therapy-sessions',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/cases/${s.caseId}/therapy-sessions` })),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/therapy-sessions',
    allowed: REHABILITATION,
    success: 201,
    audited: true,
    prepare: same((s) => ({
      path: `/api/v1/cases/${s.caseId}/therapy-sessions`,
      body: { sessionDate: '2026-02-01', phase: 'Early walking' },
    })),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/complications',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/cases/${s.caseId}/complications` })),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/complications',
    allowed: CLINICAL_WRITE,
    success: 201,
    audited: true,
    prepare: same((s) => ({
      path: `/api/v1/cases/${s.caseId}/complications`,
      body: { type: 'duralTear', onsetDate: '2026-01-15', clavienDindo: 'I' },
    })),
  },
  {
    method: 'PATCH',
    route: '/api/v1/complications/{id}',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: async (t, s) => {
      const made = await t.admin.post(`/api/v1/cases/${s.caseId}/complications`, {
        type: 'infectionSuperficial',
        onsetDate: '2026-01-20',
        clavienDindo: 'II',
      });
      return {
        path: `/api/v1/complications/${made.json<{ id: string }>().id}`,
        body: { resolution: 'healed', resolvedDate: '2026-02-01' },
      };
    },
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/follow-up/schedule',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: async (t, s) => {
      await recovery(t, s);
      return { path: `/api/v1/cases/${s.caseId}/follow-up/schedule`, body: {} };
    },
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/follow-up/visits',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same((s) => ({ path: `/api/v1/cases/${s.caseId}/follow-up/visits` })),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/follow-up/visits',
    allowed: CLINICAL_WRITE,
    success: 201,
    audited: true,
    prepare: same((s) => ({
      path: `/api/v1/cases/${s.caseId}/follow-up/visits`,
      body: { label: `extra ${next()}`, dueDate: '2026-05-01' },
    })),
  },
  {
    method: 'GET',
    route: '/api/v1/follow-up/visits/{id}',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: async (t, s) => ({ path: `/api/v1/follow-up/visits/${(await recovery(t, s)).visitId}` }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/follow-up/visits/{id}',
    allowed: CLINICAL_WRITE,
    success: 200,
    audited: true,
    prepare: async (t, s) => ({
      path: `/api/v1/follow-up/visits/${(await recovery(t, s)).visitId}`,
      body: { notes: `seen ${next()}` },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/follow-up/visits/{id}/alignment',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: async (t, s) => ({
      path: `/api/v1/follow-up/visits/${(await recovery(t, s)).visitId}/alignment`,
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/follow-up/due',
    allowed: CLINICAL_READ,
    success: 200,
    audited: true,
    prepare: same(() => ({ path: '/api/v1/follow-up/due?status=all' })),
  },
  {
    method: 'GET',
    route: '/api/v1/users',
    allowed: ADMIN,
    success: 200,
    audited: false,
    prepare: same(() => ({ path: '/api/v1/users' })),
  },
  {
    method: 'POST',
    route: '/api/v1/users',
    allowed: ADMIN,
    success: 201,
    audited: false,
    prepare: same(() => ({
      path: '/api/v1/users',
      body: { username: `u${next()}`, displayName: 'U', role: 'therapist', password: USER_PASSWORD },
    })),
  },
  {
    method: 'PATCH',
    route: '/api/v1/users/{id}',
    allowed: ADMIN,
    success: 200,
    audited: false,
    prepare: async (t) => {
      const user = (
        await t.admin.post('/api/v1/users', {
          username: `v${next()}`,
          displayName: 'V',
          role: 'therapist',
          password: USER_PASSWORD,
        })
      ).json<User>();
      return { path: `/api/v1/users/${user.id}`, body: { displayName: 'W' } };
    },
  },
  {
    method: 'GET',
    route: '/api/v1/surgeons',
    allowed: CLINICAL_READ,
    success: 200,
    audited: false,
    prepare: same(() => ({ path: '/api/v1/surgeons' })),
  },
  {
    method: 'GET',
    route: '/api/v1/audit',
    allowed: ADMIN,
    success: 200,
    audited: false,
    prepare: same(() => ({ path: '/api/v1/audit' })),
  },
  {
    method: 'GET',
    route: '/api/v1/session',
    allowed: EVERYONE,
    success: 200,
    audited: false,
    prepare: same(() => ({ path: '/api/v1/session' })),
  },
  {
    method: 'DELETE',
    route: '/api/v1/session',
    allowed: EVERYONE,
    success: 204,
    audited: false,
    prepare: same(() => ({ path: '/api/v1/session', ownSession: true })),
  },
  // Last: changing the password ends the user's other sessions.
  {
    method: 'PUT',
    route: '/api/v1/session/password',
    allowed: EVERYONE,
    success: 204,
    audited: false,
    prepare: same(() => ({
      path: '/api/v1/session/password',
      body: { currentPassword: USER_PASSWORD, newPassword: USER_PASSWORD },
      ownSession: true,
    })),
  },
];

/** Routes anyone may call without a session. */
export const PUBLIC_ROUTES = [
  'POST /api/v1/session',
  'GET /api/v1/health',
  'GET /api/v1/session/oidc/login',
  'GET /api/v1/session/oidc/callback',
  // A patient's questionnaire link: the token is the credential (rate-limited; questionnaires.test.ts).
  'GET /api/v1/questionnaire/{token}',
  'POST /api/v1/questionnaire/{token}',
];
