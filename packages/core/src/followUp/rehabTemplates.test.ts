import { describe, expect, it } from 'vitest';
import { daysBetween } from './calendarDates.js';
import { REHAB_TEMPLATES, rehabPhasesFrom } from './rehabTemplates.js';

describe('rehabilitation templates', () => {
  const template = REHAB_TEMPLATES.lumbarFusion;

  it('has the protocol’s four phases, from protected walking to return to activity, each sourced', () => {
    expect(template.phases.map((p) => p.period)).toEqual([
      'weeks 0–6',
      'weeks 6–12',
      'months 3–6',
      'months 6 onwards',
    ]);
    expect(template.source).toMatch(/Penrose/);
    for (const phase of template.phases) {
      expect(phase.goals.length).toBeGreaterThan(0);
      expect(phase.restrictions.length).toBeGreaterThan(0);
    }
    expect(template.phases[0]?.restrictions).toContain('No bending or twisting');
  });

  it('dates the phases from the operation, weeks as 7 days and months as calendar months', () => {
    const phases = rehabPhasesFrom(template, '2024-01-31');
    expect(phases.map((p) => [p.startDate, p.endDate])).toEqual([
      ['2024-01-31', '2024-03-13'],
      ['2024-03-13', '2024-04-24'],
      ['2024-04-30', '2024-07-31'],
      ['2024-07-31', undefined],
    ]);
    expect(daysBetween('2024-01-31', phases[1]?.endDate ?? '')).toBe(84);
    expect(phases[3]).not.toHaveProperty('endDate');
  });

  it('returns editable copies: changing a dated phase leaves the template alone', () => {
    const phases = rehabPhasesFrom(template, '2024-06-01');
    phases[0]?.goals.push('extra');
    expect(template.phases[0]?.goals).not.toContain('extra');
  });

  it('throws on a bad operation date', () => {
    expect(() => rehabPhasesFrom(template, '2024-06-31')).toThrow(/operationDate 2024-06-31/);
  });
});
