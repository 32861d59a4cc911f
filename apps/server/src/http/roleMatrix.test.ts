import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test-support/apiClient.js';
import { PNG_BYTES, createMeasuredCase, imageForm } from '../test-support/fixtures.js';
import { PUBLIC_ROUTES, ROLES, ROUTES, type Role, type Shared } from '../test-support/roleTable.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { USER_PASSWORD, startTestServer, type TestServer } from '../test-support/testServer.js';
import type { AuditEvent, Page, Plan } from '../test-support/types.js';

// Every route × every role, as README.md's roles table says (test-support/roleTable.ts), and 401 without a session.
// A role's test calls every route (PDF reports and FHIR bundles included): the timeouts are hang guards, not speed
// targets (docs/benchmarks.md measures speed).
const SETUP_TIMEOUT_MS = 120_000;
const ROLE_TIMEOUT_MS = 300_000;

describe.each(ENGINES)('route × role matrix on %s', (engine) => {
  let t: TestServer;
  let shared: Shared;
  const clients = new Map<Role, ApiClient>();
  const usernames = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestServer(engine);
    const { patient, spineCase, radiograph } = await createMeasuredCase(t.admin);
    await t.admin.put(`/api/v1/radiographs/${radiograph.id}/image`, imageForm(PNG_BYTES, 'film.png'));
    const plan = (
      await t.admin.post(`/api/v1/cases/${spineCase.id}/plans`, {
        title: 'P',
        content: { format: 'spinerecon.plan/1' },
      })
    ).json<Plan>();
    shared = { patientId: patient.id, caseId: spineCase.id, radiographId: radiograph.id, planId: plan.id };
    // Every role, admin included, gets an account of its own (t.admin stays signed in to read the trail).
    for (const role of ROLES) {
      const username = `matrix-${role}`;
      usernames.set(role, username);
      clients.set(role, await t.userWithRole(role, username));
    }
  }, SETUP_TIMEOUT_MS);
  afterAll(() => t.close());

  it('covers every route of the API (the OpenAPI document lists no other)', async () => {
    const document = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const tested = [...ROUTES.map((r) => `${r.method} ${r.route}`), ...PUBLIC_ROUTES];
    expect(new Set(documented)).toEqual(new Set(tested));
  });

  it(
    'answers 401 on every route but the public ones when there is no session',
    { timeout: ROLE_TIMEOUT_MS },
    async () => {
      const anonymous = new ApiClient(t.url);
      for (const route of ROUTES) {
        const call = await route.prepare(t, shared);
        const response = await anonymous.request(route.method, call.path, call.body, call.headers);
        expect(response.status, `${route.method} ${route.route}`).toBe(401);
      }
    },
  );

  it.each(ROLES)(
    'lets %s do exactly what the roles table says, and nothing more',
    { timeout: ROLE_TIMEOUT_MS },
    async (role) => {
      const denied: string[] = [];
      for (const route of ROUTES) {
        const call = await route.prepare(t, shared);
        const client = call.ownSession
          ? await ApiClient.signIn(t.url, usernames.get(role) ?? '', USER_PASSWORD)
          : (clients.get(role) as ApiClient);
        const response = await client.request(route.method, call.path, call.body, call.headers);
        const label = `${role} ${route.method} ${route.route}: ${response.text.slice(0, 200)}`;
        if (route.allowed.includes(role)) {
          expect(response.status, label).toBe(route.success);
        } else {
          expect(response.status, label).toBe(403);
          if (route.audited) denied.push(route.method);
        }
      }
      // Every refused access to patient data is in the audit trail as `denied`, under this user.
      const trail = await t.admin.get(`/api/v1/audit?outcome=denied&limit=200`);
      const mine = trail.json<Page<AuditEvent>>().items.filter((e) => e.username === usernames.get(role));
      expect(mine).toHaveLength(denied.length);
      expect(mine.every((e) => e.statusCode === 403)).toBe(true);
    },
  );
});
