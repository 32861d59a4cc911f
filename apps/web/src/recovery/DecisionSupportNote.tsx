import { DECISION_SUPPORT_STATEMENT } from '@spinerecon/core';

/** Next to every flag and target: they are decision support, for a clinician to confirm. */
export function DecisionSupportNote({ children }: { readonly children?: string }) {
  return (
    <p className="recovery-notice" role="note">
      <strong>Decision support only.</strong> {DECISION_SUPPORT_STATEMENT}
      {children === undefined ? '' : ` ${children}`}
    </p>
  );
}
