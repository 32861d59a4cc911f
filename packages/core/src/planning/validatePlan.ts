import {
  collectErrors,
  parseStrictJson,
  readObject,
  type Fail,
  type Path,
  type Validated,
} from '../case/jsonReaders.js';
import { PLAN_FORMAT, type SurgicalPlan } from './planTypes.js';
import {
  readCage,
  readFusion,
  readGraft,
  readOsteotomy,
  readReplacement,
  readRiskFactors,
  readRod,
  readScrew,
} from './readPlanParts.js';

export type PlanResult = Validated<SurgicalPlan>;
const PLAN_KEYS = [
  'format',
  'fusion',
  'osteotomies',
  'cages',
  'vertebralBodyReplacements',
  'screws',
  'rods',
  'boneGraft',
  'riskFactors',
];

/** Parses and validates the text of a `spinerecon.plan/1` file (docs/formats/plan.md). */
export function parsePlanJson(text: string): PlanResult {
  return parseStrictJson(text, validatePlan);
}

function readList<T>(
  value: unknown,
  path: Path,
  read: (item: unknown, path: Path, fail: Fail) => T | undefined,
  fail: Fail,
): T[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(path, 'expected an array');
  const items = value.map((item: unknown, i) => read(item, [...path, i], fail));
  return items.some((item) => item === undefined) ? undefined : (items as T[]);
}

/** Validates an already parsed plan: every unknown key, level or value out of range is an error. */
export function validatePlan(value: unknown): PlanResult {
  return collectErrors((fail) => readPlan(value, fail));
}

function readPlan(value: unknown, fail: Fail): SurgicalPlan | undefined {
  const root = readObject(value, [], PLAN_KEYS, fail);
  if (!root) return undefined;
  if (root.format !== PLAN_FORMAT) fail(['format'], `expected "${PLAN_FORMAT}"`);
  const optionalPart = <T>(key: string, read: (v: unknown, p: Path, f: Fail) => T | undefined) =>
    root[key] === undefined ? undefined : read(root[key], [key], fail);
  const fusion = optionalPart('fusion', readFusion);
  const boneGraft = optionalPart('boneGraft', readGraft);
  const riskFactors = optionalPart('riskFactors', readRiskFactors);
  const plan = {
    format: PLAN_FORMAT,
    osteotomies: readList(root.osteotomies, ['osteotomies'], readOsteotomy, fail),
    cages: readList(root.cages, ['cages'], readCage, fail),
    vertebralBodyReplacements: readList(
      root.vertebralBodyReplacements,
      ['vertebralBodyReplacements'],
      readReplacement,
      fail,
    ),
    screws: readList(root.screws, ['screws'], readScrew, fail),
    rods: readList(root.rods, ['rods'], readRod, fail),
    ...(fusion === undefined ? {} : { fusion }),
    ...(boneGraft === undefined ? {} : { boneGraft }),
    ...(riskFactors === undefined ? {} : { riskFactors }),
  };
  return plan as SurgicalPlan;
}
