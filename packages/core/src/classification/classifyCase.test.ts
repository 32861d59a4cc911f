import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONSERVATIVE_TREATMENTS,
  DIAGNOSES,
  NEUROLOGICAL_STATUSES,
  SINS_ALIGNMENT,
  SINS_PAIN,
  TLICS_MORPHOLOGIES,
  TLICS_NEUROLOGY,
  TLICS_PLC,
  type ClinicalFacts,
  type SpineCase,
} from '../case/types.js';
import { classifyCase as classifyFromIndex, DECISION_SUPPORT_STATEMENT } from '../index.js';
import {
  bendingFilms,
  caseOf,
  coronalWithCurves,
  syntheticAdultDeformityCase,
} from '../test-support/classificationCases.js';
import { buildLateralSpine } from '../test-support/syntheticLateral.js';
import { NO_STANDING_LATERAL } from './classificationInputs.js';
import { CLASSIFICATION_FORMAT, classifyCase, type Classifications } from './classifyCase.js';

/** Result fields that are null without a reason in their classification's `undetermined`. */
function nullWithoutReason(c: Classifications): string[] {
  const missing: string[] = [];
  const check = (system: string, value: unknown, undetermined: Record<string, string>, keys: string[]) => {
    if (value === null && !keys.some((k) => (undetermined[k] ?? '').trim() !== ''))
      missing.push(`${system}: ${keys.join('/')}`);
  };
  const any = (u: Record<string, string>) => Object.keys(u);
  for (const f of ['curveType', 'piLl', 'pt', 'sva'] as const)
    check('srsSchwab', c.srsSchwab[f], c.srsSchwab.undetermined, [f]);
  const l = c.lenke;
  for (const f of ['type', 'lumbarModifier', 'sagittalModifier'] as const)
    check('lenke', l[f], l.undetermined, [f]);
  check('lenke', l.classification, l.undetermined, ['type', 'lumbarModifier', 'sagittalModifier']);
  for (const f of ['type', 'lordosisApex'] as const)
    check('roussouly', c.roussouly[f], c.roussouly.undetermined, [f]);
  for (const [k, v] of Object.entries(c.gap.points)) check('gap', v, c.gap.undetermined, [k]);
  check('gap', c.gap.total, c.gap.undetermined, ['total']);
  check('gap', c.gap.category, c.gap.undetermined, ['total']);
  check('listheses', c.listheses.levels, c.listheses.undetermined, ['levels']);
  check('tlics', c.tlics.total, c.tlics.undetermined, any(c.tlics.undetermined));
  check('sins', c.sins.total, c.sins.undetermined, any(c.sins.undetermined));
  return missing;
}

/** Every number anywhere in a value. */
function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(numbers);
  return [];
}

describe('classifyCase', () => {
  it('is exported from the package entry point and returns every system, targets and the summary', () => {
    const out = classifyFromIndex(syntheticAdultDeformityCase());
    expect(out.format).toBe(CLASSIFICATION_FORMAT);
    expect(out.measurements.format).toBe('spinerecon.measurements/1');
    expect(Object.keys(out.classifications)).toEqual([
      'srsSchwab',
      'lenke',
      'roussouly',
      'gap',
      'listheses',
      'tlics',
      'sins',
    ]);
    expect(Object.keys(out.targets)).toEqual(['srsSchwab', 'gapProportional', 'ageAdjusted']);
  });

  it('classifies the synthetic adult deformity case (values checked by hand in the per-system tests)', () => {
    const { classifications: c } = classifyCase(syntheticAdultDeformityCase());
    expect([c.srsSchwab.curveType, c.srsSchwab.piLl, c.srsSchwab.pt, c.srsSchwab.sva]).toEqual([
      'D',
      '++',
      '+',
      '++',
    ]);
    expect([c.roussouly.type, c.gap.total, c.gap.category]).toEqual(['2', 12, 'severely disproportioned']);
    expect(c.lenke.type).toBeNull(); // the TL/L curve needs a left-bending film, the case has none
    expect(c.lenke.undetermined.thoracolumbarLumbarStructural).toMatch(/left-bending film/);
    expect(c.listheses.levels).toEqual([]);
  });

  it('rounds every number of its output to 6 decimals, as the measurement output does', () => {
    const out = classifyCase(syntheticAdultDeformityCase());
    for (const n of numbers(out)) expect(Math.round(n * 1e6) / 1e6).toBe(n);
  });

  it('is a pure function of the case: same output twice, the case is not changed', () => {
    const spineCase = syntheticAdultDeformityCase();
    const copy = structuredClone(spineCase);
    expect(classifyCase(spineCase)).toEqual(classifyCase(spineCase));
    expect(spineCase).toEqual(copy);
  });

  it('gives every classification with no film and no facts as undetermined, never a default value', () => {
    const c = classifyCase(caseOf({})).classifications;
    expect(nullWithoutReason(c)).toEqual([]);
    expect([c.srsSchwab.piLl, c.lenke.type, c.roussouly.type, c.gap.total, c.listheses.levels]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(c.listheses.undetermined.levels).toBe(NO_STANDING_LATERAL);
  });

  it('never leaves a null result without its reason, whatever films and facts a case carries (property)', () => {
    const lateral = fc.constantFrom(
      undefined,
      buildLateralSpine({ pixelSpacingMm: 0.2 }).radiograph,
      buildLateralSpine({ femoralHeadCount: 0 }).radiograph,
      buildLateralSpine({ topLevel: 'L2', pixelSpacingMm: 0.2 }).radiograph,
    );
    const coronal = fc.constantFrom(
      undefined,
      coronalWithCurves([
        ['T5', -25],
        ['T11', 25],
        ['L4', -5],
      ]),
      coronalWithCurves([
        ['T11', -20],
        ['L4', 30],
      ]),
    );
    const bending = fc.constantFrom(
      [],
      bendingFilms([{ upperEnd: 'T11', lowerEnd: 'L4', convexity: 'left', residualDeg: 12 }]),
    );
    const facts = fc.record(
      {
        tlics: fc.record(
          {
            morphology: fc.subarray([...TLICS_MORPHOLOGIES], { minLength: 1 }),
            neurology: fc.constantFrom(...TLICS_NEUROLOGY),
            posteriorLigamentousComplex: fc.constantFrom(...TLICS_PLC),
          },
          { requiredKeys: [] },
        ),
        sins: fc.record(
          { location: fc.constantFrom('T7', 'L5'), pain: fc.constantFrom(...SINS_PAIN) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        lateral,
        coronal,
        bending,
        fc.option(fc.integer({ min: 12, max: 90 }), { nil: undefined }),
        facts,
        (l, co, b, age, clinical) => {
          const spineCase = caseOf({
            ...(l ? { lateral: l } : {}),
            ...(co ? { coronal: co } : {}),
            bending: b,
            ...(age === undefined ? {} : { ageYears: age }),
            clinical: clinical as ClinicalFacts,
          });
          expect(nullWithoutReason(classifyCase(spineCase).classifications)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('listhesis summary', () => {
  // Slips by construction (Taillard 1954: % of the lower endplate's 40 mm depth; Meyerding 1932 grades):
  // L2 over L3 8 mm = 20 % (grade I), L4 over L5 −6 mm = −15 % (retrolisthesis), L5 over S1 12 mm = 30 %
  // (grade II), L3 over L4 1.6 mm = 4 % (under 5 %: not listed).
  const film = buildLateralSpine({
    slipMm: { L2: 8, L3: 1.6, L4: -6, L5: 12 },
    pixelSpacingMm: 0.2,
  }).radiograph;
  const out = classifyCase(caseOf({ lateral: film }));

  it('lists every slip of 5 % or more with its direction and Meyerding grade', () => {
    const levels = out.classifications.listheses.levels ?? [];
    expect(levels.map((l) => [l.level, l.direction, l.meyerdingGrade])).toEqual([
      ['L2–L3', 'anterolisthesis', 1],
      ['L4–L5', 'retrolisthesis', undefined],
      ['L5–S1', 'anterolisthesis', 2],
    ]);
    expect(levels.map((l) => l.slipPercent)).toEqual([20, -15, 30]);
    expect(out.classifications.listheses.rules).toContain('L5–S1: slip 30 % → Meyerding grade II');
  });

  it('shows them in the indication summary, retrolisthesis without a grade', () => {
    expect(out.indication.classifications).toEqual(
      expect.arrayContaining([
        'L2–L3 spondylolisthesis 20 %, Meyerding grade 1',
        'L4–L5 retrolisthesis 15 %',
        'L5–S1 spondylolisthesis 30 %, Meyerding grade 2',
      ]),
    );
  });

  it('says "no slip of 5 % or more" on a film without one', () => {
    const none = classifyCase(caseOf({ lateral: buildLateralSpine().radiograph })).classifications.listheses;
    expect(none).toMatchObject({ levels: [], rules: ['no slip of 5 % or more'] });
  });
});

describe('indication summary', () => {
  const clinical: ClinicalFacts = {
    diagnosis: 'fracture',
    symptomMonths: 2,
    conservativeTreatment: [{ kind: 'bracing', months: 1 }, { kind: 'medication' }],
    neurologicalStatus: 'intact',
    backPainNrs: 7,
    tlics: { morphology: ['burst'], neurology: 'intact', posteriorLigamentousComplex: 'injured' },
    sins: {
      location: 'L1',
      pain: 'mechanical',
      lesion: 'lytic',
      alignment: 'normal',
      collapse: 'none',
      posterolateral: 'none',
    },
  };

  it('carries the decision-support statement: the surgeon decides with the patient', () => {
    const summary = classifyCase(caseOf({ clinical })).indication;
    expect(summary.statement).toBe(DECISION_SUPPORT_STATEMENT);
    expect(summary.statement).toMatch(/decision support/);
    expect(summary.statement).toMatch(/decided by the surgeon with the patient/);
  });

  it('states facts side by side: diagnosis, classification lines, clinical facts, what is not recorded', () => {
    const summary = classifyCase(caseOf({ clinical })).indication;
    expect(summary.diagnosis).toBe('fracture');
    expect(summary.classifications).toEqual([
      'SRS–Schwab: curve type undetermined, PI−LL undetermined, PT undetermined, SVA undetermined',
      'TLICS 5 (published band: operative)',
      'SINS 8 (indeterminate)',
    ]);
    expect(summary.clinicalFacts).toEqual([
      'symptoms for 2 months',
      'conservative treatment: bracing 1 months, medication',
      'neurological status: intact',
      'back pain NRS 7/10',
    ]);
    expect(summary.notRecorded).toEqual(['legPainNrs']);
  });

  it('lists the off-target values of the synthetic adult deformity case with how far beyond the range', () => {
    const { offTarget, classifications } = classifyCase(syntheticAdultDeformityCase()).indication;
    expect(classifications).toContain('SRS–Schwab: curve type D, PI−LL ++, PT +, SVA ++');
    expect(classifications).toContain('GAP score 12: severely disproportioned');
    const beyond = Object.fromEntries(offTarget.map((o) => [`${o.targetSet}/${o.parameter}`, o.beyondRange]));
    expect(beyond['SRS–Schwab thresholds/piLlMismatchDeg']).toBeCloseTo(21.804627 - 10, 6);
    expect(beyond['SRS–Schwab thresholds/sagittalVerticalAxisMm']).toBeCloseTo(119.43 - 40, 6);
    expect(beyond['GAP proportional alignment/sacralSlopeDeg']).toBeCloseTo(28.002158 - 32.573054, 6); // below
    expect(offTarget).toHaveLength(7);
  });

  it('never contains the word "operate" except in the decision-support statement (property)', () => {
    const facts = fc.record(
      {
        diagnosis: fc.constantFrom(...DIAGNOSES),
        symptomMonths: fc.integer({ min: 0, max: 240 }),
        conservativeTreatment: fc.array(
          fc.record({
            kind: fc.constantFrom(...CONSERVATIVE_TREATMENTS),
            months: fc.integer({ min: 0, max: 60 }),
          }),
          { maxLength: 3 },
        ),
        neurologicalStatus: fc.constantFrom(...NEUROLOGICAL_STATUSES),
        backPainNrs: fc.integer({ min: 0, max: 10 }),
        tlics: fc.record({
          morphology: fc.subarray([...TLICS_MORPHOLOGIES], { minLength: 1 }),
          neurology: fc.constantFrom(...TLICS_NEUROLOGY),
          posteriorLigamentousComplex: fc.constantFrom(...TLICS_PLC),
        }),
        sins: fc.record({
          location: fc.constantFrom('C1', 'T7', 'L3', 'S1'),
          pain: fc.constantFrom(...SINS_PAIN),
          lesion: fc.constant('lytic'),
          alignment: fc.constantFrom(...SINS_ALIGNMENT),
          collapse: fc.constant('none'),
          posterolateral: fc.constant('bilateral'),
        }),
      },
      { requiredKeys: [] },
    );
    const base: SpineCase = syntheticAdultDeformityCase();
    fc.assert(
      fc.property(facts, (clinical) => {
        const { statement, ...rest } = classifyCase({
          ...base,
          clinical: clinical as ClinicalFacts,
        }).indication;
        expect(JSON.stringify(rest)).not.toMatch(/\boperate\b/i);
        expect(statement).toMatch(/\boperate\b/);
      }),
      { numRuns: 50 },
    );
  });
});
