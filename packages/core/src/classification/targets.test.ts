import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LateralParameter } from '../measurements/lateral/lateralParameters.js';
import { measureCase } from '../measurements/measureCase.js';
import { caseOf, chosenInputs, syntheticAdultDeformityCase } from '../test-support/classificationCases.js';
import { buildLateralSpine } from '../test-support/syntheticLateral.js';
import { classificationInputs, NO_STANDING_LATERAL } from './classificationInputs.js';
import { gapScore, idealGlobalTiltDeg, idealLumbarLordosisDeg, idealSacralSlopeDeg } from './gapScore.js';
import { srsSchwab } from './srsSchwab.js';
import { alignmentTargets, type Target } from './targets.js';

// Alignment targets: the "0" grade of each SRS–Schwab modifier (Schwab 2012: PI−LL < 10°, PT < 20°,
// SVA < 40 mm) and the 0-point ("aligned") band of each GAP component around its PI-based ideal (Yilgor
// 2017: SS ideal −7 to +5°, LL ideal −14 to +11°, LDI 50–80 %, GT ideal −7 to +10°). Age-adjusted targets
// (Lafage 2016) are not shipped until their table is verified.

const find = (targets: readonly Target[], parameter: Target['parameter']) =>
  targets.find((t) => t.parameter === parameter);

describe('SRS–Schwab targets', () => {
  it.each([
    ['piLlMismatchDeg', 9.9, true],
    ['piLlMismatchDeg', 10, false], // 10° is already "+" (Schwab 2012 "10–20°")
    ['pelvicTiltDeg', 19.9, true],
    ['pelvicTiltDeg', 20, false],
    ['sagittalVerticalAxisMm', 39.9, true],
    ['sagittalVerticalAxisMm', 40, false],
    ['sagittalVerticalAxisMm', -30, true],
  ] as const)('%s %s → met %s', (parameter, value, met) => {
    const target = find(
      alignmentTargets(chosenInputs({ lateral: { [parameter]: value } })).srsSchwab.targets,
      parameter,
    );
    expect(target).toMatchObject({ parameter, value, met, min: null });
  });

  it('is met exactly when the SRS–Schwab modifier is "0" (property)', () => {
    const keys = [
      ['piLlMismatchDeg', 'piLl'],
      ['pelvicTiltDeg', 'pt'],
      ['sagittalVerticalAxisMm', 'sva'],
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.double({ min: -100, max: 200, noNaN: true }),
        ([key, field], value) => {
          const inputs = chosenInputs({ lateral: { [key]: value } });
          const met = find(alignmentTargets(inputs).srsSchwab.targets, key)?.met;
          expect(met).toBe(srsSchwab(inputs)[field] === '0');
        },
      ),
    );
  });

  it('a missing value gives met null with the reason, never true or false', () => {
    const targets = alignmentTargets(chosenInputs({})).srsSchwab.targets;
    expect(targets.map((t) => [t.parameter, t.value, t.met, t.reason])).toEqual([
      ['piLlMismatchDeg', null, null, NO_STANDING_LATERAL],
      ['pelvicTiltDeg', null, null, NO_STANDING_LATERAL],
      ['sagittalVerticalAxisMm', null, null, NO_STANDING_LATERAL],
    ]);
  });
});

describe('GAP proportional targets', () => {
  it('gives each range around the PI-based ideal (PI 60°: SS 37.4–49.4°, LL 52.2–77.2°, GT 6.8–23.8°)', () => {
    // Worked from Yilgor 2017: ideal SS 0.59·60 + 9 = 44.4, ideal LL 0.62·60 + 29 = 66.2, ideal GT
    // 0.48·60 − 15 = 13.8.
    const set = alignmentTargets(
      chosenInputs({
        lateral: {
          pelvicIncidenceDeg: 60,
          sacralSlopeDeg: 30,
          lumbarLordosisDeg: 40,
          lumbarLordosisL4S1Deg: 35,
          globalTiltDeg: 30,
        },
      }),
    ).gapProportional;
    const range = (p: Target['parameter']) => {
      const t = find(set.targets, p);
      return [t?.min, t?.max].map((v) => Math.round((v ?? Number.NaN) * 1e9) / 1e9);
    };
    expect(range('sacralSlopeDeg')).toEqual([37.4, 49.4]);
    expect(range('lumbarLordosisDeg')).toEqual([52.2, 77.2]);
    expect(range('lordosisDistributionIndexPercent')).toEqual([50, 80]);
    expect(range('globalTiltDeg')).toEqual([6.8, 23.8]);
    expect(set.targets.map((t) => t.met)).toEqual([false, false, false, false]);
    expect(find(set.targets, 'lordosisDistributionIndexPercent')?.value).toBe(88);
  });

  const COMPONENTS = [
    { parameter: 'sacralSlopeDeg', points: 'rpv', ideal: idealSacralSlopeDeg, ends: [-7, 5] },
    { parameter: 'lumbarLordosisDeg', points: 'rll', ideal: idealLumbarLordosisDeg, ends: [-14, 11] },
    { parameter: 'globalTiltDeg', points: 'rsa', ideal: idealGlobalTiltDeg, ends: [-7, 10] },
  ] as const;
  const inputsWith = (
    pi: number,
    parameter: LateralParameter,
    relative: number,
    ideal: (pi: number) => number,
  ) =>
    chosenInputs({
      lateral: {
        pelvicIncidenceDeg: pi,
        sacralSlopeDeg: idealSacralSlopeDeg(pi),
        lumbarLordosisDeg: idealLumbarLordosisDeg(pi),
        lumbarLordosisL4S1Deg: 0.65 * idealLumbarLordosisDeg(pi),
        globalTiltDeg: idealGlobalTiltDeg(pi),
        [parameter]: ideal(pi) + relative,
      },
      ageYears: 50,
    });

  it('is met exactly when the GAP component scores 0 points (away from the 0.1° rounding margin)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPONENTS),
        fc.double({ min: 30, max: 85, noNaN: true }),
        fc.double({ min: -30, max: 30, noNaN: true }),
        (c, pi, relative) => {
          fc.pre(c.ends.every((end) => Math.abs(relative - end) > 0.06));
          const inputs = inputsWith(pi, c.parameter, relative, c.ideal);
          const met = find(alignmentTargets(inputs).gapProportional.targets, c.parameter)?.met;
          expect(met).toBe(gapScore(inputs).points[c.points] === 0);
        },
      ),
    );
  });

  it.each([
    ['sacralSlopeDeg', -7.04, 'rpv', idealSacralSlopeDeg],
    ['globalTiltDeg', 10.04, 'rsa', idealGlobalTiltDeg],
  ] as const)(
    '%s %s° off its ideal: 0 GAP points, so the GAP target is met',
    (parameter, relative, points, ideal) => {
      // GAP scores the value rounded to 0.1° (−7.04 → −7.0: aligned, 0 points); the target compares the raw
      // value with ideal − 7, so the same spine is "aligned" in the GAP score and "not met" in the targets.
      const inputs = inputsWith(55, parameter, relative, ideal);
      expect(gapScore(inputs).points[points]).toBe(0);
      expect(find(alignmentTargets(inputs).gapProportional.targets, parameter)?.met).toBe(true);
    },
  );

  it('without PI the ranges are undetermined and say why; the LDI target needs no PI', () => {
    const film = buildLateralSpine({ femoralHeadCount: 0, pixelSpacingMm: 0.2 }).radiograph;
    const spineCase = caseOf({ lateral: film });
    const set = alignmentTargets(classificationInputs(spineCase, measureCase(spineCase))).gapProportional;
    for (const p of ['sacralSlopeDeg', 'lumbarLordosisDeg', 'globalTiltDeg'] as const) {
      expect(find(set.targets, p)).toMatchObject({ min: null, max: null, met: null });
      expect(find(set.targets, p)?.reason).toMatch(/the range depends on .*femoral head/);
    }
    expect(find(set.targets, 'lordosisDistributionIndexPercent')?.met).not.toBeNull();
  });

  it('a flat or kyphotic L1–S1 gives no LDI value and no verdict', () => {
    const t = find(
      alignmentTargets(chosenInputs({ lateral: { lumbarLordosisDeg: -5, lumbarLordosisL4S1Deg: 10 } }))
        .gapProportional.targets,
      'lordosisDistributionIndexPercent',
    );
    expect(t).toMatchObject({ value: null, met: null, min: 50, max: 80 });
  });
});

describe('age-adjusted targets', () => {
  it('ships no threshold until Lafage 2016 is verified, and says so instead of guessing', () => {
    const set = alignmentTargets(classificationInputs(syntheticAdultDeformityCase(), [])).ageAdjusted;
    expect(set).toMatchObject({ citation: 'lafage-2016', targets: [] });
    expect(set.undetermined).toMatch(/not been verified/);
  });
});
