import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DicomError } from '../dicomError.js';
import { DicomMessage, type TaggedDataset } from '../part10/dcmjs.js';
import { syntheticDicom, testUid } from '../test-support/syntheticDicom.js';
import { deidentifyDicom, pseudonymousUid, type DeidentifyOptions } from './deidentify.js';
import { isCurveGroup, isOverlayGroup, isPrivateTag, profileAttributeFor } from './profileTable.js';

const SECRET = 'test secret, 16+ bytes, never a real key';
const OPTIONS: DeidentifyOptions = { secret: SECRET, patientPseudonym: 'SUBJ-0042' };

// Every string that identifies the fictitious patient, staff, institution or device: none may survive.
const IDENTIFYING = [
  'Doe^Johnathan',
  'Johnathan',
  'MRN-48151623',
  '19571231',
  'Wallaby',
  'OTHER-99887766',
  'Hospital Gamma',
  'Jonny',
  'Saint Elsewhere',
  'Springfield',
  'Kildare',
  'Quincy',
  'Ratched',
  'Gregory House',
  'Houseman',
  'ACC-20260301-77',
  'SN-XR-314159',
  'XRAYROOM7',
  'Orthopaedics Ward B',
  'Spine of Doe',
  'Lateral standing Doe',
  'moved during exposure',
  'call wife Jane',
  'ACME IMAGING',
  'Hidden^Private',
  'STUDY-9911',
  'Nightingale',
  'DETECTOR-0815',
  'PROTOCOL-SPINE-DOE',
  'Wayne Enterprises',
  'TRIAL-DOE-77',
  'SUBJECT-JD-01',
];

interface ImageUids {
  readonly study: string;
  readonly series: string;
  readonly sop: string;
  readonly frameOfReference?: string;
  readonly referencedSop?: string;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/** A synthetic DX radiograph stuffed with identifying attributes, a private block and nested names. */
function identifyingImage(uids: ImageUids, extra: Record<string, unknown> = {}): Uint8Array {
  const base = syntheticDicom({
    modality: 'DX',
    studyInstanceUid: uids.study,
    seriesInstanceUid: uids.series,
    sopInstanceUid: uids.sop,
    attributes: {
      PatientName: 'Doe^Johnathan',
      PatientID: 'MRN-48151623',
      PatientBirthDate: '19571231',
      PatientAddress: '42 Wallaby Way',
      OtherPatientNames: 'Doe^Jonny',
      OtherPatientIDsSequence: [
        { PatientID: 'OTHER-99887766', IssuerOfPatientID: 'Hospital Gamma', TypeOfPatientID: 'TEXT' },
      ],
      PatientComments: 'call wife Jane',
      InstitutionName: 'Saint Elsewhere',
      InstitutionAddress: '1 Hospital Road Springfield',
      InstitutionalDepartmentName: 'Orthopaedics Ward B',
      ReferringPhysicianName: 'Kildare^James',
      PerformingPhysicianName: 'Quincy^Marcus',
      OperatorsName: 'Ratched^Mildred',
      NameOfPhysiciansReadingStudy: 'Gregory House^Houseman',
      AccessionNumber: 'ACC-20260301-77',
      StudyID: 'STUDY-9911',
      DeviceSerialNumber: 'SN-XR-314159',
      DetectorID: 'DETECTOR-0815',
      StationName: 'XRAYROOM7',
      ProtocolName: 'PROTOCOL-SPINE-DOE',
      // Clinical Trial Subject Module attributes, D in Table E.1-1.
      ClinicalTrialSponsorName: 'Wayne Enterprises',
      ClinicalTrialProtocolID: 'TRIAL-DOE-77',
      ClinicalTrialSubjectID: 'SUBJECT-JD-01',
      StudyDescription: 'Spine of Doe',
      SeriesDescription: 'Lateral standing Doe',
      ImageComments: 'Patient moved during exposure',
      StudyDate: '20260301',
      StudyTime: '101500',
      SeriesDate: '20260301',
      SeriesTime: '101510',
      AcquisitionDate: '20260301',
      AcquisitionTime: '101502',
      ContentDate: '20260301',
      ContentTime: '101503',
      AcquisitionDateTime: '20260301101502.123+0100',
      PixelSpacing: [0.2, 0.2],
      EstimatedRadiographicMagnificationFactor: 1.1,
      DistanceSourceToDetector: 1800,
      ...(uids.frameOfReference === undefined ? {} : { FrameOfReferenceUID: uids.frameOfReference }),
      // A Sequence the profile does not list, with a name and an institution inside: cleaned recursively.
      ContributingEquipmentSequence: [
        {
          PurposeOfReferenceCodeSequence: [
            { CodeValue: '109102', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Processing Equipment' },
          ],
          Manufacturer: 'SpineRecon',
          InstitutionName: 'Saint Elsewhere',
          OperatorsName: 'Nightingale^Florence',
          ContributionDateTime: '20260302080000',
        },
      ],
      ...(uids.referencedSop === undefined
        ? {}
        : {
            ReferencedImageSequence: [
              {
                ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.1.1',
                ReferencedSOPInstanceUID: uids.referencedSop,
              },
            ],
          }),
      ...extra,
    },
  });
  // Private attributes cannot be written through the naturalized API: add them to the tagged dataset.
  const file = DicomMessage.readFile(toArrayBuffer(base));
  file.dict['00090010'] = { vr: 'LO', Value: ['ACME IMAGING'] };
  file.dict['00091001'] = { vr: 'PN', Value: [{ Alphabetic: 'Hidden^Private' }] };
  file.dict['00091002'] = { vr: 'LO', Value: ['Doe^Johnathan'] };
  return new Uint8Array(file.write());
}

function newUids(overrides: Partial<ImageUids> = {}): ImageUids {
  return { study: testUid(), series: testUid(), sop: testUid(), frameOfReference: testUid(), ...overrides };
}

function read(bytes: Uint8Array): { meta: TaggedDataset; dict: TaggedDataset } {
  const file = DicomMessage.readFile(toArrayBuffer(bytes));
  return { meta: file.meta, dict: file.dict };
}

/** First value of an element, strings without the padding dcmjs leaves on some VRs (DT). */
function value(dataset: TaggedDataset, tag: string): unknown {
  const first = dataset[tag]?.Value?.[0];
  return typeof first === 'string' ? first.trim() : first;
}

/** True when an element is present with zero length (dcmjs reads that as `[]` or `['']`). */
function isEmpty(dataset: TaggedDataset, tag: string): boolean {
  const values = dataset[tag]?.Value;
  return values !== undefined && values.every((v) => v === '');
}

function items(dataset: TaggedDataset, tag: string): TaggedDataset[] {
  return (dataset[tag]?.Value ?? []) as TaggedDataset[];
}

/** Every (tag, element) in a dataset and, recursively, in its Sequence Items. */
function* walk(dataset: TaggedDataset): Generator<[string, TaggedDataset[string]]> {
  for (const [tag, element] of Object.entries(dataset)) {
    yield [tag, element];
    if (element.vr === 'SQ') for (const item of (element.Value ?? []) as TaggedDataset[]) yield* walk(item);
  }
}

function containsBytes(haystack: Uint8Array, needle: string): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle, 'latin1')) !== -1;
}

function dciodvfyErrors(bytes: Uint8Array): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'spinerecon-deid-'));
  try {
    const path = join(folder, 'file.dcm');
    writeFileSync(path, bytes);
    let output: string;
    try {
      output = execFileSync('dciodvfy', [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      // dciodvfy exits non-zero when it finds errors; its report is still on stdout/stderr.
      const failed = error as { stdout?: string; stderr?: string };
      output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
    }
    return output.split('\n').filter((line) => line.startsWith('Error'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Raw value bytes of top-level elements, as dicom-parser sees them in the file. */
function rawElement(bytes: Uint8Array, tag: string): Uint8Array {
  const dataSet = dicomParser.parseDicom(bytes);
  const element = dataSet.elements[`x${tag.toLowerCase()}`];
  if (element === undefined) throw new Error(`missing ${tag}`);
  return bytes.subarray(element.dataOffset, element.dataOffset + element.length);
}

function daysBetween(from: string, to: string): number {
  const utc = (d: string) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)));
  return (utc(to) - utc(from)) / 86_400_000;
}

describe('deidentifyDicom (DICOM PS3.15 Basic Application Level Confidentiality Profile)', () => {
  const uids = newUids();
  const input = identifyingImage(uids);
  const output = deidentifyDicom(input, OPTIONS);
  const original = read(input).dict;
  const result = read(output);

  it('leaves no attribute whose Table E.1-1 action is X, at any depth', () => {
    const present = [...walk(result.dict)]
      .filter(([tag]) => profileAttributeFor(tag)?.action === 'X')
      .map(([tag]) => tag);
    expect(present).toEqual([]);
    expect(original['00101002']).toBeDefined(); // the input did have X attributes (Other Patient IDs Sequence)
  });

  it('leaves no private attribute, curve or overlay group', () => {
    const tags = [...walk(result.dict)].map(([tag]) => tag);
    expect(tags.filter((tag) => isPrivateTag(tag) || isCurveGroup(tag) || isOverlayGroup(tag))).toEqual([]);
  });

  it('keeps no original value in any D, Z or Z/D attribute', () => {
    const checked: string[] = [];
    for (const [tag, element] of Object.entries(original)) {
      const action = profileAttributeFor(tag)?.action;
      if (action === undefined || !/[DZ]/u.test(action) || element.vr === 'SQ') continue;
      const after = result.dict[tag];
      if (after !== undefined)
        expect(JSON.stringify(after.Value), tag).not.toBe(JSON.stringify(element.Value));
      checked.push(tag);
    }
    // Accession Number, Referring Physician, Patient Name/ID/Birth Date/Sex, dates, institution, station…
    expect(checked.length).toBeGreaterThanOrEqual(15);
  });

  it('leaves no original identifying string anywhere in the output bytes', () => {
    for (const needle of IDENTIFYING) expect(containsBytes(input, needle), `input has ${needle}`).toBe(true);
    expect(IDENTIFYING.filter((needle) => containsBytes(output, needle))).toEqual([]);
  });

  it('leaves no original instance UID anywhere in the output bytes', () => {
    const originals = [uids.study, uids.series, uids.sop, uids.frameOfReference ?? ''];
    expect(originals.filter((uid) => containsBytes(output, uid))).toEqual([]);
  });

  it('puts the pseudonym into Patient Name and Patient ID', () => {
    expect(value(result.dict, '00100010')).toEqual({ Alphabetic: 'SUBJ-0042' });
    expect(value(result.dict, '00100020')).toBe('SUBJ-0042');
  });

  it('cleans attributes inside a Sequence the profile does not list', () => {
    const [item] = items(result.dict, '0018A001');
    expect(item).toBeDefined();
    expect(value(item ?? {}, '00080080')).toBe('ANONYMIZED'); // Institution Name X/Z/D → D
    expect(value(item ?? {}, '00081070')).toEqual({ Alphabetic: 'ANONYMIZED' }); // Operators' Name X/Z/D → D
    expect(value(item ?? {}, '00080070')).toBe('SpineRecon'); // Manufacturer: not listed, kept
  });

  it('replaces D attributes with a dummy value of their VR rather than removing them', () => {
    expect(value(result.dict, '00120010')).toBe('ANONYMIZED'); // Clinical Trial Sponsor Name D
    expect(value(result.dict, '00120040')).toBe('ANONYMIZED'); // Clinical Trial Subject ID D
    expect(value(result.dict, '00080023')).toBe('19000101'); // Content Date Z/D → D (DA)
  });

  it('records Patient Identity Removed, the method and its CID 7050 codes', () => {
    expect(value(result.dict, '00120062')).toBe('YES');
    expect(result.dict['00120063']?.Value).toContain(
      'DICOM PS3.15 E Basic Application Confidentiality Profile',
    );
    const codes = items(result.dict, '00120064').map((item) => [
      value(item, '00080100'),
      value(item, '00080102'),
    ]);
    expect(codes).toEqual([['113100', 'DCM']]);
    expect(value(result.dict, '00280303')).toBe('REMOVED');
  });

  it('replaces the Media Storage SOP Instance UID in the meta with the new SOP Instance UID', () => {
    expect(value(result.meta, '00020003')).toBe(value(result.dict, '00080018'));
    expect(value(result.dict, '00080018')).toBe(pseudonymousUid(uids.sop, SECRET));
  });

  it('keeps pixel data and every spacing and image-pixel attribute byte-identical', () => {
    // Pixel Data, Pixel Spacing, Imager Pixel Spacing, Estimated Radiographic Magnification Factor, Distance
    // Source to Detector, Rows, Columns, Bits Allocated/Stored, Photometric Interpretation, Rescale.
    const tags = [
      '7FE00010',
      '00280030',
      '00181164',
      '00181114',
      '00181110',
      '00280010',
      '00280011',
      '00280100',
      '00280101',
      '00280004',
      '00281052',
      '00281053',
    ];
    for (const tag of tags) expect(rawElement(output, tag), tag).toEqual(rawElement(input, tag));
  });

  it('adds no dciodvfy error that the input did not already have', () => {
    const before = new Set(dciodvfyErrors(input));
    expect(dciodvfyErrors(output).filter((line) => !before.has(line))).toEqual([]);
  });

  it('adds no dciodvfy error with either longitudinal date option', () => {
    const before = new Set(dciodvfyErrors(input));
    for (const retainLongitudinalDates of ['full-dates', { shiftDays: -400 }] as const) {
      const out = deidentifyDicom(input, { ...OPTIONS, retainLongitudinalDates });
      expect(dciodvfyErrors(out).filter((line) => !before.has(line))).toEqual([]);
    }
  });

  it('refuses an image whose Burned In Annotation is YES', () => {
    const burned = identifyingImage(newUids(), { BurnedInAnnotation: 'YES' });
    expect(() => deidentifyDicom(burned, OPTIONS)).toThrow(DicomError);
    try {
      deidentifyDicom(burned, OPTIONS);
    } catch (error) {
      expect((error as DicomError).code).toBe('unsupported');
      expect((error as DicomError).message).not.toContain('Johnathan');
    }
  });

  it('rejects bytes that are not a Part 10 file as not-dicom', () => {
    expect(() => deidentifyDicom(new Uint8Array(200), OPTIONS)).toThrow(
      expect.objectContaining({ code: 'not-dicom' }),
    );
  });

  it('rejects a secret shorter than 16 bytes and a pseudonym with a backslash', () => {
    expect(() => deidentifyDicom(input, { ...OPTIONS, secret: 'short' })).toThrow(RangeError);
    expect(() => deidentifyDicom(input, { ...OPTIONS, patientPseudonym: 'A\\B' })).toThrow(RangeError);
  });
});

describe('pseudonymous UIDs', () => {
  it('give two images of one study the same Study UID and keep an image reference linked', () => {
    const study = testUid();
    const series = testUid();
    const first = newUids({ study, series });
    const second = newUids({ study, series, referencedSop: first.sop });
    const a = read(deidentifyDicom(identifyingImage(first), OPTIONS)).dict;
    const b = read(deidentifyDicom(identifyingImage(second), OPTIONS)).dict;
    expect(value(a, '0020000D')).toBe(value(b, '0020000D'));
    expect(value(a, '0020000E')).toBe(value(b, '0020000E'));
    expect(value(a, '00080018')).not.toBe(value(b, '00080018'));
    // Referenced Image Sequence (X/Z/U*): kept, its Referenced SOP Instance UID mapped like the target's.
    const [reference] = items(b, '00081140');
    expect(value(reference ?? {}, '00081155')).toBe(value(a, '00080018'));
  });

  it('give distinct studies distinct Study UIDs', () => {
    const a = read(deidentifyDicom(identifyingImage(newUids()), OPTIONS)).dict;
    const b = read(deidentifyDicom(identifyingImage(newUids()), OPTIONS)).dict;
    expect(value(a, '0020000D')).not.toBe(value(b, '0020000D'));
  });

  it('are reproducible with the same secret and different with another', () => {
    const image = identifyingImage(newUids());
    const once = read(deidentifyDicom(image, OPTIONS)).dict;
    const twice = read(deidentifyDicom(image, OPTIONS)).dict;
    const other = read(
      deidentifyDicom(image, { ...OPTIONS, secret: new TextEncoder().encode(`${SECRET}!`) }),
    ).dict;
    for (const tag of ['0020000D', '0020000E', '00080018', '00200052']) {
      expect(value(twice, tag), tag).toBe(value(once, tag));
      expect(value(other, tag), tag).not.toBe(value(once, tag));
    }
  });

  it('are valid 2.25 UIDs of at most 64 characters, deterministic and distinct for distinct inputs', () => {
    const uid = fc.stringMatching(/^[1-9]\d{0,5}(\.(0|[1-9]\d{0,8})){1,12}$/u);
    fc.assert(
      fc.property(uid, uid, (x, y) => {
        const px = pseudonymousUid(x, SECRET);
        expect(px).toMatch(/^2\.25\.(0|[1-9]\d*)$/u);
        expect(px.length).toBeLessThanOrEqual(64);
        expect(pseudonymousUid(x, SECRET)).toBe(px);
        if (x !== y) expect(pseudonymousUid(y, SECRET)).not.toBe(px);
      }),
    );
  });
});

describe('Retain Longitudinal Temporal Information options', () => {
  const input = identifyingImage(newUids());
  const original = read(input).dict;

  it("'off' empties or dummies every date and time of the table and records REMOVED", () => {
    const dict = read(deidentifyDicom(input, { ...OPTIONS, retainLongitudinalDates: 'off' })).dict;
    expect(isEmpty(dict, '00080020')).toBe(true); // Study Date Z
    expect(isEmpty(dict, '00080030')).toBe(true); // Study Time Z
    expect(isEmpty(dict, '00080022')).toBe(true); // Acquisition Date X/Z → Z
    expect(value(dict, '00080021')).toBe('19000101'); // Series Date X/D → D
    expect(value(dict, '00080023')).toBe('19000101'); // Content Date Z/D → D
    expect(value(dict, '0008002A')).toBe('19000101000000'); // Acquisition DateTime X/Z/D → D
    expect(isEmpty(dict, '00100030')).toBe(true); // Patient's Birth Date Z
    expect(value(dict, '00280303')).toBe('REMOVED');
  });

  it("'full-dates' keeps every date and time unchanged and records UNMODIFIED with code 113106", () => {
    const dict = read(deidentifyDicom(input, { ...OPTIONS, retainLongitudinalDates: 'full-dates' })).dict;
    for (const tag of ['00080020', '00080030', '00080021', '00080031', '00080022', '00080023', '0008002A']) {
      expect(dict[tag]?.Value, tag).toEqual(original[tag]?.Value);
    }
    expect(isEmpty(dict, '00100030')).toBe(true); // birth date is not longitudinal information: still Z
    expect(value(dict, '00280303')).toBe('UNMODIFIED');
    expect(items(dict, '00120064').map((item) => value(item, '00080100'))).toEqual(['113100', '113106']);
  });

  it('shiftDays moves every date by the same number of days, keeps times, and records MODIFIED with 113107', () => {
    const dict = read(
      deidentifyDicom(input, { ...OPTIONS, retainLongitudinalDates: { shiftDays: -45 } }),
    ).dict;
    expect(value(dict, '00080020')).toBe('20260115');
    expect(value(dict, '00080021')).toBe('20260115');
    expect(value(dict, '0008002A')).toBe('20260115101502.123+0100');
    expect(value(dict, '00080030')).toBe('101500');
    const [equipment] = items(dict, '0018A001');
    expect(value(equipment ?? {}, '0018A002')).toBe('20260116080000'); // Contribution DateTime, nested
    expect(isEmpty(dict, '00100030')).toBe(true);
    expect(value(dict, '00280303')).toBe('MODIFIED');
    expect(items(dict, '00120064').map((item) => value(item, '00080100'))).toEqual(['113100', '113107']);
  });

  it('shiftDays shifts by exactly N days for any N, across month and leap-year boundaries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20000, max: 20000 }), (shiftDays) => {
        const dict = read(
          deidentifyDicom(input, { ...OPTIONS, retainLongitudinalDates: { shiftDays } }),
        ).dict;
        const shifted = value(dict, '00080020');
        expect(typeof shifted).toBe('string');
        expect(daysBetween('20260301', shifted as string)).toBe(shiftDays);
      }),
      { numRuns: 25 },
    );
  });
});
