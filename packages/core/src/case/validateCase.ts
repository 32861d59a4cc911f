import type { Point } from '../geometry/point.js';
import {
  collectErrors,
  parseStrictJson,
  readEnum,
  readObject,
  readPoint,
  type Fail,
  type Path,
  type Validated,
} from './jsonReaders.js';
import { isLevel, type Level } from './levels.js';
import { readClinical } from './validateClinical.js';
import {
  CASE_FORMAT,
  CENTROID_POINT,
  CORONAL_CORNERS,
  PEDICLE_POINTS,
  LATERAL_CORNERS,
  POSTURES,
  SEXES,
  type CoronalRadiograph,
  type FemoralHead,
  type LateralRadiograph,
  type Patient,
  type PixelSpacingMm,
  type Radiograph,
  type SpineCase,
} from './types.js';

export type { CaseError } from './jsonReaders.js';

export type CaseResult = Validated<SpineCase>;

/** Parses and validates the text of a `spinerecon.case/1` file. */
export function parseCaseJson(text: string): CaseResult {
  return parseStrictJson(text, validateCase);
}

/** Validates an already parsed case: every unknown key, level or view is an error, nothing is ignored. */
export function validateCase(value: unknown): CaseResult {
  return collectErrors((fail) => readCase(value, fail));
}

function readCase(value: unknown, fail: Fail): SpineCase | undefined {
  const root = readObject(value, [], ['format', 'patient', 'clinical', 'radiographs'], fail);
  if (!root) return undefined;
  if (root.format !== CASE_FORMAT) return fail(['format'], `expected "${CASE_FORMAT}"`);
  const patient = root.patient === undefined ? undefined : readPatient(root.patient, fail);
  const clinical = root.clinical === undefined ? undefined : readClinical(root.clinical, ['clinical'], fail);
  if (!Array.isArray(root.radiographs)) return fail(['radiographs'], 'expected an array of radiographs');
  const radiographs: Radiograph[] = [];
  const ids = new Set<string>();
  root.radiographs.forEach((item: unknown, index) => {
    const radiograph = readRadiograph(item, ['radiographs', index], fail);
    if (!radiograph) return;
    if (ids.has(radiograph.id)) fail(['radiographs', index, 'id'], `id "${radiograph.id}" is used twice`);
    ids.add(radiograph.id);
    radiographs.push(radiograph);
  });
  return {
    format: CASE_FORMAT,
    ...(patient === undefined ? {} : { patient }),
    ...(clinical === undefined ? {} : { clinical }),
    radiographs,
  };
}

function readPatient(value: unknown, fail: Fail): Patient | undefined {
  const path = ['patient'];
  const object = readObject(value, path, ['ageYears', 'sex'], fail);
  if (!object) return undefined;
  const patient: { ageYears?: number; sex?: Patient['sex'] } = {};
  if (object.ageYears !== undefined) {
    const age = object.ageYears;
    if (typeof age !== 'number' || !Number.isFinite(age) || age < 0 || age > 130) {
      return fail([...path, 'ageYears'], 'expected an age in years from 0 to 130');
    }
    patient.ageYears = age;
  }
  if (object.sex !== undefined) {
    const sex = readEnum(object.sex, SEXES, [...path, 'sex'], fail);
    if (sex === undefined) return undefined;
    patient.sex = sex;
  }
  return patient;
}

const LATERAL_KEYS = [
  'id',
  'view',
  'posture',
  'pixelSpacingMm',
  'anteriorOnImage',
  'vertebrae',
  'femoralHeads',
];
const CORONAL_KEYS = ['id', 'view', 'posture', 'pixelSpacingMm', 'patientRightOnImage', 'vertebrae'];
const SIDES = ['left', 'right'] as const;
const LATERAL_LANDMARKS = [...LATERAL_CORNERS, CENTROID_POINT];
const CORONAL_LANDMARKS = [...CORONAL_CORNERS, ...PEDICLE_POINTS, CENTROID_POINT];

function readRadiograph(value: unknown, path: Path, fail: Fail): Radiograph | undefined {
  const probe = readObject(value, path, null, fail);
  if (!probe) return undefined;
  if (probe.view !== 'lateral' && probe.view !== 'coronal') {
    return fail([...path, 'view'], 'expected "lateral" or "coronal"');
  }
  const lateral = probe.view === 'lateral';
  const object = readObject(value, path, lateral ? LATERAL_KEYS : CORONAL_KEYS, fail);
  if (!object) return undefined;
  if (typeof object.id !== 'string' || object.id.length === 0)
    return fail([...path, 'id'], 'expected a non-empty string');
  const posture =
    object.posture === undefined
      ? 'standing'
      : readEnum(object.posture, POSTURES, [...path, 'posture'], fail);
  const spacing = readSpacing(object.pixelSpacingMm, [...path, 'pixelSpacingMm'], fail);
  if (posture === undefined || spacing === null) return undefined;
  const base = { id: object.id, posture, ...(spacing === undefined ? {} : { pixelSpacingMm: spacing }) };
  if (lateral) {
    const anteriorOnImage = readEnum(object.anteriorOnImage, SIDES, [...path, 'anteriorOnImage'], fail);
    const vertebrae = readVertebrae(object.vertebrae, [...path, 'vertebrae'], LATERAL_LANDMARKS, fail);
    const femoralHeads = readFemoralHeads(object.femoralHeads, [...path, 'femoralHeads'], fail);
    if (!anteriorOnImage || !vertebrae || !femoralHeads) return undefined;
    const radiograph: LateralRadiograph = {
      ...base,
      view: 'lateral',
      anteriorOnImage,
      vertebrae,
      femoralHeads,
    };
    return radiograph;
  }
  const patientRightOnImage = readEnum(
    object.patientRightOnImage,
    SIDES,
    [...path, 'patientRightOnImage'],
    fail,
  );
  const vertebrae = readVertebrae(object.vertebrae, [...path, 'vertebrae'], CORONAL_LANDMARKS, fail);
  if (!patientRightOnImage || !vertebrae) return undefined;
  const radiograph: CoronalRadiograph = { ...base, view: 'coronal', patientRightOnImage, vertebrae };
  return radiograph;
}

/** undefined = absent (uncalibrated); null = invalid. */
function readSpacing(value: unknown, path: Path, fail: Fail): PixelSpacingMm | undefined | null {
  if (value === undefined) return undefined;
  const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (positive(value)) return value;
  if (Array.isArray(value) && value.length === 2 && positive(value[0]) && positive(value[1])) {
    return [value[0], value[1]];
  }
  fail(path, 'expected a positive number of millimetres per pixel, or [rowMm, colMm]');
  return null;
}

function readVertebrae<C extends string>(
  value: unknown,
  path: Path,
  corners: readonly C[],
  fail: Fail,
): Partial<Record<Level, Partial<Record<C, Point>>>> | undefined {
  const object = readObject(value, path, null, fail);
  if (!object) return undefined;
  const vertebrae: Partial<Record<Level, Partial<Record<C, Point>>>> = {};
  let valid = true;
  for (const [level, corner] of Object.entries(object)) {
    if (!isLevel(level)) {
      fail([...path, level], 'unknown vertebral level (expected C1…C7, T1…T12, L1…L5 or S1)');
      valid = false;
      continue;
    }
    const vertebraPath = [...path, level];
    const vertebra = readObject(corner, vertebraPath, corners, fail);
    if (!vertebra) {
      valid = false;
      continue;
    }
    const points: Partial<Record<C, Point>> = {};
    for (const name of corners) {
      if (vertebra[name] === undefined) continue;
      const point = readPoint(vertebra[name], vertebraPath, name, fail);
      if (point) points[name] = point;
      else valid = false;
    }
    vertebrae[level] = points;
  }
  return valid ? vertebrae : undefined;
}

function readFemoralHeads(value: unknown, path: Path, fail: Fail): FemoralHead[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 2)
    return fail(path, 'expected an array of one or two femoral heads');
  const heads: FemoralHead[] = [];
  value.forEach((item: unknown, index) => {
    const head = readObject(item, [...path, index], ['center', 'radiusPx'], fail);
    if (!head) return;
    const center = readPoint(head.center, [...path, index], 'center', fail);
    const radius = head.radiusPx;
    if (radius !== undefined && (typeof radius !== 'number' || !Number.isFinite(radius) || radius <= 0)) {
      fail([...path, index, 'radiusPx'], 'expected a positive number of pixels');
      return;
    }
    if (center) heads.push(radius === undefined ? { center } : { center, radiusPx: radius });
  });
  return heads.length === value.length ? heads : undefined;
}
