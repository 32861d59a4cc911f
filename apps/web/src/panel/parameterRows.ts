import {
  COBB_NORMAL_RANGE,
  LATERAL_NORMAL_RANGES,
  rangeFlag,
  roundOutput,
  type LateralParameter,
  type MeasurementResult,
  type NormalRange,
  type RadiographMeasurements,
  type RangeFlag,
  type Shape,
  type Unit,
} from '@spinerecon/core';

// The rows of the live parameter panel, worked out from the core's measurements (no formula here).

export interface ParameterRow {
  /** The measurement format's key (`pelvicIncidenceDeg`, `curves[0].cobbDeg`). */
  readonly key: string;
  readonly label: string;
  readonly group: string;
  readonly result: MeasurementResult;
  /** The value as `spinerecon measure` writes it (6 decimals), when available. */
  readonly outputValue?: number;
  readonly range?: NormalRange;
  readonly flag: RangeFlag;
}

const LATERAL_LABELS: Readonly<Record<LateralParameter, readonly [string, string]>> = {
  pelvicIncidenceDeg: ['PI', 'Pelvis'],
  pelvicTiltDeg: ['PT', 'Pelvis'],
  sacralSlopeDeg: ['SS', 'Pelvis'],
  lumbarLordosisDeg: ['LL (L1–S1)', 'Lumbar'],
  lumbarLordosisL4S1Deg: ['L4–S1', 'Lumbar'],
  piLlMismatchDeg: ['PI − LL', 'Lumbar'],
  thoracicKyphosisT4T12Deg: ['TK (T4–T12)', 'Thoracic'],
  thoracicKyphosisT5T12Deg: ['TK (T5–T12)', 'Thoracic'],
  proximalThoracicKyphosisT2T5Deg: ['T2–T5', 'Thoracic'],
  thoracolumbarKyphosisT10L2Deg: ['T10–L2', 'Thoracic'],
  sagittalVerticalAxisMm: ['SVA', 'Global'],
  t1PelvicAngleDeg: ['TPA', 'Global'],
  t1SlopeDeg: ['T1 slope', 'Global'],
  globalTiltDeg: ['Global tilt', 'Global'],
  cervicalLordosisC2C7Deg: ['C2–C7 lordosis', 'Cervical'],
  cervicalSvaMm: ['cSVA (C2–C7)', 'Cervical'],
};

function row(
  key: string,
  label: string,
  group: string,
  result: MeasurementResult,
  range?: NormalRange,
): ParameterRow {
  return {
    key,
    label,
    group,
    result,
    ...(result.ok ? { outputValue: roundOutput(result.value) } : {}),
    ...(range === undefined ? {} : { range }),
    flag: result.ok ? rangeFlag(range, result.value) : 'no-threshold',
  };
}

export function parameterRows(measurements: RadiographMeasurements): ParameterRow[] {
  if (measurements.view === 'lateral') {
    return (Object.keys(LATERAL_LABELS) as LateralParameter[]).map((key) => {
      const [label, group] = LATERAL_LABELS[key];
      return row(key, label, group, measurements.values[key], LATERAL_NORMAL_RANGES[key]);
    });
  }
  const rows = [row('coronalBalanceMm', 'Coronal balance', 'Balance', measurements.values.coronalBalanceMm)];
  measurements.curves.forEach((curve, i) => {
    const name = `${curve.upperEnd}–${curve.lowerEnd}, apex ${curve.apex}, convex ${curve.convexity}`;
    rows.push(row(`curves[${i}].cobbDeg`, `Cobb ${name}`, 'Curves', curve.cobb, COBB_NORMAL_RANGE));
    rows.push(
      row(
        `curves[${i}].apicalTranslationMm`,
        `Apical translation ${curve.apex}`,
        'Curves',
        curve.apicalTranslation,
      ),
    );
  });
  return rows;
}

const UNIT_TEXT: Readonly<Record<Unit, string>> = { deg: '°', mm: ' mm', percent: ' %' };

/** One decimal, as surgeons read films; the exact value stays in `outputValue`. */
export function formatValue(value: number, unit: Unit): string {
  return `${value.toFixed(1)}${UNIT_TEXT[unit]}`;
}

/** The construction to highlight on the film when the row is hovered. */
export function constructionOf(result: MeasurementResult): readonly Shape[] {
  return result.ok ? result.construction : [];
}
