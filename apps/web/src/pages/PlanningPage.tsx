// `/cases/:caseId/plans`: the planning workspace. The plan editor on the left; on the right the predicted
// alignment (preoperative | predicted | target), the standing lateral film, auto-plan, the complication risks
// and the case's saved plans. Every number comes from @spinerecon/core (planning/planModel.ts).
import {
  DECISION_SUPPORT_STATEMENT,
  EMPTY_PLAN,
  TARGET_SET_NAMES,
  validatePlan,
  type LateralRadiograph,
  type PelvisMode,
  type SurgicalPlan,
  type TargetSetName,
} from '@spinerecon/core';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { apiJson, messageOf } from '../api/client';
import { caseApi } from '../api/endpoints';
import type { CaseDetail, PlanSummary, Radiograph } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../hooks';
import { AlignmentTable } from '../planning/AlignmentTable';
import { AutoPlanPanel } from '../planning/AutoPlanPanel';
import { PlanEditor } from '../planning/PlanEditor';
import { PlanFilm } from '../planning/PlanFilm';
import { PlanComparison } from '../planning/PlanComparison';
import { PlanList } from '../planning/PlanList';
import { planApi, type StoredPlan } from '../planning/planApi';
import { evaluatePlan, TARGET_SET_LABELS } from '../planning/planModel';
import { RiskPanel } from '../planning/RiskPanel';
import { buildSpineCase, type CaseBuild, type FilmWithLandmarks } from '../planning/spineCase';
import type { PlanDraft } from '../planning/planDraft';
import { loadPlanDraft, usePlanDraft } from '../planning/usePlanDraft';
import '../planning/planning.css';
import { loadLandmarks } from '../workspace/landmarkApi';

interface PlanningData {
  readonly detail: CaseDetail;
  readonly films: readonly FilmWithLandmarks[];
  readonly build: CaseBuild;
  /** Unsaved changes this browser kept for the case (planning/planDraft.ts). */
  readonly draft: PlanDraft | undefined;
}

async function loadPlanning(caseId: string, signal: AbortSignal): Promise<PlanningData> {
  const detail = await caseApi.get(caseId, signal);
  const films = await Promise.all(
    detail.radiographs.map(async (radiograph): Promise<FilmWithLandmarks> => {
      const stored = await loadLandmarks(radiograph.id);
      return { radiograph, landmarks: stored.version === 0 ? undefined : stored.landmarks };
    }),
  );
  return { detail, films, build: buildSpineCase(detail, films), draft: await loadPlanDraft(caseId) };
}

const listPlans = (caseId: string) =>
  apiJson<PlanSummary[]>('GET', `/cases/${encodeURIComponent(caseId)}/plans`);

export function PlanningPage() {
  const { caseId = '' } = useParams();
  const [loaded] = useLoad((signal) => loadPlanning(caseId, signal), caseId);
  if (loaded.status === 'loading')
    return (
      <p className="page-status" role="status">
        Loading the case and its landmarks…
      </p>
    );
  if (loaded.status === 'error')
    return (
      <section className="page">
        <h1>Planning</h1>
        <ErrorNote error={loaded.error} />
        <Link to={`/cases/${encodeURIComponent(caseId)}`}>Back to the case</Link>
      </section>
    );
  // One editor per case: its plan, title and draft never carry over to another case.
  return <Planning key={loaded.value.detail.id} data={loaded.value} />;
}

interface Current {
  readonly id: string;
  /** The version the editor's plan is based on (If-Match of the next save). */
  readonly baseVersion: number;
  /** The version shown, when an older one was opened. */
  readonly openedVersion: number;
}

type Notice = { readonly kind: 'ok' | 'info' | 'error'; readonly text: string } | undefined;

function standingLateral(films: readonly FilmWithLandmarks[]): Radiograph | undefined {
  return films.find((f) => f.radiograph.view === 'lateral' && f.radiograph.posture === 'standing')
    ?.radiograph;
}

function Planning({ data }: { readonly data: PlanningData }) {
  const { detail, build, draft } = data;
  const [plan, setPlan] = useState<SurgicalPlan>(draft?.plan ?? EMPTY_PLAN);
  const [title, setTitle] = useState(draft?.title ?? '');
  const [current, setCurrent] = useState<Current | undefined>(draft?.base);
  const [restored, setRestored] = useState(draft !== undefined);
  const drafts = usePlanDraft(detail.id, draft, { plan, title, base: current });
  const [pelvis, setPelvis] = useState<PelvisMode>('fixed');
  const [targetSet, setTargetSet] = useState<TargetSetName>('srs-schwab');
  const [plans, setPlans] = useState<readonly PlanSummary[]>(detail.plans);
  const [revision, setRevision] = useState(0);
  const [notice, setNotice] = useState<Notice>(
    draft === undefined
      ? undefined
      : {
          kind: 'info',
          text: `Unsaved changes restored (last changed ${new Date(draft.changedAt).toLocaleString()}${draft.base === undefined ? '' : `, based on version ${draft.base.openedVersion}`}). Save them, or discard them.`,
        },
  );
  const [saving, setSaving] = useState(false);

  const spineCase = build.ok ? build.spineCase : undefined;
  const evaluation = useMemo(
    () => (spineCase === undefined ? undefined : evaluatePlan(spineCase, plan, pelvis)),
    [spineCase, plan, pelvis],
  );
  const output = evaluation?.kind === 'ok' ? evaluation.output : undefined;
  const baselineOutput = evaluation?.kind === 'invalid' ? evaluation.baseline : undefined;
  const errors = evaluation?.kind === 'invalid' ? evaluation.errors : [];

  const refreshPlans = useCallback(async () => {
    setPlans(await listPlans(detail.id));
    setRevision((n) => n + 1);
  }, [detail.id]);

  const show = (stored: StoredPlan, note: string) => {
    const checked = validatePlan(stored.content);
    if (!checked.ok) {
      setNotice({
        kind: 'error',
        text: `“${stored.title}” v${stored.version} is not a valid plan: ${checked.errors[0]?.path ?? ''} ${checked.errors[0]?.message ?? ''}`,
      });
      return;
    }
    setPlan(checked.value);
    setTitle(stored.title);
    setCurrent({ id: stored.id, baseVersion: stored.latestVersion, openedVersion: stored.version });
    setNotice({ kind: 'info', text: note });
    drafts.markClean(checked.value, stored.title);
    setRestored(false);
  };

  const open = async (planId: string, version: number | undefined) => {
    try {
      const stored =
        version === undefined ? await planApi.latest(planId) : await planApi.version(planId, version);
      show(stored, `Opened “${stored.title}” version ${stored.version}.`);
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    }
  };

  const save = async () => {
    if (evaluation === undefined || evaluation.kind === 'invalid') return;
    const name = title.trim();
    if (name === '') {
      setNotice({ kind: 'error', text: 'Give the plan a title before saving.' });
      return;
    }
    setSaving(true);
    // What the editor showed when saved: once saved, it is no longer a draft.
    const [savedPlan, savedTitle] = [plan, title];
    const saved = () => {
      drafts.markClean(savedPlan, savedTitle);
      setRestored(false);
    };
    try {
      if (current === undefined) {
        const created = await planApi.create(detail.id, name, evaluation.plan);
        setCurrent({ id: created.id, baseVersion: created.version, openedVersion: created.version });
        setNotice({ kind: 'ok', text: `Saved “${created.title}” as version ${created.version}.` });
        saved();
      } else {
        const outcome = await planApi.save(current.id, current.baseVersion, name, evaluation.plan);
        if (outcome.kind === 'conflict') {
          const latest = await planApi.latest(current.id);
          show(latest, '');
          setNotice({
            kind: 'error',
            text: `Not saved (${outcome.message}): version ${latest.version} of “${latest.title}” was saved by ${latest.savedBy} since you opened it. It is now loaded — make your changes again.`,
          });
        } else {
          setCurrent({
            id: outcome.plan.id,
            baseVersion: outcome.plan.version,
            openedVersion: outcome.plan.version,
          });
          setNotice({
            kind: 'ok',
            text: `Saved “${outcome.plan.title}” as version ${outcome.plan.version}.`,
          });
          saved();
        }
      }
      await refreshPlans();
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setSaving(false);
    }
  };

  const startNew = () => {
    setPlan(EMPTY_PLAN);
    setTitle('');
    setCurrent(undefined);
    setNotice({ kind: 'info', text: 'A new, empty plan.' });
    drafts.markClean(EMPTY_PLAN, '');
    setRestored(false);
  };

  /** Drops the restored changes: back to the version they were based on, or to a new plan. */
  const discardRestored = () => {
    if (current === undefined) startNew();
    else void open(current.id, current.openedVersion);
  };

  const lateral = standingLateral(data.films);
  const caseLink = `/cases/${encodeURIComponent(detail.id)}`;
  return (
    <section className="page planning-page">
      <header className="planning-header">
        <p className="breadcrumb">
          <Link to="/">Worklist</Link> › <Link to={caseLink}>{detail.patient.name}</Link> › Planning
        </p>
        <h1>Surgical planning</h1>
        <p className="planning-notice" role="note">
          <strong>Decision support only.</strong> {DECISION_SUPPORT_STATEMENT} Predictions are geometric
          simulations of the landmarks, not outcomes.
        </p>
        {!build.ok && (
          <div className="error-note" role="alert">
            The case cannot be read for planning:{' '}
            {build.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}
          </div>
        )}
        {build.ok && build.skipped.length > 0 && (
          <p className="plan-hint">Not used: {build.skipped.join('; ')}.</p>
        )}
        {evaluation?.kind === 'unsimulated' && (
          <p className="error-note" role="alert">
            The plan cannot be simulated: {evaluation.reason}.
          </p>
        )}
      </header>

      <div className="planning-columns">
        <div className="planning-left">
          <section className="plan-panel" aria-labelledby="plan-title-heading">
            <h2 id="plan-title-heading">Plan</h2>
            <div className="plan-row">
              <label className="plan-field plan-title-field">
                <span>Title</span>
                <input
                  value={title}
                  onChange={(e) => setTitle(e.target.value)}
                  placeholder="e.g. L3 PSO, T10–pelvis"
                />
              </label>
              <button
                type="button"
                className="button"
                onClick={() => void save()}
                disabled={saving || evaluation === undefined || evaluation.kind === 'invalid'}
              >
                {saving ? 'Saving…' : current === undefined ? 'Save plan' : 'Save new version'}
              </button>
              <button type="button" className="secondary" onClick={startNew}>
                New plan
              </button>
            </div>
            <p
              className="plan-hint"
              data-plan-state={current === undefined ? 'unsaved' : `v${current.openedVersion}`}
            >
              {current === undefined
                ? 'Not saved yet.'
                : `Plan version ${current.openedVersion}${current.openedVersion === current.baseVersion ? '' : ` (latest is ${current.baseVersion}; saving makes a new version)`}.`}
            </p>
            {notice !== undefined && (
              <p
                className={
                  notice.kind === 'error' ? 'error-note' : notice.kind === 'ok' ? 'ok-note' : 'info-note'
                }
                role={notice.kind === 'error' ? 'alert' : 'status'}
              >
                {notice.text}
              </p>
            )}
            {restored && (
              <button type="button" className="small secondary" onClick={discardRestored}>
                Discard unsaved changes
              </button>
            )}
            {drafts.failed && (
              <p className="plan-hint" role="status">
                This browser cannot keep unsaved changes (IndexedDB unavailable): save before leaving the
                page.
              </p>
            )}
          </section>
          <PlanEditor plan={plan} onChange={setPlan} errors={errors} implants={output?.implants} />
        </div>

        <div className="planning-right">
          <section className="plan-panel" aria-labelledby="alignment-title">
            <h2 id="alignment-title">Predicted alignment</h2>
            <div className="plan-row">
              <fieldset className="plan-switch">
                <legend>Pelvis</legend>
                <label className="inline">
                  <input
                    type="radio"
                    name="pelvis"
                    checked={pelvis === 'fixed'}
                    onChange={() => setPelvis('fixed')}
                  />
                  pelvis held fixed
                </label>
                <label className="inline">
                  <input
                    type="radio"
                    name="pelvis"
                    checked={pelvis === 'compensating'}
                    onChange={() => setPelvis('compensating')}
                  />
                  pelvic compensation (core model)
                </label>
              </fieldset>
              <label className="plan-field">
                <span>Target set</span>
                <select value={targetSet} onChange={(e) => setTargetSet(e.target.value as TargetSetName)}>
                  {TARGET_SET_NAMES.map((name) => (
                    <option key={name} value={name}>
                      {TARGET_SET_LABELS[name]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <AlignmentTable output={output} baseline={baselineOutput} targetSet={targetSet} pelvis={pelvis} />
          </section>

          <PlanFilm
            radiograph={lateral}
            before={spineCase?.radiographs.find(
              (r): r is LateralRadiograph => r.id === lateral?.id && r.view === 'lateral',
            )}
            after={output?.predictedCase.radiographs.find(
              (r): r is LateralRadiograph => r.view === 'lateral',
            )}
            osteotomies={evaluation?.kind === 'ok' ? evaluation.plan.osteotomies : undefined}
            targets={output?.targets.predicted}
            targetSet={targetSet}
            fusion={plan.fusion}
            onFusionChange={(fusion) => setPlan((p) => ({ ...p, fusion }))}
          />

          {spineCase !== undefined && (
            <AutoPlanPanel
              spineCase={spineCase}
              targetSet={targetSet}
              pelvis={pelvis}
              onAdopt={(adopted, description) => {
                setPlan(adopted);
                setNotice({ kind: 'info', text: `Adopted ${description} into the editor (not saved yet).` });
              }}
            />
          )}

          <RiskPanel risks={output?.risks} />

          <section className="plan-panel" aria-labelledby="plans-title">
            <h2 id="plans-title">Saved plans</h2>
            <PlanList
              plans={plans}
              currentId={current?.id}
              revision={revision}
              onOpen={(id, v) => void open(id, v)}
              templateLink={(id) =>
                `/cases/${encodeURIComponent(detail.id)}/plans/${encodeURIComponent(id)}/rod-template${pelvis === 'fixed' ? '' : '?pelvis=compensating'}`
              }
            />
          </section>

          <section className="plan-panel" aria-labelledby="compare-title">
            <h2 id="compare-title">Compare plans</h2>
            <PlanComparison
              plans={plans}
              revision={revision}
              spineCase={spineCase}
              pelvis={pelvis}
              targetSet={targetSet}
            />
          </section>
        </div>
      </div>
    </section>
  );
}
