// `/cases/:id/recovery`: after the operation — hospital stay, rehabilitation and therapy sessions, the
// follow-up schedule and its visits, complications. Each part is a section component that loads and saves
// its own records (src/recovery/*Section.tsx) and gets the same RecoverySectionProps; a new part of the page
// is one more `<…Section {...props} />` line in `.recovery-sections` below (docs/decisions/0016).
import { Link, useParams } from 'react-router';
import { caseApi } from '../api/endpoints';
import { useUser } from '../auth/SessionContext';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../hooks';
import { formatDate } from '../labels';
import { RecoveryOutcomes } from '../outcomes/RecoveryOutcomes';
import { ComplicationsSection } from '../recovery/Complications';
import { RehabSection } from '../recovery/RehabSection';
import { ScheduleSection } from '../recovery/ScheduleSection';
import { StaySection } from '../recovery/StaySection';
import { operationApi } from '../recovery/recoveryApi';
import type { RecoverySectionProps } from '../recovery/sectionProps';
import '../planning/planning.css';
import '../recovery/recovery.css';

async function loadRecovery(caseId: string, signal: AbortSignal) {
  const [detail, operation] = await Promise.all([
    caseApi.get(caseId, signal),
    operationApi.get(caseId, signal),
  ]);
  return { detail, operation };
}

export function RecoveryPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const [loaded] = useLoad((signal) => loadRecovery(id, signal), id);
  if (loaded.status === 'loading')
    return (
      <p className="page-status" role="status">
        Loading the recovery…
      </p>
    );
  if (loaded.status === 'error')
    return (
      <section className="page">
        <h1>Recovery</h1>
        <ErrorNote error={loaded.error} />
        <Link to={`/cases/${encodeURIComponent(id)}`}>Back to the case</Link>
      </section>
    );
  const { detail, operation } = loaded.value;
  const props: RecoverySectionProps = { caseId: detail.id, detail, operation, role: user.role };
  const caseLink = `/cases/${encodeURIComponent(detail.id)}`;
  return (
    <section className="page recovery-page">
      <header className="recovery-header">
        <p className="breadcrumb">
          <Link to="/">Worklist</Link> › <Link to={caseLink}>{detail.patient.name}</Link> › Recovery
        </p>
        <div className="page-title">
          <h1>Recovery</h1>
          <Link className="button secondary" to={`${caseLink}/operation`}>
            Operation record
          </Link>
        </div>
        <p data-testid="operation-summary">
          {operation === undefined
            ? 'The operation is not recorded yet: record it to date the schedule and the programme.'
            : `Operated on ${formatDate(operation.content.date)}` +
              (operation.content.performed.fusion === undefined
                ? ''
                : `, fusion ${operation.content.performed.fusion.upperInstrumentedVertebra}–${operation.content.performed.fusion.lowerInstrumentedVertebra}`) +
              ` (operation record version ${operation.version}).`}
        </p>
      </header>
      <div className="recovery-sections">
        <StaySection {...props} />
        <RehabSection {...props} />
        <ScheduleSection {...props} />
        <ComplicationsSection {...props} />
        <RecoveryOutcomes {...props} />
      </div>
    </section>
  );
}
