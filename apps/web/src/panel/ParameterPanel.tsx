import type { RadiographMeasurements, Shape } from '@spinerecon/core';
import { constructionOf, formatValue, parameterRows, type ParameterRow } from './parameterRows';

interface Props {
  readonly measurements: RadiographMeasurements;
  /** Where the millimetres come from (the radiograph's calibration note); null when uncalibrated. */
  readonly calibrationNote: string | null;
  /** Hovering or focusing a value shows its construction on the film; null clears it. */
  readonly onHighlight?: (shapes: readonly Shape[] | null) => void;
}

const FLAG_TEXT = { below: 'below range', above: 'above range' } as const;

/** Every parameter of the film, live from the core: value and unit, normal range, flag, or what it needs. */
export function ParameterPanel({ measurements, calibrationNote, onHighlight }: Props) {
  const rows = parameterRows(measurements);
  const groups = [...new Set(rows.map((r) => r.group))];
  return (
    <section className="parameter-panel" aria-label="Parameters">
      {groups.map((group) => (
        <table key={group} className="parameter-group">
          <caption>{group}</caption>
          <tbody>
            {rows
              .filter((r) => r.group === group)
              .map((r) => (
                <ParameterLine key={r.key} row={r} onHighlight={onHighlight} />
              ))}
          </tbody>
        </table>
      ))}
      <p className="calibration-note" data-testid="panel-calibration-note">
        {calibrationNote === null
          ? 'Not calibrated: angles only, no distance in millimetres.'
          : `Distances: ${calibrationNote}`}
      </p>
    </section>
  );
}

function ParameterLine({ row, onHighlight }: { row: ParameterRow; onHighlight?: Props['onHighlight'] }) {
  const { result } = row;
  const show = () => onHighlight?.(constructionOf(result));
  const hide = () => onHighlight?.(null);
  const flagged = row.flag === 'below' || row.flag === 'above';
  return (
    <tr
      className={flagged ? 'parameter flagged' : 'parameter'}
      data-key={row.key}
      data-value={row.outputValue ?? ''}
      tabIndex={result.ok ? 0 : -1}
      onMouseEnter={show}
      onMouseLeave={hide}
      onFocus={show}
      onBlur={hide}
    >
      <th scope="row">{row.label}</th>
      {result.ok ? (
        <td className="value">
          {formatValue(result.value, result.unit)}
          {flagged ? <span className="flag"> {FLAG_TEXT[row.flag as 'below' | 'above']}</span> : null}
        </td>
      ) : (
        <td className="unavailable">unavailable: {result.reason}</td>
      )}
      <td className="range">{row.range?.text ?? ''}</td>
    </tr>
  );
}
