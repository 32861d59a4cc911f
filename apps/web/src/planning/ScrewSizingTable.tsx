import type { Implants, LevelSizing } from '@spinerecon/core';
import type { ReactNode } from 'react';
import { formatNumber } from './planModel';

// Per instrumented level, what the core's sizeImplants measured and suggests for the screws: the vertebral
// body's sagittal depth on the predicted film, the largest diameter (80 % of the narrowest pedicle width the
// surgeon entered, Misenhimer 1989), and the length. What the core cannot determine is said with its reason
// (numbered notes below the table), never replaced by a number.

type Cell = { readonly text: string } | { readonly note: number };

/** The distinct reasons, numbered in order of appearance. */
function noteIndex(sizings: readonly LevelSizing[]): readonly string[] {
  const reasons: string[] = [];
  for (const sizing of sizings) {
    for (const key of ['bodyDepthMm', 'suggestedMaxDiameterMm', 'suggestedLengthMm'] as const) {
      const reason = sizing.undetermined[key];
      if (reason !== undefined && !reasons.includes(reason)) reasons.push(reason);
    }
  }
  return reasons;
}

export function sizingCells(
  sizing: LevelSizing,
  notes: readonly string[],
): { readonly depth: Cell; readonly diameter: Cell; readonly length: Cell } {
  const cell = (value: number | null, key: string, text: (v: number) => string): Cell => {
    if (value !== null) return { text: text(value) };
    const reason = sizing.undetermined[key];
    return reason === undefined ? { text: '—' } : { note: notes.indexOf(reason) + 1 };
  };
  return {
    depth: cell(sizing.bodyDepthMm, 'bodyDepthMm', (v) => `${formatNumber(v)} mm`),
    diameter: cell(sizing.suggestedMaxDiameterMm, 'suggestedMaxDiameterMm', (v) => `≤ ${formatNumber(v)} mm`),
    length: cell(sizing.suggestedLengthMm, 'suggestedLengthMm', (v) => `${formatNumber(v)} mm`),
  };
}

function Shown({ cell }: { readonly cell: Cell }): ReactNode {
  return 'text' in cell ? (
    cell.text
  ) : (
    <span className="plan-undetermined">
      undetermined <sup>[{cell.note}]</sup>
    </span>
  );
}

export function ScrewSizingTable({ implants }: { readonly implants: Implants }): ReactNode {
  if (implants.screws.length === 0) return null;
  const notes = noteIndex(implants.screws);
  return (
    <div className="plan-sizing" data-testid="screw-sizing">
      <table className="plan-table">
        <caption>Screw sizing per instrumented level (core, on the predicted film)</caption>
        <thead>
          <tr>
            <th>Level</th>
            <th>Body depth (lateral film)</th>
            <th>Max ⌀ (80 % of pedicle width)</th>
            <th>Suggested length</th>
          </tr>
        </thead>
        <tbody>
          {implants.screws.map((sizing) => {
            const cells = sizingCells(sizing, notes);
            return (
              <tr key={sizing.level} data-level={sizing.level} data-body-depth-mm={sizing.bodyDepthMm ?? ''}>
                <td>{sizing.level}</td>
                <td className="num">
                  <Shown cell={cells.depth} />
                </td>
                <td className="num">
                  <Shown cell={cells.diameter} />
                </td>
                <td className="num">
                  <Shown cell={cells.length} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ol className="plan-notes">
        {notes.map((reason) => (
          <li key={reason}>Undetermined: {reason}.</li>
        ))}
      </ol>
      <p className="plan-hint">
        The diameter limit follows Misenhimer 1989 (pedicles deform from about 80 % of their outer width) once
        a pedicle width measured on CT is entered for a screw. No published rule giving a screw length from
        the body depth of a lateral film could be verified, so no length is suggested. The surgeon sets every
        size.
      </p>
    </div>
  );
}
