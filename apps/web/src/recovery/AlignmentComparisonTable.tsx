import type { AlignmentRow } from '@spinerecon/core';
import { differenceText, PARAMETER_NAMES, targetText, valueText } from './alignmentModel';

// Preoperative | planned | achieved | target for every lateral parameter, with achieved − planned and the change
// from before the operation: the core's compareAlignment as the server sent it. Values shown to 0.1; the
// core's values in data attributes.

const dataOf = (name: string, value: number | null): Record<string, string> =>
  value === null ? {} : { [`data-${name}`]: String(value) };

function Cell({
  value,
  unit,
  missing,
}: {
  readonly value: number | null;
  readonly unit: AlignmentRow['unit'];
  readonly missing: string | undefined;
}) {
  return (
    <td className="num" title={value === null ? missing : undefined}>
      {valueText(value, unit)}
    </td>
  );
}

export function AlignmentComparisonTable({ rows }: { readonly rows: readonly AlignmentRow[] }) {
  return (
    <div className="table-wrap">
      <table className="plan-table alignment-table visit-alignment-table" aria-label="Plan versus achieved">
        <thead>
          <tr>
            <th>Parameter</th>
            <th>Preoperative</th>
            <th>Planned</th>
            <th>Achieved</th>
            <th>Achieved − planned</th>
            <th>Change from preoperative</th>
            <th>Target (achieved film)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const met = row.target?.met ?? null;
            return (
              <tr
                key={row.parameter}
                data-parameter={row.parameter}
                {...dataOf('preoperative', row.preoperative)}
                {...dataOf('planned', row.planned)}
                {...dataOf('achieved', row.achieved)}
                {...dataOf('difference', row.achievedMinusPlanned)}
                {...(met === null ? {} : { 'data-met': String(met) })}
              >
                <th scope="row">{PARAMETER_NAMES[row.parameter] ?? row.parameter}</th>
                <Cell value={row.preoperative} unit={row.unit} missing={row.unavailable?.preoperative} />
                <Cell value={row.planned} unit={row.unit} missing={row.unavailable?.planned} />
                <td
                  className={`num ${met === true ? 'met' : met === false ? 'missed' : ''}`}
                  title={row.achieved === null ? row.unavailable?.achieved : undefined}
                >
                  {valueText(row.achieved, row.unit)}
                  {met === true ? ' ✓' : met === false ? ' ✗' : ''}
                </td>
                <td className="num">{differenceText(row.achievedMinusPlanned, row.unit)}</td>
                <td className="num">{differenceText(row.changeFromPreoperative, row.unit)}</td>
                <td className="target" title={row.target?.reason}>
                  {targetText(row)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
