import { readEnum, readNumber, readObject, readPoint, type Fail, type Path } from '../case/jsonReaders.js';
import { isLevel, levelIndex, type Level } from '../case/levels.js';
import {
  CAGE_APPROACHES,
  FRAILTY_CATEGORIES,
  GRAFT_TYPES,
  PELVIC_FIXATIONS,
  ROD_MATERIALS,
  SIDES,
  type BoneGraft,
  type Cage,
  type FusionRange,
  type Osteotomy,
  type RiskFactors,
  type Rod,
  type SchwabGrade,
  type Screw,
  type VertebralBodyReplacement,
} from './planTypes.js';

type Range = { readonly min: number; readonly max: number; readonly unit: string };
const ANGLE: Range = { min: -90, max: 90, unit: 'degrees' };
const HEIGHT: Range = { min: 0, max: 300, unit: 'mm' };
const SCREW_DIAMETER: Range = { min: 2, max: 12, unit: 'mm' };
const SCREW_LENGTH: Range = { min: 10, max: 150, unit: 'mm' };
const ROD_DIAMETER: Range = { min: 3, max: 8, unit: 'mm' };
const OFFSET: Range = { min: 0, max: 100, unit: 'mm' };
const PEDICLE: Range = { min: 1, max: 30, unit: 'mm' };

/** A required number: missing and invalid are both reported. */
function required(value: unknown, path: Path, range: Range, fail: Fail): number | undefined {
  if (value === undefined) return fail(path, `missing; expected a number of ${range.unit}`);
  return readNumber(value, path, range, fail) ?? undefined;
}

/** An optional number: undefined when absent; `invalid` set when present but wrong. */
function optional(value: unknown, path: Path, range: Range, fail: Fail, invalid: { bad: boolean }) {
  const read = readNumber(value, path, range, fail);
  if (read === null) invalid.bad = true;
  return read ?? undefined;
}

export function readLevel(value: unknown, path: Path, fail: Fail): Level | undefined {
  if (typeof value !== 'string' || !isLevel(value))
    return fail(path, 'expected a vertebral level (C1…C7, T1…T12, L1…L5, S1)');
  return value;
}

/** Adjacent levels, top down (a resection or a replacement removes a contiguous block). */
function readAdjacentLevels(value: unknown, path: Path, fail: Fail): Level[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return fail(path, 'expected a non-empty array of levels');
  const levels = value.map((v: unknown, i) => readLevel(v, [...path, i], fail));
  if (levels.some((l) => l === undefined)) return undefined;
  const found = levels as Level[];
  for (let i = 1; i < found.length; i++) {
    if (levelIndex(found[i] as Level) !== levelIndex(found[i - 1] as Level) + 1) {
      return fail([...path, i], 'expected adjacent levels, top down');
    }
  }
  if (found.includes('S1')) return fail(path, 'S1 cannot be removed');
  return found;
}

export function readFusion(value: unknown, path: Path, fail: Fail): FusionRange | undefined {
  const keys = ['upperInstrumentedVertebra', 'lowerInstrumentedVertebra', 'pelvicFixation'];
  const o = readObject(value, path, keys, fail);
  if (!o) return undefined;
  const upper = readLevel(o.upperInstrumentedVertebra, [...path, 'upperInstrumentedVertebra'], fail);
  const lower = readLevel(o.lowerInstrumentedVertebra, [...path, 'lowerInstrumentedVertebra'], fail);
  const pelvicFixation = readEnum(
    o.pelvicFixation ?? 'none',
    PELVIC_FIXATIONS,
    [...path, 'pelvicFixation'],
    fail,
  );
  if (upper === undefined || lower === undefined || pelvicFixation === undefined) return undefined;
  if (levelIndex(upper) >= levelIndex(lower))
    return fail(path, 'the upper instrumented vertebra must be above the lower one');
  return { upperInstrumentedVertebra: upper, lowerInstrumentedVertebra: lower, pelvicFixation };
}

export function readOsteotomy(value: unknown, path: Path, fail: Fail): Osteotomy | undefined {
  const o = readObject(value, path, ['level', 'grade', 'levels', 'angleDeg', 'hinge'], fail);
  if (!o) return undefined;
  const level = readLevel(o.level, [...path, 'level'], fail);
  const grade = o.grade;
  if (typeof grade !== 'number' || !Number.isInteger(grade) || grade < 1 || grade > 6) {
    return fail([...path, 'grade'], 'expected a Schwab grade 1–6');
  }
  const invalid = { bad: false };
  const angleDeg = optional(o.angleDeg, [...path, 'angleDeg'], ANGLE, fail, invalid);
  const hinge = o.hinge === undefined ? undefined : readPoint(o.hinge, path, 'hinge', fail);
  const levels = grade === 6 ? readAdjacentLevels(o.levels, [...path, 'levels'], fail) : undefined;
  if (grade !== 6 && o.levels !== undefined)
    return fail([...path, 'levels'], 'only a grade 6 resection lists levels');
  if (grade === 6 && levels !== undefined && levels.length < 2)
    return fail([...path, 'levels'], 'grade 6 resects two or more vertebrae');
  if (level === undefined || invalid.bad || (o.hinge !== undefined && hinge === undefined)) return undefined;
  if (grade === 6 && (levels === undefined || levels[0] !== level)) {
    return levels === undefined
      ? undefined
      : fail([...path, 'levels'], 'the first level must be the osteotomy level');
  }
  if (level === 'S1') return fail([...path, 'level'], 'no osteotomy of S1 is simulated');
  return {
    level,
    grade: grade as SchwabGrade,
    ...(levels === undefined ? {} : { levels }),
    ...(angleDeg === undefined ? {} : { angleDeg }),
    ...(hinge === undefined ? {} : { hinge }),
  };
}

export function readCage(value: unknown, path: Path, fail: Fail): Cage | undefined {
  const o = readObject(value, path, ['disc', 'approach', 'heightMm', 'lordoticAngleDeg'], fail);
  if (!o) return undefined;
  const disc = readLevel(o.disc, [...path, 'disc'], fail);
  if (disc === 'S1')
    return fail([...path, 'disc'], 'name the disc by the vertebra above it (L5 = the L5–S1 disc)');
  const approach =
    o.approach === undefined ? undefined : readEnum(o.approach, CAGE_APPROACHES, [...path, 'approach'], fail);
  const heightMm = required(o.heightMm, [...path, 'heightMm'], HEIGHT, fail);
  const lordoticAngleDeg = required(o.lordoticAngleDeg, [...path, 'lordoticAngleDeg'], ANGLE, fail);
  if (disc === undefined || heightMm === undefined || lordoticAngleDeg === undefined) return undefined;
  if (o.approach !== undefined && approach === undefined) return undefined;
  return { disc, ...(approach === undefined ? {} : { approach }), heightMm, lordoticAngleDeg };
}

export function readReplacement(
  value: unknown,
  path: Path,
  fail: Fail,
): VertebralBodyReplacement | undefined {
  const o = readObject(value, path, ['levelsRemoved', 'heightMm', 'angleDeg'], fail);
  if (!o) return undefined;
  const levelsRemoved = readAdjacentLevels(o.levelsRemoved, [...path, 'levelsRemoved'], fail);
  const heightMm = required(o.heightMm, [...path, 'heightMm'], HEIGHT, fail);
  const angleDeg = required(o.angleDeg, [...path, 'angleDeg'], ANGLE, fail);
  if (levelsRemoved === undefined || heightMm === undefined || angleDeg === undefined) return undefined;
  return { levelsRemoved, heightMm, angleDeg };
}

export function readScrew(value: unknown, path: Path, fail: Fail): Screw | undefined {
  const o = readObject(value, path, ['level', 'side', 'diameterMm', 'lengthMm', 'pedicleWidthMm'], fail);
  if (!o) return undefined;
  const level = readLevel(o.level, [...path, 'level'], fail);
  const side = readEnum(o.side, SIDES, [...path, 'side'], fail);
  const diameterMm = required(o.diameterMm, [...path, 'diameterMm'], SCREW_DIAMETER, fail);
  const lengthMm = required(o.lengthMm, [...path, 'lengthMm'], SCREW_LENGTH, fail);
  const invalid = { bad: false };
  const pedicleWidthMm = optional(o.pedicleWidthMm, [...path, 'pedicleWidthMm'], PEDICLE, fail, invalid);
  if (
    level === undefined ||
    side === undefined ||
    diameterMm === undefined ||
    lengthMm === undefined ||
    invalid.bad
  ) {
    return undefined;
  }
  return { level, side, diameterMm, lengthMm, ...(pedicleWidthMm === undefined ? {} : { pedicleWidthMm }) };
}

export function readRod(value: unknown, path: Path, fail: Fail): Rod | undefined {
  const o = readObject(value, path, ['side', 'material', 'diameterMm', 'overhangMm', 'headOffsetMm'], fail);
  if (!o) return undefined;
  const side = readEnum(o.side, SIDES, [...path, 'side'], fail);
  const material = readEnum(o.material, ROD_MATERIALS, [...path, 'material'], fail);
  const diameterMm = required(o.diameterMm, [...path, 'diameterMm'], ROD_DIAMETER, fail);
  const invalid = { bad: false };
  const overhangMm = optional(o.overhangMm, [...path, 'overhangMm'], OFFSET, fail, invalid);
  const headOffsetMm = optional(o.headOffsetMm, [...path, 'headOffsetMm'], OFFSET, fail, invalid);
  if (side === undefined || material === undefined || diameterMm === undefined || invalid.bad)
    return undefined;
  return {
    side,
    material,
    diameterMm,
    ...(overhangMm === undefined ? {} : { overhangMm }),
    ...(headOffsetMm === undefined ? {} : { headOffsetMm }),
  };
}

export function readGraft(value: unknown, path: Path, fail: Fail): BoneGraft | undefined {
  const o = readObject(value, path, ['types', 'volumeMl'], fail);
  if (!o) return undefined;
  if (!Array.isArray(o.types))
    return fail([...path, 'types'], `expected an array of: ${GRAFT_TYPES.join(', ')}`);
  const types = o.types.map((t: unknown, i) => readEnum(t, GRAFT_TYPES, [...path, 'types', i], fail));
  const invalid = { bad: false };
  const volumeMl = optional(
    o.volumeMl,
    [...path, 'volumeMl'],
    { min: 0, max: 1000, unit: 'ml' },
    fail,
    invalid,
  );
  if (types.some((t) => t === undefined) || invalid.bad) return undefined;
  return { types: types as BoneGraft['types'], ...(volumeMl === undefined ? {} : { volumeMl }) };
}

const FLAGS = ['smoker', 'osteoporosis', 'previousSpineFusion', 'hypertension'] as const;

export function readRiskFactors(value: unknown, path: Path, fail: Fail): RiskFactors | undefined {
  const o = readObject(value, path, ['bmiKgM2', 'frailty', 'asaClass', ...FLAGS], fail);
  if (!o) return undefined;
  const invalid = { bad: false };
  const facts: Record<string, unknown> = {};
  const bmi = optional(o.bmiKgM2, [...path, 'bmiKgM2'], { min: 10, max: 80, unit: 'kg/m²' }, fail, invalid);
  if (bmi !== undefined) facts.bmiKgM2 = bmi;
  const asa = optional(
    o.asaClass,
    [...path, 'asaClass'],
    { min: 1, max: 6, unit: 'ASA class' },
    fail,
    invalid,
  );
  if (asa !== undefined) facts.asaClass = asa;
  if (o.frailty !== undefined) {
    const frailty = readEnum(o.frailty, FRAILTY_CATEGORIES, [...path, 'frailty'], fail);
    if (frailty === undefined) invalid.bad = true;
    else facts.frailty = frailty;
  }
  for (const flag of FLAGS) {
    if (o[flag] === undefined) continue;
    if (typeof o[flag] !== 'boolean') {
      fail([...path, flag], 'expected true or false');
      invalid.bad = true;
    } else facts[flag] = o[flag];
  }
  return invalid.bad ? undefined : (facts as RiskFactors);
}
