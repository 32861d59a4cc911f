import type { CoronalParameter, Diagnosis, LateralParameter } from '@spinerecon/core';

// The code systems of the FHIR export (docs/decisions/0017-data-exchange.md, docs/formats/research-export.md
// "FHIR codes"). Standard systems where a code could be verified; SpineRecon's own otherwise.

export const SNOMED = 'http://snomed.info/sct';
export const UCUM = 'http://unitsofmeasure.org';
export const DICOM_DCM = 'http://dicom.nema.org/resources/ontology/DCM';
export const DICOM_UID = 'urn:dicom:uid';
export const RFC3986 = 'urn:ietf:rfc:3986';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const DATA_ABSENT_REASON = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
export const IDENTIFIER_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/**
 * SpineRecon has no web domain of its own and FHIR needs a URI for a code system: ours are OIDs under a root
 * made for this once from a random UUID (ISO/IEC 9834-8 `2.25` arc), so they cannot collide with anyone's.
 */
export const SPINERECON_OID_ROOT = '2.25.62111856664234407930750010369391781978';
/** Alignment parameters: the codes of our DICOM SR private scheme 99SPINERECON (docs/formats/dicom-sr.md). */
export const MEASUREMENT_SYSTEM = `urn:oid:${SPINERECON_OID_ROOT}.1`;
/** The case's diagnosis as SpineRecon records it (the core's DIAGNOSES). */
export const DIAGNOSIS_SYSTEM = `urn:oid:${SPINERECON_OID_ROOT}.2`;
/** Vertebral levels (C1…S1), as values of curve and segment components. */
export const LEVEL_SYSTEM = `urn:oid:${SPINERECON_OID_ROOT}.3`;
/** The operation record and the rehabilitation programme. */
export const PROCEDURE_SYSTEM = `urn:oid:${SPINERECON_OID_ROOT}.4`;
/** Questionnaires: `<root>.5.<n>` is one instrument (QuestionnaireResponse.questionnaire). */
export const QUESTIONNAIRE_ROOT = `urn:oid:${SPINERECON_OID_ROOT}.5`;
/** Identifiers of SpineRecon's own records (patient, case, radiograph ids). */
export const RECORD_ID_SYSTEM = `urn:oid:${SPINERECON_OID_ROOT}.6`;

export const QUESTIONNAIRES: Readonly<Record<string, { readonly arc: number; readonly title: string }>> = {
  odi: { arc: 1, title: 'Oswestry Disability Index 2.1a' },
  srs22r: { arc: 2, title: 'SRS-22r' },
  pain: { arc: 3, title: 'Back and leg pain, numeric rating scale 0–10' },
};

export interface SnomedCode {
  readonly code: string;
  readonly display: string;
}

/**
 * SNOMED CT concepts of our diagnoses, only where a code was found in independent public sources that agree on
 * its meaning (searched with the project's code search; no SNOMED CT browser was reachable — recheck there):
 * - scoliosis 298382003 "Scoliosis deformity of spine": Endeavour Health Information Manager test data (with
 *   its parent "Curvature of spine"), several FHIR/terminology projects.
 * - kyphosis 414564002 "Kyphosis deformity of spine": a FHIR ValueSet compose and a MedDRA→SNOMED ConceptMap.
 * - stenosis 76107001 "Spinal stenosis": CogStack MedCAT service fixtures, openimagingdata finding models
 *   (index code), an ICD-10 M48.00 map (one unrelated project names it differently; the majority is kept).
 * - spondylolisthesis 274152003 "Spondylolisthesis" and degenerative disc disease 77547008 "Degeneration of
 *   intervertebral disc": spine terminology mappings of several projects and a published cohort table.
 * Disc herniation, fracture, tumour, infection and other: undetermined — each is a family of SNOMED concepts
 * (level, cause, tissue) that our diagnosis does not specify, so no single code is right; text and our own
 * code only.
 */
export const DIAGNOSIS_SNOMED: Readonly<Partial<Record<Diagnosis, SnomedCode>>> = {
  scoliosis: { code: '298382003', display: 'Scoliosis deformity of spine' },
  kyphosis: { code: '414564002', display: 'Kyphosis deformity of spine' },
  stenosis: { code: '76107001', display: 'Spinal stenosis' },
  spondylolisthesis: { code: '274152003', display: 'Spondylolisthesis' },
  'degenerative-disc-disease': { code: '77547008', display: 'Degeneration of intervertebral disc' },
};

/** SNOMED CT 421060004 "Spine", as DICOM CID 4031 uses it (docs/formats/dicom-sr.md). */
export const SPINE_BODY_SITE: SnomedCode = { code: '421060004', display: 'Spine' };

export const DIAGNOSIS_TEXT: Readonly<Record<Diagnosis, string>> = {
  'degenerative-disc-disease': 'Degenerative disc disease',
  kyphosis: 'Kyphosis',
  stenosis: 'Spinal stenosis',
  scoliosis: 'Scoliosis',
  spondylolisthesis: 'Spondylolisthesis',
  'disc-herniation': 'Disc herniation',
  fracture: 'Spinal fracture',
  tumour: 'Spinal tumour',
  infection: 'Spinal infection',
  other: 'Other spinal condition',
};

export interface MeasurementCode {
  readonly code: string;
  readonly display: string;
}

/**
 * No LOINC, SNOMED CT or DICOM code for these spinal alignment parameters could be verified (as for the SR,
 * docs/formats/dicom-sr.md "Standard codes"): the codes are those of our private SR scheme, in our system.
 */
export const LATERAL_CODES: Readonly<Record<LateralParameter, MeasurementCode>> = {
  pelvicIncidenceDeg: { code: 'PI', display: 'Pelvic incidence' },
  pelvicTiltDeg: { code: 'PT', display: 'Pelvic tilt' },
  sacralSlopeDeg: { code: 'SS', display: 'Sacral slope' },
  lumbarLordosisDeg: { code: 'LL', display: 'Lumbar lordosis L1-S1' },
  lumbarLordosisL4S1Deg: { code: 'LL-L4S1', display: 'Lumbar lordosis L4-S1' },
  thoracicKyphosisT4T12Deg: { code: 'TK-T4T12', display: 'Thoracic kyphosis T4-T12' },
  thoracicKyphosisT5T12Deg: { code: 'TK-T5T12', display: 'Thoracic kyphosis T5-T12' },
  proximalThoracicKyphosisT2T5Deg: { code: 'PTK-T2T5', display: 'Proximal thoracic kyphosis T2-T5' },
  thoracolumbarKyphosisT10L2Deg: { code: 'TLK-T10L2', display: 'Thoracolumbar kyphosis T10-L2' },
  piLlMismatchDeg: { code: 'PI-LL', display: 'Pelvic incidence minus lumbar lordosis' },
  sagittalVerticalAxisMm: { code: 'SVA', display: 'Sagittal vertical axis' },
  t1PelvicAngleDeg: { code: 'TPA', display: 'T1 pelvic angle' },
  t1SlopeDeg: { code: 'T1S', display: 'T1 slope' },
  cervicalLordosisC2C7Deg: { code: 'CL-C2C7', display: 'Cervical lordosis C2-C7' },
  cervicalSvaMm: { code: 'CSVA', display: 'Cervical sagittal vertical axis C2-C7' },
  globalTiltDeg: { code: 'GT', display: 'Global tilt' },
};

export const CORONAL_CODES: Readonly<Record<CoronalParameter, MeasurementCode>> = {
  coronalBalanceMm: { code: 'CB', display: 'Coronal balance' },
};

/** Measurements that repeat per curve or per motion segment, and their components. */
export const REPEATED_CODES = {
  curveCobb: { code: 'COBB', display: 'Cobb angle of coronal curve' },
  apicalTranslation: { code: 'AVT', display: 'Apical vertebral translation' },
  discAngle: { code: 'DISC', display: 'Disc angle' },
  slip: { code: 'SLIP', display: 'Vertebral slip percentage' },
  upperEndVertebra: { code: 'UEV', display: 'Upper end vertebra' },
  lowerEndVertebra: { code: 'LEV', display: 'Lower end vertebra' },
  apicalVertebra: { code: 'APEX', display: 'Apical vertebra' },
  convexity: { code: 'CONVEX', display: 'Curve convexity' },
  upperVertebra: { code: 'UPPER', display: 'Upper vertebra' },
  lowerVertebra: { code: 'LOWER', display: 'Lower vertebra' },
  // Not in the SR scheme (the SR gives the slip only); added here for the listhesis Observation.
  meyerdingGrade: { code: 'MEYERDING', display: 'Meyerding grade' },
} as const satisfies Record<string, MeasurementCode>;
