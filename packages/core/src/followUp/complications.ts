import { FOLLOW_UP_SOURCES } from './followUpSources.js';

/** The complications recorded after an operation (the kinds of the operation record, issue 9). */
export const COMPLICATION_TYPES = [
  { type: 'neurologicalInjury', label: 'Neurological injury' },
  { type: 'implantLoosening', label: 'Implant loosening' },
  { type: 'implantBreakage', label: 'Implant breakage / rod fracture' },
  { type: 'infectionSuperficial', label: 'Infection, superficial' },
  { type: 'infectionDeep', label: 'Infection, deep' },
  { type: 'bloodLossTransfusion', label: 'Blood loss requiring transfusion' },
  { type: 'spinalImbalance', label: 'Spinal imbalance' },
  { type: 'adjacentSegmentDegeneration', label: 'Adjacent segment degeneration' },
  { type: 'proximalJunctionalKyphosis', label: 'Proximal junctional kyphosis' },
  { type: 'proximalJunctionalFailure', label: 'Proximal junctional failure' },
  { type: 'duralTear', label: 'Dural tear' },
  { type: 'pseudarthrosis', label: 'Pseudarthrosis' },
  { type: 'venousThromboembolism', label: 'Venous thromboembolism' },
  { type: 'other', label: 'Other' },
] as const;

export type ComplicationType = (typeof COMPLICATION_TYPES)[number]['type'];

export function isComplicationType(value: unknown): value is ComplicationType {
  return COMPLICATION_TYPES.some((c) => c.type === value);
}

export function complicationLabel(type: ComplicationType): string {
  return COMPLICATION_TYPES.find((c) => c.type === type)?.label ?? type;
}

/** Dindo 2004 (Ann Surg 240:205): grades of a complication by the treatment it needed. */
export const CLAVIEN_DINDO_GRADES = [
  {
    grade: 'I',
    definition:
      'Any deviation from the normal postoperative course without the need for pharmacological treatment or surgical, endoscopic and radiological interventions. Allowed: antiemetics, antipyretics, analgesics, diuretics, electrolytes and physiotherapy; also wound infections opened at the bedside.',
  },
  {
    grade: 'II',
    definition:
      'Requiring pharmacological treatment with drugs other than those allowed for grade I. Blood transfusions and total parenteral nutrition are also included.',
  },
  {
    grade: 'IIIa',
    definition: 'Requiring surgical, endoscopic or radiological intervention, not under general anaesthesia.',
  },
  {
    grade: 'IIIb',
    definition: 'Requiring surgical, endoscopic or radiological intervention under general anaesthesia.',
  },
  {
    grade: 'IVa',
    definition:
      'Life-threatening complication (including CNS complications: brain haemorrhage, ischaemic stroke, subarachnoid bleeding, but not transient ischaemic attacks) requiring IC/ICU management: single-organ dysfunction (including dialysis).',
  },
  {
    grade: 'IVb',
    definition: 'Life-threatening complication requiring IC/ICU management: multi-organ dysfunction.',
  },
  { grade: 'V', definition: 'Death of the patient.' },
] as const;

export type ClavienDindoGrade = (typeof CLAVIEN_DINDO_GRADES)[number]['grade'];

export const CLAVIEN_DINDO_SOURCE = FOLLOW_UP_SOURCES['dindo-2004'];

export function isClavienDindoGrade(value: unknown): value is ClavienDindoGrade {
  return CLAVIEN_DINDO_GRADES.some((g) => g.grade === value);
}
