import { describe, expect, it } from 'vitest';
import { patientDateShiftDays } from '../../services/deidentifiedImages.js';
import { csvCell } from './csvColumns.js';
import { addDays, daysBetween } from '@spinerecon/core';
import { datePolicy, dayOf, exportedDate, keyedPseudonym } from './researchKeys.js';

describe('research export keys and dates', () => {
  it('gives a record the same keyed pseudonym every time, another one with another key or record', () => {
    const id = '0b6f4a8e-3f51-4c1a-9d55-2f9f1c3f7a10';
    expect(keyedPseudonym('key-a', 'C', id)).toBe(keyedPseudonym('key-a', 'C', id));
    expect(keyedPseudonym('key-a', 'C', id)).toMatch(/^C-[0-9a-f]{16}$/);
    expect(keyedPseudonym('key-b', 'C', id)).not.toBe(keyedPseudonym('key-a', 'C', id));
    expect(keyedPseudonym('key-a', 'R', id).slice(2)).not.toBe(keyedPseudonym('key-a', 'C', id).slice(2));
  });

  it('counts days across months and leap days, and adds them back', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-10', '2026-01-05')).toBe(-64);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2026-01-05', -365)).toBe('2025-01-05');
  });

  it('takes the operation as day zero when there is one, else the opening of the case', () => {
    const withOperation = datePolicy('off', 'k', 'p', '2026-03-10', '2025-12-01T09:00:00.000Z');
    expect(withOperation.dayZeroKind).toBe('operation');
    expect(dayOf(withOperation, '2026-03-12')).toBe(2);
    const without = datePolicy('off', 'k', 'p', undefined, '2025-12-01T23:30:00.000Z');
    expect(without.dayZeroKind).toBe('case-created');
    expect(dayOf(without, '2025-12-31T08:00:00.000Z')).toBe(30);
    expect(dayOf(without, null)).toBeNull();
  });

  it('lets dates out as the policy says: none, shifted by the patient’s days, or as recorded', () => {
    const shift = patientDateShiftDays('k', 'patient-1');
    expect(
      exportedDate(datePolicy('off', 'k', 'patient-1', undefined, '2026-01-01T00:00:00Z'), '2026-02-01'),
    ).toBeNull();
    expect(
      exportedDate(datePolicy('shift', 'k', 'patient-1', undefined, '2026-01-01T00:00:00Z'), '2026-02-01'),
    ).toBe(addDays('2026-02-01', shift));
    expect(
      exportedDate(datePolicy('full', 'k', 'patient-1', undefined, '2026-01-01T00:00:00Z'), '2026-02-01'),
    ).toBe('2026-02-01');
    expect(Math.abs(shift)).toBeGreaterThanOrEqual(1);
    expect(Math.abs(shift)).toBeLessThanOrEqual(365);
  });

  it('writes CSV fields as RFC 4180 says', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(false)).toBe('false');
    expect(csvCell('moderately disproportioned')).toBe('moderately disproportioned');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});
