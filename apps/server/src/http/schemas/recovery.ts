import {
  CLAVIEN_DINDO_GRADES,
  COMPLICATION_TYPES,
  DISCHARGE_DESTINATIONS,
  STAY_MILESTONES,
} from '@spinerecon/core';
import { z } from 'zod';
import { freeText, isoDate, line, pageQuery, timestamp } from './common.js';
import { radiograph } from './resources.js';

// The operation record and recovery (docs/decisions/0016): request and response shapes; the lists
// (milestones, destinations, complication types, Clavien–Dindo grades) come from @spinerecon/core.

const MILESTONE_KINDS = STAY_MILESTONES.map((m) => m.kind);
const DESTINATIONS = DISCHARGE_DESTINATIONS.map((d) => d.destination);
const COMPLICATION_TYPE_IDS = COMPLICATION_TYPES.map((c) => c.type);
const GRADES = CLAVIEN_DINDO_GRADES.map((g) => g.grade);

/** Fields of every versioned case document (operation, hospital stay, rehabilitation). */
const documentFields = {
  caseId: z.string(),
  version: z.number(),
  createdAt: timestamp.describe('when the first version was saved'),
  updatedAt: timestamp.describe('when this (the latest) version was saved'),
  createdBy: z.string().describe('the user who saved this version'),
};

export const operationContent = z
  .strictObject({
    format: z.literal('spinerecon.operation/1'),
    date: isoDate.describe('the day of the operation, not in the future'),
    planId: z.uuid().optional().describe('the plan of this case the operation followed'),
    planVersion: z.number().int().min(1).max(1e9).optional(),
    performed: z
      .looseObject({})
      .describe(
        'what was done: the elements of a spinerecon.plan/1 (fusion, osteotomies, cages, vertebralBodyReplacements, screws, rods, boneGraft) without format and riskFactors; checked by the core’s validatePlan',
      ),
    durationMin: z.number().int().min(1).max(2880).optional().describe('skin to skin, minutes'),
    estimatedBloodLossMl: z.number().min(0).max(100_000).optional(),
    transfusionUnits: z.number().int().min(0).max(500).optional(),
    neuromonitoringAlerts: z
      .array(z.strictObject({ description: line(1000), action: z.string().max(1000).default('') }))
      .max(100)
      .default([]),
    intraoperativeComplications: z.array(line(1000)).max(100).default([]),
    implants: z
      .array(
        z.strictObject({
          description: line(500),
          udi: line(255).optional().describe('Unique Device Identifier as printed on the label'),
        }),
      )
      .max(500)
      .default([]),
    notes: freeText.default(''),
  })
  .describe('spinerecon.operation/1: the operation record, one per case, versioned');
export const operationSaveBody = z.strictObject({ content: operationContent });
export const operationRecord = z.object({ ...documentFields, content: operationContent });

export const hospitalStayContent = z.strictObject({
  admissionDate: isoDate,
  dischargeDate: isoDate.optional().describe('absent while the patient is in hospital'),
  milestones: z
    .array(z.strictObject({ kind: z.enum(MILESTONE_KINDS), date: isoDate }))
    .max(100)
    .default([])
    .describe('kinds: the core’s STAY_MILESTONES'),
  dischargeDestination: z.enum(DESTINATIONS).optional().describe('the core’s DISCHARGE_DESTINATIONS'),
});
export const hospitalStaySaveBody = z.strictObject({ content: hospitalStayContent });
export const hospitalStay = z.object({
  ...documentFields,
  content: hospitalStayContent,
  lengthOfStay: z
    .object({
      days: z.number(),
      expectedDays: z.object({ min: z.number(), max: z.number() }),
      assessment: z.enum(['shorter', 'within', 'longer']),
      extendedStay: z.boolean(),
      source: z.string(),
    })
    .nullable()
    .describe(
      'nights from admission to discharge against the expected range (the core); null until discharge',
    ),
});

export const rehabilitationContent = z.strictObject({
  phases: z
    .array(
      z.strictObject({
        name: line(200),
        startDate: isoDate.optional(),
        endDate: isoDate.optional(),
        goals: z.array(line(1000)).max(50).default([]),
        restrictions: z.array(line(1000)).max(50).default([]),
      }),
    )
    .max(20),
});
export const rehabilitationSaveBody = z.strictObject({ content: rehabilitationContent });
export const rehabilitation = z.object({ ...documentFields, content: rehabilitationContent });

export const therapySessionBody = z.strictObject({
  sessionDate: isoDate,
  phase: line(200).describe('the rehabilitation phase'),
  notes: freeText.optional(),
  progress: freeText.optional(),
});
export const therapySession = z.object({
  id: z.string(),
  caseId: z.string(),
  sessionDate: z.string(),
  phase: z.string(),
  notes: z.string(),
  progress: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string().nullable(),
  createdAt: timestamp,
});

const followUpInterval = z.union([
  z.strictObject({ label: line(100), days: z.number().int().min(1).max(3650) }),
  z.strictObject({ label: line(100), months: z.number().int().min(1).max(240) }),
]);
export const scheduleBody = z.strictObject({
  intervals: z
    .array(followUpInterval)
    .min(1)
    .max(30)
    .optional()
    .describe('visits after the operation; absent: the core’s DEFAULT_FOLLOW_UP_INTERVALS'),
});

export const visitBody = z.strictObject({
  label: line(100),
  dueDate: isoDate,
  visitDate: isoDate.nullable().optional().describe('the day the patient was seen; null until then'),
  notes: freeText.optional(),
});
export const visitPatch = visitBody.partial();
export const visitStatusValues = ['done', 'upcoming', 'due', 'overdue'] as const;
export const visit = z.object({
  id: z.string(),
  caseId: z.string(),
  label: z.string(),
  dueDate: z.string(),
  visitDate: z.string().nullable(),
  notes: z.string(),
  status: z.enum(visitStatusValues).describe('today, by the core’s visitStatus'),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const visitDetail = visit.extend({ radiographs: z.array(radiograph) });

export const worklistQuery = z.strictObject({
  status: z.enum(['due', 'overdue', 'all']).default('all'),
  surgeonId: z.uuid().optional(),
  ...pageQuery,
});
export const worklist = z.object({
  today: z.string(),
  items: z.array(
    z.object({
      status: z.enum(['due', 'overdue']),
      visit,
      patient: z.object({ id: z.string(), name: z.string(), mrn: z.string(), birthDate: z.string() }),
      case: z.object({
        id: z.string(),
        diagnosis: z.string(),
        surgeonId: z.string().nullable(),
        surgeonName: z.string().nullable(),
      }),
    }),
  ),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});

export const complicationBody = z.strictObject({
  type: z.enum(COMPLICATION_TYPE_IDS).describe('the core’s COMPLICATION_TYPES'),
  onsetDate: isoDate,
  clavienDindo: z.enum(GRADES).describe('Clavien–Dindo grade (Dindo 2004)'),
  visitId: z.uuid().nullable().optional().describe('the follow-up visit where it was found'),
  description: freeText.optional(),
  treatment: freeText.optional(),
  resolution: freeText.optional(),
  resolvedDate: isoDate.nullable().optional(),
});
export const complicationPatch = complicationBody.partial();
export const complication = z.object({
  id: z.string(),
  caseId: z.string(),
  visitId: z.string().nullable(),
  type: z.string(),
  typeLabel: z.string(),
  onsetDate: z.string(),
  clavienDindo: z.string(),
  description: z.string(),
  treatment: z.string(),
  resolution: z.string(),
  resolvedDate: z.string().nullable(),
  recordedBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const alignmentQuery = z.strictObject({
  pelvis: z
    .enum(['fixed', 'compensating'])
    .default('fixed')
    .describe('how the plan’s prediction treats the pelvis (as on the planning page)'),
});
const filmRef = z
  .object({
    radiographId: z.string(),
    takenOn: z.string().nullable(),
    posture: z.string(),
    visitId: z.string().nullable(),
  })
  .nullable();
const explanationFields = {
  inputs: z.record(z.string(), z.union([z.number(), z.string()])),
  rules: z.array(z.string()).readonly(),
  undetermined: z.record(z.string(), z.string()).describe('field → why it could not be decided'),
  citations: z.array(z.string()).readonly(),
};
const flagFields = {
  flag: z.union([z.boolean(), z.literal('undetermined')]),
  reasons: z.array(z.string()).readonly(),
  source: z.string(),
  ...explanationFields,
};
const alignmentRow = z.object({
  parameter: z.string(),
  unit: z.enum(['deg', 'mm']),
  preoperative: z.number().nullable(),
  planned: z.number().nullable(),
  achieved: z.number().nullable(),
  achievedMinusPlanned: z.number().nullable(),
  changeFromPreoperative: z.number().nullable(),
  target: z
    .object({
      set: z.string(),
      citation: z.string(),
      min: z.number().optional(),
      max: z.number().optional(),
      met: z.boolean().nullable(),
      reason: z.string().optional(),
    })
    .optional(),
  unavailable: z
    .object({
      preoperative: z.string().optional(),
      planned: z.string().optional(),
      achieved: z.string().optional(),
    })
    .optional()
    .describe('why a column has no value'),
});
export const visitAlignment = z.object({
  visitId: z.string(),
  caseId: z.string(),
  pelvis: z.string(),
  operation: z
    .object({ date: z.string(), planId: z.string().nullable(), planVersion: z.number().nullable() })
    .nullable(),
  plan: z
    .object({
      id: z.string(),
      title: z.string(),
      version: z.number(),
      source: z.enum(['operation', 'latest']).describe('the operation’s plan, or the case’s latest plan'),
    })
    .nullable(),
  films: z.object({ preoperative: filmRef, firstPostoperative: filmRef, achieved: filmRef }),
  missing: z.array(z.string()).describe('what could not be compared, and why'),
  comparison: z
    .object({
      rows: z.array(alignmentRow).readonly(),
      flags: z.object({
        proximalJunctionalKyphosis: z.object({
          preoperativePjaDeg: z.number().nullable(),
          followUpPjaDeg: z.number().nullable(),
          pjk: z.boolean().nullable(),
          ...explanationFields,
        }),
        lossOfCorrection: z
          .array(
            z.object({ change: z.number().nullable(), lossOfCorrection: z.null(), ...explanationFields }),
          )
          .readonly(),
        implantFailure: z.object({
          ...flagFields,
          firstPostoperativeAngleDeg: z.number().nullable(),
          followUpAngleDeg: z.number().nullable(),
          changeDeg: z.number().nullable(),
        }),
        adjacentSegment: z.object({
          ...flagFields,
          levels: z
            .array(
              z.object({
                position: z.enum(['above', 'below']),
                upper: z.string(),
                lower: z.string(),
                translationChangeMm: z.number().nullable(),
                discHeightChangeMm: z.number().nullable(),
                discAngleChangeDeg: z.number().nullable(),
                flag: z.union([z.boolean(), z.literal('undetermined')]),
                reasons: z.array(z.string()).readonly(),
              }),
            )
            .readonly(),
        }),
      }),
      statement: z.string(),
    })
    .nullable()
    .describe('by the core’s compareAlignment; null until the visit has a lateral film with landmarks'),
});
