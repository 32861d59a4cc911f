import { compareAlignment, LATERAL_PARAMETER_KEYS, type AlignmentRow } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import {
  buildLateralSpine,
  DEFAULT_DISC_ANGLES_DEG,
} from '../../../../packages/core/src/test-support/syntheticLateral';
import { differenceText, flagViews, PARAMETER_NAMES, targetText, valueText } from './alignmentModel';

const FUSION = { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1' } as const;
const preoperative = { ...buildLateralSpine().radiograph, id: 'pre', pixelSpacingMm: 0.2 };
// The T9–T10 disc (just above a T10 UIV) 15° more kyphotic: the PJA (T10 inferior to T8 superior) grows by 15°.
const kyphoticAboveUiv = {
  ...buildLateralSpine({
    discAnglesDeg: { ...DEFAULT_DISC_ANGLES_DEG, T9: (DEFAULT_DISC_ANGLES_DEG.T9 ?? 0) - 15 },
  }).radiograph,
  id: 'six-weeks',
  pixelSpacingMm: 0.2,
};

describe('the plan-versus-achieved view of a visit', () => {
  it('names every lateral parameter the core compares', () => {
    for (const key of LATERAL_PARAMETER_KEYS) expect(PARAMETER_NAMES[key]).not.toBe('');
  });

  it('writes differences with their sign to 0.1 and a missing one as a dash', () => {
    expect(differenceText(3, 'deg')).toBe('+3.0°');
    expect(differenceText(-2.46, 'mm')).toBe('−2.5 mm');
    expect(differenceText(-0.04, 'deg')).toBe('0.0°');
    expect(differenceText(null, 'deg')).toBe('—');
    expect(valueText(41.25, 'deg')).toBe('41.3°');
    expect(valueText(undefined, 'mm')).toBe('—');
  });

  it('shows a target range with the set that gave it, and open-ended ranges with their bound', () => {
    const row = (target: AlignmentRow['target']): AlignmentRow => ({
      parameter: 'sagittalVerticalAxisMm',
      unit: 'mm',
      preoperative: null,
      planned: null,
      achieved: null,
      achievedMinusPlanned: null,
      changeFromPreoperative: null,
      ...(target === undefined ? {} : { target }),
    });
    expect(targetText(row({ set: 'SRS-Schwab', citation: 'schwab-2012', max: 40, met: true }))).toBe(
      '≤ 40.0 mm (SRS-Schwab)',
    );
    expect(targetText(row({ set: 'GAP', citation: 'schwab-2012', min: -10, max: 10, met: null }))).toBe(
      '-10.0 to 10.0 mm (GAP)',
    );
    expect(targetText(row(undefined))).toBe('—');
  });

  it('flags proximal junctional kyphosis for a clinician to confirm, with the rule that decided it', () => {
    const comparison = compareAlignment({
      preoperative,
      achieved: kyphoticAboveUiv,
      fusion: FUSION,
    });
    const pjk = flagViews(comparison).find((f) => f.key === 'pjk');
    expect(pjk?.state).toBe('flagged');
    expect(pjk?.reasons.join(' ')).toMatch(/→ PJK/);
    expect(pjk?.source).toMatch(/Glattes/);
  });

  it('does not flag PJK when the junction did not change, and says why the other rules are undetermined', () => {
    const comparison = compareAlignment({
      preoperative,
      achieved: { ...preoperative, id: 'same' },
      fusion: FUSION,
    });
    const views = flagViews(comparison);
    expect(views.find((f) => f.key === 'pjk')?.state).toBe('not-flagged');
    const loss = views.find((f) => f.key === 'loss-of-correction');
    expect(loss?.state).toBe('undetermined');
    expect(loss?.reasons[0]).toMatch(/no published threshold/);
    // Each change is named as in the table, not by the core's key.
    expect(loss?.reasons.some((r) => r.includes('LL (L1–S1)'))).toBe(true);
    expect(loss?.reasons.some((r) => r.includes('lumbarLordosisDeg'))).toBe(false);
    // No first postoperative film: the implant rule has nothing to compare with, and says so.
    const implant = views.find((f) => f.key === 'implant-failure');
    expect(implant?.state).toBe('undetermined');
    expect(implant?.reasons.length).toBeGreaterThan(0);
  });

  it('leaves PJK undetermined without a fusion range, with the reason', () => {
    const comparison = compareAlignment({ preoperative, achieved: kyphoticAboveUiv });
    const pjk = flagViews(comparison).find((f) => f.key === 'pjk');
    expect(pjk?.state).toBe('undetermined');
    expect(pjk?.reasons.join(' ')).toMatch(/^pjk: .*fusion/);
  });
});
