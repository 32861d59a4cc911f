// De-identification for research export: DICOM PS3.15 Annex E, Basic Application Level Confidentiality
// Profile (E.2), optionally with one of the Retain Longitudinal Temporal Information Options (E.3.6).
//
// Works on the dcmjs "tagged" dataset (tag keys, `{ vr, Value }`) so that every Table E.1-1 row applies by
// tag, recursively in every Sequence Item. Elements that are kept are passed to the writer untouched (dcmjs
// then writes their original bytes back), so pixel data and spacing attributes stay byte-identical.
//
// Not implemented (documented here and in DeidentificationMethod): Clean Pixel Data, Clean Recognizable
// Visual Features, Clean Graphics, Clean Structured Content, Clean Descriptors, Retain Patient
// Characteristics, Retain Device Identity, Retain Institution Identity, Retain UIDs, Retain Safe Private.
import { createHmac } from 'node:crypto';
import { DicomError } from '../dicomError.js';
import { DicomDict, DicomMessage, type TaggedDataset } from '../part10/dcmjs.js';
import {
  isCurveGroup,
  isOverlayGroup,
  isPrivateTag,
  profileAttributeFor,
  type ProfileAttribute,
} from './profileTable.js';

/**
 * 'off': dates and times handled by the Basic Profile alone (removed, emptied or dummied);
 * 'full-dates': Retain Longitudinal Temporal Information with Full Dates Option (dates and times kept);
 * `{ shiftDays }`: Retain Longitudinal Temporal Information with Modified Dates Option (every date shifted by
 * the same whole number of days: pass the same number for every file of one patient).
 */
export type RetainLongitudinalDates = 'off' | 'full-dates' | { readonly shiftDays: number };

export interface DeidentifyOptions {
  /** Key of the UID pseudonymisation (HMAC-SHA256): at least 16 bytes; keep it secret, keep it stable. */
  readonly secret: string | Uint8Array;
  /** Goes into PatientName and PatientID: 1–64 printable ASCII characters, no backslash. */
  readonly patientPseudonym: string;
  /** Default 'off'. */
  readonly retainLongitudinalDates?: RetainLongitudinalDates;
}

type Element = TaggedDataset[string];
type Mode = 'off' | 'full-dates' | { readonly shiftDays: number };

interface Context {
  readonly secret: string | Uint8Array;
  readonly mode: Mode;
  readonly uids: Map<string, string>;
}

// Tags written or checked by this module (DICOM PS3.6 2024b data dictionary).
const TAG = {
  patientName: '00100010',
  patientId: '00100020',
  patientIdentityRemoved: '00120062',
  deidentificationMethod: '00120063',
  deidentificationMethodCodeSequence: '00120064',
  burnedInAnnotation: '00280301',
  longitudinalTemporalInformationModified: '00280303',
  codeValue: '00080100',
  codingSchemeDesignator: '00080102',
  codeMeaning: '00080104',
} as const;

// File Meta Information kept in the output (DICOM PS3.10 7.1 Table 7.1-1); the AE titles of the source,
// sending and receiving applications (0002,0016–0018) and Private Information (0002,0100/0102) are dropped.
const META_KEPT = new Set(['00020001', '00020002', '00020003', '00020010', '00020012', '00020013']);

const MIN_SECRET_BYTES = 16;

/**
 * Pseudonymous UID for `originalUid`: `2.25.` followed by the decimal value of the first 128 bits of
 * HMAC-SHA256(secret, originalUid) (DICOM PS3.5 B.2 / ITU-T X.667 "2.25" UUID-derived UIDs, at most 44
 * characters). The same secret always gives the same UID, so a study exported twice, or an SR that references
 * an image, stays linked; without the secret the mapping can be neither reproduced nor inverted.
 */
export function pseudonymousUid(originalUid: string, secret: string | Uint8Array): string {
  const digest = createHmac('sha256', secret).update(originalUid, 'latin1').digest();
  return `2.25.${BigInt(`0x${digest.subarray(0, 16).toString('hex')}`).toString()}`;
}

/**
 * De-identifies one Part 10 file with the Basic Application Level Confidentiality Profile (DICOM PS3.15 E.2)
 * and returns a new Part 10 file. Throws `DicomError` ('not-dicom', 'malformed') for unreadable input and
 * ('unsupported') for images whose Burned In Annotation is YES: the Clean Pixel Data Option is not
 * implemented, so such images are refused rather than exported with text in their pixels.
 */
export function deidentifyDicom(bytes: Uint8Array, options: DeidentifyOptions): Uint8Array {
  const context = validateOptions(options);
  const file = readTagged(bytes);

  // DICOM PS3.15 E.3.1 note and PS3.3 C.7.6.1 Burned In Annotation: without the Clean Pixel Data Option the
  // profile does not address pixel data, so an image that says it has identifying burned-in text is refused.
  const burnedIn = file.dict[TAG.burnedInAnnotation]?.Value?.[0];
  if (typeof burnedIn === 'string' && burnedIn.trim().toUpperCase() === 'YES') {
    throw new DicomError(
      'unsupported',
      'The image has burned-in annotation (Burned In Annotation is YES): text in the pixels cannot be removed, ' +
        'so it is not exported.',
    );
  }

  const dataset = deidentifyDataset(file.dict, context, false);
  Object.assign(dataset, deidentificationAttributes(options.patientPseudonym, context.mode));

  const meta: TaggedDataset = {};
  for (const [tag, element] of Object.entries(file.meta)) {
    if (!META_KEPT.has(tag)) continue;
    // DICOM PS3.15 Table E.1-1: Media Storage SOP Instance UID (0002,0003) U.
    meta[tag] = tag === '00020003' ? replaceUids(element, context) : element;
  }

  const out = new DicomDict(meta);
  out.dict = dataset;
  return new Uint8Array(out.write());
}

function validateOptions(options: DeidentifyOptions): Context {
  const secretBytes =
    typeof options.secret === 'string'
      ? Buffer.byteLength(options.secret, 'utf8')
      : options.secret.byteLength;
  if (secretBytes < MIN_SECRET_BYTES) {
    throw new RangeError(`The de-identification secret must be at least ${MIN_SECRET_BYTES} bytes long.`);
  }
  const pseudonym = options.patientPseudonym;
  // DICOM PS3.5 6.2: LO (Patient ID) holds at most 64 characters and no backslash; printable ASCII (the
  // default repertoire, PS3.5 6.1.2) needs no Specific Character Set whatever the file declares.
  if (pseudonym.trim().length === 0 || pseudonym.length > 64 || !/^[\x20-\x5b\x5d-\x7e]+$/u.test(pseudonym)) {
    throw new RangeError(
      'The patient pseudonym must be 1 to 64 printable ASCII characters, without backslash.',
    );
  }
  const mode = options.retainLongitudinalDates ?? 'off';
  if (
    typeof mode === 'object' &&
    (!Number.isSafeInteger(mode.shiftDays) || Math.abs(mode.shiftDays) > 36500)
  ) {
    throw new RangeError('shiftDays must be a whole number of days between -36500 and 36500.');
  }
  return { secret: options.secret, mode, uids: new Map() };
}

function readTagged(bytes: Uint8Array): { meta: TaggedDataset; dict: TaggedDataset } {
  // DICOM PS3.10 7.1: 128-byte preamble followed by "DICM".
  const magic = bytes.length >= 132 ? String.fromCharCode(...bytes.subarray(128, 132)) : '';
  if (magic !== 'DICM') throw new DicomError('not-dicom', 'The file is not a DICOM Part 10 file.');
  const buffer =
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
      ? bytes.buffer
      : bytes.slice().buffer;
  try {
    const file = DicomMessage.readFile(buffer);
    return { meta: file.meta, dict: file.dict };
  } catch {
    throw new DicomError('malformed', 'The DICOM file could not be read (truncated or corrupt).');
  }
}

/**
 * The action actually applied to an element: the Table E.1-1 code resolved for this element's VR and the
 * chosen longitudinal option, or an internal action: 'recurse' (keep the Sequence, de-identify its Items),
 * 'recurse-clean' (the same, and free text in the Items dummied: D on a Sequence) and 'shift' (Modified Dates
 * Option).
 */
type Action = 'X' | 'Z' | 'D' | 'K' | 'U' | 'recurse' | 'recurse-clean' | 'shift';

function actionFor(
  rule: ProfileAttribute | undefined,
  vr: string,
  mode: Mode,
  inCleanedSequence: boolean,
): Action {
  const isSequence = vr === 'SQ';
  const isDateVr = vr === 'DA' || vr === 'DT';
  if (rule === undefined) {
    // DICOM PS3.15 E.2: attributes not listed in Table E.1-1 are retained (K); Items of Sequences are
    // de-identified with the same table.
    if (isSequence) return inCleanedSequence ? 'recurse-clean' : 'recurse';
    // Our conservative reading of D on a Sequence (no Clean Structured Content Option): free text inside it is
    // replaced with dummy values; coded entries are kept.
    if (inCleanedSequence && FREE_TEXT_VRS.has(vr)) return 'D';
    // Modified Dates Option (DICOM PS3.15 E.3.6): all remaining dates are shifted, including those the table
    // does not list, so that no unshifted date reveals the offset.
    if (typeof mode === 'object' && isDateVr) return 'shift';
    return 'K';
  }
  if (rule.temporal && mode === 'full-dates') return isSequence ? 'recurse' : 'K'; // E.3.6 Full Dates: K
  if (rule.temporal && typeof mode === 'object') {
    // E.3.6 Modified Dates: C. Dates and date-times are shifted; times (TM) and Timezone Offset From UTC are
    // unchanged by a whole-day shift; opaque values (OB timestamps) cannot be shifted and fall back to the
    // Basic Profile action below.
    if (isDateVr) return 'shift';
    if (vr === 'TM' || vr === 'SH') return 'K';
  }
  switch (rule.action) {
    case 'X':
      return 'X';
    case 'Z':
      return 'Z';
    case 'U':
      return 'U';
    case 'D':
      // D on a Sequence: keep its Items, de-identified, with free text dummied (see above).
      return isSequence ? 'recurse-clean' : 'D';
    // "X/Z", "X/D", "Z/D", "X/Z/D" (Table E.1-1a): without per-IOD Attribute Types at hand we take the
    // alternative that always keeps the IOD conformant (Z for Type 2, D for Type 1); for Sequences we never
    // invent dummy Items: X/D removes, X/Z and X/Z/D leave an empty Sequence.
    case 'X/Z':
      return 'Z';
    case 'X/D':
      return isSequence ? 'X' : 'D';
    case 'Z/D':
    case 'X/Z/D':
      return isSequence ? 'Z' : 'D';
    case 'X/Z/U*':
      // Referenced Image / Source Image Sequences: kept, so references survive, with their UIDs replaced (U*).
      return 'recurse';
  }
}

// Value Representations holding free text (DICOM PS3.5 6.2).
const FREE_TEXT_VRS = new Set(['PN', 'LT', 'ST', 'UT', 'UC']);

function deidentifyDataset(
  dataset: TaggedDataset,
  context: Context,
  inCleanedSequence: boolean,
): TaggedDataset {
  const out: TaggedDataset = {};
  for (const [tag, element] of Object.entries(dataset)) {
    // Table E.1-1 "Private Attributes": X (the Retain Safe Private Option is not implemented).
    if (isPrivateTag(tag)) continue;
    // Table E.1-1 Curve Data (50xx,xxxx): X. Overlay Data (60xx,3000) and Overlay Comments (60xx,4000): X; we
    // remove the whole overlay group so that no Overlay Plane Module is left without its Type 1 Overlay Data
    // (DICOM PS3.3 C.9.2).
    if (isCurveGroup(tag) || isOverlayGroup(tag)) continue;
    // Group Length (gggg,0000) is retired (DICOM PS3.5 7.2) and would be stale after removals.
    if (tag.endsWith('0000')) continue;
    const action = actionFor(profileAttributeFor(tag), element.vr, context.mode, inCleanedSequence);
    const result = applyAction(action, element, context);
    if (result !== undefined) out[tag] = result;
  }
  return out;
}

function applyAction(action: Action, element: Element, context: Context): Element | undefined {
  switch (action) {
    case 'X':
      return undefined;
    case 'K':
      return element;
    case 'Z':
      return { vr: element.vr, Value: [] };
    case 'D':
      return element.vr === 'UI' ? replaceUids(element, context) : dummy(element.vr);
    case 'U':
      return replaceUids(element, context);
    case 'recurse':
    case 'recurse-clean':
      return {
        vr: element.vr,
        Value: (element.Value ?? [])
          .filter(isDataset)
          .map((item) => deidentifyDataset(item, context, action === 'recurse-clean')),
      };
    case 'shift':
      return shiftDates(element, context.mode);
  }
}

function isDataset(value: unknown): value is TaggedDataset {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ArrayBuffer)
  );
}

/**
 * DICOM PS3.15 Table E.1-1a "D": a non-zero-length dummy value consistent with the VR (DICOM PS3.5 6.2).
 * Binary VRs (OB, OW, UN…) have no meaningful dummy and are emptied instead.
 */
function dummy(vr: string): Element {
  switch (vr) {
    case 'PN':
      return { vr, Value: [{ Alphabetic: 'ANONYMIZED' }] };
    case 'AE':
    case 'CS':
    case 'LO':
    case 'LT':
    case 'SH':
    case 'ST':
    case 'UC':
    case 'UT':
      return { vr, Value: ['ANONYMIZED'] };
    case 'AS':
      return { vr, Value: ['000D'] };
    case 'DA':
      return { vr, Value: ['19000101'] };
    case 'DT':
      return { vr, Value: ['19000101000000'] };
    case 'TM':
      return { vr, Value: ['000000'] };
    case 'DS':
    case 'IS':
      return { vr, Value: ['0'] };
    case 'FL':
    case 'FD':
    case 'SL':
    case 'SS':
    case 'UL':
    case 'US':
      return { vr, Value: [0] };
    case 'UR':
      // RFC 4122 nil UUID as a URN (DICOM PS3.5 6.2 UR: an RFC 3986 URI).
      return { vr, Value: ['urn:uuid:00000000-0000-0000-0000-000000000000'] };
    default:
      return { vr, Value: [] };
  }
}

function replaceUids(element: Element, context: Context): Element {
  const values = (element.Value ?? []).map((value) => {
    if (typeof value !== 'string') return value;
    const uid = value.replace(/[\0 ]+$/u, '');
    if (uid === '') return uid;
    let pseudonym = context.uids.get(uid);
    if (pseudonym === undefined) {
      pseudonym = pseudonymousUid(uid, context.secret);
      context.uids.set(uid, pseudonym);
    }
    return pseudonym;
  });
  return { vr: element.vr, Value: values };
}

const DAY_MS = 86_400_000;

function shiftDate(yyyymmdd: string, days: number): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/u.exec(yyyymmdd);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  // Reject impossible dates (20230231) instead of letting Date roll them over.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  const shifted = new Date(time + days * DAY_MS);
  const y = shifted.getUTCFullYear();
  if (y < 1 || y > 9999) return undefined;
  return `${String(y).padStart(4, '0')}${String(shifted.getUTCMonth() + 1).padStart(2, '0')}${String(
    shifted.getUTCDate(),
  ).padStart(2, '0')}`;
}

// DICOM PS3.5 6.2 DT: YYYYMMDD followed by optional HHMMSS.FFFFFF and &ZZXX offset.
const DT_REST = /^(\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?)?([+-]\d{4})?$/u;

/**
 * Modified Dates Option (DICOM PS3.15 E.3.6.2): every DA and DT value moved by the same number of days; the
 * time of day and the UTC offset are unchanged. A value that is not a full date (a partial DT such as "2024",
 * or garbage) cannot be shifted and is emptied rather than kept.
 */
function shiftDates(element: Element, mode: Mode): Element {
  const days = typeof mode === 'object' ? mode.shiftDays : 0;
  const values: string[] = [];
  for (const value of element.Value ?? []) {
    if (typeof value !== 'string') return { vr: element.vr, Value: [] };
    const trimmed = value.trim();
    if (trimmed === '') {
      values.push('');
      continue;
    }
    const rest = trimmed.slice(8);
    const shifted = shiftDate(trimmed.slice(0, 8), days);
    const restOk = element.vr === 'DA' ? rest === '' : DT_REST.test(rest);
    if (shifted === undefined || !restOk) return { vr: element.vr, Value: [] };
    values.push(shifted + rest);
  }
  return { vr: element.vr, Value: values };
}

function code(value: string, meaning: string): TaggedDataset {
  // CID 7050 "De-identification Method" codes are in the DCM coding scheme (DICOM PS3.16 CID 7050).
  return {
    [TAG.codeValue]: { vr: 'SH', Value: [value] },
    [TAG.codingSchemeDesignator]: { vr: 'SH', Value: ['DCM'] },
    [TAG.codeMeaning]: { vr: 'LO', Value: [meaning] },
  };
}

function deidentificationAttributes(pseudonym: string, mode: Mode): TaggedDataset {
  const methods = ['DICOM PS3.15 E Basic Application Confidentiality Profile'];
  // DICOM PS3.16 CID 7050: 113100 Basic Application Confidentiality Profile.
  const codes = [code('113100', 'Basic Application Confidentiality Profile')];
  if (mode === 'full-dates') {
    methods.push('Retain Longitudinal Temporal Information Full Dates Option');
    // DICOM PS3.16 CID 7050: 113106 Retain Longitudinal Temporal Information Full Dates Option.
    codes.push(code('113106', 'Retain Longitudinal Temporal Information Full Dates Option'));
  } else if (typeof mode === 'object') {
    methods.push('Retain Longitudinal Temporal Info Modified Dates Option');
    // DICOM PS3.16 CID 7050: 113107 Retain Longitudinal Temporal Information Modified Dates Option.
    codes.push(code('113107', 'Retain Longitudinal Temporal Information Modified Dates Option'));
  }
  methods.push('Private attributes removed', 'Burned-in pixel text not cleaned');

  return {
    // Table E.1-1 gives Z for Patient's Name and Z/D for Patient ID; a pseudonym is a non-identifying dummy
    // value, which D allows and which keeps the instances of one research subject together.
    [TAG.patientName]: { vr: 'PN', Value: [{ Alphabetic: pseudonym }] },
    [TAG.patientId]: { vr: 'LO', Value: [pseudonym] },
    // DICOM PS3.15 E.1.1 (De-identifier) and PS3.3 C.7.1.1: Patient Identity Removed YES and a method.
    [TAG.patientIdentityRemoved]: { vr: 'CS', Value: ['YES'] },
    // DICOM PS3.3 C.7.1.1 De-identification Method (0012,0063): LO, VM 1-n (each value at most 64 chars).
    [TAG.deidentificationMethod]: { vr: 'LO', Value: methods },
    [TAG.deidentificationMethodCodeSequence]: { vr: 'SQ', Value: codes },
    // DICOM PS3.15 E.2 and E.3.6 / PS3.3 C.12.1 SOP Common: REMOVED without a Retain Longitudinal option,
    // UNMODIFIED with Full Dates, MODIFIED with Modified Dates.
    [TAG.longitudinalTemporalInformationModified]: {
      vr: 'CS',
      Value: [mode === 'off' ? 'REMOVED' : mode === 'full-dates' ? 'UNMODIFIED' : 'MODIFIED'],
    },
  };
}
