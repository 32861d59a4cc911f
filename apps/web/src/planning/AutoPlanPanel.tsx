import {
  autoPlan,
  type AutoPlanOutput,
  type PelvisMode,
  type SpineCase,
  type SurgicalPlan,
  type TargetSetName,
} from '@spinerecon/core';
import { useState } from 'react';
import { formatNumber, rangeText, TABLE_PARAMETERS } from './planModel';

// Auto-plan: the core's search (autoPlan), its ranked proposals least invasive first; "Adopt" puts one in
// the editor.

const nameOf = (parameter: string): string =>
  TABLE_PARAMETERS.find(([key]) => key === parameter)?.[1] ?? parameter;

export interface AutoPlanPanelProps {
  readonly spineCase: SpineCase;
  readonly targetSet: TargetSetName;
  readonly pelvis: PelvisMode;
  readonly onAdopt: (plan: SurgicalPlan, description: string) => void;
}

export function AutoPlanPanel({ spineCase, targetSet, pelvis, onAdopt }: AutoPlanPanelProps) {
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; output: AutoPlanOutput; key: string }
  >({ kind: 'idle' });
  const key = `${targetSet}/${pelvis}`;
  const run = () => {
    setState({ kind: 'running' });
    // Let the "running" state paint before the (synchronous) search.
    window.setTimeout(
      () => setState({ kind: 'done', output: autoPlan(spineCase, { targets: targetSet, pelvis }), key }),
      20,
    );
  };
  return (
    <section className="plan-panel" aria-labelledby="autoplan-title">
      <h2 id="autoplan-title">Auto-plan</h2>
      <p className="plan-hint">
        Searches simple corrections (cages, posterior column osteotomies, PSO) for the chosen target set and
        pelvis model, and proposes the least invasive that meet the most targets.
      </p>
      <button type="button" className="button" onClick={run} disabled={state.kind === 'running'}>
        {state.kind === 'running' ? 'Searching…' : 'Run auto-plan'}
      </button>
      {state.kind === 'done' && state.key !== key && (
        <p className="plan-hint">The target set or pelvis model changed since this search: run it again.</p>
      )}
      {state.kind === 'done' && <AutoPlanResult output={state.output} onAdopt={onAdopt} />}
    </section>
  );
}

function AutoPlanResult({
  output,
  onAdopt,
}: {
  readonly output: AutoPlanOutput;
  readonly onAdopt: AutoPlanPanelProps['onAdopt'];
}) {
  return (
    <div className="autoplan-result">
      <p className="plan-hint">
        {output.targetSet.name} ({output.targetSet.citation}), pelvis {output.pelvis}.
        {output.undetermined !== undefined ? ` No proposal: ${output.undetermined}.` : ''}
        {output.notes.length > 0 ? ` ${output.notes.join('; ')}.` : ''}
      </p>
      <ol className="proposals">
        {output.proposals.map((p) => (
          <li key={p.rank} className="proposal" data-rank={p.rank}>
            <div className="proposal-head">
              <strong>
                {p.rank}. {p.family}
              </strong>{' '}
              <span className="muted">invasiveness {p.invasiveness}</span>
              <button
                type="button"
                className="small secondary"
                onClick={() => onAdopt(p.plan, `proposal ${p.rank} (${p.family})`)}
              >
                Adopt
              </button>
            </div>
            <table className="plan-table">
              <tbody>
                {p.targets.map((t) => (
                  <tr key={t.parameter}>
                    <th scope="row">{nameOf(t.parameter)}</th>
                    <td className={t.met === true ? 'met' : t.met === false ? 'missed' : undefined}>
                      {formatNumber(t.value)}{' '}
                      {t.met === true ? '✓ meets' : t.met === false ? '✗ misses' : '?'}
                    </td>
                    <td>{rangeText(t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ul className="plan-small">
              {p.explanation.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <details>
        <summary>What was searched</summary>
        <ul className="plan-small">
          {output.searched.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
      <p className="plan-hint">{output.statement}</p>
    </div>
  );
}
