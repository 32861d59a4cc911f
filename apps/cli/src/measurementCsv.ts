import {
  CORONAL_PARAMETERS,
  LATERAL_PARAMETER_KEYS,
  type CoronalParameter,
  type CurveOutput,
  type MeasurementOutput,
} from '@spinerecon/core';

/** How many curves get columns of their own, largest Cobb first. */
export const CSV_CURVE_SLOTS = 4;
const CURVE_FIELDS = ['upperEnd', 'lowerEnd', 'apex', 'cobbDeg', 'convexity', 'apicalTranslationMm'] as const;
const CORONAL_KEYS = Object.keys(CORONAL_PARAMETERS) as CoronalParameter[];

export const MEASUREMENT_CSV_HEADER = [
  'case',
  'id',
  'view',
  ...LATERAL_PARAMETER_KEYS,
  ...CORONAL_KEYS,
  'curveCount',
  ...Array.from({ length: CSV_CURVE_SLOTS }, (_, i) =>
    CURVE_FIELDS.map((f) => `curve${i + 1}${f[0]?.toUpperCase()}${f.slice(1)}`),
  ).flat(),
].join(',');

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per radiograph; an empty cell is a value that could not be measured. */
export function measurementCsvRows(caseName: string, output: MeasurementOutput): string {
  let rows = '';
  for (const r of output.radiographs) {
    const lateral = r.view === 'lateral' ? r.values : {};
    const coronal = r.view === 'coronal' ? r.values : {};
    const curves: readonly CurveOutput[] =
      r.view === 'coronal' ? [...r.curves].sort((a, b) => b.cobbDeg - a.cobbDeg) : [];
    const cells = [
      caseName,
      r.id,
      r.view,
      ...LATERAL_PARAMETER_KEYS.map((k) => lateral[k]),
      ...CORONAL_KEYS.map((k) => coronal[k]),
      r.view === 'coronal' ? curves.length : undefined,
      ...Array.from({ length: CSV_CURVE_SLOTS }, (_, i) => CURVE_FIELDS.map((f) => curves[i]?.[f])).flat(),
    ];
    rows += cells.map(csvField).join(',') + '\n';
  }
  return rows;
}
