import {
  CLAVIEN_DINDO_GRADES,
  type CaseError,
  type ClavienDindoGrade,
  type ComplicationType,
} from '@spinerecon/core';
import type { ComplicationInput } from './recoveryTypes';

// The complication form: type and grade from the core's lists (Clavien–Dindo: Dindo 2004), dates as typed.

export interface ComplicationDraft {
  readonly type: ComplicationType | '';
  readonly onsetDate: string;
  readonly clavienDindo: ClavienDindoGrade | '';
  readonly description: string;
  readonly treatment: string;
  readonly resolution: string;
  readonly resolvedDate: string;
  readonly visitId: string;
}

export const emptyComplication = (onsetDate: string, visitId = ''): ComplicationDraft => ({
  type: '',
  onsetDate,
  clavienDindo: '',
  description: '',
  treatment: '',
  resolution: '',
  resolvedDate: '',
  visitId,
});

/** The definition of a Clavien–Dindo grade as the core words it (Dindo 2004). */
export function gradeDefinition(grade: string): string | undefined {
  return CLAVIEN_DINDO_GRADES.find((g) => g.grade === grade)?.definition;
}

export type ComplicationCheck =
  | { readonly ok: true; readonly input: ComplicationInput }
  | { readonly ok: false; readonly errors: readonly CaseError[] };

export function complicationInputOf(draft: ComplicationDraft, today: string): ComplicationCheck {
  const errors: CaseError[] = [];
  if (draft.type === '') errors.push({ path: '$.type', message: 'choose the type' });
  if (draft.clavienDindo === '')
    errors.push({ path: '$.clavienDindo', message: 'choose the Clavien–Dindo grade' });
  if (draft.onsetDate === '') errors.push({ path: '$.onsetDate', message: 'the onset date is needed' });
  else if (draft.onsetDate > today)
    errors.push({ path: '$.onsetDate', message: 'the onset date is in the future' });
  if (draft.resolvedDate !== '' && draft.onsetDate !== '' && draft.resolvedDate < draft.onsetDate) {
    errors.push({ path: '$.resolvedDate', message: 'resolved before its onset' });
  }
  if (errors.length > 0 || draft.type === '' || draft.clavienDindo === '') return { ok: false, errors };
  return {
    ok: true,
    input: {
      type: draft.type,
      onsetDate: draft.onsetDate,
      clavienDindo: draft.clavienDindo,
      description: draft.description.trim(),
      treatment: draft.treatment.trim(),
      resolution: draft.resolution.trim(),
      resolvedDate: draft.resolvedDate === '' ? null : draft.resolvedDate,
      visitId: draft.visitId === '' ? null : draft.visitId,
    },
  };
}
