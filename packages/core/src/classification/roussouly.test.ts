import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from '../case/levels.js';
import type { LateralCorner, LateralRadiograph } from '../case/types.js';
import { measureCase } from '../measurements/measureCase.js';
import { caseOf, chosenInputs } from '../test-support/classificationCases.js';
import { buildLateralSpine } from '../test-support/syntheticLateral.js';
import { classificationInputs, NO_STANDING_LATERAL } from './classificationInputs.js';
import { roussouly, type RoussoulyType } from './roussouly.js';

// Roussouly P et al., Spine 2005;30:346–353 (summary: ars-neurochirurgica.com "Roussouly Klassifikation"):
// type 1 SS < 35°, apex of the lordosis at the centre of L5; type 2 SS < 35°, apex at the base of L4;
// type 3 35° ≤ SS ≤ 45°, apex at the centre of L4; type 4 SS > 45°, apex at the base of L3 or higher.
// SpineRecon's documented rule: SS > 45 → 4; 35 ≤ SS ≤ 45 → 3; SS < 35 → 1 when the apex is L5 or the
// L5–S1 disc, else 2. No published numeric worked example was found: the examples below are built from
// the definition, with lateral films whose lordosis apex is known by construction.

const classify = (film: LateralRadiograph) => {
  const spineCase = caseOf({ lateral: film });
  return roussouly(classificationInputs(spineCase, measureCase(spineCase)));
};

const LUMBAR_DISCS = { L1: 4, L2: 6, L3: 9, L4: 12, L5: 15 } as const;

/** A film with the given sacral slope; the lumbar discs decide where the lordosis turns vertical. */
const film = (sacralSlopeDeg: number, discAnglesDeg: Partial<Record<Level, number>> = LUMBAR_DISCS) =>
  buildLateralSpine({ sacralSlopeDeg, discAnglesDeg, pixelSpacingMm: 0.2 }).radiograph;

// L5 endplates horizontal (SS 15° − L5–S1 disc 15°): the L5 body is the most anterior, apex L5.
const APEX_L5 = film(15);
// The L5–S1 disc opens 16° around the vertical (S1 +8°, L5 inferior −8°): apex at the L5–S1 disc.
const APEX_L5_S1 = film(8, { ...LUMBAR_DISCS, L5: 16 });
// SS 20°: the tilt crosses zero inside the L4–L5 disc (L5 +5°, L4 −7°): apex at the base of L4.
const APEX_L4_L5 = film(20);

/** Independent oracle of the documented rule. */
function expectedType(ss: number, apex: string | null): RoussoulyType | null {
  if (ss > 45) return '4';
  if (ss >= 35) return '3';
  if (apex === null) return null;
  return apex === 'L5' || apex === 'L5–S1' ? '1' : '2';
}

describe('Roussouly worked examples (built from the definition)', () => {
  it.each([
    ['type 1: SS 15°, lordosis apex at L5', APEX_L5, '1', 'L5'],
    ['type 1: SS 8°, lordosis apex at the L5–S1 disc', APEX_L5_S1, '1', 'L5–S1'],
    ['type 2: SS 20°, lordosis apex at the base of L4 (L4–L5 disc)', APEX_L4_L5, '2', 'L4–L5'],
    ['type 3: SS 40°', film(40), '3', 'L2–L3'],
    ['type 4: SS 50°', film(50), '4', 'L1'],
  ] as const)('%s', (_name, radiograph, type, apex) => {
    const result = classify(radiograph);
    expect(result.type).toBe(type);
    expect(result.lordosisApex).toBe(apex);
    expect(result.citations).toEqual(['roussouly-2005', 'laouissat-2018']);
  });

  it('says that the anteverted type 3 (Laouissat 2018) is not assessed, instead of guessing it', () => {
    const result = classify(film(40));
    expect(result.undetermined['type 3 with anteverted pelvis']).toMatch(/not assessed/);
    expect(classify(film(50)).undetermined).toEqual({});
  });
});

describe('Roussouly boundaries (chosen sacral slope, exact)', () => {
  it.each([
    [34.9, APEX_L5, '1'],
    [34.9, APEX_L4_L5, '2'],
    [35, APEX_L4_L5, '3'],
    [35, APEX_L5, '3'],
    [45, APEX_L5, '3'],
    [45.1, APEX_L5, '4'],
    [0, APEX_L5_S1, '1'],
    [-5, APEX_L4_L5, '2'],
  ] as const)('SS %s° → type %s for its film', (sacralSlopeDeg, radiograph, type) => {
    const result = roussouly(chosenInputs({ lateral: { sacralSlopeDeg }, lateralFilm: radiograph }));
    expect(result.type).toBe(type);
  });
});

describe('Roussouly properties', () => {
  it('the type changes only at SS 35° and 45° (and, below 35°, with the apex)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 80, noNaN: true }),
        fc.constantFrom(APEX_L5, APEX_L5_S1, APEX_L4_L5, film(40), film(50)),
        (sacralSlopeDeg, radiograph) => {
          const result = roussouly(chosenInputs({ lateral: { sacralSlopeDeg }, lateralFilm: radiograph }));
          expect(result.type).toBe(expectedType(sacralSlopeDeg, result.lordosisApex));
        },
      ),
    );
  });

  it('types synthetic spines by their sacral slope and lordosis apex (away from 35° and 45°)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 5, max: 60, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 18, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (sacralSlopeDeg, discs) => {
          fc.pre(Math.abs(sacralSlopeDeg - 35) > 1e-6 && Math.abs(sacralSlopeDeg - 45) > 1e-6);
          const [L1, L2, L3, L4, L5] = discs;
          const result = classify(film(sacralSlopeDeg, { L1, L2, L3, L4, L5 }));
          expect(result.lordosisApex).toMatch(/^L[1-5](–(L[1-5]|S1))?$/);
          expect(result.type).toBe(expectedType(sacralSlopeDeg, result.lordosisApex));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('never guesses: removing lumbar landmarks gives the same type or null with a reason', () => {
    const corners: [Level, LateralCorner][] = (['L3', 'L4', 'L5'] as const).flatMap((level) =>
      (['superiorAnterior', 'superiorPosterior', 'inferiorAnterior', 'inferiorPosterior'] as const).map(
        (corner): [Level, LateralCorner] => [level, corner],
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(APEX_L5, APEX_L4_L5, film(40)),
        fc.subarray(corners, { minLength: 1 }),
        (full, removed) => {
          const reference = classify(full);
          const vertebrae = { ...full.vertebrae };
          for (const [level, corner] of removed) {
            const { [corner]: _gone, ...kept } = vertebrae[level] ?? {};
            vertebrae[level] = kept;
          }
          const result = classify({ ...full, vertebrae });
          expect(result.lordosisApex).toBeNull();
          expect(result.undetermined.lordosisApex).toMatch(/needs/);
          if (result.type === null) expect(result.undetermined.type).toMatch(/apex of the lordosis/);
          else expect(result.type).toBe(reference.type);
        },
      ),
    );
  });
});

describe('Roussouly undetermined, never a guess', () => {
  it('gives no type and no apex without a standing lateral film', () => {
    const result = roussouly(chosenInputs({}));
    expect(result).toMatchObject({ type: null, lordosisApex: null });
    expect(result.undetermined).toEqual({ lordosisApex: NO_STANDING_LATERAL, type: NO_STANDING_LATERAL });
  });

  it('gives no type without the S1 endplate (no sacral slope)', () => {
    const { S1: _s1, ...vertebrae } = APEX_L5.vertebrae;
    const result = classify({ ...APEX_L5, vertebrae });
    expect(result.type).toBeNull();
    expect(result.undetermined.type).toMatch(/sacralSlopeDeg: needs the superior endplate of S1/);
  });

  it('below 35° without a lordosis apex: type 1 or 2 cannot be told apart, so no type', () => {
    const { L1: _l1, ...vertebrae } = APEX_L5.vertebrae;
    const result = classify({ ...APEX_L5, vertebrae });
    expect(result.type).toBeNull();
    expect(result.undetermined.type).toMatch(/type 1 or 2.*apex of the lordosis/);
    expect(result.undetermined.lordosisApex).toMatch(/all four corners of L1/);
  });

  it('from 35° the type needs no apex: type 3 or 4 is given, the missing apex still reported', () => {
    const full = film(40);
    const { L1: _l1, ...vertebrae } = full.vertebrae;
    const result = classify({ ...full, vertebrae });
    expect(result).toMatchObject({ type: '3', lordosisApex: null });
    expect(result.undetermined.lordosisApex).toMatch(/L1/);
  });
});
