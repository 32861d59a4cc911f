import type { Point } from '../geometry/point.js';
import type { Level } from './levels.js';

/** Case file format identifier (docs/formats/spine-case.md). */
export const CASE_FORMAT = 'spinerecon.case/1';

export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

export const POSTURES = ['standing', 'supine', 'left-bending', 'right-bending', 'traction'] as const;
/** How the patient was positioned; `standing` when the file does not say. */
export type Posture = (typeof POSTURES)[number];

export type ImageSide = 'left' | 'right';

/**
 * Millimetres at the patient per pixel: one number for square pixels, or `[rowMm, colMm]` as DICOM
 * PixelSpacing orders it (row spacing = vertical distance between rows, column spacing = horizontal).
 */
export type PixelSpacingMm = number | readonly [number, number];

export interface Patient {
  readonly ageYears?: number;
  readonly sex?: Sex;
}

export const LATERAL_CORNERS = [
  'superiorAnterior',
  'superiorPosterior',
  'inferiorAnterior',
  'inferiorPosterior',
] as const;
export type LateralCorner = (typeof LATERAL_CORNERS)[number];
/**
 * The centre of the vertebral body marked with one click: stands in for the mean of the four corners where
 * those are not all marked (C7 for SVA, T1 for TPA, C2 for cervical SVA in a quick protocol).
 */
export const CENTROID_POINT = 'centroid';
export type CentroidPoint = typeof CENTROID_POINT;
export type LateralVertebra = Partial<Record<LateralCorner | CentroidPoint, Point>>;

export const CORONAL_CORNERS = ['superiorRight', 'superiorLeft', 'inferiorRight', 'inferiorLeft'] as const;
export type CoronalCorner = (typeof CORONAL_CORNERS)[number];
/** Points on the medial cortex of each pedicle (Lenke lumbar modifier), optional. */
export const PEDICLE_POINTS = ['pedicleMedialRight', 'pedicleMedialLeft'] as const;
export type PediclePoint = (typeof PEDICLE_POINTS)[number];
export type CoronalVertebra = Partial<Record<CoronalCorner | PediclePoint | CentroidPoint, Point>>;

export interface FemoralHead {
  readonly center: Point;
  readonly radiusPx?: number;
}

interface RadiographBase {
  readonly id: string;
  readonly posture: Posture;
  /** Absent: the film is uncalibrated, and no distance in millimetres can be given. */
  readonly pixelSpacingMm?: PixelSpacingMm;
}

export interface LateralRadiograph extends RadiographBase {
  readonly view: 'lateral';
  /** Which side of the image the patient faces. */
  readonly anteriorOnImage: ImageSide;
  readonly vertebrae: Partial<Record<Level, LateralVertebra>>;
  readonly femoralHeads: readonly FemoralHead[];
}

export interface CoronalRadiograph extends RadiographBase {
  readonly view: 'coronal';
  /** `left` as in AP display, `right` as in PA display. */
  readonly patientRightOnImage: ImageSide;
  readonly vertebrae: Partial<Record<Level, CoronalVertebra>>;
}

export type Radiograph = LateralRadiograph | CoronalRadiograph;

export interface SpineCase {
  readonly format: typeof CASE_FORMAT;
  readonly patient?: Patient;
  /** What the clinician records; optional, used by classifications and the indication summary. */
  readonly clinical?: ClinicalFacts;
  readonly radiographs: readonly Radiograph[];
}

export const DIAGNOSES = [
  'degenerative-disc-disease',
  'kyphosis',
  'stenosis',
  'scoliosis',
  'spondylolisthesis',
  'disc-herniation',
  'fracture',
  'tumour',
  'infection',
  'other',
] as const;
export type Diagnosis = (typeof DIAGNOSES)[number];

export const CONSERVATIVE_TREATMENTS = [
  'physiotherapy',
  'medication',
  'injection',
  'bracing',
  'other',
] as const;
export type ConservativeTreatmentKind = (typeof CONSERVATIVE_TREATMENTS)[number];

export const NEUROLOGICAL_STATUSES = [
  'intact',
  'radiculopathy',
  'myelopathy',
  'cauda-equina-syndrome',
] as const;
export type NeurologicalStatus = (typeof NEUROLOGICAL_STATUSES)[number];

export const TLICS_MORPHOLOGIES = ['compression', 'burst', 'translation-rotation', 'distraction'] as const;
export const TLICS_NEUROLOGY = [
  'intact',
  'nerve-root',
  'complete-cord-conus',
  'incomplete-cord-conus',
  'cauda-equina',
] as const;
export const TLICS_PLC = ['intact', 'indeterminate', 'injured'] as const;

/** Thoracolumbar Injury Classification and Severity Score inputs (Vaccaro 2005), from CT/MRI and examination. */
export interface TlicsInputs {
  /** Every morphology seen; the most severe one scores. */
  readonly morphology?: readonly (typeof TLICS_MORPHOLOGIES)[number][];
  readonly neurology?: (typeof TLICS_NEUROLOGY)[number];
  readonly posteriorLigamentousComplex?: (typeof TLICS_PLC)[number];
}

export const SINS_PAIN = ['mechanical', 'occasional-non-mechanical', 'none'] as const;
export const SINS_LESION = ['lytic', 'mixed', 'blastic'] as const;
export const SINS_ALIGNMENT = ['subluxation-translation', 'de-novo-deformity', 'normal'] as const;
export const SINS_COLLAPSE = [
  'over-50-percent',
  'under-50-percent',
  'none-over-50-percent-body-involved',
  'none',
] as const;
export const SINS_POSTEROLATERAL = ['bilateral', 'unilateral', 'none'] as const;
/** Sacral levels below S1 (rigid segment in SINS); S1 itself is a vertebral level of the case format. */
export const SINS_SACRAL_LOCATION = 'S2-S5';

/** Spinal Instability Neoplastic Score inputs (Fisher 2010). */
export interface SinsInputs {
  /** The level of the lesion (or S2-S5). */
  readonly location?: Level | typeof SINS_SACRAL_LOCATION;
  readonly pain?: (typeof SINS_PAIN)[number];
  readonly lesion?: (typeof SINS_LESION)[number];
  readonly alignment?: (typeof SINS_ALIGNMENT)[number];
  readonly collapse?: (typeof SINS_COLLAPSE)[number];
  readonly posterolateral?: (typeof SINS_POSTEROLATERAL)[number];
}

export interface ConservativeTreatment {
  readonly kind: ConservativeTreatmentKind;
  readonly months?: number;
}

export interface ClinicalFacts {
  readonly diagnosis?: Diagnosis;
  readonly symptomMonths?: number;
  readonly conservativeTreatment?: readonly ConservativeTreatment[];
  readonly neurologicalStatus?: NeurologicalStatus;
  /** Numeric rating scale 0–10. */
  readonly backPainNrs?: number;
  readonly legPainNrs?: number;
  readonly tlics?: TlicsInputs;
  readonly sins?: SinsInputs;
}
