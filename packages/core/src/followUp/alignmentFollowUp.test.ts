import { describe, expect, it } from 'vitest';
import { LATERAL_PARAMETER_KEYS } from '../measurements/lateral/lateralParameters.js';
import { measureLateral } from '../measurements/lateral/measureLateral.js';
import { measureRadiograph } from '../measurements/measureCase.js';
import { toMeasurementOutput } from '../measurements/measurementOutput.js';
import { buildLateralSpine, DEFAULT_DISC_ANGLES_DEG } from '../test-support/syntheticLateral.js';
import { compareAlignment } from './alignmentFollowUp.js';
import { proximalJunctionalKyphosis } from './junctionalKyphosis.js';

const spine = (discs: Partial<typeof DEFAULT_DISC_ANGLES_DEG> = {}) =>
  buildLateralSpine({ discAnglesDeg: { ...DEFAULT_DISC_ANGLES_DEG, ...discs }, pixelSpacingMm: 0.2 })
    .radiograph;

const preoperative = { ...spine({ L4: 2, L5: 5 }), id: 'pre' };
const planned = { ...spine({ L4: 10, L5: 14 }), id: 'plan' };
const firstPostoperative = { ...spine({ L4: 11, L5: 14 }), id: 'post' };
const achieved = { ...spine({ L4: 9, L5: 14, T8: -8, T9: -8 }), id: 'fu' };
const fusion = { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1' } as const;
const value = (film: typeof achieved, key: 'lumbarLordosisDeg' | 'piLlMismatchDeg') => {
  const m = measureLateral(film).values[key];
  return m.ok ? m.value : NaN;
};

describe('compareAlignment', () => {
  const result = compareAlignment({
    preoperative,
    planned: toMeasurementOutput([measureRadiograph(planned)]),
    achieved,
    firstPostoperative,
    fusion,
  });
  const row = (parameter: string) => result.rows.find((r) => r.parameter === parameter);

  it('has a row for every lateral parameter, with preoperative, planned and achieved values', () => {
    expect(result.rows.map((r) => r.parameter)).toEqual(LATERAL_PARAMETER_KEYS);
    const ll = row('lumbarLordosisDeg');
    expect(ll?.unit).toBe('deg');
    expect(ll?.preoperative).toBeCloseTo(value(preoperative, 'lumbarLordosisDeg'), 6);
    expect(ll?.planned).toBeCloseTo(value(planned, 'lumbarLordosisDeg'), 5);
    expect(ll?.achieved).toBeCloseTo(value(achieved, 'lumbarLordosisDeg'), 9);
  });

  it('gives achieved − planned and the change from before the operation, with their signs', () => {
    const ll = row('lumbarLordosisDeg');
    // Achieved lordosis: L4–L5 9° instead of the planned 10°; preoperative L4–L5 2° and L5–S1 5°.
    expect(ll?.achievedMinusPlanned).toBeCloseTo(-1, 5);
    expect(ll?.changeFromPreoperative).toBeCloseTo(7 + 9, 9);
    expect(row('sagittalVerticalAxisMm')?.unit).toBe('mm');
  });

  it('checks the target ranges on the achieved film (SRS–Schwab PI−LL < 10°, GAP lordosis band)', () => {
    const mismatch = row('piLlMismatchDeg');
    expect(mismatch?.target).toMatchObject({
      set: 'SRS–Schwab thresholds',
      max: 10,
      citation: 'schwab-2012',
    });
    expect(mismatch?.target?.met).toBe(value(achieved, 'piLlMismatchDeg') < 10);
    expect(row('lumbarLordosisDeg')?.target?.set).toBe('GAP proportional alignment');
    expect(row('t1SlopeDeg')?.target).toBeUndefined();
  });

  it('checks only the target sets asked for', () => {
    const only = compareAlignment({ achieved, targets: ['gap-proportional'] });
    expect(only.rows.find((r) => r.parameter === 'piLlMismatchDeg')?.target).toBeUndefined();
    expect(only.rows.find((r) => r.parameter === 'sacralSlopeDeg')?.target?.set).toBe(
      'GAP proportional alignment',
    );
  });

  it('flags PJK exactly as proximalJunctionalKyphosis does for the UIV of the operation', () => {
    expect(result.flags.proximalJunctionalKyphosis).toEqual(
      proximalJunctionalKyphosis(preoperative, achieved, 'T10'),
    );
    expect(result.flags.proximalJunctionalKyphosis.pjk).toBe(true);
  });

  it('reports correction change from the first postoperative film, never calling it a loss', () => {
    const ll = result.flags.lossOfCorrection.find((c) => c.inputs.parameter === 'lumbarLordosisDeg');
    expect(ll?.inputs.referenceKind).toBe('immediate-postoperative');
    expect(ll?.change).toBeCloseTo(-2, 9);
    expect(ll?.lossOfCorrection).toBeNull();
  });

  it('does not flag implant failure for a 2° loss of the fixed segment, and looks at the segment above T10', () => {
    // The T10–S1 fixed segment lost the 2° of L4–L5; the kyphosis added at T8–T10 lies above the UIV.
    expect(result.flags.implantFailure.changeDeg).toBeCloseTo(-2, 9);
    expect(result.flags.implantFailure.flag).toBe(false);
    expect(result.flags.adjacentSegment.levels.map((l) => `${l.upper}-${l.lower}`)).toEqual(['T9-T10']);
    expect(result.statement).toMatch(/surgeon/i);
  });

  it('uses the plan as the correction reference without a first postoperative film', () => {
    const noPost = compareAlignment({ preoperative, planned: { lumbarLordosisDeg: 60 }, achieved, fusion });
    const ll = noPost.flags.lossOfCorrection.find((c) => c.inputs.parameter === 'lumbarLordosisDeg');
    expect(ll?.inputs.referenceKind).toBe('planned');
    expect(ll?.change).toBeCloseTo(value(achieved, 'lumbarLordosisDeg') - 60, 9);
    expect(noPost.flags.implantFailure.flag).toBe('undetermined');
    expect(noPost.flags.adjacentSegment.inputs.referenceKind).toBe('preoperative');
  });

  it('says why a column is empty, and leaves every flag undetermined without a fusion range', () => {
    const bare = compareAlignment({ achieved });
    expect(bare.rows[0]?.unavailable).toEqual({
      preoperative: 'no preoperative lateral film',
      planned: 'no plan prediction given',
    });
    expect(bare.flags.proximalJunctionalKyphosis.undetermined.pjk).toMatch(/no fusion range/);
    expect(bare.flags.implantFailure.flag).toBe('undetermined');
    expect(bare.flags.adjacentSegment.flag).toBe('undetermined');
  });

  it('does not judge targets on a film that is not standing', () => {
    const supine = compareAlignment({ achieved: { ...achieved, posture: 'supine' } });
    const mismatch = supine.rows.find((r) => r.parameter === 'piLlMismatchDeg');
    expect(mismatch?.target?.met).toBeNull();
    expect(mismatch?.target?.reason).toMatch(/supine, not standing/);
  });
});
