import { REHAB_TEMPLATES, rehabPhasesFrom, type CaseError } from '@spinerecon/core';
import type { RehabilitationContent, RehabPhaseContent } from './recoveryTypes';

// The rehabilitation programme's form: started from a core template (its phases dated from the operation),
// then edited freely — goals and restrictions one per line.

export type RehabTemplateId = keyof typeof REHAB_TEMPLATES;

export interface PhaseDraft {
  readonly name: string;
  readonly startDate: string;
  readonly endDate: string;
  /** One goal per line. */
  readonly goals: string;
  /** One restriction per line. */
  readonly restrictions: string;
}

export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

export function phaseDraftOf(phase: RehabPhaseContent): PhaseDraft {
  return {
    name: phase.name,
    startDate: phase.startDate ?? '',
    endDate: phase.endDate ?? '',
    goals: phase.goals.join('\n'),
    restrictions: phase.restrictions.join('\n'),
  };
}

/** The template's phases dated from the operation day (the core's rehabPhasesFrom). */
export function phasesFromTemplate(id: RehabTemplateId, operationDate: string): PhaseDraft[] {
  return rehabPhasesFrom(REHAB_TEMPLATES[id], operationDate).map(phaseDraftOf);
}

export const emptyPhase = (): PhaseDraft => ({
  name: '',
  startDate: '',
  endDate: '',
  goals: '',
  restrictions: '',
});

export type RehabCheck =
  | { readonly ok: true; readonly content: RehabilitationContent }
  | { readonly ok: false; readonly errors: readonly CaseError[] };

export function rehabContentOf(phases: readonly PhaseDraft[]): RehabCheck {
  const errors: CaseError[] = [];
  const content = phases.map((phase, i): RehabPhaseContent => {
    const name = phase.name.trim();
    if (name === '') errors.push({ path: `$.content.phases[${i}].name`, message: 'name the phase' });
    if (phase.startDate !== '' && phase.endDate !== '' && phase.endDate < phase.startDate) {
      errors.push({ path: `$.content.phases[${i}].endDate`, message: 'ends before it starts' });
    }
    return {
      name,
      ...(phase.startDate === '' ? {} : { startDate: phase.startDate }),
      ...(phase.endDate === '' ? {} : { endDate: phase.endDate }),
      goals: linesOf(phase.goals),
      restrictions: linesOf(phase.restrictions),
    };
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, content: { phases: content } };
}

/** The phase `today` falls in (start included, end excluded, as one phase ends the day the next starts). */
export function currentPhase(phases: readonly RehabPhaseContent[], today: string): string | undefined {
  return phases.find(
    (p) =>
      p.startDate !== undefined && p.startDate <= today && (p.endDate === undefined || today < p.endDate),
  )?.name;
}
