// `/cases/:caseId/plans/:planId/rod-template[?version=N&pelvis=compensating]`: the printable 1:1 templates of
// the plan's rods. The plan (latest version or `?version=`) is evaluated by the core against the case as the
// planning page does (planModel.evaluatePlan); each rod is drawn in real millimetres (planning/RodTemplate.tsx).
import { DECISION_SUPPORT_STATEMENT, type PelvisMode } from '@spinerecon/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { caseApi } from '../api/endpoints';
import type { CaseDetail } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../hooks';
import { planApi, type StoredPlan } from '../planning/planApi';
import { evaluatePlan } from '../planning/planModel';
import { isSized, RodTemplate, ScaleBar } from '../planning/RodTemplate';
import { pageFor, templateLayout } from '../planning/rodTemplateModel';
import { buildSpineCase, type CaseBuild, type FilmWithLandmarks } from '../planning/spineCase';
import '../planning/planning.css';
import { loadLandmarks } from '../workspace/landmarkApi';

interface TemplateData {
  readonly detail: CaseDetail;
  readonly build: CaseBuild;
  readonly stored: StoredPlan;
}

async function loadTemplate(
  caseId: string,
  planId: string,
  version: number | undefined,
  signal: AbortSignal,
): Promise<TemplateData> {
  const detail = await caseApi.get(caseId, signal);
  const films = await Promise.all(
    detail.radiographs.map(async (radiograph): Promise<FilmWithLandmarks> => {
      const stored = await loadLandmarks(radiograph.id);
      return { radiograph, landmarks: stored.version === 0 ? undefined : stored.landmarks };
    }),
  );
  const stored =
    version === undefined ? await planApi.latest(planId, signal) : await planApi.version(planId, version);
  return { detail, build: buildSpineCase(detail, films), stored };
}

export function RodTemplatePage() {
  const { caseId = '', planId = '' } = useParams();
  const [search] = useSearchParams();
  const versionText = search.get('version');
  const version = versionText === null ? undefined : Number(versionText);
  const pelvis: PelvisMode = search.get('pelvis') === 'compensating' ? 'compensating' : 'fixed';
  const [loaded] = useLoad(
    (signal) => loadTemplate(caseId, planId, version, signal),
    `${caseId}/${planId}/${versionText ?? 'latest'}`,
  );
  const planningLink = `/cases/${encodeURIComponent(caseId)}/plans`;
  if (loaded.status === 'loading')
    return (
      <p className="page-status" role="status">
        Loading the plan and the case…
      </p>
    );
  if (loaded.status === 'error')
    return (
      <section className="page">
        <h1>Rod template</h1>
        <ErrorNote error={loaded.error} />
        <Link to={planningLink}>Back to planning</Link>
      </section>
    );
  return <Templates data={loaded.value} pelvis={pelvis} planningLink={planningLink} />;
}

function Templates(props: {
  readonly data: TemplateData;
  readonly pelvis: PelvisMode;
  readonly planningLink: string;
}) {
  const { data, pelvis, planningLink } = props;
  const { detail, build, stored } = data;
  const evaluation = build.ok ? evaluatePlan(build.spineCase, stored.content, pelvis) : undefined;
  const implants = evaluation?.kind === 'ok' ? evaluation.output.implants : undefined;
  const levels = implants?.instrumentedLevels ?? [];
  const sized = (implants?.rods ?? []).filter(isSized);
  const layouts = sized.map((rod) => templateLayout(rod, levels));
  const widest = Math.max(100, ...layouts.map((l) => l.widthMm));
  const page = pageFor(widest);
  const why = !build.ok
    ? `the case cannot be read for planning: ${build.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`
    : evaluation?.kind === 'invalid'
      ? `the plan is not valid: ${evaluation.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`
      : evaluation?.kind === 'unsimulated'
        ? `the plan cannot be simulated: ${evaluation.reason}`
        : implants?.undetermined !== undefined
          ? `the rods cannot be sized: ${implants.undetermined}`
          : implants !== undefined && implants.rods.length === 0
            ? 'the plan has no rods'
            : undefined;
  return (
    <section className="page rod-template-page">
      <style>{`@media print { @page { size: ${page?.page ?? 'A3 landscape'}; margin: 10mm; } }`}</style>
      <header className="no-print">
        <p className="breadcrumb">
          <Link to="/">Worklist</Link> ›{' '}
          <Link to={`/cases/${encodeURIComponent(detail.id)}`}>{detail.patient.name}</Link> ›{' '}
          <Link to={planningLink}>Planning</Link> › Rod template
        </p>
        <div className="plan-row">
          <h1>Rod template (1:1)</h1>
          <button type="button" className="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
        <p className="plan-hint">
          Print at 100 % (no “fit to page”) on {page?.name ?? 'a page larger than A3 landscape'}, then check
          the 100 mm bar with a ruler before bending a rod to it.
          {page === undefined && ' The widest template does not fit an A3 landscape page: print it in parts.'}
        </p>
      </header>
      <div className="rod-template-sheet">
        <p className="planning-notice" role="note">
          <strong>Decision support only.</strong> {DECISION_SUPPORT_STATEMENT} The rod shape is a geometric
          prediction from the landmarks of the predicted standing lateral film; check it against the patient
          in theatre.
        </p>
        <p className="rod-template-meta" data-testid="template-plan">
          {detail.patient.name} — “{stored.title}” version {stored.version}
          {stored.version === stored.latestVersion ? '' : ` (latest is ${stored.latestVersion})`}; pelvis{' '}
          {pelvis === 'fixed' ? 'held fixed' : 'compensating (core model)'}; instrumented{' '}
          {levels.length > 0 ? levels.join(', ') : '—'}.
        </p>
        {why !== undefined && (
          <p className="error-note" role="alert">
            No rod template: {why}.
          </p>
        )}
        {(implants?.rods ?? [])
          .filter((rod) => !isSized(rod))
          .map((rod) => (
            <p key={rod.side} className="error-note" role="alert" data-rod-undetermined={rod.side}>
              The {rod.side} rod cannot be sized: {'undetermined' in rod ? rod.undetermined : ''}.
            </p>
          ))}
        <ScaleBar />
        {sized.map((rod, i) => (
          <RodTemplate key={rod.side} rod={rod} levels={levels} layout={layouts[i]} />
        ))}
      </div>
    </section>
  );
}
