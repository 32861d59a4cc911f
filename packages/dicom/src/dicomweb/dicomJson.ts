// Reading the DICOM JSON model (PS3.18 Annex F.2) defensively: a PACS answer is untrusted input, so every
// accessor checks types and returns undefined rather than throwing on an odd value.

/** One dataset: tag keys in upper-case hex (`0020000D`) to `{ vr, Value }`. */
export type DicomJsonDataset = Readonly<Record<string, unknown>>;

export const TAG = {
  SpecificCharacterSet: '00080005',
  SOPClassUID: '00080016',
  SOPInstanceUID: '00080018',
  StudyDate: '00080020',
  AccessionNumber: '00080050',
  Modality: '00080060',
  ModalitiesInStudy: '00080061',
  StudyDescription: '00081030',
  SeriesDescription: '0008103E',
  FailureReason: '00081197',
  FailedSOPSequence: '00081198',
  ReferencedSOPSequence: '00081199',
  ReferencedSOPInstanceUID: '00081155',
  PatientName: '00100010',
  PatientID: '00100020',
  PatientBirthDate: '00100030',
  PatientSex: '00100040',
  BodyPartExamined: '00180015',
  ViewPosition: '00185101',
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  SeriesNumber: '00200011',
  InstanceNumber: '00200013',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
  NumberOfSeriesRelatedInstances: '00201209',
  Rows: '00280010',
  Columns: '00280011',
} as const;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a parsed JSON value looks like a DICOM JSON dataset (an object). */
export function isDataset(value: unknown): value is DicomJsonDataset {
  return isRecord(value);
}

/** The `Value` array of an attribute (the tag key is matched case-insensitively), or []. */
export function values(dataset: DicomJsonDataset, tag: string): readonly unknown[] {
  const element = dataset[tag] ?? dataset[tag.toLowerCase()];
  if (!isRecord(element)) return [];
  const value = element['Value'];
  return Array.isArray(value) ? (value as readonly unknown[]) : [];
}

/** Every value as a trimmed, non-empty string (a backslash-joined string is split into its values). */
export function strings(dataset: DicomJsonDataset, tag: string): string[] {
  const result: string[] = [];
  for (const value of values(dataset, tag)) {
    const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    if (text === undefined) continue;
    for (const piece of text.split('\\')) {
      const trimmed = piece.trim();
      if (trimmed !== '') result.push(trimmed);
    }
  }
  return result;
}

export function firstString(dataset: DicomJsonDataset, tag: string): string | undefined {
  return strings(dataset, tag)[0];
}

/** A number from a numeric value or a numeric string (IS/DS may come either way). */
export function firstNumber(dataset: DicomJsonDataset, tag: string): number | undefined {
  const value = values(dataset, tag)[0];
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** A person name in DICOM form (`Family^Given`): the Alphabetic group, or a plain string value. */
export function personName(dataset: DicomJsonDataset, tag: string): string | undefined {
  const value = values(dataset, tag)[0];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (isRecord(value)) {
    const alphabetic = value['Alphabetic'];
    if (typeof alphabetic === 'string' && alphabetic.trim() !== '') return alphabetic.trim();
  }
  return undefined;
}

/** A DA value (`YYYYMMDD`) as an ISO date (`YYYY-MM-DD`); undefined when it is not a plain date. */
export function isoDate(dataset: DicomJsonDataset, tag: string): string | undefined {
  const value = firstString(dataset, tag);
  const match = value === undefined ? null : /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  return match === null ? undefined : `${match[1]}-${match[2]}-${match[3]}`;
}

/** The items of a sequence attribute (SQ), skipping anything that is not a dataset. */
export function sequence(dataset: DicomJsonDataset, tag: string): DicomJsonDataset[] {
  return values(dataset, tag).filter(isDataset);
}
