import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TLICS_MORPHOLOGIES, TLICS_NEUROLOGY, TLICS_PLC, type TlicsInputs } from '../case/types.js';
import { caseOf } from '../test-support/classificationCases.js';
import { classifyCase } from './classifyCase.js';
import { tlics } from './tlics.js';

// Thoracolumbar Injury Classification and Severity score: Vaccaro AR et al., Spine 2005;30:2325–2333.
// Morphology compression 1, burst 2, translation/rotation 3, distraction 4 (the most severe of several
// counts); neurology intact 0, nerve root 2, complete cord/conus 2, incomplete cord/conus 3, cauda equina 3;
// posterior ligamentous complex intact 0, indeterminate 2, injured 3. Total ≤ 3 non-operative, 4 either,
// ≥ 5 operative (published bands; SpineRecon reports them, the surgeon decides).

const MORPHOLOGY_POINTS = { compression: 1, burst: 2, 'translation-rotation': 3, distraction: 4 } as const;
const NEUROLOGY_POINTS = {
  intact: 0,
  'nerve-root': 2,
  'complete-cord-conus': 2,
  'incomplete-cord-conus': 3,
  'cauda-equina': 3,
} as const;
const PLC_POINTS = { intact: 0, indeterminate: 2, injured: 3 } as const;
const bandOf = (total: number) => (total <= 3 ? 'non-operative' : total === 4 ? 'either' : 'operative');

describe('TLICS worked examples from the literature', () => {
  it('L1 burst fracture, neurologically intact, PLC intact → 2 + 0 + 0 = 2, non-operative', () => {
    // StethoPrep (Maheshwari, Essential Orthopaedics 6th ed.): "burst fracture = 2, intact PLC … 0, intact
    // neurology = 0 → total ≤ 3 may be treated conservatively"; the same case (L1 burst, intact neurology)
    // is scored "2 (morphology) + 0 (neurological function) + 0 (PLC)" in kiraspecialist.com, fig. 1.
    const result = tlics({
      morphology: ['burst'],
      neurology: 'intact',
      posteriorLigamentousComplex: 'intact',
    });
    expect(result).toMatchObject({ total: 2, band: 'non-operative', undetermined: {} });
    expect(result.citations).toEqual(['vaccaro-2005']);
  });

  it('neurologically intact burst fracture with PLC injury → 5, operative band', () => {
    // Rainone GJ et al., Cureus 2022;14:e29492: "Burst fracture patients that are neurologically intact are
    // given a score of 5 if there is a posterior ligamentous complex (PLC) injury and are recommended to
    // undergo operative management" (also Kwon WK et al., J Trauma Inj 2018;31:76: L1 burst, TLICS 5).
    const result = tlics({
      morphology: ['burst'],
      neurology: 'intact',
      posteriorLigamentousComplex: 'injured',
    });
    expect(result).toMatchObject({ total: 5, band: 'operative' });
  });

  it('neurologically intact burst fracture with indeterminate PLC → 4, either (surgeon’s choice)', () => {
    // Best SA et al., Medicine 2024;103:e40304: neurologically intact burst fractures with TLICS 4 or 5.
    const result = tlics({
      morphology: ['burst'],
      neurology: 'intact',
      posteriorLigamentousComplex: 'indeterminate',
    });
    expect(result).toMatchObject({ total: 4, band: 'either' });
  });

  it('distraction with incomplete cord injury and torn PLC → 4 + 3 + 3 = 10 (built from the definition)', () => {
    const result = tlics({
      morphology: ['compression', 'distraction'],
      neurology: 'incomplete-cord-conus',
      posteriorLigamentousComplex: 'injured',
    });
    expect(result).toMatchObject({ total: 10, band: 'operative' });
    expect(result.rules[0]).toBe('morphology distraction (most severe of compression, distraction) → 4');
  });
});

describe('TLICS boundaries of the management bands', () => {
  it.each([
    [{ morphology: ['compression'], neurology: 'nerve-root', posteriorLigamentousComplex: 'intact' }, 3],
    [{ morphology: ['compression'], neurology: 'intact', posteriorLigamentousComplex: 'injured' }, 4],
    [{ morphology: ['burst'], neurology: 'intact', posteriorLigamentousComplex: 'indeterminate' }, 4],
    [{ morphology: ['burst'], neurology: 'intact', posteriorLigamentousComplex: 'injured' }, 5],
    [{ morphology: ['compression'], neurology: 'intact', posteriorLigamentousComplex: 'intact' }, 1],
  ] as const)('%j → %s', (facts, total) => {
    expect(tlics(facts)).toMatchObject({ total, band: bandOf(total) });
  });

  it('3 is the last non-operative total, 4 the only "either", 5 the first operative', () => {
    expect([3, 4, 5].map(bandOf)).toEqual(['non-operative', 'either', 'operative']);
  });
});

describe('TLICS properties', () => {
  const facts = fc.record({
    morphology: fc.subarray([...TLICS_MORPHOLOGIES], { minLength: 1 }),
    neurology: fc.constantFrom(...TLICS_NEUROLOGY),
    posteriorLigamentousComplex: fc.constantFrom(...TLICS_PLC),
  });

  it('scores every combination as the published table (most severe morphology), band from the total', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const total =
          Math.max(...f.morphology.map((m) => MORPHOLOGY_POINTS[m])) +
          NEUROLOGY_POINTS[f.neurology] +
          PLC_POINTS[f.posteriorLigamentousComplex];
        expect(tlics(f)).toMatchObject({ total, band: bandOf(total), undetermined: {} });
      }),
    );
  });

  it('is monotone: a worse finding in any component never lowers the total', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom(...TLICS_MORPHOLOGIES), (f, added) => {
        const before = tlics(f).total ?? Number.NaN;
        expect(tlics({ ...f, morphology: [...f.morphology, added] }).total).toBeGreaterThanOrEqual(before);
        expect(tlics({ ...f, posteriorLigamentousComplex: 'injured' }).total).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('never guesses: leaving out any component gives no total and names the missing field', () => {
    fc.assert(
      fc.property(
        facts,
        fc.subarray(['morphology', 'neurology', 'posteriorLigamentousComplex'] as const, { minLength: 1 }),
        (f, missing) => {
          const partial: TlicsInputs = Object.fromEntries(
            Object.entries(f).filter(([key]) => !(missing as readonly string[]).includes(key)),
          );
          const result = tlics(partial);
          expect(result).toMatchObject({ total: null, band: null });
          for (const field of missing)
            expect(result.undetermined[field]).toBe(`not recorded (clinical.tlics.${field})`);
        },
      ),
    );
  });
});

describe('TLICS undetermined', () => {
  it('no TLICS facts at all: every component is reported missing', () => {
    const result = tlics(undefined);
    expect(result).toMatchObject({ total: null, band: null, inputs: {}, rules: [] });
    expect(Object.keys(result.undetermined)).toEqual([
      'morphology',
      'neurology',
      'posteriorLigamentousComplex',
    ]);
  });

  it('an empty morphology list is a missing morphology: undetermined, not a crash', () => {
    // The case type allows `morphology: []` (the JSON reader rejects it, but classifyCase takes any SpineCase).
    const facts: TlicsInputs = { morphology: [], neurology: 'intact', posteriorLigamentousComplex: 'intact' };
    expect(() => tlics(facts)).not.toThrow();
    const result = classifyCase(caseOf({ clinical: { tlics: facts } })).classifications.tlics;
    expect(result.total).toBeNull();
    expect(result.undetermined.morphology).toMatch(/clinical\.tlics\.morphology/);
  });
});
