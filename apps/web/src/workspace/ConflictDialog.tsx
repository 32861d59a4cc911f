import type { Radiograph } from '../api/types';
import type { LandmarkSet } from '../protocols/landmarks';
import { formatValue, parameterRows } from '../panel/parameterRows';
import { measureFilm } from './caseRadiograph';

interface Props {
  readonly radiograph: Radiograph;
  readonly mine: LandmarkSet;
  readonly theirs: { readonly version: number; readonly set: LandmarkSet };
  readonly onChoose: (choice: 'mine' | 'theirs') => void;
}

const pointCount = (set: LandmarkSet) =>
  Object.values(set.vertebrae).reduce((n, v) => n + Object.keys(v ?? {}).length, 0) +
  (set.femoralHeads?.length ?? 0);

/** Both versions side by side, with their values: the user chooses; nothing is overwritten silently. */
export function ConflictDialog({ radiograph, mine, theirs, onChoose }: Props) {
  const sides = [
    { title: 'Your version (not saved)', set: mine },
    { title: `Saved version ${theirs.version} (by someone else)`, set: theirs.set },
  ];
  const rows = sides.map((side) => {
    const measured = measureFilm(radiograph, side.set);
    return measured.ok ? parameterRows(measured.measurements).filter((r) => r.result.ok) : [];
  });
  const keys = [...new Set(rows.flatMap((r) => r.map((row) => row.key)))];
  return (
    <div className="conflict" role="alertdialog" aria-labelledby="conflict-title" aria-modal="true">
      <h2 id="conflict-title">Someone else saved landmarks on this film while you were editing</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            {sides.map((s) => (
              <th key={s.title} scope="col">
                {s.title} — {pointCount(s.set)} points
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key}>
              <th scope="row">{rows.flat().find((r) => r.key === key)?.label}</th>
              {rows.map((side, i) => {
                const row = side.find((r) => r.key === key);
                return (
                  <td key={i}>{row?.result.ok ? formatValue(row.result.value, row.result.unit) : '—'}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="conflict-actions">
        <button type="button" onClick={() => onChoose('mine')}>
          Keep mine (saved as version {theirs.version + 1})
        </button>
        <button type="button" onClick={() => onChoose('theirs')}>
          Take version {theirs.version} and drop mine
        </button>
      </div>
    </div>
  );
}
