import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from '../case/levels.js';
import type { LateralRadiograph, LateralVertebra } from '../case/types.js';
import { adjacentSegmentChange } from './adjacentSegment.js';

const LUMBAR: readonly Level[] = ['T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'S1'];
const DEPTH_MM = 40;
const BODY_MM = 25;

/**
 * A lateral film of level vertebral bodies (endplates horizontal), anterior to the image right. `discs`
 * sets the disc height (default 10 mm) and the forward slip (default 0) of a level over the one below;
 * `mmPerPixel` null leaves the film uncalibrated.
 */
function film(
  discs: Partial<Record<Level, { heightMm?: number; slipMm?: number }>> = {},
  mmPerPixel: number | null = 0.5,
): LateralRadiograph {
  const px = (mm: number) => mm / (mmPerPixel ?? 1);
  const vertebrae: Partial<Record<Level, LateralVertebra>> = {
    S1: { superiorPosterior: [px(100), px(1000)], superiorAnterior: [px(100 + DEPTH_MM), px(1000)] },
  };
  let x = 100;
  let top = 1000;
  for (let i = LUMBAR.length - 2; i >= 0; i--) {
    const level = LUMBAR[i] as Level;
    const disc = discs[level] ?? {};
    x += disc.slipMm ?? 0;
    const bottom = top - (disc.heightMm ?? 10);
    top = bottom - BODY_MM;
    vertebrae[level] = {
      inferiorPosterior: [px(x), px(bottom)],
      inferiorAnterior: [px(x + DEPTH_MM), px(bottom)],
      superiorPosterior: [px(x), px(top)],
      superiorAnterior: [px(x + DEPTH_MM), px(top)],
    };
  }
  return {
    id: 'film',
    view: 'lateral',
    posture: 'standing',
    anteriorOnImage: 'right',
    ...(mmPerPixel === null ? {} : { pixelSpacingMm: mmPerPixel }),
    vertebrae,
    femoralHeads: [],
  };
}

const fusion = { upperInstrumentedVertebra: 'L2', lowerInstrumentedVertebra: 'L5' } as const;
const check = (
  followUp: LateralRadiograph,
  reference = film(),
  f: typeof fusion | { upperInstrumentedVertebra: Level; lowerInstrumentedVertebra: Level } = fusion,
) => adjacentSegmentChange({ reference, referenceKind: 'immediate-postoperative', followUp, fusion: f });

describe('adjacentSegmentChange', () => {
  it('looks at the segment above the UIV and the one below the LIV', () => {
    const result = check(film());
    expect(result.levels.map((l) => [l.position, l.upper, l.lower])).toEqual([
      ['above', 'L1', 'L2'],
      ['below', 'L5', 'S1'],
    ]);
    expect(result.flag).toBe(false);
    expect(result.reasons.join(' ')).toMatch(/flexion .* not assessed/);
  });

  it('flags a new listhesis of more than 3 mm above the UIV, in millimetres at the patient', () => {
    const result = check(film({ L1: { slipMm: 4 } }));
    expect(result.flag).toBe(true);
    expect(result.levels[0]?.translationChangeMm).toBeCloseTo(4, 9);
    expect(result.reasons.join(' ')).toMatch(/L1–L2 translation changed 4 mm \(> 3 mm\)/);
  });

  it('flags a retrolisthesis the same way, and not a change of 3 mm or less', () => {
    expect(check(film({ L1: { slipMm: -3.5 } })).flag).toBe(true);
    expect(check(film({ L1: { slipMm: 3 } })).flag).toBe(false);
  });

  it('flags a loss of disc height of more than 3 mm below the LIV, but not a gain', () => {
    const lost = check(film({ L5: { heightMm: 6.5 } }));
    expect(lost.flag).toBe(true);
    expect(lost.levels[1]?.discHeightChangeMm).toBeCloseTo(-3.5, 9);
    expect(check(film({ L5: { heightMm: 7.5 } })).flag).toBe(false);
    expect(check(film({ L5: { heightMm: 15 } })).flag).toBe(false);
  });

  it('has no segment below an LIV of S1, and says so', () => {
    const result = check(film(), film(), {
      upperInstrumentedVertebra: 'L2',
      lowerInstrumentedVertebra: 'S1',
    });
    expect(result.levels.map((l) => l.position)).toEqual(['above']);
    expect(result.reasons).toContain('LIV S1: no motion segment below the fusion');
  });

  it('is undetermined on an uncalibrated film, since the criteria are in millimetres', () => {
    const result = check(film({}, null), film({}, null));
    expect(result.flag).toBe('undetermined');
    expect(result.undetermined.flag).toMatch(/not calibrated/);
  });

  it('is undetermined when a level cannot be measured and no other level meets a criterion', () => {
    const followUp = film();
    const { L1: _removed, ...vertebrae } = followUp.vertebrae;
    expect(check({ ...followUp, vertebrae }).flag).toBe('undetermined');
    const changedBelow = film({ L5: { heightMm: 5 } });
    const { L1: _gone, ...rest } = changedBelow.vertebrae;
    expect(check({ ...changedBelow, vertebrae: rest }).flag).toBe(true);
  });

  it('is undetermined without a fusion range or a reference film', () => {
    expect(
      adjacentSegmentChange({ referenceKind: 'preoperative', followUp: film(), fusion }).reasons,
    ).toEqual(['no preoperative lateral film']);
    expect(
      adjacentSegmentChange({ reference: film(), referenceKind: 'preoperative', followUp: film() }).flag,
    ).toBe('undetermined');
  });

  it('gives the same answer at any pixel spacing of the same anatomy', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.double({ min: 4, max: 14, noNaN: true }),
        (spacing, slipMm, heightMm) => {
          const a = check(film({ L1: { slipMm }, L5: { heightMm } }, spacing), film({}, spacing));
          const b = check(film({ L1: { slipMm }, L5: { heightMm } }, 1), film({}, 1));
          expect(a.flag).toBe(b.flag);
          expect(a.levels[0]?.translationChangeMm).toBeCloseTo(slipMm, 6);
          expect(a.levels[1]?.discHeightChangeMm).toBeCloseTo(heightMm - 10, 6);
        },
      ),
    );
  });
});
