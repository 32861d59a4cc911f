import { QUESTIONNAIRE_INSTRUMENTS } from '@spinerecon/core';
import { z } from 'zod';
import { errorBody, isoDate, pageQuery, timestamp } from './common.js';

// Patient-reported outcomes (questionnaire links, the public questionnaire, answers), the recovery timeline
// of a case and a surgeon's outcome rates (docs/decisions/0016).

const notInFuture = (date: string) => date <= new Date().toISOString().slice(0, 10);

export const instrument = z.enum(QUESTIONNAIRE_INSTRUMENTS).describe('odi, srs22r or pain');

/** One answer per item, in order: the option's value, or null for a blank (missing) answer. */
const answers = z
  .array(z.number().int().min(0).max(10).nullable())
  .min(1)
  .max(50)
  .describe("one answer per item, in order: the chosen option's value, or null when left blank");

export const tokenParams = z.strictObject({
  token: z.string().min(1).max(100).describe('the token of the questionnaire link'),
});

export const invitationBody = z.strictObject({
  instrument,
  visitId: z.uuid().optional().describe('the follow-up visit the answers belong to'),
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .optional()
    .describe('default SPINERECON_QUESTIONNAIRE_DAYS'),
});

export const invitationCreated = z.object({
  id: z.string(),
  caseId: z.string(),
  instrument: z.string(),
  visitId: z.string().nullable(),
  token: z.string().describe('shown once: the server keeps only its SHA-256'),
  url: z.string().describe('/q/<token>, relative to the web app'),
  createdAt: timestamp,
  expiresAt: timestamp,
});

export const invitationStatus = z.enum(['pending', 'answered', 'expired']);

export const invitation = z.object({
  id: z.string(),
  caseId: z.string(),
  instrument: z.string(),
  visitId: z.string().nullable(),
  visitLabel: z.string().nullable(),
  status: invitationStatus,
  createdAt: timestamp,
  createdBy: z.string(),
  expiresAt: timestamp,
  answeredAt: timestamp.nullable(),
  responseId: z.string().nullable(),
});

const outcomeValues = z
  .record(z.string(), z.number().nullable())
  .describe(
    'score by outcome (odi, srs22rFunction… srs22rTotal, nrsBackPain, nrsLegPain); null when undetermined',
  );

const mcidEntry = z.object({
  outcome: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  improvement: z.number().nullable().describe('positive = better'),
  reached: z.boolean().nullable(),
  threshold: z.number().nullable().describe('the published MCID; null when undetermined'),
  rules: z.array(z.string()),
  undetermined: z.record(z.string(), z.string()),
  citations: z.array(z.string()).readonly(),
});

export const questionnaireResponse = z.object({
  id: z.string(),
  caseId: z.string(),
  visitId: z.string().nullable(),
  visitLabel: z.string().nullable(),
  invitationId: z.string().nullable(),
  instrument: z.string(),
  answers: z.array(z.number().nullable()),
  score: z
    .object({ instrument: z.string(), result: z.unknown() })
    .describe("the core's scoreQuestionnaire result, with its explanation"),
  values: outcomeValues,
  answeredAt: timestamp,
  source: z.enum(['patient', 'staff']),
  recordedBy: z.string().nullable(),
  baselineResponseId: z
    .string()
    .nullable()
    .describe('the first answers of this instrument, which MCID compares with; null for the first itself'),
  mcid: z.array(mcidEntry),
});

export const caseQuestionnaires = z.object({
  invitations: z.array(invitation),
  unanswered: z.number().describe('invitations pending or expired without answers'),
  responses: z.array(questionnaireResponse),
});

export const staffResponseBody = z.strictObject({
  instrument,
  answers,
  visitId: z.uuid().optional(),
  answeredOn: isoDate
    .refine(notInFuture, 'must not be in the future')
    .optional()
    .describe('the day of the paper form; today when absent'),
});

export const unansweredQuery = z.strictObject({
  status: z.enum(['pending', 'expired', 'all']).default('all'),
  ...pageQuery,
});

export const unansweredItem = z.object({
  invitationId: z.string(),
  caseId: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  mrn: z.string(),
  instrument: z.string(),
  visitId: z.string().nullable(),
  visitLabel: z.string().nullable(),
  status: invitationStatus,
  createdAt: timestamp,
  expiresAt: timestamp,
});

export const questionnaireForm = z.object({
  instrument: z.string(),
  title: z.string(),
  instructions: z.string(),
  copyright: z.string(),
  items: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        options: z.array(z.object({ value: z.number(), label: z.string() })).readonly(),
      }),
    )
    .readonly(),
  expiresAt: timestamp,
});

export const answersBody = z.strictObject({ answers });

/** 410: the link was used or has expired. */
export const goneBody = errorBody.extend({ reason: z.enum(['answered', 'expired']) });

export const answerReceipt = z.object({ instrument: z.string(), answeredAt: timestamp });

// The recovery timeline of a case.

const filmValues = z.object({
  radiographId: z.string(),
  takenOn: z.string().nullable(),
  values: z.record(z.string(), z.number()).describe('spinerecon.measurements/1 values of the film'),
  curves: z.array(z.unknown()).readonly().optional().describe('coronal films: scoliotic curves'),
});

const films = z.object({ lateral: filmValues.nullable(), coronal: filmValues.nullable() });

const targetBand = z.object({
  parameter: z.string(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string(),
  reason: z.string().optional(),
});

const targetSet = z.object({
  name: z.string(),
  citation: z.string(),
  targets: z.array(targetBand),
  undetermined: z.string().optional(),
});

export const recoveryTimeline = z.object({
  caseId: z.string(),
  operationDate: z.string().nullable(),
  plan: z
    .object({
      planId: z.string(),
      planVersion: z.number(),
      source: z.enum(['operation', 'latest']).describe("the operation record's plan, else the latest plan"),
    })
    .nullable(),
  preoperative: films,
  planned: z
    .record(z.string(), z.number())
    .nullable()
    .describe("lateral values the operation's plan predicts (the core's planCase, pelvis fixed)"),
  plannedUndetermined: z.string().optional().describe('why there are no planned values'),
  targets: z
    .object({ srsSchwab: targetSet, gapProportional: targetSet, ageAdjusted: targetSet })
    .nullable()
    .describe("the patient's alignment targets as bands (min/max), from the preoperative films"),
  alignment: z.array(
    films.extend({
      kind: z.literal('visit'),
      visitId: z.string(),
      label: z.string(),
      dueDate: z.string(),
      visitDate: z.string().nullable(),
    }),
  ),
  outcomes: z.object({
    points: z.array(
      z.object({
        responseId: z.string(),
        instrument: z.string(),
        visitId: z.string().nullable(),
        visitLabel: z.string().nullable(),
        answeredAt: timestamp,
        source: z.string(),
        values: outcomeValues,
        reached: z.record(z.string(), z.boolean().nullable()).describe('MCID versus the baseline'),
      }),
    ),
    mcid: z.array(
      z.object({
        outcome: z.string(),
        baselineResponseId: z.string(),
        baseline: z.number().nullable(),
        mcid: z.number().nullable(),
        better: z.enum(['lower', 'higher']).nullable(),
        population: z.string().nullable(),
        citation: z.string().nullable(),
        undetermined: z.string().optional(),
      }),
    ),
  }),
  skipped: z.array(z.string()).describe('films left out, with the reason'),
});

// A surgeon's rates.

const percentInterval = z.object({ lower: z.number(), upper: z.number() }).nullable();

export const surgeonOutcomes = z.object({
  surgeonId: z.string(),
  series: z.string().describe('which cases are counted'),
  cases: z.number(),
  operatedCases: z.number(),
  complications: z.object({
    n: z.number(),
    rates: z
      .array(
        z.object({
          type: z.string(),
          label: z.string(),
          count: z.number(),
          n: z.number(),
          ratePercent: z.number().nullable(),
          wilson95Percent: percentInterval,
          published: z
            .array(
              z.object({
                statement: z.string(),
                ratePercent: z.union([z.number(), z.object({ min: z.number(), max: z.number() })]),
                population: z.string(),
                citation: z.string(),
              }),
            )
            .readonly(),
          publishedScope: z.string().optional(),
          byClavienDindo: z.record(z.string(), z.number()),
        }),
      )
      .readonly(),
    intervalSource: z.string(),
  }),
  outcomes: z.object({
    rates: z.array(
      z.object({
        outcome: z.string(),
        instrument: z.string(),
        reached: z.number(),
        n: z.number().describe('cases with a baseline and a later score, MCID determined'),
        undeterminedCases: z.number(),
        ratePercent: z.number().nullable(),
        wilson95Percent: percentInterval,
        mcid: z
          .object({
            value: z.number(),
            better: z.enum(['lower', 'higher']),
            population: z.string(),
            citation: z.string(),
          })
          .nullable(),
        undetermined: z.string().optional(),
      }),
    ),
    intervalSource: z.string(),
  }),
});
