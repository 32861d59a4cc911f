import { measureRadiograph, toMeasurementOutput, type LateralOutput } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import { buildLateralSpine } from '../../../../packages/core/src/test-support/syntheticLateral';
import { formatValue, parameterRows } from './parameterRows';

const lateral = { ...buildLateralSpine().radiograph, pixelSpacingMm: 0.2 };

describe('the rows of the parameter panel', () => {
  it('carry exactly the values `spinerecon measure` writes, and its reasons for the missing ones', () => {
    const measurements = measureRadiograph(lateral);
    const output = toMeasurementOutput([measurements]).radiographs[0] as LateralOutput;
    const rows = parameterRows(measurements);
    for (const r of rows) {
      const key = r.key as keyof LateralOutput['values'];
      if (r.result.ok) expect(r.outputValue).toBe(output.values[key]);
      else expect(r.result.reason).toBe(output.unavailable[key]);
    }
    expect(rows).toHaveLength(16);
  });

  it('flag a value outside a published range and say what a missing one needs', () => {
    const { C7: _c7, ...withoutC7 } = lateral.vertebrae;
    const rows = parameterRows(measureRadiograph({ ...lateral, vertebrae: withoutC7 }));
    const sva = rows.find((r) => r.key === 'sagittalVerticalAxisMm');
    expect(sva?.result).toEqual({ ok: false, reason: 'needs all four corners of C7 or its marked centroid' });
    const pt = rows.find((r) => r.key === 'pelvicTiltDeg');
    expect(pt?.flag).toBe('within'); // the synthetic spine's PT is 15°
    const ll = rows.find((r) => r.key === 'lumbarLordosisDeg');
    expect(ll?.flag).toBe('no-threshold');
  });

  it('show one decimal with the unit', () => {
    expect(formatValue(12.349, 'deg')).toBe('12.3°');
    expect(formatValue(-40.05, 'mm')).toBe('-40.0 mm');
  });
});
