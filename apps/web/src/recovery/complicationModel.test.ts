import { CLAVIEN_DINDO_GRADES } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import { complicationInputOf, emptyComplication, gradeDefinition } from './complicationModel';

describe('the complication form', () => {
  it('shows the core definition of every Clavien–Dindo grade', () => {
    for (const g of CLAVIEN_DINDO_GRADES) expect(gradeDefinition(g.grade)).toBe(g.definition);
    expect(gradeDefinition('IIIb')).toMatch(/under general anaesthesia/);
    expect(gradeDefinition('VI')).toBeUndefined();
  });

  it('needs a type, a grade and an onset that is not in the future', () => {
    const checked = complicationInputOf(emptyComplication('2025-04-02'), '2025-04-01');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.path)).toEqual(['$.type', '$.clavienDindo', '$.onsetDate']);
  });

  it('sends an unresolved complication with a null resolution date and the visit it was found at', () => {
    const checked = complicationInputOf(
      {
        ...emptyComplication('2025-04-01', 'visit-1'),
        type: 'infectionDeep',
        clavienDindo: 'IIIb',
        treatment: ' washout ',
      },
      '2025-04-01',
    );
    expect(checked).toEqual({
      ok: true,
      input: {
        type: 'infectionDeep',
        onsetDate: '2025-04-01',
        clavienDindo: 'IIIb',
        description: '',
        treatment: 'washout',
        resolution: '',
        resolvedDate: null,
        visitId: 'visit-1',
      },
    });
  });
});
