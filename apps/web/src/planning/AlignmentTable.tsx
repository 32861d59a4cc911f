import type { AlignmentTargets, PelvisMode, PlanOutput, Target, TargetSetName } from '@spinerecon/core';
import {
  formatNumber,
  lateralValues,
  rangeText,
  TABLE_PARAMETERS,
  targetSetOf,
  UNIT_SUFFIX,
} from './planModel';

// Preoperative | predicted | target for every sagittal parameter. Values as the core gives them (planCase,
// 6 decimals) in data attributes; shown to 0.1. Green / red: the core's `met` of the chosen target set.

export interface AlignmentTableProps {
  /** The plan's output; undefined while the plan cannot be simulated (then only the preoperative column). */
  readonly output: PlanOutput | undefined;
  /** The case as it is (for the preoperative column when there is no output). */
  readonly baseline: PlanOutput | undefined;
  readonly targetSet: TargetSetName;
  readonly pelvis: PelvisMode;
}

const unitOf = (parameter: Target['parameter']): string =>
  parameter.endsWith('Mm')
    ? UNIT_SUFFIX.mm
    : parameter.endsWith('Percent')
      ? UNIT_SUFFIX.percent
      : UNIT_SUFFIX.deg;

export function AlignmentTable({ output, baseline, targetSet }: AlignmentTableProps) {
  const source = output ?? baseline;
  if (source === undefined)
    return <p className="muted">No standing lateral film with landmarks: nothing to predict.</p>;
  const pre = lateralValues(source.preoperative);
  const post = output === undefined ? {} : lateralValues(output.predicted);
  const preSet = targetSetOf(source.targets.preoperative, targetSet);
  const postSet = output === undefined ? undefined : targetSetOf(output.targets.predicted, targetSet);
  // The lordosis distribution index is a value of the GAP set only: read it there whatever set is chosen.
  const ldi = (set: AlignmentTargets | undefined) =>
    set === undefined
      ? undefined
      : targetSetOf(set, 'gap-proportional').targets.find(
          (t) => t.parameter === 'lordosisDistributionIndexPercent',
        )?.value;
  return (
    <div className="table-wrap">
      <table className="plan-table alignment-table" aria-label="Predicted alignment">
        <thead>
          <tr>
            <th>Parameter</th>
            <th>Preoperative</th>
            <th>Predicted</th>
            <th>Target ({preSet.name})</th>
          </tr>
        </thead>
        <tbody>
          {TABLE_PARAMETERS.map(([parameter, name]) => {
            const preTarget = preSet.targets.find((t) => t.parameter === parameter);
            const postTarget = postSet?.targets.find((t) => t.parameter === parameter);
            const preValue =
              parameter === 'lordosisDistributionIndexPercent'
                ? ldi(source.targets.preoperative)
                : pre[parameter];
            const postValue =
              parameter === 'lordosisDistributionIndexPercent'
                ? ldi(output?.targets.predicted)
                : post[parameter];
            const met = postTarget?.met ?? null;
            return (
              <tr
                key={parameter}
                data-parameter={parameter}
                {...(preValue === null || preValue === undefined
                  ? {}
                  : { 'data-preoperative': String(preValue) })}
                {...(postValue === null || postValue === undefined
                  ? {}
                  : { 'data-predicted': String(postValue) })}
                {...(met === null ? {} : { 'data-met': String(met) })}
              >
                <th scope="row">{name}</th>
                <td
                  className={
                    preTarget?.met === true ? 'met' : preTarget?.met === false ? 'missed' : undefined
                  }
                >
                  {formatNumber(preValue)}
                  {preValue === null || preValue === undefined ? '' : unitOf(parameter)}
                </td>
                <td className={met === true ? 'met' : met === false ? 'missed' : undefined}>
                  {formatNumber(postValue)}
                  {postValue === null || postValue === undefined ? '' : unitOf(parameter)}
                  {met === true ? ' ✓' : met === false ? ' ✗' : ''}
                </td>
                <td>{(postTarget ?? preTarget) ? rangeText((postTarget ?? preTarget) as Target) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {preSet.undetermined !== undefined && <p className="plan-hint">{preSet.undetermined}.</p>}
      {output?.compensation !== undefined && (
        <p className="plan-hint">
          Pelvic compensation (core model: {output.compensation.model}):{' '}
          {output.compensation.applied
            ? `PT change ${formatNumber(output.compensation.pelvicTiltChangeDeg)}° applied (the study's conclusion would give ${formatNumber(output.compensation.pelvicTiltChangeByConclusionDeg)}°)`
            : `not applied — ${output.compensation.reason ?? 'no reason given'}`}
          . Prediction error: {output.compensation.predictionError}.
        </p>
      )}
      {output !== undefined && output.notes.length > 0 && (
        <p className="plan-hint">{output.notes.join('; ')}.</p>
      )}
    </div>
  );
}
