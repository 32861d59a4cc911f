import type {
  PelvisMode,
  PlanOutput,
  SpineCase,
  SurgicalPlan,
  Target,
  TargetSetName,
} from '@spinerecon/core';
import { useEffect, useMemo, useState } from 'react';
import type { PlanSummary } from '../api/types';
import { messageOf } from '../api/client';
import { planApi, type StoredPlan } from './planApi';
import {
  evaluatePlan,
  formatNumber,
  lateralValues,
  rangeText,
  TABLE_PARAMETERS,
  targetSetOf,
  type PlanEvaluation,
} from './planModel';

// Two saved plan versions side by side: each evaluated by the core (evaluatePlan) against the same case and
// pelvis mode; predicted values, the target of the chosen set (from plan A's predicted case), each plan's
// elements and the count of its risk factors and complications. No number is computed here.

export interface PlanComparisonProps {
  readonly plans: readonly PlanSummary[];
  /** Changes after every save: the versions are loaded again. */
  readonly revision: number;
  readonly spineCase: SpineCase | undefined;
  readonly pelvis: PelvisMode;
  readonly targetSet: TargetSetName;
}

interface Choice {
  readonly planId: string;
  readonly title: string;
  readonly version: number;
}

const keyOf = (c: Pick<Choice, 'planId' | 'version'>) => `${c.planId}@${c.version}`;

const unitOf = (parameter: Target['parameter']): string =>
  parameter.endsWith('Mm') ? ' mm' : parameter.endsWith('Percent') ? ' %' : '°';

export function PlanComparison({ plans, revision, spineCase, pelvis, targetSet }: PlanComparisonProps) {
  const [choices, setChoices] = useState<readonly Choice[] | undefined>(undefined);
  const [listError, setListError] = useState<string | undefined>(undefined);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [loaded, setLoaded] = useState<Readonly<Record<string, StoredPlan>>>({});
  const [loadError, setLoadError] = useState<string | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all(
      plans.map(async (p) =>
        (await planApi.versions(p.id, controller.signal)).map((v): Choice => ({
          planId: p.id,
          title: p.title,
          version: v.version,
        })),
      ),
    ).then(
      (lists) => setChoices(lists.flat()),
      (error: unknown) => !controller.signal.aborted && setListError(messageOf(error)),
    );
    return () => controller.abort();
  }, [plans, revision]);

  useEffect(() => {
    const wanted = [a, b].filter((k) => k !== '' && loaded[k] === undefined);
    if (wanted.length === 0) return;
    let live = true;
    Promise.all(
      wanted.map(async (k) => {
        const [planId = '', version = ''] = k.split('@');
        return [k, await planApi.version(planId, Number(version))] as const;
      }),
    ).then(
      (entries) => live && setLoaded((prev) => ({ ...prev, ...Object.fromEntries(entries) })),
      (error: unknown) => live && setLoadError(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [a, b, loaded]);

  const storedA = loaded[a];
  const storedB = loaded[b];
  const evalA = useMemo(
    () =>
      storedA === undefined || spineCase === undefined
        ? undefined
        : evaluatePlan(spineCase, storedA.content, pelvis),
    [storedA, spineCase, pelvis],
  );
  const evalB = useMemo(
    () =>
      storedB === undefined || spineCase === undefined
        ? undefined
        : evaluatePlan(spineCase, storedB.content, pelvis),
    [storedB, spineCase, pelvis],
  );

  if (plans.length === 0) return <p className="muted">Save a plan to compare plans.</p>;
  if (listError !== undefined) return <p className="error-note">{listError}</p>;
  if (choices === undefined) return <p className="muted">Loading the plan versions…</p>;

  const picker = (label: string, value: string, set: (v: string) => void) => (
    <label className="plan-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)}>
        <option value="">— choose a plan version —</option>
        {choices.map((c) => (
          <option key={keyOf(c)} value={keyOf(c)}>
            {c.title} v{c.version}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="plan-compare">
      <div className="plan-compare-pick">
        {picker('Plan A', a, setA)}
        {picker('Plan B', b, setB)}
      </div>
      {loadError !== undefined && <p className="error-note">{loadError}</p>}
      {spineCase === undefined && <p className="muted">The case cannot be read for planning.</p>}
      {a !== '' && b !== '' && evalA !== undefined && evalB !== undefined && (
        <ComparisonTables
          a={{ label: storedA, evaluation: evalA }}
          b={{ label: storedB, evaluation: evalB }}
          targetSet={targetSet}
        />
      )}
    </div>
  );
}

interface Side {
  readonly label: StoredPlan | undefined;
  readonly evaluation: PlanEvaluation;
}

const outputOf = (e: PlanEvaluation): PlanOutput | undefined => (e.kind === 'ok' ? e.output : undefined);
const planOf = (e: PlanEvaluation): SurgicalPlan | undefined => (e.kind === 'invalid' ? undefined : e.plan);
const nameOf = (s: Side) => (s.label === undefined ? '' : `${s.label.title} v${s.label.version}`);

function ComparisonTables({
  a,
  b,
  targetSet,
}: {
  readonly a: Side;
  readonly b: Side;
  readonly targetSet: TargetSetName;
}) {
  const outA = outputOf(a.evaluation);
  const outB = outputOf(b.evaluation);
  const valuesA = outA === undefined ? {} : lateralValues(outA.predicted);
  const valuesB = outB === undefined ? {} : lateralValues(outB.predicted);
  const setA = outA === undefined ? undefined : targetSetOf(outA.targets.predicted, targetSet);
  const setB = outB === undefined ? undefined : targetSetOf(outB.targets.predicted, targetSet);
  const ldi = (out: PlanOutput | undefined) =>
    out === undefined
      ? undefined
      : targetSetOf(out.targets.predicted, 'gap-proportional').targets.find(
          (t) => t.parameter === 'lordosisDistributionIndexPercent',
        )?.value;
  const why = (s: Side) =>
    s.evaluation.kind === 'invalid'
      ? `${nameOf(s)} is not a valid plan: ${s.evaluation.errors[0]?.path ?? ''} ${s.evaluation.errors[0]?.message ?? ''}`
      : s.evaluation.kind === 'unsimulated'
        ? `${nameOf(s)} cannot be simulated: ${s.evaluation.reason}`
        : undefined;
  const problems = [why(a), why(b)].filter((w): w is string => w !== undefined);
  const cell = (value: number | null | undefined, parameter: Target['parameter'], met: boolean | null) => (
    <td className={met === true ? 'met' : met === false ? 'missed' : undefined}>
      {formatNumber(value)}
      {value === null || value === undefined ? '' : unitOf(parameter)}
      {met === true ? ' ✓' : met === false ? ' ✗' : ''}
    </td>
  );
  const attr = (name: string, value: number | null | undefined) =>
    value === null || value === undefined ? {} : { [name]: String(value) };
  return (
    <>
      {problems.map((p) => (
        <p key={p} className="error-note" role="alert">
          {p}.
        </p>
      ))}
      <div className="table-wrap">
        <table className="plan-table plan-compare-table" aria-label="Plan comparison">
          <thead>
            <tr>
              <th>Parameter</th>
              <th>A: {nameOf(a)} predicted</th>
              <th>B: {nameOf(b)} predicted</th>
              <th>Target ({(setA ?? setB)?.name ?? targetSet})</th>
            </tr>
          </thead>
          <tbody>
            {TABLE_PARAMETERS.map(([parameter, name]) => {
              const isLdi = parameter === 'lordosisDistributionIndexPercent';
              const va = isLdi ? ldi(outA) : valuesA[parameter];
              const vb = isLdi ? ldi(outB) : valuesB[parameter];
              const ta = setA?.targets.find((t) => t.parameter === parameter);
              const tb = setB?.targets.find((t) => t.parameter === parameter);
              const target = ta ?? tb;
              return (
                <tr
                  key={parameter}
                  data-parameter={parameter}
                  {...attr('data-a', va)}
                  {...attr('data-b', vb)}
                >
                  <th scope="row">{name}</th>
                  {cell(va, parameter, ta?.met ?? null)}
                  {cell(vb, parameter, tb?.met ?? null)}
                  <td>{target === undefined ? '—' : rangeText(target)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="plan-table plan-compare-elements" aria-label="Plan elements compared">
          <thead>
            <tr>
              <th>Element</th>
              <th>A: {nameOf(a)}</th>
              <th>B: {nameOf(b)}</th>
            </tr>
          </thead>
          <tbody>
            <tr data-row="osteotomies">
              <th scope="row">Osteotomies</th>
              <td>{osteotomies(planOf(a.evaluation))}</td>
              <td>{osteotomies(planOf(b.evaluation))}</td>
            </tr>
            <tr data-row="cages">
              <th scope="row">Cages</th>
              <td>{cages(planOf(a.evaluation))}</td>
              <td>{cages(planOf(b.evaluation))}</td>
            </tr>
            <tr data-row="fusion">
              <th scope="row">Fusion</th>
              <td>{fusion(planOf(a.evaluation))}</td>
              <td>{fusion(planOf(b.evaluation))}</td>
            </tr>
            <tr data-row="rods">
              <th scope="row">Rods (core)</th>
              <td>{rods(outA)}</td>
              <td>{rods(outB)}</td>
            </tr>
            <tr data-row="risk-factors">
              <th scope="row">Risk factors present</th>
              <td data-count={riskFactors(outA)}>{riskSummary(outA)}</td>
              <td data-count={riskFactors(outB)}>{riskSummary(outB)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

function osteotomies(plan: SurgicalPlan | undefined) {
  if (plan === undefined) return '—';
  if (plan.osteotomies.length === 0) return 'none';
  return (
    <ul>
      {plan.osteotomies.map((o, i) => (
        <li key={i}>
          {o.levels !== undefined && o.levels.length > 0 ? o.levels.join('–') : o.level} grade {o.grade}
          {o.angleDeg === undefined ? ' (default angle)' : `, ${formatNumber(o.angleDeg)}°`}
        </li>
      ))}
    </ul>
  );
}

function cages(plan: SurgicalPlan | undefined) {
  if (plan === undefined) return '—';
  if (plan.cages.length === 0) return 'none';
  return (
    <ul>
      {plan.cages.map((c, i) => (
        <li key={i}>
          {c.disc} disc{c.approach === undefined ? '' : ` ${c.approach}`}: {formatNumber(c.heightMm)} mm,{' '}
          {formatNumber(c.lordoticAngleDeg)}°
        </li>
      ))}
    </ul>
  );
}

function fusion(plan: SurgicalPlan | undefined) {
  if (plan === undefined) return '—';
  if (plan.fusion === undefined) return 'none';
  const f = plan.fusion;
  return `${f.upperInstrumentedVertebra}–${f.lowerInstrumentedVertebra}${f.pelvicFixation === 'none' ? '' : ` + ${f.pelvicFixation}`}`;
}

function rods(output: PlanOutput | undefined) {
  if (output === undefined) return '—';
  if (output.implants.undetermined !== undefined) return output.implants.undetermined;
  if (output.implants.rods.length === 0) return 'none';
  return (
    <ul>
      {output.implants.rods.map((r) => (
        <li key={r.side}>
          {r.side}:{' '}
          {'undetermined' in r
            ? r.undetermined
            : `${formatNumber(r.lengthMm)} mm, contour ${formatNumber(r.contourDeg)}°`}
        </li>
      ))}
    </ul>
  );
}

const riskFactors = (output: PlanOutput | undefined): number | undefined =>
  output?.risks.reduce((n, r) => n + r.factors.filter((f) => f.present === true).length, 0);

function riskSummary(output: PlanOutput | undefined): string {
  if (output === undefined) return '—';
  const withFactors = output.risks.filter((r) => r.factors.some((f) => f.present === true)).length;
  return `${riskFactors(output) ?? 0} present, in ${withFactors} of ${output.risks.length} complications`;
}
