// Every coded concept the SpineRecon measurement report uses: the standard ones (DCM, SCT, UCUM) and our
// private coding scheme 99SPINERECON. The full table is in docs/formats/dicom-sr.md.
import {
  CENTROID_POINT,
  CORONAL_CORNERS,
  LATERAL_CORNERS,
  LEVELS,
  PEDICLE_POINTS,
  type CentroidPoint,
  type CoronalCorner,
  type CoronalParameter,
  type LateralCorner,
  type LateralParameter,
  type Level,
  type PediclePoint,
  type Posture,
  type Unit,
} from '@spinerecon/core';

/** A coded entry (PS3.3 Table 8.8-1 Code Sequence Macro, basic form). */
export interface Code {
  readonly CodeValue: string;
  readonly CodingSchemeDesignator: string;
  readonly CodeMeaning: string;
}

const dcm = (value: string, meaning: string): Code => ({
  CodeValue: value,
  CodingSchemeDesignator: 'DCM',
  CodeMeaning: meaning,
});
const sct = (value: string, meaning: string): Code => ({
  CodeValue: value,
  CodingSchemeDesignator: 'SCT',
  CodeMeaning: meaning,
});

/**
 * Standard codes. Each one was checked against public implementations of the standard before use (see
 * docs/formats/dicom-sr.md, "Standard codes"): dcmjs 0.51 `TID1500MeasurementReport`/`TID300Measurement`,
 * DCMTK dcmsr/cmr tests, and DICOM CID value sets republished as FHIR (bvdh/dicom-terminology-in-fhir).
 */
export const CODES = {
  // DICOM PS3.16 CID 7021 Measurement Report Document Titles (NEMA 2024): root of TID 1500.
  imagingMeasurementReport: dcm('126000', 'Imaging Measurement Report'),
  // DICOM PS3.16 TID 1204 Language of Content Item and Descendants.
  language: dcm('121049', 'Language of Content Item and Descendants'),
  // DICOM PS3.16 TID 1002 Observer Context, row 1.
  observerType: dcm('121005', 'Observer Type'),
  person: dcm('121006', 'Person'),
  device: dcm('121007', 'Device'),
  // DICOM PS3.16 TID 1003 Person Observer Identifying Attributes, row 1.
  personObserverName: dcm('121008', 'Person Observer Name'),
  // DICOM PS3.16 TID 1004 Device Observer Identifying Attributes, rows 1–3.
  deviceObserverUid: dcm('121012', 'Device Observer UID'),
  deviceObserverName: dcm('121013', 'Device Observer Name'),
  deviceObserverManufacturer: dcm('121014', 'Device Observer Manufacturer'),
  // DICOM PS3.16 TID 1500 row 4 "Procedure reported" (value from CID 100, extensible).
  procedureReported: dcm('121058', 'Procedure reported'),
  imagingProcedure: sct('363679005', 'Imaging procedure'),
  // DICOM PS3.16 TID 1600 Image Library and its Image Library Group.
  imageLibrary: dcm('111028', 'Image Library'),
  imageLibraryGroup: dcm('126200', 'Image Library Group'),
  // DICOM PS3.16 TID 1500 row 6 "Imaging Measurements".
  imagingMeasurements: dcm('126010', 'Imaging Measurements'),
  // DICOM PS3.16 TID 1501 Measurement Group, rows 1–3.
  measurementGroup: dcm('125007', 'Measurement Group'),
  trackingIdentifier: dcm('112039', 'Tracking Identifier'),
  trackingUid: dcm('112040', 'Tracking Unique Identifier'),
  // DICOM PS3.16 TID 1501 "Finding Site" (SCT 363698007), value from CID 4031 Common Anatomic Regions.
  findingSite: sct('363698007', 'Finding Site'),
  spine: sct('421060004', 'Spine'),
  // DICOM PS3.16 DCM 121106 "Comment": free text, as DCMTK's TID 1501 tests add it to a group.
  comment: dcm('121106', 'Comment'),
} as const;

/** RFC 5646 language tag for English (TID 1204 value, as dcmjs writes it). */
export const ENGLISH: Code = { CodeValue: 'en', CodingSchemeDesignator: 'RFC5646', CodeMeaning: 'English' };

/** UCUM units (DICOM PS3.16 CID 7181/82 draw on UCUM; `{pixel}` is a UCUM annotation, i.e. unity). */
export const UNITS: Readonly<Record<Unit | 'pixel', Code>> = {
  deg: { CodeValue: 'deg', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'degree' },
  mm: { CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'millimeter' },
  percent: { CodeValue: '%', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'percent' },
  pixel: { CodeValue: '{pixel}', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'pixel' },
};

/** Our private coding scheme (PS3.16 Section 8.2: private designators begin with "99"). */
export const PRIVATE_SCHEME = '99SPINERECON';

/** What the SR header says about 99SPINERECON (PS3.3 C.12.1.1.7 Coding Scheme Identification Sequence). */
export const PRIVATE_SCHEME_IDENTIFICATION = {
  CodingSchemeDesignator: PRIVATE_SCHEME,
  CodingSchemeName: 'SpineRecon spinal alignment parameters and landmarks',
  CodingSchemeVersion: '1',
  CodingSchemeResponsibleOrganization: 'SpineRecon project (docs/formats/dicom-sr.md)',
} as const;

const own = (value: string, meaning: string): Code => ({
  CodeValue: value,
  CodingSchemeDesignator: PRIVATE_SCHEME,
  CodeMeaning: meaning,
});

/**
 * One private code per parameter key. No standard code for these spinal alignment parameters could be
 * verified in DCM, SNOMED CT or LOINC (docs/formats/dicom-sr.md), so all are ours.
 */
export const LATERAL_PARAMETER_CODES: Readonly<Record<LateralParameter, Code>> = {
  pelvicIncidenceDeg: own('PI', 'Pelvic incidence'),
  pelvicTiltDeg: own('PT', 'Pelvic tilt'),
  sacralSlopeDeg: own('SS', 'Sacral slope'),
  lumbarLordosisDeg: own('LL', 'Lumbar lordosis L1-S1'),
  lumbarLordosisL4S1Deg: own('LL-L4S1', 'Lumbar lordosis L4-S1'),
  thoracicKyphosisT4T12Deg: own('TK-T4T12', 'Thoracic kyphosis T4-T12'),
  thoracicKyphosisT5T12Deg: own('TK-T5T12', 'Thoracic kyphosis T5-T12'),
  proximalThoracicKyphosisT2T5Deg: own('PTK-T2T5', 'Proximal thoracic kyphosis T2-T5'),
  thoracolumbarKyphosisT10L2Deg: own('TLK-T10L2', 'Thoracolumbar kyphosis T10-L2'),
  piLlMismatchDeg: own('PI-LL', 'Pelvic incidence minus lumbar lordosis'),
  sagittalVerticalAxisMm: own('SVA', 'Sagittal vertical axis'),
  t1PelvicAngleDeg: own('TPA', 'T1 pelvic angle'),
  t1SlopeDeg: own('T1S', 'T1 slope'),
  cervicalLordosisC2C7Deg: own('CL-C2C7', 'Cervical lordosis C2-C7'),
  cervicalSvaMm: own('CSVA', 'Cervical sagittal vertical axis C2-C7'),
  globalTiltDeg: own('GT', 'Global tilt'),
};

export const CORONAL_PARAMETER_CODES: Readonly<Record<CoronalParameter, Code>> = {
  coronalBalanceMm: own('CB', 'Coronal balance'),
};

/** Measurements that repeat per curve or per motion segment; their levels are concept modifiers. */
export const REPEATED_CODES = {
  curveCobb: own('COBB', 'Cobb angle of coronal curve'),
  apicalTranslation: own('AVT', 'Apical vertebral translation'),
  discAngle: own('DISC', 'Disc angle'),
  slip: own('SLIP', 'Vertebral slip percentage'),
  upperEndVertebra: own('UEV', 'Upper end vertebra'),
  lowerEndVertebra: own('LEV', 'Lower end vertebra'),
  apicalVertebra: own('APEX', 'Apical vertebra'),
  convexity: own('CONVEX', 'Curve convexity'),
  upperVertebra: own('UPPER', 'Upper vertebra'),
  lowerVertebra: own('LOWER', 'Lower vertebra'),
} as const;

/** The radiograph's own description, as concept modifiers of its measurement group. */
export const CONTEXT_CODES = {
  view: own('VIEW', 'Radiograph view'),
  lateral: own('LATERAL', 'Lateral (sagittal) radiograph'),
  coronal: own('CORONAL', 'Coronal (AP or PA) radiograph'),
  posture: own('POSTURE', 'Patient posture'),
  anteriorOnImage: own('ANT-ON-IMG', 'Image side the patient faces'),
  patientRightOnImage: own('RIGHT-ON-IMG', "Image side of the patient's right"),
  imageLeft: own('IMG-LEFT', 'Left side of the image'),
  imageRight: own('IMG-RIGHT', 'Right side of the image'),
  patientRight: own('PAT-RIGHT', "Patient's right"),
  patientLeft: own('PAT-LEFT', "Patient's left"),
  pixelSpacing: own('PXSP', 'Pixel spacing (square pixels)'),
  pixelSpacingRow: own('PXSP-ROW', 'Pixel spacing between rows'),
  pixelSpacingColumn: own('PXSP-COL', 'Pixel spacing between columns'),
  landmarks: own('LANDMARKS', 'Landmarks'),
  column: own('COL', 'Image column coordinate'),
  row: own('ROW', 'Image row coordinate'),
  radius: own('RADIUS', 'Radius'),
  spineReconReport: own('REPORT', 'SpineRecon measurement report'),
} as const;

export const POSTURE_CODES: Readonly<Record<Posture, Code>> = {
  standing: own('STANDING', 'Standing'),
  supine: own('SUPINE', 'Supine'),
  'left-bending': own('BEND-LEFT', 'Left bending'),
  'right-bending': own('BEND-RIGHT', 'Right bending'),
  traction: own('TRACTION', 'Traction'),
};

export const LEVEL_CODES: Readonly<Record<Level, Code>> = Object.fromEntries(
  LEVELS.map((level) => [level, own(level, `${level} vertebra`)]),
) as Record<Level, Code>;

export type LandmarkName = LateralCorner | CoronalCorner | PediclePoint | CentroidPoint;

const CORNER_ABBREVIATIONS: Readonly<Record<LandmarkName, readonly [string, string]>> = {
  superiorAnterior: ['SA', 'superior anterior corner'],
  superiorPosterior: ['SP', 'superior posterior corner'],
  inferiorAnterior: ['IA', 'inferior anterior corner'],
  inferiorPosterior: ['IP', 'inferior posterior corner'],
  superiorRight: ['SR', 'superior right corner'],
  superiorLeft: ['SL', 'superior left corner'],
  inferiorRight: ['IR', 'inferior right corner'],
  inferiorLeft: ['IL', 'inferior left corner'],
  pedicleMedialRight: ['PMR', 'right pedicle medial cortex'],
  pedicleMedialLeft: ['PML', 'left pedicle medial cortex'],
  centroid: ['C', 'vertebral body centroid (marked)'],
};

export const LANDMARK_NAMES: readonly LandmarkName[] = [
  ...LATERAL_CORNERS,
  ...CORONAL_CORNERS,
  ...PEDICLE_POINTS,
  CENTROID_POINT,
];

/** `L1-SA` "L1 superior anterior corner": one code per level and corner (or pedicle point). */
export function landmarkCode(level: Level, name: LandmarkName): Code {
  const [abbreviation, meaning] = CORNER_ABBREVIATIONS[name];
  return own(`${level}-${abbreviation}`, `${level} ${meaning}`);
}

/** `FH1` "Femoral head 1": the centre (and radius) of the femoral head at that 1-based position. */
export function femoralHeadCode(index: number): Code {
  return own(`FH${index + 1}`, `Femoral head ${index + 1}`);
}

/** The landmark a code names, or undefined when it is not one of ours. */
export function parseLandmarkCode(
  code: Code,
): { level: Level; name: LandmarkName } | { femoralHead: number } | undefined {
  if (code.CodingSchemeDesignator !== PRIVATE_SCHEME) return undefined;
  const head = /^FH([1-9][0-9]?)$/.exec(code.CodeValue);
  if (head) return { femoralHead: Number(head[1]) - 1 };
  const [level, abbreviation] = code.CodeValue.split('-');
  const name = LANDMARK_NAMES.find((n) => CORNER_ABBREVIATIONS[n][0] === abbreviation);
  if (!name || !(LEVELS as readonly string[]).includes(level ?? '')) return undefined;
  return { level: level as Level, name };
}

export function sameCode(a: Code | undefined, b: Code): boolean {
  return (
    a !== undefined && a.CodeValue === b.CodeValue && a.CodingSchemeDesignator === b.CodingSchemeDesignator
  );
}

/** The key of a code among a record of codes. */
export function keyOfCode<K extends string>(codes: Readonly<Record<K, Code>>, code: Code): K | undefined {
  return (Object.keys(codes) as K[]).find((key) => sameCode(code, codes[key]));
}
