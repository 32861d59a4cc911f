import { formatDate, label } from '../labels';
import type { CaseQuestionnaires, InvitationStatus } from './outcomeTypes';
import { instrumentLabel } from './scoreText';

const STATUS_TEXT: Readonly<Record<InvitationStatus, string>> = {
  pending: 'Not answered yet',
  answered: 'Answered',
  expired: 'Expired, not answered',
};

/** Every link sent for this case, newest first, with who has not answered. */
export function InvitationList({ data }: { readonly data: CaseQuestionnaires }) {
  const { invitations, unanswered } = data;
  if (invitations.length === 0) return <p className="muted">No questionnaire link has been sent yet.</p>;
  const pending = invitations.filter((i) => i.status === 'pending').length;
  const expired = invitations.filter((i) => i.status === 'expired').length;
  const sorted = [...invitations].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      <p className={unanswered > 0 ? 'unanswered-summary warn' : 'unanswered-summary'}>
        {unanswered === 0
          ? 'Every link sent has been answered.'
          : `${unanswered} ${unanswered === 1 ? 'link' : 'links'} not answered: ${pending} pending, ${expired} expired.`}
      </p>
      <div className="table-wrap">
        <table className="data-table invitations">
          <caption className="visually-hidden">Questionnaire links</caption>
          <thead>
            <tr>
              <th scope="col">Questionnaire</th>
              <th scope="col">Visit</th>
              <th scope="col">Sent</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((invitation) => (
              <tr key={invitation.id} data-status={invitation.status}>
                <td>{instrumentLabel(invitation.instrument)}</td>
                <td>{invitation.visitLabel ?? '—'}</td>
                <td>{formatDate(invitation.createdAt)}</td>
                <td>{formatDate(invitation.expiresAt)}</td>
                <td>
                  <span className={`status link-${invitation.status}`} title={label(invitation.status)}>
                    {STATUS_TEXT[invitation.status]}
                  </span>
                  {invitation.answeredAt !== null && (
                    <span className="muted"> {formatDate(invitation.answeredAt)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
