import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patientDateShiftDays } from './deidentifiedImages.js';

describe('the per-patient date shift of research DICOM', () => {
  it('is a whole number of days from 1 to 365 either way, never zero', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 16 }), fc.uuid(), (secret, patientId) => {
        const days = patientDateShiftDays(secret, patientId);
        expect(Number.isInteger(days)).toBe(true);
        expect(Math.abs(days)).toBeGreaterThanOrEqual(1);
        expect(Math.abs(days)).toBeLessThanOrEqual(365);
      }),
    );
  });

  it('is the same for every film of a patient and depends on the installation secret', () => {
    const patient = '6b1e0d8e-8f57-4f1c-9c55-5d1f0c3a0e11';
    expect(patientDateShiftDays('secret-one-0123456789', patient)).toBe(
      patientDateShiftDays('secret-one-0123456789', patient),
    );
    const shifts = new Set(
      Array.from({ length: 20 }, (_, i) => patientDateShiftDays(`secret-${i}-0123456789`, patient)),
    );
    expect(shifts.size).toBeGreaterThan(10);
  });
});
