// `/cases/:id/operation`: the operation record. Prefilled from the chosen plan (its elements copied into
// "performed", edited there with the planning editor), then date, duration, blood loss, transfusions,
// neuromonitoring alerts, intraoperative complications and implants with their UDI. Saved as a new version
// with If-Match; when someone saved first, theirs is loaded and the user is told (docs/decisions/0016).
import { validatePlan, type CaseError } from '@spinerecon/core';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { caseApi } from '../api/endpoints';
import type { CaseDetail, PlanSummary } from '../api/types';
import { useUser } from '../auth/SessionContext';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../hooks';
import { today } from '../labels';
import { PlanEditor } from '../planning/PlanEditor';
import { evaluatePlan } from '../planning/planModel';
import { buildSpineCase, type CaseBuild, type FilmWithLandmarks } from '../planning/spineCase';
import '../planning/planning.css';
import { OperationDetails, OperationEvents } from '../recovery/OperationFacts';
import {
  contentFromDraft,
  draftFromPlan,
  draftFromRecord,
  emptyDraft,
  performedErrors,
  type OperationDraft,
} from '../recovery/operationModel';
import { mayWrite } from '../recovery/permissions';
import { loadPlanVersion, PlanPicker, type PickedPlan } from '../recovery/PlanPicker';
import { FieldErrors, NoticeLine, ServerProblem, type Notice } from '../recovery/Problems';
import { operationApi } from '../recovery/recoveryApi';
import type { OperationRecord } from '../recovery/recoveryTypes';
import '../recovery/recovery.css';
import { loadLandmarks } from '../workspace/landmarkApi';

interface OperationData {
  readonly detail: CaseDetail;
  /** The preoperative films as the core reads them: implant sizing for what was performed. */
  readonly build: CaseBuild;
  readonly record: OperationRecord | undefined;
  /** For a new record: the case's most recently saved plan, copied in to start from. */
  readonly prefill: PickedPlan | undefined;
}

const latestPlan = (plans: readonly PlanSummary[]): PlanSummary | undefined =>
  [...plans].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];

async function loadOperation(caseId: string, signal: AbortSignal): Promise<OperationData> {
  const [detail, record] = await Promise.all([caseApi.get(caseId, signal), operationApi.get(caseId, signal)]);
  const films = await Promise.all(
    detail.radiographs
      .filter((radiograph) => radiograph.visitId === undefined || radiograph.visitId === null)
      .map(async (radiograph): Promise<FilmWithLandmarks> => {
        const stored = await loadLandmarks(radiograph.id);
        return { radiograph, landmarks: stored.version === 0 ? undefined : stored.landmarks };
      }),
  );
  const plan = record === undefined ? latestPlan(detail.plans) : undefined;
  const prefill =
    plan === undefined ? undefined : await loadPlanVersion(plan.id, plan.version).catch(() => undefined);
  return { detail, build: buildSpineCase(detail, films), record, prefill };
}

export function OperationPage() {
  const { id = '' } = useParams();
  const [loaded] = useLoad((signal) => loadOperation(id, signal), id);
  if (loaded.status === 'loading')
    return (
      <p className="page-status" role="status">
        Loading the operation record…
      </p>
    );
  if (loaded.status === 'error')
    return (
      <section className="page">
        <h1>Operation record</h1>
        <ErrorNote error={loaded.error} />
        <Link to={`/cases/${encodeURIComponent(id)}`}>Back to the case</Link>
      </section>
    );
  return <OperationEditor data={loaded.value} />;
}

function initialDraft(data: OperationData): { draft: OperationDraft; errors: readonly CaseError[] } {
  if (data.record !== undefined) return draftFromRecord(data.record.content);
  const empty = emptyDraft(today());
  if (data.prefill === undefined) return { draft: empty, errors: [] };
  const { planId, version, plan } = data.prefill;
  return { draft: draftFromPlan(empty, plan, planId, version), errors: [] };
}

function OperationEditor({ data }: { readonly data: OperationData }) {
  const { detail } = data;
  const user = useUser();
  const canWrite = mayWrite(user.role, 'operation');
  const initial = useMemo(() => initialDraft(data), [data]);
  const [draft, setDraft] = useState<OperationDraft>(initial.draft);
  const [baseVersion, setBaseVersion] = useState<number | undefined>(data.record?.version);
  const [checkErrors, setCheckErrors] = useState<readonly CaseError[]>(initial.errors);
  const [serverError, setServerError] = useState<unknown>();
  const [notice, setNotice] = useState<Notice>(
    data.record !== undefined
      ? { kind: 'info', text: `Operation record version ${data.record.version}.` }
      : data.prefill !== undefined
        ? {
            kind: 'info',
            text: `Not recorded yet: prefilled from “${data.prefill.title}” v${data.prefill.version}. Edit what was done differently, then save.`,
          }
        : { kind: 'info', text: 'Not recorded yet.' },
  );
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<OperationDraft>) => setDraft((d) => ({ ...d, ...patch }));

  // What was performed, checked and sized by the core on the preoperative films (as on the planning page).
  const evaluation = useMemo(
    () => (data.build.ok ? evaluatePlan(data.build.spineCase, draft.performed, 'fixed') : undefined),
    [data.build, draft.performed],
  );
  const liveErrors = useMemo(() => {
    if (evaluation?.kind === 'invalid') return evaluation.errors;
    const checked = validatePlan(draft.performed);
    return checked.ok ? [] : checked.errors;
  }, [evaluation, draft.performed]);

  const pick = (picked: PickedPlan) => {
    setDraft((d) => draftFromPlan(d, picked.plan, picked.planId, picked.version));
    setNotice({
      kind: 'info',
      text: `Copied “${picked.title}” v${picked.version} into “performed” (not saved yet).`,
    });
  };

  const save = async () => {
    setServerError(undefined);
    const checked = contentFromDraft(draft, today());
    if (!checked.ok) {
      setCheckErrors(checked.errors);
      setNotice({ kind: 'error', text: 'Not saved: correct the fields listed.' });
      return;
    }
    setCheckErrors([]);
    setSaving(true);
    try {
      const outcome = await operationApi.save(detail.id, baseVersion, checked.content);
      if (outcome.kind === 'conflict') {
        const latest = await operationApi.get(detail.id);
        if (latest !== undefined) {
          setDraft(draftFromRecord(latest.content).draft);
          setBaseVersion(latest.version);
        }
        setNotice({
          kind: 'error',
          text: `Not saved (${outcome.message}). Version ${latest?.version ?? '?'} was saved by someone else since you opened the record; it is now loaded — make your changes again.`,
        });
      } else {
        setBaseVersion(outcome.document.version);
        setNotice({ kind: 'ok', text: `Saved the operation record as version ${outcome.document.version}.` });
      }
    } catch (error) {
      setServerError(error);
      setNotice(undefined);
    } finally {
      setSaving(false);
    }
  };

  const caseLink = `/cases/${encodeURIComponent(detail.id)}`;
  const allErrors = [
    ...checkErrors,
    ...liveErrors.map((e) => ({ ...e, path: e.path.replace(/^\$/, '$.content.performed') })),
  ];
  return (
    <section className="page operation-page">
      <header className="recovery-header">
        <p className="breadcrumb">
          <Link to="/">Worklist</Link> › <Link to={caseLink}>{detail.patient.name}</Link> › Operation record
        </p>
        <div className="page-title">
          <h1>Operation record</h1>
          <Link className="button secondary" to={`${caseLink}/recovery`}>
            Recovery
          </Link>
        </div>
        {!canWrite && (
          <p className="info-note">Your role ({user.role}) can read the operation record, not change it.</p>
        )}
      </header>

      <fieldset className="recovery-form" disabled={!canWrite || saving}>
        <section className="card" aria-labelledby="op-plan">
          <h2 id="op-plan">From the plan</h2>
          <PlanPicker plans={detail.plans} chosen={draft} disabled={!canWrite} onPick={pick} />
          <p className="plan-hint" data-testid="plan-followed">
            {draft.planId === undefined
              ? 'No plan named: the record stands on its own.'
              : `Follows “${detail.plans.find((p) => p.id === draft.planId)?.title ?? draft.planId}” version ${draft.planVersion ?? 'latest'}.`}
          </p>
        </section>

        <section className="card" aria-labelledby="op-facts">
          <h2 id="op-facts">Operation</h2>
          <OperationDetails draft={draft} set={set} today={today()} />
        </section>

        <section className="card operation-performed" aria-labelledby="op-performed">
          <h2 id="op-performed">Performed</h2>
          <p className="plan-hint">
            What was actually done, checked with the same rules as a plan. Risk factors belong to the plan,
            not to the record.
          </p>
          <PlanEditor
            plan={draft.performed}
            onChange={(performed) => set({ performed })}
            errors={performedErrors(allErrors)}
            implants={evaluation?.kind === 'ok' ? evaluation.output.implants : undefined}
          />
        </section>

        <section className="card" aria-labelledby="op-events">
          <h2 id="op-events">Events and implants</h2>
          <OperationEvents draft={draft} set={set} />
          <label>
            Notes
            <textarea rows={3} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} />
          </label>
        </section>
      </fieldset>

      <div className="recovery-save card">
        <FieldErrors errors={checkErrors} />
        <ServerProblem error={serverError} />
        <NoticeLine notice={notice} />
        {canWrite && (
          <button type="button" onClick={() => void save()} disabled={saving}>
            {saving ? 'Saving…' : baseVersion === undefined ? 'Record the operation' : 'Save a new version'}
          </button>
        )}
      </div>
    </section>
  );
}
