// Reads back a SpineRecon TID 1500 measurement report: the referenced image, the landmarks, the values.
import {
  LEVELS,
  type FemoralHead,
  type Level,
  type PatientSide,
  type Point,
  type Radiograph,
  type Unit,
} from '@spinerecon/core';
import { DicomError } from '../dicomError.js';
import { readPart10, type NaturalDataset } from '../part10/dcmjs.js';
import { COMPREHENSIVE_SR_SOP_CLASS, ENHANCED_SR_SOP_CLASS } from './buildMeasurementReport.js';
import {
  CODES,
  CONTEXT_CODES,
  CORONAL_PARAMETER_CODES,
  LATERAL_PARAMETER_CODES,
  LEVEL_CODES,
  POSTURE_CODES,
  REPEATED_CODES,
  UNITS,
  keyOfCode,
  parseLandmarkCode,
  sameCode,
  type Code,
  type LandmarkName,
} from './codes.js';
import type { MeasurementReport, ReportedMeasurement } from './types.js';

/** Extensible SR Storage (PS3.4 Annex B.5): a superset of Enhanced and Comprehensive SR. */
const EXTENSIBLE_SR_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.88.35';
const SR_SOP_CLASSES = new Set([ENHANCED_SR_SOP_CLASS, COMPREHENSIVE_SR_SOP_CLASS, EXTENSIBLE_SR_SOP_CLASS]);

/**
 * The report written by `buildMeasurementReport`, read back. Refuses (DicomError) anything that is not
 * DICOM, not an SR, not a TID 1500 measurement report, or a TID 1500 report SpineRecon did not write.
 */
export function readMeasurementReport(bytes: Uint8Array): MeasurementReport {
  const dataset = parse(bytes);
  if (!SR_SOP_CLASSES.has(text(dataset.SOPClassUID) ?? ''))
    throw new DicomError('unsupported', 'this DICOM file is not a structured report');
  const template = items(dataset.ContentTemplateSequence)[0];
  // PS3.16 TID 1500: root CONTAINER titled from CID 7021, identified as template 1500 of DCMR.
  if (
    !sameCode(conceptName(dataset), CODES.imagingMeasurementReport) ||
    text(template?.TemplateIdentifier) !== '1500' ||
    text(template?.MappingResource) !== 'DCMR'
  )
    throw new DicomError('unsupported', 'this structured report is not a TID 1500 measurement report');
  const root = items(dataset.ContentSequence);
  const group = items(child(root, CODES.imagingMeasurements)?.ContentSequence).find(
    (item) =>
      sameCode(conceptName(item), CODES.measurementGroup) &&
      child(items(item.ContentSequence), CONTEXT_CODES.view) !== undefined,
  );
  if (!group) throw new DicomError('unsupported', 'this measurement report was not written by SpineRecon');

  const library = items(child(root, CODES.imageLibrary)?.ContentSequence);
  const imageItem = items(child(library, CODES.imageLibraryGroup)?.ContentSequence).find(
    (item) => text(item.ValueType) === 'IMAGE',
  );
  const sop = items(imageItem?.ReferencedSOPSequence)[0];
  const sopClassUid = text(sop?.ReferencedSOPClassUID);
  const sopInstanceUid = text(sop?.ReferencedSOPInstanceUID);
  if (sopClassUid === undefined || sopInstanceUid === undefined)
    throw new DicomError('malformed', 'the measurement report does not reference its image');

  const content = items(group.ContentSequence);
  return {
    sopInstanceUid: required(dataset.SOPInstanceUID, 'SOPInstanceUID'),
    seriesInstanceUid: required(dataset.SeriesInstanceUID, 'SeriesInstanceUID'),
    studyInstanceUid: required(dataset.StudyInstanceUID, 'StudyInstanceUID'),
    image: { sopClassUid, sopInstanceUid },
    observer: observer(root),
    radiograph: radiograph(content),
    measurements: measurements(content),
  };
}

function parse(bytes: Uint8Array): NaturalDataset {
  const magic = bytes.length >= 132 ? String.fromCharCode(...bytes.subarray(128, 132)) : '';
  if (magic !== 'DICM') throw new DicomError('not-dicom', 'not a DICOM Part 10 file (no "DICM" marker)');
  let dataset: NaturalDataset;
  try {
    dataset = readPart10(bytes).dataset;
  } catch {
    throw new DicomError('malformed', 'the DICOM file is damaged and cannot be read');
  }
  return { ...dataset, ContentSequence: repairValue(dataset.ContentSequence) };
}

/** Each character dcmjs's default decoder (WHATWG "latin1", i.e. windows-1252) gives, by the byte it came from. */
const LATIN1_BYTES = new Map(
  [...new TextDecoder('latin1').decode(Uint8Array.from({ length: 256 }, (_, i) => i))].map((c, i) => [c, i]),
);
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * dcmjs 0.51 decodes text inside sequence items as latin1 whatever the Specific Character Set, and trims
 * it, so a final 0xA0 byte (decoded as a no-break space) is lost. Our reports are UTF-8 (ISO_IR 192), so
 * nested text is decoded again from its original bytes, restoring lost final 0xA0 bytes when the UTF-8
 * sequence is cut short. Text that is not valid UTF-8 is left as it was.
 */
function repairText(value: string): string {
  if (!/[\u0080-\uffff]/.test(value)) return value;
  const bytes: number[] = [];
  for (const c of value) {
    const byte = LATIN1_BYTES.get(c);
    if (byte === undefined) return value;
    bytes.push(byte);
  }
  for (let lost = 0; lost < 4; lost++) {
    try {
      return UTF8.decode(Uint8Array.from([...bytes, ...Array<number>(lost).fill(0xa0)]));
    } catch {
      // cut short: try with one more trimmed 0xA0
    }
  }
  return value;
}

function repairValue(value: unknown): unknown {
  if (typeof value === 'string') return repairText(value);
  if (Array.isArray(value)) return value.map(repairValue);
  if (
    typeof value === 'object' &&
    value !== null &&
    !ArrayBuffer.isView(value) &&
    !(value instanceof ArrayBuffer)
  )
    return repairItem(value);
  return value;
}

function repairItem(item: object): Record<string, unknown> {
  const repaired: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) repaired[key] = repairValue(value);
  return repaired;
}

// ---- naturalized dataset access (dcmjs gives sequences as arrays, single values as scalars) ----

function items(value: unknown): NaturalDataset[] {
  if (Array.isArray(value))
    return value.filter((v): v is NaturalDataset => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as NaturalDataset] : [];
}

/**
 * A TEXT item's value (VR UT, where a backslash is an ordinary character, PS3.5 6.2). dcmjs splits every string
 * value at backslashes when it reads, so the parts are joined back.
 */
function textValue(value: unknown): string | undefined {
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) return value.join('\\');
  return text(value);
}

function text(value: unknown): string | undefined {
  const single: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof single === 'string') return single;
  // PN values are naturalized as { Alphabetic, Ideographic, Phonetic }.
  if (typeof single === 'object' && single !== null && 'Alphabetic' in single) {
    const alphabetic = (single as { Alphabetic?: unknown }).Alphabetic;
    return typeof alphabetic === 'string' ? alphabetic : undefined;
  }
  return undefined;
}

function numbers(value: unknown): number[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter((v): v is number => typeof v === 'number');
}

function required(value: unknown, key: string): string {
  const found = text(value);
  if (found === undefined || found === '') throw new DicomError('malformed', `the report has no ${key}`);
  return found;
}

function code(value: unknown): Code | undefined {
  const item = items(value)[0];
  const CodeValue = text(item?.CodeValue);
  const CodingSchemeDesignator = text(item?.CodingSchemeDesignator);
  if (CodeValue === undefined || CodingSchemeDesignator === undefined) return undefined;
  return { CodeValue, CodingSchemeDesignator, CodeMeaning: text(item?.CodeMeaning) ?? '' };
}

const conceptName = (item: NaturalDataset): Code | undefined => code(item.ConceptNameCodeSequence);

function child(content: readonly NaturalDataset[], concept: Code): NaturalDataset | undefined {
  return content.find((item) => sameCode(conceptName(item), concept));
}

function codeValueOf(content: readonly NaturalDataset[], concept: Code): Code | undefined {
  const item = child(content, concept);
  return item ? code(item.ConceptCodeSequence) : undefined;
}

/** A NUM item's value: exact from Floating Point Value when present, else the Decimal String. */
function numValue(item: NaturalDataset): { value: number; unit: Code | undefined } {
  const measured = items(item.MeasuredValueSequence)[0];
  const exact = numbers(measured?.FloatingPointValue)[0];
  const decimal = Number(text(measured?.NumericValue) ?? numbers(measured?.NumericValue)[0]);
  const value = exact ?? decimal;
  if (!Number.isFinite(value)) throw new DicomError('malformed', 'a numeric item of the report has no value');
  return { value, unit: code(measured?.MeasurementUnitsCodeSequence) };
}

function levelOf(value: Code | undefined): Level | undefined {
  return value === undefined ? undefined : keyOfCode(LEVEL_CODES, value);
}

// ---- content ----

function observer(root: readonly NaturalDataset[]): MeasurementReport['observer'] {
  const person = text(child(root, CODES.personObserverName)?.PersonName);
  if (person !== undefined) return { kind: 'person', name: person };
  return { kind: 'device', name: textValue(child(root, CODES.deviceObserverName)?.TextValue) ?? '' };
}

function side(value: Code | undefined, what: string): 'left' | 'right' {
  if (sameCode(value, CONTEXT_CODES.imageLeft)) return 'left';
  if (sameCode(value, CONTEXT_CODES.imageRight)) return 'right';
  throw new DicomError('malformed', `the report does not say ${what}`);
}

function radiograph(content: readonly NaturalDataset[]): Radiograph {
  const id = textValue(child(content, CODES.trackingIdentifier)?.TextValue);
  if (id === undefined) throw new DicomError('malformed', 'the measurement group has no tracking identifier');
  const postureCode = codeValueOf(content, CONTEXT_CODES.posture);
  const posture = postureCode === undefined ? undefined : keyOfCode(POSTURE_CODES, postureCode);
  if (posture === undefined) throw new DicomError('malformed', 'the report does not give the posture');
  const spacingItem = child(content, CONTEXT_CODES.pixelSpacing);
  const rowItem = child(content, CONTEXT_CODES.pixelSpacingRow);
  const columnItem = child(content, CONTEXT_CODES.pixelSpacingColumn);
  const pixelSpacingMm = spacingItem
    ? { pixelSpacingMm: numValue(spacingItem).value }
    : rowItem && columnItem
      ? { pixelSpacingMm: [numValue(rowItem).value, numValue(columnItem).value] as const }
      : {};
  const { vertebrae, femoralHeads } = landmarks(
    items(child(content, CONTEXT_CODES.landmarks)?.ContentSequence),
  );
  const view = codeValueOf(content, CONTEXT_CODES.view);
  if (sameCode(view, CONTEXT_CODES.lateral))
    return {
      id,
      view: 'lateral',
      posture,
      ...pixelSpacingMm,
      anteriorOnImage: side(
        codeValueOf(content, CONTEXT_CODES.anteriorOnImage),
        'which side the patient faces',
      ),
      vertebrae,
      femoralHeads,
    };
  if (sameCode(view, CONTEXT_CODES.coronal))
    return {
      id,
      view: 'coronal',
      posture,
      ...pixelSpacingMm,
      patientRightOnImage: side(
        codeValueOf(content, CONTEXT_CODES.patientRightOnImage),
        "which image side is the patient's right",
      ),
      vertebrae,
    };
  throw new DicomError('malformed', 'the report names an unknown radiograph view');
}

/**
 * A landmark's exact coordinates: the column and row NUMs (FD), checked against the SCOORD, whose
 * 32-bit Graphic Data must be their single-precision rounding (docs/formats/dicom-sr.md).
 */
function exactPoint(content: readonly NaturalDataset[], name: string): { point: Point; radius?: number } {
  const scoord = content.find((item) => text(item.ValueType) === 'SCOORD');
  const graphic = numbers(scoord?.GraphicData);
  const columnItem = child(content, CONTEXT_CODES.column);
  const rowItem = child(content, CONTEXT_CODES.row);
  const radiusItem = child(content, CONTEXT_CODES.radius);
  const column = columnItem ? numValue(columnItem).value : graphic[0];
  const row = rowItem ? numValue(rowItem).value : graphic[1];
  if (column === undefined || row === undefined)
    throw new DicomError('malformed', `the landmark ${name} has no coordinates`);
  if (graphic.length >= 2 && (Math.fround(column) !== graphic[0] || Math.fround(row) !== graphic[1]))
    throw new DicomError('malformed', `the coordinates of the landmark ${name} disagree`);
  return radiusItem ? { point: [column, row], radius: numValue(radiusItem).value } : { point: [column, row] };
}

function landmarks(content: readonly NaturalDataset[]): {
  vertebrae: Partial<Record<Level, Partial<Record<LandmarkName, Point>>>>;
  femoralHeads: FemoralHead[];
} {
  const found: Partial<Record<Level, Partial<Record<LandmarkName, Point>>>> = {};
  const heads: FemoralHead[] = [];
  for (const item of content) {
    const concept = conceptName(item);
    const landmark = concept && parseLandmarkCode(concept);
    if (!landmark) continue;
    const { point, radius } = exactPoint(items(item.ContentSequence), concept.CodeMeaning);
    if ('femoralHead' in landmark)
      heads[landmark.femoralHead] =
        radius === undefined ? { center: point } : { center: point, radiusPx: radius };
    else (found[landmark.level] ??= {})[landmark.name] = point;
  }
  if (heads.length !== Object.keys(heads).length)
    throw new DicomError('malformed', 'the femoral heads of the report are not numbered 1, 2, …');
  // Levels in anatomical order, as the case format lists them.
  const vertebrae: Partial<Record<Level, Partial<Record<LandmarkName, Point>>>> = {};
  for (const level of LEVELS) if (found[level]) vertebrae[level] = found[level];
  return { vertebrae, femoralHeads: heads };
}

function unitOf(value: Code | undefined): Unit {
  for (const unit of ['deg', 'mm', 'percent'] as const) if (sameCode(value, UNITS[unit])) return unit;
  throw new DicomError('malformed', 'a measurement of the report has a unit SpineRecon does not use');
}

/** The name measurements use for a landmark (`L1.superiorAnterior`, `femoralHeads[0].center`). */
function landmarkName(concept: Code | undefined): string | undefined {
  const landmark = concept && parseLandmarkCode(concept);
  if (!landmark) return undefined;
  return 'femoralHead' in landmark
    ? `femoralHeads[${landmark.femoralHead}].center`
    : `${landmark.level}.${landmark.name}`;
}

function measurements(content: readonly NaturalDataset[]): ReportedMeasurement[] {
  const found: ReportedMeasurement[] = [];
  let curve = -1;
  for (const item of content) {
    if (text(item.RelationshipType) !== 'CONTAINS' || text(item.ValueType) !== 'NUM') continue;
    const concept = conceptName(item);
    if (!concept) continue;
    const children = items(item.ContentSequence);
    const { value, unit } = numValue(item);
    const upper = levelOf(codeValueOf(children, REPEATED_CODES.upperVertebra));
    const lower = levelOf(codeValueOf(children, REPEATED_CODES.lowerVertebra));
    let key: string | undefined =
      keyOfCode(LATERAL_PARAMETER_CODES, concept) ?? keyOfCode(CORONAL_PARAMETER_CODES, concept);
    let extra: Partial<ReportedMeasurement> = {};
    if (sameCode(concept, REPEATED_CODES.discAngle) || sameCode(concept, REPEATED_CODES.slip)) {
      if (!upper || !lower) throw new DicomError('malformed', `${concept.CodeMeaning} without its levels`);
      key = sameCode(concept, REPEATED_CODES.discAngle)
        ? `segments[${upper}-${lower}].discAngleDeg`
        : `listheses[${upper}-${lower}].slipPercent`;
      extra = { upper, lower };
    } else if (
      sameCode(concept, REPEATED_CODES.curveCobb) ||
      sameCode(concept, REPEATED_CODES.apicalTranslation)
    ) {
      if (sameCode(concept, REPEATED_CODES.curveCobb)) curve += 1;
      if (curve < 0) throw new DicomError('malformed', 'an apical translation comes before its curve');
      key = sameCode(concept, REPEATED_CODES.curveCobb)
        ? `curves[${curve}].cobbDeg`
        : `curves[${curve}].apicalTranslationMm`;
      extra = curveModifiers(children);
    }
    if (key === undefined) continue; // another party's extension: not ours to interpret
    const landmarks = children
      .filter((c) => text(c.RelationshipType) === 'INFERRED FROM' && text(c.ValueType) === 'SCOORD')
      .flatMap((c) => landmarkName(conceptName(c)) ?? []);
    found.push({ key, value, unit: unitOf(unit), landmarks, ...extra });
  }
  return found;
}

function curveModifiers(children: readonly NaturalDataset[]): Partial<ReportedMeasurement> {
  const upper = levelOf(codeValueOf(children, REPEATED_CODES.upperEndVertebra));
  const lower = levelOf(codeValueOf(children, REPEATED_CODES.lowerEndVertebra));
  const apex = levelOf(codeValueOf(children, REPEATED_CODES.apicalVertebra));
  const convex = codeValueOf(children, REPEATED_CODES.convexity);
  const convexity: PatientSide | undefined = sameCode(convex, CONTEXT_CODES.patientRight)
    ? 'right'
    : sameCode(convex, CONTEXT_CODES.patientLeft)
      ? 'left'
      : undefined;
  return {
    ...(upper ? { upper } : {}),
    ...(lower ? { lower } : {}),
    ...(apex ? { apex } : {}),
    ...(convexity ? { convexity } : {}),
  };
}
