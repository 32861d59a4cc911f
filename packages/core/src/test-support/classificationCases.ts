import { readFileSync } from 'node:fs';
import { LEVELS, levelIndex, type Level } from '../case/levels.js';
import type {
  ClinicalFacts,
  CoronalRadiograph,
  CoronalVertebra,
  LateralRadiograph,
  SpineCase,
} from '../case/types.js';
import { parseCaseJson } from '../case/validateCase.js';
import type { ClassificationInputs } from '../classification/classificationInputs.js';
import { coronalFilm } from '../measurements/coronal/coronalFilm.js';
import type { CoronalCurve, PatientSide } from '../measurements/coronal/curves.js';
import { measureCoronal } from '../measurements/coronal/measureCoronal.js';
import {
  LATERAL_PARAMETERS,
  LATERAL_PARAMETER_KEYS,
  type LateralParameter,
} from '../measurements/lateral/lateralParameters.js';
import { lateralFilm } from '../measurements/lateral/lateralFilm.js';
import type { LateralMeasurements } from '../measurements/lateral/measureLateral.js';
import type { MeasurementResult } from '../measurements/types.js';
import { buildCoronalSpine } from './syntheticCoronal.js';
import { buildLateralSpine } from './syntheticLateral.js';

/**
 * Builders for classification tests: classification inputs with chosen measured values (so a threshold
 * can be hit exactly, with no floating-point geometry in between), and whole cases built from synthetic
 * films (so a classification is checked end to end from landmarks).
 */

export const NOT_GIVEN = 'needs a value the test did not give';

/** Lateral measurements whose values are exactly the chosen ones; every other value is unavailable. */
export function lateralMeasurementsWith(
  values: Partial<Record<LateralParameter, number>>,
  base: LateralMeasurements = { values: {} as LateralMeasurements['values'], segments: [], listheses: [] },
): LateralMeasurements {
  const all = Object.fromEntries(
    LATERAL_PARAMETER_KEYS.map((key): [LateralParameter, MeasurementResult] => {
      const value = values[key];
      if (value === undefined) return [key, base.values[key] ?? { ok: false, reason: NOT_GIVEN }];
      const { unit, definition, citation } = LATERAL_PARAMETERS[key];
      return [key, { ok: true, value, unit, landmarks: [], construction: [], definition, citation }];
    }),
  ) as LateralMeasurements['values'];
  return { ...base, values: all };
}

export interface ChosenInputs {
  readonly lateral?: Partial<Record<LateralParameter, number>>;
  /** The lateral film behind the values (Roussouly reads the lordosis apex from it). Default: a synthetic spine. */
  readonly lateralFilm?: LateralRadiograph;
  readonly curves?: readonly ChosenCurve[];
  /** The standing coronal film behind the curves. Default: a straight C7–S1 spine. */
  readonly coronalFilm?: CoronalRadiograph;
  readonly bending?: { readonly left?: CoronalRadiograph; readonly right?: CoronalRadiograph };
  readonly ageYears?: number;
  readonly clinical?: ClinicalFacts;
}

export interface ChosenCurve {
  readonly apex: Level;
  readonly cobbDeg: number;
  readonly upperEnd?: Level;
  readonly lowerEnd?: Level;
  readonly convexity?: PatientSide;
}

/** Classification inputs made of chosen values: no value of a film that is not given. */
export function chosenInputs(chosen: ChosenInputs): ClassificationInputs {
  const lateral =
    chosen.lateral === undefined
      ? undefined
      : {
          film: lateralFilm(chosen.lateralFilm ?? buildLateralSpine({ pixelSpacingMm: 0.2 }).radiograph),
          measurements: lateralMeasurementsWith(chosen.lateral),
        };
  const coronalRadiograph = chosen.coronalFilm ?? straightCoronal();
  const coronal =
    chosen.curves === undefined
      ? undefined
      : {
          film: coronalFilm(coronalRadiograph),
          measurements: { ...measureCoronal(coronalRadiograph), curves: chosen.curves.map(curveOf) },
        };
  return {
    ...(chosen.ageYears === undefined ? {} : { ageYears: chosen.ageYears }),
    ...(chosen.clinical === undefined ? {} : { clinical: chosen.clinical }),
    ...(lateral === undefined ? {} : { lateral }),
    ...(coronal === undefined ? {} : { coronal }),
    bending: {
      ...(chosen.bending?.left ? { left: coronalFilm(chosen.bending.left) } : {}),
      ...(chosen.bending?.right ? { right: coronalFilm(chosen.bending.right) } : {}),
    },
  };
}

/** A measured curve with the chosen apex and Cobb angle (end vertebrae two levels either side by default). */
export function curveOf(chosen: ChosenCurve): CoronalCurve {
  const at = levelIndex(chosen.apex);
  const upperEnd = chosen.upperEnd ?? (LEVELS[Math.max(0, at - 2)] as Level);
  const lowerEnd = chosen.lowerEnd ?? (LEVELS[Math.min(LEVELS.length - 1, at + 2)] as Level);
  return {
    upperEnd,
    lowerEnd,
    apex: chosen.apex,
    convexity: chosen.convexity ?? 'right',
    cobb: {
      ok: true,
      value: chosen.cobbDeg,
      unit: 'deg',
      landmarks: [],
      construction: [],
      definition: 'chosen by the test',
      citation: 'cobb-1948',
    },
    apicalTranslation: { ok: false, reason: NOT_GIVEN },
  };
}

export const CORONAL_LEVELS: readonly Level[] = LEVELS.slice(levelIndex('C7'), levelIndex('L5') + 1);

/** A straight coronal film from C7 to S1 (S1 with its superior endplate only), 0.2 mm per pixel. */
export function straightCoronal(): CoronalRadiograph {
  return coronalWithTilts(CORONAL_LEVELS.map((level) => [level, 0] as const));
}

/** A coronal film with the given tilts per level, plus S1 (superior endplate only) with the given tilt. */
export function coronalWithTilts(
  tilts: readonly (readonly [Level, number])[],
  s1TiltDeg = 0,
): CoronalRadiograph {
  const film = buildCoronalSpine({ tiltsDeg: [...tilts, ['S1', s1TiltDeg]], pixelSpacingMm: 0.2 });
  const s1 = film.vertebrae.S1;
  const vertebrae = {
    ...film.vertebrae,
    S1: { superiorRight: s1?.superiorRight, superiorLeft: s1?.superiorLeft } as CoronalVertebra,
  };
  return { ...film, vertebrae };
}

/**
 * Endplate tilts (right end lower positive) for the levels C7…L5 making curves between anchor levels: the
 * tilt goes linearly from one anchor's tilt to the next, so consecutive anchors [U, a], [L, b] make a curve
 * U–L of |b − a| degrees, convex to the right when b > a. Above the first and below the last anchor the
 * tilt eases back by less than 10° in all (no further curve) so the anchors stay the most tilted vertebrae.
 */
export function tiltsThroughAnchors(
  anchors: readonly (readonly [Level, number])[],
  levels: readonly Level[] = CORONAL_LEVELS,
): [Level, number][] {
  const first = anchors[0];
  const last = anchors[anchors.length - 1];
  if (first === undefined || last === undefined) return levels.map((level) => [level, 0]);
  const second = anchors[1] ?? last;
  const beforeLast = anchors[anchors.length - 2] ?? first;
  const ease = (count: number) => Math.min(1.5, 8 / Math.max(1, count));
  return levels.map((level): [Level, number] => {
    const i = levelIndex(level);
    if (i <= levelIndex(first[0])) {
      const steps = levelIndex(first[0]) - i;
      const away = second[1] >= first[1] ? 1 : -1; // the upper end is the lowest (or highest) tilt
      return [level, first[1] + away * steps * ease(levelIndex(first[0]) - levelIndex(levels[0] ?? level))];
    }
    if (i >= levelIndex(last[0])) {
      const steps = i - levelIndex(last[0]);
      const away = last[1] >= beforeLast[1] ? -1 : 1;
      const below = levelIndex(levels[levels.length - 1] ?? level) - levelIndex(last[0]);
      return [level, last[1] + away * steps * ease(below)];
    }
    for (let k = 0; k + 1 < anchors.length; k++) {
      const [upper, a] = anchors[k] as readonly [Level, number];
      const [lower, b] = anchors[k + 1] as readonly [Level, number];
      if (i >= levelIndex(upper) && i <= levelIndex(lower)) {
        const t = (i - levelIndex(upper)) / (levelIndex(lower) - levelIndex(upper));
        return [level, a + (b - a) * t];
      }
    }
    return [level, 0];
  });
}

/** A standing coronal film whose curves run between the anchors (see tiltsThroughAnchors). */
export function coronalWithCurves(anchors: readonly (readonly [Level, number])[]): CoronalRadiograph {
  const tilts = tiltsThroughAnchors(anchors);
  return coronalWithTilts(tilts, tilts[tilts.length - 1]?.[1] ?? 0);
}

export interface BendingCurve {
  readonly upperEnd: Level;
  readonly lowerEnd: Level;
  readonly convexity: PatientSide;
  /** The Cobb angle left on the bending film, signed in the curve's direction (negative: bent past straight). */
  readonly residualDeg: number;
}

/**
 * A side-bending film on which each given curve (by its end vertebrae) measures its `residualDeg`. Every
 * other endplate is level, so the curves must not share an end vertebra.
 */
export function bendingFilm(
  posture: 'left-bending' | 'right-bending',
  curves: readonly BendingCurve[],
): CoronalRadiograph {
  const tilts = CORONAL_LEVELS.map((level): [Level, number] => {
    for (const c of curves) {
      const sign = c.convexity === 'right' ? 1 : -1;
      if (level === c.upperEnd) return [level, (-sign * c.residualDeg) / 2];
      if (level === c.lowerEnd) return [level, (sign * c.residualDeg) / 2];
    }
    return [level, 0];
  });
  return { ...coronalWithTilts(tilts), id: `${posture}-film`, posture };
}

/**
 * The bending films for the given curves: each curve is bent towards its convexity (a right curve on the
 * right-bending film), as Lenke 2001 reads structural curves.
 */
export function bendingFilms(curves: readonly BendingCurve[]): CoronalRadiograph[] {
  const right = curves.filter((c) => c.convexity === 'right');
  const left = curves.filter((c) => c.convexity === 'left');
  return [
    ...(right.length > 0 ? [bendingFilm('right-bending', right)] : []),
    ...(left.length > 0 ? [bendingFilm('left-bending', left)] : []),
  ];
}

/** Moves the S1 superior endplate sideways so the CSVL (the vertical through its midpoint) is at image x. */
export function withCsvlAtImageX(film: CoronalRadiograph, x: number): CoronalRadiograph {
  const s1 = film.vertebrae.S1;
  const right = s1?.superiorRight;
  const left = s1?.superiorLeft;
  if (right === undefined || left === undefined) return film;
  const dx = x - (right[0] + left[0]) / 2;
  return {
    ...film,
    vertebrae: {
      ...film.vertebrae,
      S1: { superiorRight: [right[0] + dx, right[1]], superiorLeft: [left[0] + dx, left[1]] },
    },
  };
}

/** Adds medial pedicle points to a vertebra, at the given image x, at the height of its centre. */
export function withPedicles(
  film: CoronalRadiograph,
  level: Level,
  rightX: number,
  leftX: number,
): CoronalRadiograph {
  const v = film.vertebrae[level] ?? {};
  const ys = [v.superiorRight, v.superiorLeft, v.inferiorRight, v.inferiorLeft].map((p) => p?.[1] ?? 0);
  const y = ys.reduce((a, b) => a + b, 0) / ys.length;
  return {
    ...film,
    vertebrae: {
      ...film.vertebrae,
      [level]: { ...v, pedicleMedialRight: [rightX, y], pedicleMedialLeft: [leftX, y] },
    },
  };
}

/** The image x of a vertebra's four corners (AP display: the patient's right is on the image's left). */
export function cornersX(film: CoronalRadiograph, level: Level) {
  const v = film.vertebrae[level];
  return {
    superiorRight: v?.superiorRight?.[0] ?? Number.NaN,
    superiorLeft: v?.superiorLeft?.[0] ?? Number.NaN,
    inferiorRight: v?.inferiorRight?.[0] ?? Number.NaN,
    inferiorLeft: v?.inferiorLeft?.[0] ?? Number.NaN,
  };
}

/** The same film without the listed vertebrae. */
export function withoutLevels<F extends { vertebrae: Partial<Record<Level, unknown>> }>(
  film: F,
  levels: readonly Level[],
): F {
  const vertebrae = Object.fromEntries(
    Object.entries(film.vertebrae).filter(([level]) => !levels.includes(level as Level)),
  );
  return { ...film, vertebrae };
}

/** A case of the given films and facts, every film with a unique id. */
export function caseOf(parts: {
  readonly lateral?: LateralRadiograph;
  readonly coronal?: CoronalRadiograph;
  readonly bending?: readonly CoronalRadiograph[];
  readonly ageYears?: number;
  readonly clinical?: ClinicalFacts;
}): SpineCase {
  const radiographs = [
    ...(parts.lateral ? [{ ...parts.lateral, id: 'lateral' }] : []),
    ...(parts.coronal ? [{ ...parts.coronal, id: 'coronal' }] : []),
    ...(parts.bending ?? []).map((film, i) => ({ ...film, id: `bending-${i}` })),
  ];
  return {
    format: 'spinerecon.case/1',
    ...(parts.ageYears === undefined ? {} : { patient: { ageYears: parts.ageYears } }),
    ...(parts.clinical === undefined ? {} : { clinical: parts.clinical }),
    radiographs,
  };
}

/** test/fixtures/cases/synthetic-adult-deformity.case.json, read through the case reader. */
export function syntheticAdultDeformityCase(): SpineCase {
  const url = new URL('../../../../test/fixtures/cases/synthetic-adult-deformity.case.json', import.meta.url);
  const result = parseCaseJson(readFileSync(url, 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}
