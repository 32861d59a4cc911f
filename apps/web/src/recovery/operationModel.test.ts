import { PLAN_FORMAT, type SurgicalPlan } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import {
  contentFromDraft,
  draftFromPlan,
  draftFromRecord,
  emptyDraft,
  performedErrors,
  performedOf,
} from './operationModel';

const PLAN: SurgicalPlan = {
  format: PLAN_FORMAT,
  fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'iliac' },
  osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }],
  cages: [{ disc: 'L4', approach: 'TLIF', heightMm: 10, lordoticAngleDeg: 8 }],
  vertebralBodyReplacements: [],
  screws: [{ level: 'L4', side: 'left', diameterMm: 6.5, lengthMm: 45 }],
  rods: [{ side: 'left', material: 'cobalt-chromium', diameterMm: 6 }],
  boneGraft: { types: ['local-autograft'], volumeMl: 20 },
  riskFactors: { smoker: true, bmiKgM2: 31 },
};

const TODAY = '2025-03-10';

describe('the operation record form', () => {
  it('copies every element of the chosen plan as performed, without its format and risk factors', () => {
    const performed = performedOf(PLAN);
    expect(performed).not.toHaveProperty('format');
    expect(performed).not.toHaveProperty('riskFactors');
    expect(performed.osteotomies).toEqual([{ level: 'L3', grade: 3, angleDeg: 30 }]);
    expect(performed.fusion?.pelvicFixation).toBe('iliac');
    expect(performed.boneGraft).toEqual({ types: ['local-autograft'], volumeMl: 20 });
  });

  it('prefills a draft from a plan version and saves it as spinerecon.operation/1 naming that plan', () => {
    const draft = { ...draftFromPlan(emptyDraft('2025-03-01'), PLAN, 'plan-1', 3), durationMin: '420' };
    const checked = contentFromDraft(draft, TODAY);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.content.format).toBe('spinerecon.operation/1');
    expect(checked.content.planId).toBe('plan-1');
    expect(checked.content.planVersion).toBe(3);
    expect(checked.content.durationMin).toBe(420);
    expect(checked.content).not.toHaveProperty('estimatedBloodLossMl');
    expect(checked.content.performed.cages).toEqual(PLAN.cages);
    expect(checked.content.performed).not.toHaveProperty('riskFactors');
  });

  it('names every unreadable number by its path, with the range the server accepts', () => {
    const draft = {
      ...emptyDraft('2025-03-01'),
      durationMin: '12.5',
      estimatedBloodLossMl: '-3',
      transfusionUnits: 'two',
    };
    const checked = contentFromDraft(draft, TODAY);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual([
      { path: '$.content.durationMin', message: 'must be a whole number' },
      { path: '$.content.estimatedBloodLossMl', message: 'must be from 0 to 100000' },
      { path: '$.content.transfusionUnits', message: 'must be a number' },
    ]);
  });

  it('refuses an operation date after today', () => {
    const checked = contentFromDraft(emptyDraft('2025-03-11'), TODAY);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.path)).toEqual(['$.content.date']);
  });

  it('reports what the core finds wrong in what was performed under the content path, and maps it back for the editor', () => {
    const invalid: SurgicalPlan = { ...PLAN, osteotomies: [{ level: 'L3', grade: 3, angleDeg: -400 }] };
    const checked = contentFromDraft({ ...emptyDraft('2025-03-01'), performed: invalid }, TODAY);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const paths = checked.errors.map((e) => e.path);
    expect(paths.some((p) => p.startsWith('$.content.performed.osteotomies[0]'))).toBe(true);
    expect(performedErrors(checked.errors).every((e) => e.path.startsWith('$.osteotomies[0]'))).toBe(true);
  });

  it('leaves blank rows out, keeps an implant without UDI, and refuses a UDI without a description', () => {
    const draft = {
      ...emptyDraft('2025-03-01'),
      neuromonitoringAlerts: [
        { description: ' MEP loss left leg ', action: 'raised blood pressure' },
        { description: '', action: '' },
      ],
      intraoperativeComplications: ['', 'dural tear, repaired'],
      implants: [
        { description: 'pedicle screw 6.5 × 45', udi: '' },
        { description: '', udi: '' },
      ],
    };
    const checked = contentFromDraft(draft, TODAY);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.content.neuromonitoringAlerts).toEqual([
      { description: 'MEP loss left leg', action: 'raised blood pressure' },
    ]);
    expect(checked.content.intraoperativeComplications).toEqual(['dural tear, repaired']);
    expect(checked.content.implants).toEqual([{ description: 'pedicle screw 6.5 × 45' }]);

    const orphan = contentFromDraft(
      { ...emptyDraft('2025-03-01'), implants: [{ description: ' ', udi: '(01)00844588003288' }] },
      TODAY,
    );
    expect(orphan.ok).toBe(false);
    if (orphan.ok) return;
    expect(orphan.errors).toEqual([
      { path: '$.content.implants[0].description', message: 'describe the implant' },
    ]);
  });

  it('reads a saved record back into the form with the same values', () => {
    const saved = contentFromDraft(
      {
        ...draftFromPlan(emptyDraft('2025-03-01'), PLAN, 'plan-1', 2),
        estimatedBloodLossMl: '1500',
        implants: [{ description: 'rod', udi: 'UDI-1' }],
      },
      TODAY,
    );
    if (!saved.ok) throw new Error('expected a valid draft');
    const { draft, errors } = draftFromRecord(saved.content);
    expect(errors).toEqual([]);
    expect(draft.estimatedBloodLossMl).toBe('1500');
    expect(draft.implants).toEqual([{ description: 'rod', udi: 'UDI-1' }]);
    expect(draft.performed.format).toBe(PLAN_FORMAT);
    const again = contentFromDraft(draft, TODAY);
    expect(again.ok && again.content).toEqual(saved.content);
  });
});
