import type { FastifyRequest } from 'fastify';
import { appendAudit } from '../repositories/auditRepository.js';

/**
 * Records a refused access to patient data: `denied` when the role or the CSRF check said no (403),
 * `failed` for any other refusal after sign-in (404, 400, 412…). Requests without a session are not
 * recorded here (there is nobody to name); failed logins are, by the login itself.
 */
export async function recordFailure(request: FastifyRequest, statusCode: number): Promise<void> {
  const access = request.routeOptions.config.access;
  if (request.actor === undefined || access === undefined || 'public' in access || access.audit === undefined)
    return;
  const { resourceType, action, idParam } = access.audit;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const rawId = idParam === undefined ? undefined : params[idParam];
  const resourceId = typeof rawId === 'string' ? rawId.slice(0, 100) : null;
  try {
    await appendAudit(
      request.server.services.storage.db,
      { actor: request.actor, ip: request.ip, requestId: request.id },
      {
        action,
        resourceType,
        resourceId,
        patientId: resourceType === 'patient' ? resourceId : null,
        outcome: statusCode === 403 ? 'denied' : 'failed',
        statusCode,
      },
    );
  } catch (error) {
    request.log.error({ err: { message: (error as Error).message } }, 'could not append to the audit trail');
  }
}
