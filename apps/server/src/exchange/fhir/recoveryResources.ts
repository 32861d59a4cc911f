import type { CaseRecord } from '../caseRecords.js';
import {
  answerValues,
  readOperation,
  readRehabilitation,
  scoreValues,
  type OperationFacts,
} from '../documents.js';
import { describePlan } from '../planSummary.js';
import {
  PROCEDURE_SYSTEM,
  QUESTIONNAIRE_ROOT,
  QUESTIONNAIRES,
  RECORD_ID_SYSTEM,
  SNOMED,
  SPINE_BODY_SITE,
} from './codes.js';
import { conditionId } from './caseResources.js';
import { codeable, referenceTo, type Annotation, type Resource } from './fhirTypes.js';
import { resourceId } from './resourceIds.js';

// The operation record as a Procedure, the rehabilitation programme as a CarePlan, every outcome
// questionnaire as a QuestionnaireResponse with its answers and scores (docs/decisions/0016).

function operationNotes(facts: OperationFacts): Annotation[] {
  const lines: string[] = [];
  if (facts.durationMin !== undefined) lines.push(`Duration: ${facts.durationMin} min`);
  if (facts.estimatedBloodLossMl !== undefined)
    lines.push(`Estimated blood loss: ${facts.estimatedBloodLossMl} ml`);
  if (facts.transfusionUnits !== undefined) lines.push(`Transfusion: ${facts.transfusionUnits} units`);
  for (const alert of facts.neuromonitoringAlerts)
    lines.push(
      `Neuromonitoring alert: ${alert.description}${alert.action === '' ? '' : ` — ${alert.action}`}`,
    );
  const notes = lines.map((text) => ({ text }));
  return facts.notes.trim() === '' ? notes : [...notes, { text: facts.notes }];
}

export function procedureResource(record: CaseRecord): Resource | undefined {
  if (record.operation === undefined) return undefined;
  const facts = readOperation(record.operation.content);
  const performed = facts.performed === undefined ? 'elements not recorded' : describePlan(facts.performed);
  const notes = operationNotes(facts);
  return {
    resourceType: 'Procedure',
    id: resourceId(record.case.id, 'operation'),
    identifier: [
      { system: RECORD_ID_SYSTEM, value: `${record.case.id}/operation/${record.operation.version}` },
    ],
    status: 'completed',
    code: {
      ...codeable(PROCEDURE_SYSTEM, 'spinal-reconstruction', 'Spinal reconstruction surgery'),
      text: `Spinal reconstruction surgery: ${performed}`,
    },
    subject: referenceTo(record.patient.id),
    ...(facts.date === undefined ? {} : { performedDateTime: facts.date }),
    reasonReference: [referenceTo(conditionId(record))],
    bodySite: [codeable(SNOMED, SPINE_BODY_SITE.code, SPINE_BODY_SITE.display)],
    ...(facts.intraoperativeComplications.length === 0
      ? {}
      : { complication: facts.intraoperativeComplications.map((text) => ({ text })) }),
    ...(facts.implants.length === 0
      ? {}
      : {
          usedCode: facts.implants.map((implant) => ({
            text:
              implant.udi === undefined ? implant.description : `${implant.description} (UDI ${implant.udi})`,
          })),
        }),
    ...(notes.length === 0 ? {} : { note: notes }),
  };
}

export function carePlanResource(record: CaseRecord): Resource | undefined {
  if (record.rehabilitation === undefined) return undefined;
  const phases = readRehabilitation(record.rehabilitation.content);
  const starts = phases.flatMap((p) => (p.startDate === undefined ? [] : [p.startDate])).sort();
  const ends = phases.flatMap((p) => (p.endDate === undefined ? [] : [p.endDate])).sort();
  const period = {
    ...(starts[0] === undefined ? {} : { start: starts[0] }),
    ...(ends.length === 0 ? {} : { end: ends[ends.length - 1] }),
  };
  return {
    resourceType: 'CarePlan',
    id: resourceId(record.case.id, 'rehabilitation'),
    identifier: [
      {
        system: RECORD_ID_SYSTEM,
        value: `${record.case.id}/rehabilitation/${record.rehabilitation.version}`,
      },
    ],
    status: 'active',
    intent: 'plan',
    category: [
      { ...codeable(PROCEDURE_SYSTEM, 'rehabilitation', 'Rehabilitation programme'), text: 'Rehabilitation' },
    ],
    title: 'Rehabilitation programme',
    subject: referenceTo(record.patient.id),
    ...(Object.keys(period).length === 0 ? {} : { period }),
    addresses: [referenceTo(conditionId(record))],
    ...(phases.length === 0
      ? {}
      : {
          activity: phases.map((phase) => {
            const scheduled = {
              ...(phase.startDate === undefined ? {} : { start: phase.startDate }),
              ...(phase.endDate === undefined ? {} : { end: phase.endDate }),
            };
            const goals = phase.goals.length === 0 ? '' : ` Goals: ${phase.goals.join('; ')}.`;
            const limits =
              phase.restrictions.length === 0 ? '' : ` Restrictions: ${phase.restrictions.join('; ')}.`;
            return {
              detail: {
                // The programme records the plan of each phase, not whether it was carried out.
                status: 'unknown',
                description: `${phase.name === '' ? 'Phase' : phase.name}.${goals}${limits}`,
                ...(Object.keys(scheduled).length === 0 ? {} : { scheduledPeriod: scheduled }),
              },
            };
          }),
        }),
  };
}

const answerOf = (value: number | string) =>
  typeof value === 'string'
    ? { valueString: value }
    : Number.isInteger(value)
      ? { valueInteger: value }
      : { valueDecimal: value };

export function questionnaireResponseResources(record: CaseRecord): Resource[] {
  return record.questionnaires.map((row) => {
    const instrument = QUESTIONNAIRES[row.instrument];
    const answers = answerValues(JSON.parse(row.answers) as unknown);
    const scores = Object.entries(scoreValues(JSON.parse(row.score) as unknown));
    const answerItems = answers.flatMap((value, index) =>
      value === null ? [] : [{ linkId: `item-${index + 1}`, answer: [answerOf(value)] }],
    );
    const scoreItems = scores.flatMap(([name, value]) =>
      value === null ? [] : [{ linkId: `score.${name}`, text: name, answer: [answerOf(value)] }],
    );
    return {
      resourceType: 'QuestionnaireResponse',
      id: row.id,
      identifier: { system: RECORD_ID_SYSTEM, value: row.id },
      ...(instrument === undefined ? {} : { questionnaire: `${QUESTIONNAIRE_ROOT}.${instrument.arc}` }),
      status: 'completed',
      subject: referenceTo(record.patient.id),
      authored: row.answered_at,
      ...(row.source === 'patient' ? { source: referenceTo(record.patient.id) } : {}),
      item: [
        ...(answerItems.length === 0
          ? []
          : [{ linkId: 'answers', text: instrument?.title ?? row.instrument, item: answerItems }]),
        ...(scoreItems.length === 0
          ? []
          : [{ linkId: 'score', text: 'Score (SpineRecon)', item: scoreItems }]),
      ],
    };
  });
}
