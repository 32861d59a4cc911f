import { readEnum, readNumber, readObject, type Fail, type Path } from './jsonReaders.js';
import { isLevel } from './levels.js';
import {
  CONSERVATIVE_TREATMENTS,
  DIAGNOSES,
  NEUROLOGICAL_STATUSES,
  SINS_ALIGNMENT,
  SINS_COLLAPSE,
  SINS_LESION,
  SINS_PAIN,
  SINS_POSTEROLATERAL,
  SINS_SACRAL_LOCATION,
  TLICS_MORPHOLOGIES,
  TLICS_NEUROLOGY,
  TLICS_PLC,
  type ClinicalFacts,
  type ConservativeTreatment,
  type SinsInputs,
  type TlicsInputs,
} from './types.js';

const CLINICAL_KEYS = [
  'diagnosis',
  'symptomMonths',
  'conservativeTreatment',
  'neurologicalStatus',
  'backPainNrs',
  'legPainNrs',
  'tlics',
  'sins',
];
const MONTHS = { min: 0, max: 1200, unit: 'months' };
const NRS = { min: 0, max: 10, unit: 'points (0–10 numeric rating scale)' };

/** The optional `clinical` object of a case: every field optional, every value checked. */
export function readClinical(value: unknown, path: Path, fail: Fail): ClinicalFacts | undefined {
  const object = readObject(value, path, CLINICAL_KEYS, fail);
  if (!object) return undefined;
  const facts: Record<string, unknown> = {};
  let valid = true;
  const keep = (key: string, read: unknown): void => {
    if (read === null || (read === undefined && object[key] !== undefined)) valid = false;
    else if (read !== undefined) facts[key] = read;
  };
  const optionalEnum = <T extends string>(key: string, options: readonly T[]) =>
    object[key] === undefined ? undefined : readEnum(object[key], options, [...path, key], fail);
  keep('diagnosis', optionalEnum('diagnosis', DIAGNOSES));
  keep('symptomMonths', readNumber(object.symptomMonths, [...path, 'symptomMonths'], MONTHS, fail));
  keep(
    'conservativeTreatment',
    readTreatments(object.conservativeTreatment, [...path, 'conservativeTreatment'], fail),
  );
  keep('neurologicalStatus', optionalEnum('neurologicalStatus', NEUROLOGICAL_STATUSES));
  keep('backPainNrs', readNumber(object.backPainNrs, [...path, 'backPainNrs'], NRS, fail));
  keep('legPainNrs', readNumber(object.legPainNrs, [...path, 'legPainNrs'], NRS, fail));
  keep('tlics', object.tlics === undefined ? undefined : readTlics(object.tlics, [...path, 'tlics'], fail));
  keep('sins', object.sins === undefined ? undefined : readSins(object.sins, [...path, 'sins'], fail));
  return valid ? (facts as ClinicalFacts) : undefined;
}

function readTreatments(value: unknown, path: Path, fail: Fail): ConservativeTreatment[] | undefined | null {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return fail(path, 'expected an array of treatments') ?? null;
  const treatments: ConservativeTreatment[] = [];
  value.forEach((item: unknown, index) => {
    const object = readObject(item, [...path, index], ['kind', 'months'], fail);
    if (!object) return;
    const kind = readEnum(object.kind, CONSERVATIVE_TREATMENTS, [...path, index, 'kind'], fail);
    const months = readNumber(object.months, [...path, index, 'months'], MONTHS, fail);
    if (kind === undefined || months === null) return;
    treatments.push(months === undefined ? { kind } : { kind, months });
  });
  return treatments.length === value.length ? treatments : null;
}

function readTlics(value: unknown, path: Path, fail: Fail): TlicsInputs | undefined {
  const object = readObject(value, path, ['morphology', 'neurology', 'posteriorLigamentousComplex'], fail);
  if (!object) return undefined;
  const tlics: { -readonly [K in keyof TlicsInputs]: TlicsInputs[K] } = {};
  if (object.morphology !== undefined) {
    const list = object.morphology;
    if (!Array.isArray(list) || list.length === 0)
      return fail([...path, 'morphology'], 'expected a non-empty array');
    const morphology = list.map((m: unknown, i) =>
      readEnum(m, TLICS_MORPHOLOGIES, [...path, 'morphology', i], fail),
    );
    if (morphology.some((m) => m === undefined)) return undefined;
    tlics.morphology = morphology as TlicsInputs['morphology'];
  }
  if (object.neurology !== undefined) {
    const neurology = readEnum(object.neurology, TLICS_NEUROLOGY, [...path, 'neurology'], fail);
    if (neurology === undefined) return undefined;
    tlics.neurology = neurology;
  }
  if (object.posteriorLigamentousComplex !== undefined) {
    const plc = readEnum(
      object.posteriorLigamentousComplex,
      TLICS_PLC,
      [...path, 'posteriorLigamentousComplex'],
      fail,
    );
    if (plc === undefined) return undefined;
    tlics.posteriorLigamentousComplex = plc;
  }
  return tlics;
}

const SINS_FIELDS = {
  pain: SINS_PAIN,
  lesion: SINS_LESION,
  alignment: SINS_ALIGNMENT,
  collapse: SINS_COLLAPSE,
  posterolateral: SINS_POSTEROLATERAL,
} as const;

function readSins(value: unknown, path: Path, fail: Fail): SinsInputs | undefined {
  const object = readObject(value, path, ['location', ...Object.keys(SINS_FIELDS)], fail);
  if (!object) return undefined;
  const sins: Record<string, string> = {};
  if (object.location !== undefined) {
    const location = object.location;
    if (typeof location !== 'string' || (!isLevel(location) && location !== SINS_SACRAL_LOCATION)) {
      return fail([...path, 'location'], `expected a vertebral level (C1…S1) or "${SINS_SACRAL_LOCATION}"`);
    }
    sins.location = location;
  }
  for (const [key, options] of Object.entries(SINS_FIELDS)) {
    if (object[key] === undefined) continue;
    const read = readEnum(object[key], options, [...path, key], fail);
    if (read === undefined) return undefined;
    sins[key] = read;
  }
  return sins as SinsInputs;
}
