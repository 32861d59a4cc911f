import {
  DICOM_BYTES,
  LATERAL_LANDMARKS,
  PNG_BYTES,
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
];
