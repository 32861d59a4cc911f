import {
  CITATIONS,
  type AlignmentComparison,
  type AlignmentRow,
  type Explanation,
  type LateralParameter,
} from '@spinerecon/core';

// What the visit page shows of the core's compareAlignment: the parameters by name, signed differences, and
// the rule flags as "for a clinician to confirm" with their reasons. No number is computed here.

export const PARAMETER_NAMES: Readonly<Record<LateralParameter, string>> = {
  pelvicIncidenceDeg: 'PI',
  pelvicTiltDeg: 'PT',
  sacralSlopeDeg: 'SS',
  lumbarLordosisDeg: 'LL (L1–S1)',
  lumbarLordosisL4S1Deg: 'L4–S1',
  piLlMismatchDeg: 'PI − LL',
  thoracicKyphosisT4T12Deg: 'TK (T4–T12)',
  thoracicKyphosisT5T12Deg: 'TK (T5–T12)',
  thoracolumbarKyphosisT10L2Deg: 'T10–L2',
  proximalThoracicKyphosisT2T5Deg: 'T2–T5',
  sagittalVerticalAxisMm: 'SVA',
  t1PelvicAngleDeg: 'TPA',
  t1SlopeDeg: 'T1 slope',
  globalTiltDeg: 'Global tilt',
  cervicalLordosisC2C7Deg: 'C2–C7 lordosis',
  cervicalSvaMm: 'cSVA (C2–C7)',
};

const UNIT: Readonly<Record<AlignmentRow['unit'], string>> = { deg: '°', mm: ' mm' };

/** A value to 0.1 with its unit; `—` when absent. */
export function valueText(value: number | null | undefined, unit: AlignmentRow['unit']): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(1)}${UNIT[unit]}`;
}

/** A difference to 0.1 with its sign (`+3.0°`, `−2.5 mm`, `0.0°`); `—` when absent. */
export function differenceText(value: number | null | undefined, unit: AlignmentRow['unit']): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const rounded = Math.round(value * 10) / 10;
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
  return `${sign}${Math.abs(rounded).toFixed(1)}${UNIT[unit]}`;
}

/** The target range of a row as the core checked it on the achieved film. */
export function targetText(row: AlignmentRow): string {
  const target = row.target;
  if (target === undefined) return '—';
  const min = target.min;
  const max = target.max;
  const unit = UNIT[row.unit];
  const range =
    min !== undefined && max !== undefined
      ? `${min.toFixed(1)} to ${max.toFixed(1)}${unit}`
      : max !== undefined
        ? `≤ ${max.toFixed(1)}${unit}`
        : min !== undefined
          ? `≥ ${min.toFixed(1)}${unit}`
          : 'undetermined';
  return `${range} (${target.set})`;
}

export type FlagState = 'flagged' | 'not-flagged' | 'undetermined';

export interface FlagView {
  readonly key: 'pjk' | 'loss-of-correction' | 'implant-failure' | 'adjacent-segment';
  readonly title: string;
  readonly state: FlagState;
  /** Why: the rules that fired, the criteria met or not, or what is missing. */
  readonly reasons: readonly string[];
  readonly source: string;
}

const stateOf = (flag: boolean | null | 'undetermined'): FlagState =>
  flag === true ? 'flagged' : flag === false ? 'not-flagged' : 'undetermined';

/** Rules that fired, then `field: why undetermined` for what could not be decided. */
function explained(why: Explanation): string[] {
  return [...why.rules, ...Object.entries(why.undetermined).map(([field, reason]) => `${field}: ${reason}`)];
}

const sourceOf = (why: Explanation, fallback: string): string =>
  why.citations.length === 0
    ? fallback
    : why.citations.map((c) => (CITATIONS as Readonly<Record<string, string>>)[c] ?? c).join('; ');

/** The core's rule lines name a parameter by its key (`lumbarLordosisDeg 55° − …`): shown by its name. */
function withParameterName(line: string, parameter: string | number | undefined): string {
  if (typeof parameter !== 'string' || !(parameter in PARAMETER_NAMES)) return line;
  return line.split(parameter).join(PARAMETER_NAMES[parameter as LateralParameter]);
}

/** The four rules of the comparison, each for a clinician to confirm. */
export function flagViews(comparison: AlignmentComparison): FlagView[] {
  const {
    proximalJunctionalKyphosis: pjk,
    lossOfCorrection,
    implantFailure,
    adjacentSegment,
  } = comparison.flags;
  const changes = lossOfCorrection.flatMap((change) =>
    (change.change === null
      ? Object.values(change.undetermined).filter((reason) => !reason.startsWith('no published threshold'))
      : change.rules
    ).map((line) => withParameterName(line, change.inputs.parameter)),
  );
  const threshold = lossOfCorrection[0]?.undetermined.lossOfCorrection;
  return [
    {
      key: 'pjk',
      title: 'Proximal junctional kyphosis',
      state: stateOf(pjk.pjk),
      reasons: explained(pjk),
      source: sourceOf(pjk, 'Glattes 2005'),
    },
    {
      key: 'loss-of-correction',
      title: 'Loss of correction',
      // The core applies no threshold (none published was confirmed): always undetermined, changes shown.
      state: 'undetermined',
      reasons: [...(threshold === undefined ? [] : [threshold]), ...changes],
      source: 'no published threshold applied',
    },
    {
      key: 'implant-failure',
      title: 'Suspected implant failure',
      state: stateOf(implantFailure.flag),
      reasons: implantFailure.reasons,
      source: implantFailure.source,
    },
    {
      key: 'adjacent-segment',
      title: 'Adjacent segment change',
      state: stateOf(adjacentSegment.flag),
      // The flag's reasons already name each adjacent level's finding.
      reasons: adjacentSegment.reasons,
      source: adjacentSegment.source,
    },
  ];
}

export const FLAG_STATE_TEXT: Readonly<Record<FlagState, string>> = {
  flagged: 'Flagged — for a clinician to confirm',
  'not-flagged': 'Not flagged',
  undetermined: 'Undetermined',
};
