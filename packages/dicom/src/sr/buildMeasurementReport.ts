// The measurements of one radiograph as a DICOM SR Measurement Report (PS3.16 TID 1500), with every landmark.
import {
  CORONAL_PARAMETERS,
  DECISION_SUPPORT_STATEMENT,
  LATERAL_PARAMETERS,
  LEVELS,
  type Level,
  type Measurement,
  type Point,
  type Radiograph,
  type RadiographMeasurements,
} from '@spinerecon/core';
import { DicomError } from '../dicomError.js';
import { writePart10, type NaturalDataset } from '../part10/dcmjs.js';
import {
  CODES,
  CONTEXT_CODES,
  CORONAL_PARAMETER_CODES,
  ENGLISH,
  LANDMARK_NAMES,
  LATERAL_PARAMETER_CODES,
  LEVEL_CODES,
  POSTURE_CODES,
  PRIVATE_SCHEME_IDENTIFICATION,
  REPEATED_CODES,
  UNITS,
  femoralHeadCode,
  landmarkCode,
  type Code,
  type LandmarkName,
} from './codes.js';
import {
  codeItem,
  container,
  imageItem,
  newUid,
  numItem,
  personItem,
  scoordItem,
  textItem,
  uidItem,
  type ContentItem,
  type ImageReference,
} from './contentItems.js';
import type { MeasurementReportInput, ReferencedImage } from './types.js';

/** Enhanced SR Storage (PS3.4 Annex B.5): carries SCOORD; TID 1500 needs no by-reference relationships. */
export const ENHANCED_SR_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.88.22';
/** Comprehensive SR Storage (PS3.4 Annex B.5): accepted by the reader, not written. */
export const COMPREHENSIVE_SR_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.88.33';
/** Explicit VR Little Endian (PS3.5 Section A.2). */
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** SpineRecon's implementation class UID (PS3.7 D.3.3.2), fixed, 2.25 UUID-derived. */
export const SPINERECON_IMPLEMENTATION_CLASS_UID = '2.25.230418603259085351445936172250660757498';
/** The SpineRecon device observer's UID (PS3.16 TID 1004 row 1), fixed, 2.25 UUID-derived. */
export const SPINERECON_DEVICE_UID = '2.25.221056675664010607544442023622650060176';
/** The series number of reports: arbitrary, high so that it sorts after the acquired series. */
const REPORT_SERIES_NUMBER = '900';

/** The decision-support notice every report carries as a TEXT item. */
export const DECISION_SUPPORT_NOTICE = `Decision support — verify before clinical use. ${DECISION_SUPPORT_STATEMENT}`;

/** Patient and study attributes copied from the image (PS3.3 C.7.1.1 Patient, C.7.2.1 General Study). */
const COPIED_ATTRIBUTES = [
  'PatientName',
  'PatientID',
  'PatientBirthDate',
  'PatientSex',
  'StudyDate',
  'StudyTime',
  'AccessionNumber',
  'ReferringPhysicianName',
  'StudyID',
] as const;

/** The reference and identity of an image, from its naturalized header (`readPart10(bytes).dataset`). */
export function referencedImageOf(dataset: NaturalDataset): ReferencedImage {
  const uid = (key: string): string => {
    const value = dataset[key];
    if (typeof value !== 'string' || value === '')
      throw new DicomError('malformed', `the image has no ${key}`);
    return value;
  };
  return {
    sopClassUid: uid('SOPClassUID'),
    sopInstanceUid: uid('SOPInstanceUID'),
    studyInstanceUid: uid('StudyInstanceUID'),
    seriesInstanceUid: uid('SeriesInstanceUID'),
    attributes: dataset,
  };
}

/**
 * A Part 10 Enhanced SR file: a TID 1500 Imaging Measurement Report on the referenced image, one TID 1501
 * Measurement Group for the radiograph with every available measurement (unavailable ones are left out) and
 * every landmark. Layout and codes: docs/formats/dicom-sr.md.
 */
export function buildMeasurementReport(input: MeasurementReportInput): Uint8Array {
  const { image, radiograph, measurements } = input;
  if (measurements.view !== radiograph.view || measurements.id !== radiograph.id)
    throw new DicomError('malformed', 'the measurements are not those of this radiograph');
  const seriesOfImage = image.seriesInstanceUid ?? stringAttribute(image.attributes, 'SeriesInstanceUID');
  if (seriesOfImage === undefined)
    // PS3.3 C.17.2.1: instances referenced by the content are listed, with their series, as evidence.
    throw new DicomError('malformed', 'the referenced image needs its SeriesInstanceUID');

  const sopInstanceUid = input.sopInstanceUid ?? newUid();
  const when = input.contentDateTime ?? new Date();
  const date = when.toISOString().slice(0, 10).replaceAll('-', '');
  const time = when.toISOString().slice(11, 19).replaceAll(':', '');
  const ref: ImageReference = { sopClassUid: image.sopClassUid, sopInstanceUid: image.sopInstanceUid };

  const copied: NaturalDataset = {};
  for (const key of COPIED_ATTRIBUTES) copied[key] = image.attributes?.[key] ?? ''; // all Type 2: empty if unknown

  const dataset: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 192', // PS3.3 C.12.1.1.2: UTF-8, names and text may be any script
    SOPClassUID: ENHANCED_SR_SOP_CLASS,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    TimezoneOffsetFromUTC: '+0000', // PS3.3 C.12.1.1.8: dates and times are UTC
    ...copied,
    StudyInstanceUID: image.studyInstanceUid,
    Modality: 'SR', // PS3.3 C.17.1 SR Document Series Module
    SeriesInstanceUID: input.seriesInstanceUid ?? newUid(),
    SeriesNumber: REPORT_SERIES_NUMBER,
    SeriesDate: date,
    SeriesTime: time,
    SeriesDescription: 'SpineRecon measurements',
    ReferencedPerformedProcedureStepSequence: [], // PS3.3 C.17.1: Type 2, no MPPS known
    Manufacturer: 'SpineRecon', // PS3.3 C.7.5.1 General Equipment, Type 2
    InstanceNumber: '1', // PS3.3 C.17.2 SR Document General Module
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED', // decision support: no one has verified it yet
    ContentDate: date,
    ContentTime: time,
    PerformedProcedureCodeSequence: [], // PS3.3 C.17.2: Type 2
    CurrentRequestedProcedureEvidenceSequence: [
      {
        StudyInstanceUID: image.studyInstanceUid,
        ReferencedSeriesSequence: [
          { SeriesInstanceUID: seriesOfImage, ReferencedSOPSequence: [imageSop(ref)] },
        ],
      },
    ],
    CodingSchemeIdentificationSequence: [PRIVATE_SCHEME_IDENTIFICATION], // PS3.3 C.12.1: private scheme
    // PS3.3 C.17.3 root content item: TID 1500 identified by its template.
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [CODES.imagingMeasurementReport],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: [
      // DICOM PS3.16 TID 1500 row 2: TID 1204 language.
      codeItem('HAS CONCEPT MOD', CODES.language, ENGLISH),
      // DICOM PS3.16 TID 1500 row 3: TID 1001 observation context.
      ...observerContext(input.observer?.personName),
      // DICOM PS3.16 TID 1500 row 4: procedure reported.
      codeItem('HAS CONCEPT MOD', CODES.procedureReported, CODES.imagingProcedure),
      // DICOM PS3.16 TID 1500 row 5: TID 1600 image library.
      container('CONTAINS', CODES.imageLibrary, [
        container('CONTAINS', CODES.imageLibraryGroup, [imageItem('CONTAINS', ref)]),
      ]),
      // DICOM PS3.16 TID 1500 row 6: imaging measurements, one TID 1501 group for the radiograph.
      container('CONTAINS', CODES.imagingMeasurements, [measurementGroup(radiograph, measurements, ref)]),
      // TID 1500 is extensible (PS3.16 Section 6.1.5): the decision-support notice closes the report.
      textItem('CONTAINS', CODES.comment, DECISION_SUPPORT_NOTICE),
    ],
  };
  const meta: NaturalDataset = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: ENHANCED_SR_SOP_CLASS,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: SPINERECON_IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: 'SPINERECON_1',
  };
  return writePart10(meta, dataset);
}

function stringAttribute(attributes: NaturalDataset | undefined, key: string): string | undefined {
  const value = attributes?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function imageSop(ref: ImageReference): NaturalDataset {
  return { ReferencedSOPClassUID: ref.sopClassUid, ReferencedSOPInstanceUID: ref.sopInstanceUid };
}

/** DICOM PS3.16 TID 1002 with TID 1003 (person) or TID 1004 (device). */
function observerContext(personName: string | undefined): ContentItem[] {
  if (personName !== undefined && personName !== '')
    return [
      codeItem('HAS OBS CONTEXT', CODES.observerType, CODES.person),
      personItem('HAS OBS CONTEXT', CODES.personObserverName, personName),
    ];
  return [
    codeItem('HAS OBS CONTEXT', CODES.observerType, CODES.device),
    uidItem('HAS OBS CONTEXT', CODES.deviceObserverUid, SPINERECON_DEVICE_UID),
    textItem('HAS OBS CONTEXT', CODES.deviceObserverName, 'SpineRecon'),
    textItem('HAS OBS CONTEXT', CODES.deviceObserverManufacturer, 'SpineRecon project'),
  ];
}

/** The measurement group of one radiograph: DICOM PS3.16 TID 1501, extended with the film's description. */
function measurementGroup(
  radiograph: Radiograph,
  measurements: RadiographMeasurements,
  ref: ImageReference,
): ContentItem {
  const points = landmarkPoints(radiograph);
  return container('CONTAINS', CODES.measurementGroup, [
    // DICOM PS3.16 TID 1501 rows 2–3: tracking identifier and UID.
    textItem('HAS OBS CONTEXT', CODES.trackingIdentifier, radiograph.id),
    uidItem('HAS OBS CONTEXT', CODES.trackingUid, newUid()),
    // DICOM PS3.16 TID 1501 "Finding Site" (CID 4031).
    codeItem('HAS CONCEPT MOD', CODES.findingSite, CODES.spine),
    ...filmDescription(radiograph),
    ...measurementItems(measurements, points, ref),
    container('CONTAINS', CONTEXT_CODES.landmarks, landmarkItems(radiograph, ref)),
  ]);
}

function filmDescription(radiograph: Radiograph): ContentItem[] {
  const side = (s: 'left' | 'right'): Code =>
    s === 'left' ? CONTEXT_CODES.imageLeft : CONTEXT_CODES.imageRight;
  const items = [
    codeItem('HAS CONCEPT MOD', CONTEXT_CODES.view, CONTEXT_CODES[radiograph.view]),
    codeItem('HAS CONCEPT MOD', CONTEXT_CODES.posture, POSTURE_CODES[radiograph.posture]),
    radiograph.view === 'lateral'
      ? codeItem('HAS CONCEPT MOD', CONTEXT_CODES.anteriorOnImage, side(radiograph.anteriorOnImage))
      : codeItem('HAS CONCEPT MOD', CONTEXT_CODES.patientRightOnImage, side(radiograph.patientRightOnImage)),
  ];
  const spacing = radiograph.pixelSpacingMm;
  if (typeof spacing === 'number')
    items.push(
      numItem('HAS OBS CONTEXT', CONTEXT_CODES.pixelSpacing, finite(spacing, 'pixel spacing'), UNITS.mm),
    );
  else if (spacing !== undefined)
    items.push(
      numItem(
        'HAS OBS CONTEXT',
        CONTEXT_CODES.pixelSpacingRow,
        finite(spacing[0], 'pixel spacing'),
        UNITS.mm,
      ),
      numItem(
        'HAS OBS CONTEXT',
        CONTEXT_CODES.pixelSpacingColumn,
        finite(spacing[1], 'pixel spacing'),
        UNITS.mm,
      ),
    );
  return items;
}

function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new DicomError('malformed', `${what} is not a finite number`);
  return value;
}

/**
 * Our image points map to SCOORD column/row unchanged: both put (0,0) at the top-left corner of the image
 * and the centre of the first pixel at (0.5,0.5) (PS3.3 C.18.6.1.1). See docs/formats/dicom-sr.md.
 */
function coordinate(point: Point, what: string): [number, number] {
  for (const v of point)
    if (!Number.isFinite(Math.fround(v)))
      throw new DicomError('malformed', `${what} is not a finite coordinate`);
  return [point[0], point[1]];
}

/** Every landmark of the film by the name measurements use (`L1.superiorAnterior`, `femoralHeads[0].center`). */
function landmarkPoints(radiograph: Radiograph): Map<string, { point: Point; code: Code }> {
  const points = new Map<string, { point: Point; code: Code }>();
  const vertebrae = radiograph.vertebrae as Partial<Record<Level, Partial<Record<LandmarkName, Point>>>>;
  for (const level of LEVELS) {
    const vertebra = vertebrae[level];
    if (!vertebra) continue;
    for (const name of LANDMARK_NAMES) {
      const point = vertebra[name];
      if (point) points.set(`${level}.${name}`, { point, code: landmarkCode(level, name) });
    }
  }
  if (radiograph.view === 'lateral')
    radiograph.femoralHeads.forEach((head, i) =>
      points.set(`femoralHeads[${i}].center`, { point: head.center, code: femoralHeadCode(i) }),
    );
  return points;
}

/** Every landmark, exactly: a SCOORD for every reader plus column and row as exact NUMs. */
function landmarkItems(radiograph: Radiograph, ref: ImageReference): ContentItem[] {
  const items: ContentItem[] = [];
  const exact = (code: Code, point: Point, graphic: ContentItem, radius?: number): ContentItem => {
    const [column, row] = coordinate(point, code.CodeMeaning);
    return container('CONTAINS', code, [
      graphic,
      numItem('CONTAINS', CONTEXT_CODES.column, column, UNITS.pixel),
      numItem('CONTAINS', CONTEXT_CODES.row, row, UNITS.pixel),
      ...(radius === undefined ? [] : [numItem('CONTAINS', CONTEXT_CODES.radius, radius, UNITS.pixel)]),
    ]);
  };
  for (const [name, { point, code }] of landmarkPoints(radiograph)) {
    if (name.startsWith('femoralHeads')) continue;
    items.push(exact(code, point, scoordItem('CONTAINS', code, 'POINT', coordinate(point, name), ref)));
  }
  if (radiograph.view === 'lateral')
    radiograph.femoralHeads.forEach((head, i) => {
      const code = femoralHeadCode(i);
      const [x, y] = coordinate(head.center, code.CodeMeaning);
      const radius = head.radiusPx === undefined ? undefined : finite(head.radiusPx, 'femoral head radius');
      // PS3.3 C.18.6.1.2: a CIRCLE is its centre and one point on its perimeter.
      const graphic =
        radius === undefined
          ? scoordItem('CONTAINS', code, 'POINT', [x, y], ref)
          : scoordItem('CONTAINS', code, 'CIRCLE', [x, y, x + radius, y], ref);
      items.push(exact(code, head.center, graphic, radius));
    });
  return items;
}

/**
 * DICOM PS3.16 TID 300 rows 1 and 8: the NUM, inferred from the landmarks it used (TID 320 SCOORD). A value
 * that is not a finite number (degenerate landmarks) is left out like an unavailable one.
 */
function measurementNum(
  concept: Code,
  measurement: Measurement,
  points: Map<string, { point: Point; code: Code }>,
  ref: ImageReference,
  modifiers: readonly ContentItem[] = [],
): ContentItem[] {
  if (!Number.isFinite(measurement.value)) return [];
  const sources = measurement.landmarks.flatMap((name) => {
    const found = points.get(name);
    return found ? [scoordItem('INFERRED FROM', found.code, 'POINT', found.point, ref)] : [];
  });
  return [
    numItem('CONTAINS', concept, measurement.value, UNITS[measurement.unit], [...modifiers, ...sources]),
  ];
}

function levelModifier(concept: Code, level: Level): ContentItem {
  return codeItem('HAS CONCEPT MOD', concept, LEVEL_CODES[level]);
}

function measurementItems(
  measurements: RadiographMeasurements,
  points: Map<string, { point: Point; code: Code }>,
  ref: ImageReference,
): ContentItem[] {
  const items: ContentItem[] = [];
  if (measurements.view === 'lateral') {
    for (const key of Object.keys(LATERAL_PARAMETERS) as (keyof typeof LATERAL_PARAMETERS)[]) {
      const result = measurements.values[key];
      if (result.ok) items.push(...measurementNum(LATERAL_PARAMETER_CODES[key], result, points, ref));
    }
    for (const s of measurements.segments)
      items.push(
        ...measurementNum(REPEATED_CODES.discAngle, s.discAngle, points, ref, [
          levelModifier(REPEATED_CODES.upperVertebra, s.upper),
          levelModifier(REPEATED_CODES.lowerVertebra, s.lower),
        ]),
      );
    for (const l of measurements.listheses)
      items.push(
        ...measurementNum(REPEATED_CODES.slip, l.slip, points, ref, [
          levelModifier(REPEATED_CODES.upperVertebra, l.upper),
          levelModifier(REPEATED_CODES.lowerVertebra, l.lower),
        ]),
      );
    return items;
  }
  for (const key of Object.keys(CORONAL_PARAMETERS) as (keyof typeof CORONAL_PARAMETERS)[]) {
    const result = measurements.values[key];
    if (result.ok) items.push(...measurementNum(CORONAL_PARAMETER_CODES[key], result, points, ref));
  }
  for (const curve of measurements.curves) {
    const curveModifiers = [
      levelModifier(REPEATED_CODES.upperEndVertebra, curve.upperEnd),
      levelModifier(REPEATED_CODES.lowerEndVertebra, curve.lowerEnd),
      levelModifier(REPEATED_CODES.apicalVertebra, curve.apex),
      codeItem(
        'HAS CONCEPT MOD',
        REPEATED_CODES.convexity,
        curve.convexity === 'right' ? CONTEXT_CODES.patientRight : CONTEXT_CODES.patientLeft,
      ),
    ];
    items.push(...measurementNum(REPEATED_CODES.curveCobb, curve.cobb, points, ref, curveModifiers));
    // The apical translation belongs to its curve: the same modifiers tie the two together.
    if (curve.apicalTranslation.ok)
      items.push(
        ...measurementNum(
          REPEATED_CODES.apicalTranslation,
          curve.apicalTranslation,
          points,
          ref,
          curveModifiers,
        ),
      );
  }
  return items;
}
