import { describe, expect, it } from 'vitest';
import {
  CLAVIEN_DINDO_GRADES,
  complicationLabel,
  COMPLICATION_TYPES,
  isClavienDindoGrade,
  isComplicationType,
} from './complications.js';

describe('complication types', () => {
  it('covers the recorded kinds once each, with a label', () => {
    const types = COMPLICATION_TYPES.map((c) => c.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(
      expect.arrayContaining([
        'neurologicalInjury',
        'implantBreakage',
        'infectionDeep',
        'proximalJunctionalFailure',
        'venousThromboembolism',
        'other',
      ]),
    );
    expect(complicationLabel('implantBreakage')).toBe('Implant breakage / rod fracture');
    expect(isComplicationType('duralTear')).toBe(true);
    expect(isComplicationType('dural tear')).toBe(false);
  });
});

describe('Clavien–Dindo grades (Dindo 2004)', () => {
  it('has the seven grades in order, from I to V', () => {
    expect(CLAVIEN_DINDO_GRADES.map((g) => g.grade)).toEqual(['I', 'II', 'IIIa', 'IIIb', 'IVa', 'IVb', 'V']);
  });

  it('defines grade II by drugs beyond grade I and includes transfusion there, as the source does', () => {
    expect(CLAVIEN_DINDO_GRADES[1]?.definition).toMatch(/Blood transfusions/);
    expect(CLAVIEN_DINDO_GRADES[3]?.definition).toMatch(/under general anaesthesia/);
    expect(CLAVIEN_DINDO_GRADES[6]?.definition).toBe('Death of the patient.');
  });

  it('recognises only the exact grade names', () => {
    expect(isClavienDindoGrade('IIIb')).toBe(true);
    expect(isClavienDindoGrade('III')).toBe(false);
    expect(isClavienDindoGrade('iiib')).toBe(false);
    expect(isClavienDindoGrade(3)).toBe(false);
  });
});
