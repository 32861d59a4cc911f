import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from '../case/levels.js';
import { buildLateralSpine, DEFAULT_DISC_ANGLES_DEG } from '../test-support/syntheticLateral.js';
import { proximalJunctionalAngle, proximalJunctionalKyphosis, twoLevelsAbove } from './junctionalKyphosis.js';

// Glattes 2005 as restated by Clohisy & Kim (Int J Spine Surg 2023;17(S2):S65) and Kim et al. (Asian
// Spine J 16(3):440): PJA = Cobb from the UIV inferior endplate to the UIV+2 superior endplate;
// PJK = PJA ≥ 10° and at least 10° more than preoperatively.

/** A film whose T8–T9 and T9–T10 discs (above a T10 UIV) are set to the given kyphosis each. */
function filmWithJunction(kyphosisPerDiscDeg: number) {
  return buildLateralSpine({
    discAnglesDeg: { ...DEFAULT_DISC_ANGLES_DEG, T8: -kyphosisPerDiscDeg, T9: -kyphosisPerDiscDeg },
  });
}

describe('proximalJunctionalAngle', () => {
  it('equals the tilt of the UIV+2 superior endplate minus that of the UIV inferior endplate', () => {
    const spine = buildLateralSpine();
    for (const uiv of ['T4', 'T10', 'L1'] as Level[]) {
      const pja = proximalJunctionalAngle(spine.radiograph, uiv);
      const upper = twoLevelsAbove(uiv) as Level;
      const expected =
        (spine.tiltsDeg.get(`${upper}.superior`) ?? NaN) - (spine.tiltsDeg.get(`${uiv}.inferior`) ?? NaN);
      expect(pja.ok && pja.value).toBeCloseTo(expected, 9);
    }
  });

  it('is the sum of the two junctional disc kyphoses on a synthetic film, kyphosis positive', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 15, noNaN: true }), (perDisc) => {
        const pja = proximalJunctionalAngle(filmWithJunction(perDisc).radiograph, 'T10');
        expect(pja.ok && pja.value).toBeCloseTo(2 * perDisc, 9);
      }),
    );
  });

  it('is unavailable with the reason when an endplate is not marked', () => {
    const spine = buildLateralSpine();
    const { T8: _removed, ...vertebrae } = spine.radiograph.vertebrae;
    const pja = proximalJunctionalAngle({ ...spine.radiograph, vertebrae }, 'T10');
    expect(pja).toEqual({ ok: false, reason: 'needs the superior endplate of T8' });
    expect(proximalJunctionalAngle(spine.radiograph, 'C2')).toMatchObject({ ok: false });
  });

  it('is unchanged when the film is mirrored', () => {
    const right = filmWithJunction(7).radiograph;
    const left = buildLateralSpine({
      discAnglesDeg: { ...DEFAULT_DISC_ANGLES_DEG, T8: -7, T9: -7 },
      anteriorOnImage: 'left',
    }).radiograph;
    const a = proximalJunctionalAngle(right, 'T10');
    const b = proximalJunctionalAngle(left, 'T10');
    expect(a.ok && b.ok && a.value - b.value).toBeCloseTo(0, 9);
  });
});

describe('proximalJunctionalKyphosis', () => {
  it('flags PJK when the PJA reaches 10° and rose by 10° or more', () => {
    const result = proximalJunctionalKyphosis(
      filmWithJunction(0).radiograph,
      filmWithJunction(6).radiograph,
      'T10',
    );
    expect(result.preoperativePjaDeg).toBeCloseTo(0, 9);
    expect(result.followUpPjaDeg).toBeCloseTo(12, 9);
    expect(result.pjk).toBe(true);
  });

  it('does not flag a large PJA that was already there before surgery', () => {
    const result = proximalJunctionalKyphosis(
      filmWithJunction(5).radiograph,
      filmWithJunction(7).radiograph,
      'T10',
    );
    expect(result.followUpPjaDeg).toBeCloseTo(14, 9);
    expect(result.pjk).toBe(false);
  });

  it('does not flag a rise of 10° that stays under 10°', () => {
    const result = proximalJunctionalKyphosis(
      filmWithJunction(-3).radiograph,
      filmWithJunction(3).radiograph,
      'T10',
    );
    expect(result.followUpPjaDeg).toBeCloseTo(6, 9);
    expect(result.pjk).toBe(false);
  });

  it('is undetermined without the preoperative film, saying so', () => {
    const result = proximalJunctionalKyphosis(undefined, filmWithJunction(8).radiograph, 'T10');
    expect(result.pjk).toBeNull();
    expect(result.followUpPjaDeg).toBeCloseTo(16, 9);
    expect(result.undetermined.preoperativePjaDeg).toBe('no preoperative lateral film');
    expect(result.undetermined.pjk).toMatch(/both/);
  });

  it('is undetermined when a film lacks the junctional landmarks', () => {
    const spine = filmWithJunction(8);
    const { T10: _removed, ...vertebrae } = spine.radiograph.vertebrae;
    const result = proximalJunctionalKyphosis(
      filmWithJunction(0).radiograph,
      { ...spine.radiograph, vertebrae },
      'T10',
    );
    expect(result.pjk).toBeNull();
    expect(result.undetermined.followUpPjaDeg).toMatch(/inferior endplate of T10/);
  });
});
