import type { VisitStatus } from '@spinerecon/core';
import { VISIT_STATUS_TEXT } from './scheduleModel';

export function VisitStatusBadge({ status }: { readonly status: VisitStatus }) {
  return (
    <span className={`visit-status visit-${status}`} data-status={status}>
      {VISIT_STATUS_TEXT[status]}
    </span>
  );
}
