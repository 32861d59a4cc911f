import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from '../case/levels.js';
import { measureCase } from '../measurements/measureCase.js';
import {
  bendingFilms,
  caseOf,
  chosenInputs,
  cornersX,
  coronalWithCurves,
  withCsvlAtImageX,
  withoutLevels,
  withPedicles,
  type BendingCurve,
  type ChosenCurve,
} from '../test-support/classificationCases.js';
import { buildLateralSpine } from '../test-support/syntheticLateral.js';
import { classificationInputs, NO_STANDING_CORONAL, NO_STANDING_LATERAL } from './classificationInputs.js';
import { lenkeRegion } from './curveRegions.js';
import { lenke, type LenkeClassification, type LenkeType } from './lenke.js';

// Lenke LG et al., J Bone Joint Surg Am 2001;83:1169–1181. Regions by apex: proximal thoracic T3–T5, main
// thoracic T6–T11/12 disc, thoracolumbar/lumbar T12–L4. Major = largest Cobb (MT or TL/L; MT when PT is the
// largest). A minor curve is structural when its side-bending Cobb is ≥ 25° or the kyphosis over it
// (T2–T5 for PT, T10–L2 for MT and TL/L) is ≥ +20°. Types: 1 MT; 2 PT+MT; 3 MT+TL/L (MT major);
// 4 PT+MT+TL/L; 5 TL/L; 6 TL/L+MT (TL/L major). Lumbar modifier: A CSVL between the pedicles of the lumbar
// apical vertebra, B touching the apical body, C not touching it. Sagittal modifier T5–T12: − < +10°,
// N +10° to +40°, + > +40°.

const classify = (spineCase: Parameters<typeof measureCase>[0]) =>
  lenke(classificationInputs(spineCase, measureCase(spineCase)));

const curve = (
  apex: ChosenCurve['apex'],
  cobbDeg: number,
  [upperEnd, lowerEnd]: readonly [ChosenCurve['apex'], ChosenCurve['apex']],
  convexity: 'left' | 'right',
): Required<ChosenCurve> => ({ apex, cobbDeg, upperEnd, lowerEnd, convexity });
const MT = curve('T8', 50, ['T5', 'T11'], 'right');
const TL = curve('L1', 30, ['T11', 'L4'], 'left');
const PT = curve('T3', 30, ['T1', 'T5'], 'left');

/** A standing film from landmarks: right MT curve T5–T11 of `mtDeg`, left TL/L curve T11–L4 (apex L1) of `tlDeg`. */
const doubleCurve = (mtDeg: number, tlDeg: number) => coronalWithCurves(anchors(mtDeg, tlDeg));
const anchors = (mtDeg: number, tlDeg: number): [Level, number][] =>
  Array.of<[Level, number]>(['T5', -mtDeg / 2], ['T11', mtDeg / 2], ['L4', mtDeg / 2 - tlDeg]);
const filmMt25Tl53 = () => doubleCurve(25, 53);
const filmMt50Tl20 = () => doubleCurve(50, 20);
const filmMt60Tl50 = () => doubleCurve(60, 50);
const mt = (cobbDeg: number) => ({ ...MT, cobbDeg });
const tl = (cobbDeg: number) => ({ ...TL, cobbDeg });

const summary = (r: LenkeClassification) => [r.type, r.lumbarModifier, r.sagittalModifier, r.classification];

/** A curve of a chosen case bent to `residualDeg` on its side-bending film. */
const bent = (curve: Required<ChosenCurve> | Omit<BendingCurve, 'residualDeg'>, residualDeg: number) => ({
  upperEnd: curve.upperEnd,
  lowerEnd: curve.lowerEnd,
  convexity: curve.convexity,
  residualDeg,
});
/** Classification-input bending films for the given bent curves. */
const bending = (curves: readonly BendingCurve[]) => {
  const films = bendingFilms(curves);
  return {
    left: films.find((f) => f.posture === 'left-bending'),
    right: films.find((f) => f.posture === 'right-bending'),
  };
};

/** A lateral film with T5–T12 kyphosis +5° (hypokyphosis), T2–T5 +1°, T10–L2 −4°: no structural kyphosis. */
function hypokyphotic() {
  const film = buildLateralSpine({
    discAnglesDeg: { T4: -1, T5: -1, T6: -1, T7: -1, T8: -1, T9: -1, L1: 4, L2: 6, L3: 9, L4: 12, L5: 15 },
    pixelSpacingMm: 0.2,
  });
  expect(film.expected.thoracicKyphosisT5T12Deg).toBeCloseTo(5, 9);
  expect(film.expected.thoracolumbarKyphosisT10L2Deg).toBeCloseTo(-4, 9);
  return film;
}

describe('Lenke worked examples', () => {
  it('AO Surgery Reference, Lenke 5 definition: MT 25° bending to 16°, TL/L 53° bending to 11° → 5C', () => {
    // surgeryreference.aofoundation.org …/adolescent-idiopathic-scoliosis/lenke-5/definition: "a 15 year old
    // female with Lenke 5C curve consisting of: no PT curve; 25° minor MT curve, correcting to 16° on side
    // bending; 53° major TL/L curve, correcting to 11° on side bending. The MT curve is non-structural."
    // Rebuilt from landmarks: MT T5–T11 25° (right), TL/L T11–L4 53° (left); normal kyphosis.
    const coronal = filmMt25Tl53();
    const lateral = buildLateralSpine({ pixelSpacingMm: 0.2 });
    const result = classify(
      caseOf({ coronal, lateral: lateral.radiograph, bending: bendingFilms([bent(MT, 16), bent(TL, 11)]) }),
    );
    expect(result.curves.map((c) => [c.region, c.upperEnd, c.lowerEnd, c.major, c.structural])).toEqual([
      ['mainThoracic', 'T5', 'T11', false, false],
      ['thoracolumbarLumbar', 'T11', 'L4', true, true],
    ]);
    expect(summary(result)).toEqual([5, 'C', 'N', '5CN']);
    expect(result.inputs['main thoracic side-bending Cobb (deg)']).toBeCloseTo(16, 9);
  });

  it('Harms Study Group "Lenke class 1A−": MT major, others bend out, CSVL between the pedicles, T5–T12 < 10°', () => {
    // hsg.settingscoliosisstraight.org/lenke-calculator/lenke-class-1aminus (definition; numbers ours):
    // MT T5–T11 50°, compensatory TL/L 20° (< 25° standing, so < 25° bending), CSVL between the pedicles of
    // the lumbar apical vertebra, T5–T12 kyphosis 5°.
    const film = filmMt50Tl20();
    const { superiorRight, superiorLeft } = cornersX(film, 'L1');
    const width = superiorLeft - superiorRight; // AP display: the patient's right is on the image's left
    const withPedicle = withPedicles(film, 'L1', superiorRight + 0.3 * width, superiorLeft - 0.3 * width);
    const coronal = withCsvlAtImageX(withPedicle, superiorRight + 0.5 * width);
    const result = classify(caseOf({ coronal, lateral: hypokyphotic().radiograph }));
    expect(summary(result)).toEqual([1, 'A', '-', '1A-']);
    expect(result.inputs.lumbarApicalVertebra).toBe('L1');
  });

  it('Harms Study Group "Lenke class 3B−": MT major, TL/L structural on bending, CSVL touching the body', () => {
    // settingscoliosisstraight.org patient handbook "Lenke Class 3B−" (definition; numbers ours): MT 60°,
    // TL/L 50° bending to 30° (≥ 25° → structural), CSVL on the apical body outside its concave pedicle.
    const film = filmMt60Tl50();
    const { superiorRight, superiorLeft, inferiorRight } = cornersX(film, 'L1');
    const width = superiorLeft - superiorRight;
    const nearRight = Math.max(superiorRight, inferiorRight);
    const coronal = withCsvlAtImageX(
      withPedicles(film, 'L1', nearRight + 0.3 * width, superiorLeft - 0.3 * width),
      nearRight + 0.1 * width, // on the body, between its right (concave) margin and the right pedicle
    );
    const lateral = hypokyphotic();
    const result = classify(
      caseOf({ coronal, lateral: lateral.radiograph, bending: bendingFilms([bent(TL, 30)]) }),
    );
    expect(summary(result)).toEqual([3, 'B', '-', '3B-']);
  });

  // Lenke 2001 type table; the minor curves are made structural (or not) by side-bending or kyphosis.
  interface TypeRow {
    name: string;
    curves: ChosenCurve[];
    t2t5?: number;
    tl?: number;
    mt?: number;
    type: LenkeType;
  }
  it.each<TypeRow>([
    { name: 'MT major, TL/L bends to 10°', curves: [MT, TL], tl: 10, type: 1 },
    { name: 'PT +25°, MT major, TL/L bends to 10°', curves: [PT, MT, TL], t2t5: 25, tl: 10, type: 2 },
    { name: 'MT major, TL/L 45° bends to 30°', curves: [MT, tl(45)], tl: 30, type: 3 },
    { name: 'PT +25°, MT major, TL/L bends to 30°', curves: [PT, MT, TL], t2t5: 25, tl: 30, type: 4 },
    { name: 'MT 30° bends to 15°, TL/L 55° major', curves: [mt(30), tl(55)], mt: 15, type: 5 },
    { name: 'MT 45° bends to 30°, TL/L 55° major', curves: [mt(45), tl(55)], mt: 30, type: 6 },
  ])('type table of Lenke 2001: $name → type $type', (row) => {
    const t2t5 = row.t2t5 ?? 5;
    const bentCurves = [
      ...(row.tl === undefined ? [] : [bent(TL, row.tl)]),
      ...(row.mt === undefined ? [] : [bent(MT, row.mt)]),
    ];
    const result = lenke(
      chosenInputs({
        curves: row.curves,
        lateral: { proximalThoracicKyphosisT2T5Deg: t2t5, thoracolumbarKyphosisT10L2Deg: 5 },
        bending: bending(bentCurves),
      }),
    );
    expect(result.type).toBe(row.type);
  });
});

describe('Lenke boundaries', () => {
  const withTl = (tlCobb: number, t10l2: number, tlBendingDeg?: number) =>
    lenke(
      chosenInputs({
        curves: [MT, tl(tlCobb)],
        lateral: { thoracolumbarKyphosisT10L2Deg: t10l2, thoracicKyphosisT5T12Deg: 25 },
        bending: bending(tlBendingDeg === undefined ? [] : [bent(TL, tlBendingDeg)]),
      }),
    );

  it('side-bending Cobb 24.9° is not structural, 25.1° is (threshold ≥ 25°)', () => {
    expect(withTl(40, 5, 24.9).type).toBe(1);
    expect(withTl(40, 5, 25.1).type).toBe(3);
  });

  it('T10–L2 kyphosis 19.9° is not structural, exactly +20° is (threshold ≥ +20°)', () => {
    expect(withTl(20, 19.9).type).toBe(1);
    expect(withTl(20, 20).type).toBe(3);
  });

  it('T2–T5 kyphosis exactly +20° makes the proximal thoracic curve structural (type 2), 19.9° does not', () => {
    const at = (t2t5: number) =>
      lenke(
        chosenInputs({
          curves: [{ ...PT, cobbDeg: 20 }, MT],
          lateral: { proximalThoracicKyphosisT2T5Deg: t2t5 },
        }),
      );
    expect(at(20).type).toBe(2);
    expect(at(19.9).type).toBe(1);
  });

  it('a minor curve under 25° standing needs no bending film: it cannot bend to 25° or more', () => {
    const result = withTl(24.9, 5);
    expect(result.type).toBe(1);
    expect(result.undetermined).toEqual({ lumbarModifier: expect.any(String) });
  });

  it.each([
    [9.9, '-'],
    [10, 'N'],
    [40, 'N'],
    [40.1, '+'],
    [-12, '-'],
  ] as const)('T5–T12 kyphosis %s° → sagittal modifier %s', (value, expected) => {
    expect(lenke(chosenInputs({ lateral: { thoracicKyphosisT5T12Deg: value } })).sagittalModifier).toBe(
      expected,
    );
  });

  it('the larger of MT and TL/L is major; equal curves leave the MT major (type 3, not 6)', () => {
    const types = [49.9, 50, 50.1].map((tlCobb) => withTl(tlCobb, 25).type);
    expect(types).toEqual([3, 3, 6]);
  });

  it('regions by apex: T3–T5 proximal thoracic, T6–T11 main thoracic, T12–L4 thoracolumbar/lumbar', () => {
    const levels = ['T2', 'T3', 'T5', 'T6', 'T11', 'T12', 'L1', 'L4', 'L5'] as const;
    expect(levels.map((level) => lenkeRegion(level))).toEqual([
      undefined,
      'proximalThoracic',
      'proximalThoracic',
      'mainThoracic',
      'mainThoracic',
      'thoracolumbarLumbar',
      'thoracolumbarLumbar',
      'thoracolumbarLumbar',
      undefined,
    ]);
    // A curve outside the three regions is not a Lenke curve: a lone proximal thoracic curve gives no type.
    const lone = lenke(chosenInputs({ curves: [{ apex: 'T4', cobbDeg: 40 }] }));
    expect(lone.type).toBeNull();
    expect(lone.undetermined.type).toMatch(/no main thoracic or thoracolumbar\/lumbar curve/);
  });

  it('lumbar modifier: CSVL on a medial pedicle wall → A; just outside it, on the body → B; off the body → C', () => {
    const film = filmMt50Tl20();
    const x = cornersX(film, 'L1');
    // AP display: the patient's right (the concave side of this left lumbar curve) is on the image's left.
    const [outer, inner] = [
      Math.min(x.superiorRight, x.inferiorRight),
      Math.max(x.superiorRight, x.inferiorRight),
    ];
    const pedicleRight = inner + 20;
    const modifierAt = (csvl: number) =>
      classify(
        caseOf({
          coronal: withCsvlAtImageX(withPedicles(film, 'L1', pedicleRight, x.superiorLeft - 20), csvl),
        }),
      ).lumbarModifier;
    expect(modifierAt(pedicleRight + 1)).toBe('A');
    expect(modifierAt(pedicleRight)).toBe('A'); // on the medial wall: between the pedicles (inclusive)
    expect(modifierAt(pedicleRight - 1)).toBe('B');
    expect(modifierAt(inner)).toBe('B');
    expect(modifierAt(outer - 1)).toBe('C');
  });

  it('lumbar modifier: a CSVL crossing the lateral edge of a tilted apical body touches it (B, not C)', () => {
    // Lenke 2001: C = the CSVL falls completely medial to the lateral aspect of the apical body, i.e. does
    // not touch it. Here the L1 body is tilted (its right corners at different x) and the CSVL crosses its
    // right lateral edge between the inferior-right corner and the mid-height margin: it touches the body.
    const film = filmMt25Tl53();
    const x = cornersX(film, 'L1');
    const [outer, inner] = [
      Math.min(x.superiorRight, x.inferiorRight),
      Math.max(x.superiorRight, x.inferiorRight),
    ];
    expect(inner - outer).toBeGreaterThan(10); // a tilted apical body: 10 px = 2 mm between its right corners
    const coronal = withCsvlAtImageX(
      withPedicles(film, 'L1', inner + 40, x.superiorLeft - 40),
      outer + 0.25 * (inner - outer),
    );
    expect(classify(caseOf({ coronal })).lumbarModifier).toBe('B');
  });
});

describe('Lenke properties', () => {
  it('structural by bending exactly when the side-bending Cobb is ≥ 25° (kyphosis under 20°)', () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 60, noNaN: true }), (residual) => {
        fc.pre(Math.abs(residual - 25) > 1e-6);
        const result = lenke(
          chosenInputs({
            curves: [MT, tl(45)],
            lateral: { thoracolumbarKyphosisT10L2Deg: 0 },
            bending: bending([bent(TL, residual)]),
          }),
        );
        expect(result.type).toBe(residual >= 25 ? 3 : 1);
      }),
      { numRuns: 80 },
    );
  });

  it('follows the published type table for every pattern of structural minor curves and major curve', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (ptStructural, minorStructural, lumbarMajor) => {
        // PT structural through T2–T5 kyphosis; the minor of MT / TL/L through T10–L2 kyphosis.
        const curves = [
          PT,
          { ...MT, cobbDeg: lumbarMajor ? 40 : 50 },
          { ...TL, cobbDeg: lumbarMajor ? 50 : 40 },
        ];
        const result = lenke(
          chosenInputs({
            curves,
            lateral: {
              proximalThoracicKyphosisT2T5Deg: ptStructural ? 20 : 19,
              thoracolumbarKyphosisT10L2Deg: minorStructural ? 20 : 19,
            },
            bending: bending([bent(PT, 5), bent(MT, 5), bent(TL, 5)]),
          }),
        );
        const expected: LenkeType | null = lumbarMajor
          ? ptStructural
            ? minorStructural
              ? 4
              : null
            : minorStructural
              ? 6
              : 5
          : ptStructural
            ? minorStructural
              ? 4
              : 2
            : minorStructural
              ? 3
              : 1;
        expect(result.type).toBe(expected);
        if (expected === null) expect(result.undetermined.type).toMatch(/no Lenke type/);
      }),
    );
  });

  it('sagittal modifier changes only at +10° and +40°', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 90, noNaN: true }), (value) => {
        const modifier = lenke(
          chosenInputs({ lateral: { thoracicKyphosisT5T12Deg: value } }),
        ).sagittalModifier;
        expect(modifier).toBe(value < 10 ? '-' : value <= 40 ? 'N' : '+');
      }),
    );
  });
});

describe('Lenke undetermined, never a guess', () => {
  it('without films: type, modifiers and the classification are null, each with the reason', () => {
    const result = classify(caseOf({}));
    expect(summary(result)).toEqual([null, null, null, null]);
    expect(result.undetermined).toMatchObject({
      type: NO_STANDING_CORONAL,
      lumbarModifier: NO_STANDING_CORONAL,
      sagittalModifier: NO_STANDING_LATERAL,
    });
  });

  it('a minor curve of 25° or more without its bending film and with T10–L2 kyphosis < 20° is undetermined', () => {
    const result = lenke(
      chosenInputs({ curves: [MT, tl(40)], lateral: { thoracolumbarKyphosisT10L2Deg: 5 } }),
    );
    expect(result.type).toBeNull();
    expect(result.curves.find((c) => c.region === 'thoracolumbarLumbar')?.structural).toBeNull();
    expect(result.undetermined.thoracolumbarLumbarStructural).toMatch(/left-bending film/);
  });

  it('…but is structural without a bending film when the T10–L2 kyphosis alone is ≥ 20°', () => {
    const result = lenke(
      chosenInputs({ curves: [MT, tl(40)], lateral: { thoracolumbarKyphosisT10L2Deg: 25 } }),
    );
    expect(result.type).toBe(3);
  });

  it('the lumbar modifier needs the pedicle points when the CSVL touches the apical body', () => {
    const film = filmMt50Tl20();
    const x = cornersX(film, 'L1');
    const result = classify(
      caseOf({ coronal: withCsvlAtImageX(film, (x.superiorRight + x.superiorLeft) / 2) }),
    );
    expect(result.lumbarModifier).toBeNull();
    expect(result.undetermined.lumbarModifier).toMatch(/medial pedicle point of L1/);
    const noS1 = classify(caseOf({ coronal: withoutLevels(film, ['S1']) }));
    expect(noS1.undetermined.lumbarModifier).toMatch(/CSVL needs the superior endplate of S1/);
  });

  it('never guesses: dropping the bending film, its vertebrae or the lateral film gives the same type or null', () => {
    const curves = [PT, MT, tl(45)];
    const films = bending([bent(PT, 28), bent(TL, 30)]); // one left-bending film: PT and TL/L curves
    const lateral = {
      proximalThoracicKyphosisT2T5Deg: 10,
      thoracolumbarKyphosisT10L2Deg: 10,
      thoracicKyphosisT5T12Deg: 20,
    };
    const reference = lenke(chosenInputs({ curves, lateral, bending: films }));
    expect(reference.type).toBe(4);
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.subarray(['T1', 'T2', 'T5', 'T11', 'L3', 'L4'] as const, { maxLength: 2 }),
        (withBending, withLateral, unmarked) => {
          const left = withBending && films.left ? withoutLevels(films.left, unmarked) : undefined;
          const result = lenke(
            chosenInputs({ curves, ...(withLateral ? { lateral } : {}), bending: left ? { left } : {} }),
          );
          if (result.type === null) expect(result.undetermined.type).toMatch(/\S/);
          else expect(result.type).toBe(reference.type);
        },
      ),
    );
  });
});
