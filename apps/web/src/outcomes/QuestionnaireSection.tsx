import { useUser } from '../auth/SessionContext';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../hooks';
import { followUpApi } from '../recovery/recoveryApi';
import { mayWrite } from '../recovery/permissions';
import { InvitationList } from './InvitationList';
import { NewLinkForm } from './NewLinkForm';
import { questionnaireApi } from './outcomeApi';
import { ResponseList } from './ResponseList';
import { StaffEntryForm } from './StaffEntryForm';

export interface QuestionnaireSectionProps {
  readonly caseId: string;
  /** Bumped by the parent to load again; `onChanged` is called after a link or answers were added. */
  readonly revision: number;
  onChanged(): void;
}

/** The recovery page's questionnaires: links for the patient, who has not answered, scores and MCID. */
export function QuestionnaireSection({ caseId, revision, onChanged }: QuestionnaireSectionProps) {
  const user = useUser();
  const writer = mayWrite(user.role, 'followup');
  const [loaded] = useLoad((signal) => questionnaireApi.list(caseId, signal), `${caseId}:${revision}`);
  const [visits] = useLoad((signal) => followUpApi.visits(caseId, signal), `${caseId}:${revision}`);
  const visitList = visits.status === 'ready' ? visits.value : [];
  return (
    <section className="card outcomes-section" aria-labelledby="questionnaires-title">
      <h2 id="questionnaires-title">Questionnaires</h2>
      <p className="muted">
        The patient answers on a phone through a link (no account), once, before it expires. Scores are the
        published scoring rules (ODI, SRS-22r, pain 0–10); each later score is compared with the first (the
        baseline) against the published minimal clinically important difference (MCID).
      </p>
      {writer && <NewLinkForm caseId={caseId} visits={visitList} onCreated={onChanged} />}
      {visits.status === 'error' && <ErrorNote error={visits.error} />}
      {loaded.status === 'loading' && (
        <p className="muted" role="status">
          Loading the questionnaires…
        </p>
      )}
      {loaded.status === 'error' && <ErrorNote error={loaded.error} />}
      {loaded.status === 'ready' && (
        <>
          <h3>Links sent</h3>
          <InvitationList data={loaded.value} />
          <h3>Answers and scores</h3>
          <ResponseList responses={loaded.value.responses} />
        </>
      )}
      {writer && <StaffEntryForm caseId={caseId} visits={visitList} onSaved={onChanged} />}
    </section>
  );
}
