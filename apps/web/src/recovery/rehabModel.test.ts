import { REHAB_TEMPLATES } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import { currentPhase, emptyPhase, phasesFromTemplate, rehabContentOf } from './rehabModel';

describe('the rehabilitation programme form', () => {
  it('starts from the core template with its phases dated from the operation day', () => {
    const phases = phasesFromTemplate('lumbarFusion', '2025-03-01');
    expect(phases.map((p) => p.name)).toEqual(REHAB_TEMPLATES.lumbarFusion.phases.map((p) => p.name));
    expect(phases[0]?.startDate).toBe('2025-03-01');
    expect(phases[0]?.endDate).toBe('2025-04-12'); // six weeks later
    expect(phases.at(-1)?.endDate).toBe(''); // the last phase is open-ended
    expect(phases[0]?.goals.split('\n')).toEqual(REHAB_TEMPLATES.lumbarFusion.phases[0]?.goals);
  });

  it('saves goals and restrictions one per line, without blank lines', () => {
    const checked = rehabContentOf([
      { ...emptyPhase(), name: ' Walking ', goals: 'walk 1 km\n\n  stairs  ', restrictions: '' },
    ]);
    expect(checked).toEqual({
      ok: true,
      content: { phases: [{ name: 'Walking', goals: ['walk 1 km', 'stairs'], restrictions: [] }] },
    });
  });

  it('refuses a phase without a name or ending before it starts', () => {
    const checked = rehabContentOf([{ ...emptyPhase(), startDate: '2025-05-01', endDate: '2025-04-01' }]);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.path)).toEqual([
      '$.content.phases[0].name',
      '$.content.phases[0].endDate',
    ]);
  });

  it('finds the phase of a day, the day a phase ends belonging to the next', () => {
    const phases = [
      { name: 'A', startDate: '2025-03-01', endDate: '2025-04-12', goals: [], restrictions: [] },
      { name: 'B', startDate: '2025-04-12', goals: [], restrictions: [] },
    ];
    expect(currentPhase(phases, '2025-03-01')).toBe('A');
    expect(currentPhase(phases, '2025-04-12')).toBe('B');
    expect(currentPhase(phases, '2025-02-28')).toBeUndefined();
  });
});
