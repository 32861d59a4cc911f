import { addDays, addMonths, parseIsoDate } from './calendarDates.js';
import { FOLLOW_UP_SOURCES } from './followUpSources.js';

/** A point after the operation: weeks or calendar months. */
export type RehabOffset = { readonly weeks: number } | { readonly months: number };

export interface RehabPhaseTemplate {
  readonly name: string;
  /** As the protocol writes it, e.g. "weeks 0–6". */
  readonly period: string;
  readonly from: RehabOffset;
  /** Absent: open-ended (the last phase). */
  readonly to?: RehabOffset;
  readonly goals: readonly string[];
  readonly restrictions: readonly string[];
}

export interface RehabTemplate {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  readonly note: string;
  readonly phases: readonly RehabPhaseTemplate[];
}

/** A phase with dates: the rehabilitation document's shape (decision 0016). */
export interface RehabPhase {
  readonly name: string;
  readonly startDate: string;
  readonly endDate?: string;
  readonly goals: string[];
  readonly restrictions: string[];
}

/**
 * Phased programmes after a fusion, paraphrased from the published protocol named in `source` (the periods,
 * precautions and exercises as the protocol gives them). Every lifting limit is left to the surgeon, as there.
 */
export const REHAB_TEMPLATES: Readonly<Record<'lumbarFusion', RehabTemplate>> = {
  // Penrose Physical Therapy lumbar fusion protocol: weeks 0–6, 6–12, months 3–6, months 6+.
  lumbarFusion: {
    id: 'lumbarFusion',
    name: 'After lumbar fusion (four phases)',
    source: FOLLOW_UP_SOURCES['penrose-pt-lumbar-fusion'],
    note: 'A physiotherapy practice protocol for lumbar fusion, not one written for long deformity constructs: the surgeon adapts it to the operation.',
    phases: [
      {
        name: 'Protection and early walking',
        period: 'weeks 0–6',
        from: { weeks: 0 },
        to: { weeks: 6 },
        goals: [
          'Walk with a walking aid two to three times a day, increasing the distance',
          'Learn hip-led movement, neutral-spine movement, posture and abdominal bracing',
          'Modalities for pain as needed',
        ],
        restrictions: [
          'No bending or twisting',
          'Brace on when out of bed',
          'Log roll in and out of bed',
          'No sitting for more than 15 minutes at a time',
          'Lifting limited as the surgeon says',
        ],
      },
      {
        name: 'Stabilisation',
        period: 'weeks 6–12',
        from: { weeks: 6 },
        to: { weeks: 12 },
        goals: [
          'Lumbar stabilisation exercises',
          'Stretch hamstrings, quadriceps, calves, hip flexors and piriformis; single and double knee to chest',
          'Heel slides in crook lying, mini lunges and mini squats',
          'Lifting with good body mechanics',
        ],
        restrictions: [
          'Minimal back movement; limited forward bending and rotation of the lower back',
          'Out of the brace only when the surgeon allows',
        ],
      },
      {
        name: 'Strengthening',
        period: 'months 3–6',
        from: { months: 3 },
        to: { months: 6 },
        goals: [
          'Exercise-ball and multidirectional exercises; side bending and rotation once stabilisation is controlled',
          'Resistance training',
          'Functional training towards return to work or sport',
        ],
        restrictions: ['Back movement only in the pain-free range', 'Lifting limits as the surgeon says'],
      },
      {
        name: 'Return to activity',
        period: 'months 6 onwards',
        from: { months: 6 },
        goals: ['Resume all activities'],
        restrictions: ['No end-range back movements'],
      },
    ],
  },
};

function offsetDate(operationDate: string, offset: RehabOffset): string {
  return 'weeks' in offset
    ? addDays(operationDate, offset.weeks * 7, 'operationDate')
    : addMonths(operationDate, offset.months, 'operationDate');
}

/**
 * The template's phases with dates from the operation date: start at `from`, end at `to` (the protocol's
 * own boundaries, so one phase ends on the day the next starts); the last, open phase has no end date.
 */
export function rehabPhasesFrom(template: RehabTemplate, operationDate: string): RehabPhase[] {
  parseIsoDate(operationDate, 'operationDate');
  return template.phases.map((phase) => ({
    name: phase.name,
    startDate: offsetDate(operationDate, phase.from),
    ...(phase.to === undefined ? {} : { endDate: offsetDate(operationDate, phase.to) }),
    goals: [...phase.goals],
    restrictions: [...phase.restrictions],
  }));
}
