import type { Point } from '../geometry/point.js';
import type { Level } from '../case/levels.js';

/** Plan file format identifier (docs/formats/plan.md). */
export const PLAN_FORMAT = 'spinerecon.plan/1';

/** Schwab 2014 anatomical osteotomy grades: 1–2 posterior column, 3–4 pedicle subtraction, 5–6 column resection. */
export type SchwabGrade = 1 | 2 | 3 | 4 | 5 | 6;

export const PELVIC_FIXATIONS = ['none', 'iliac', 'S2AI'] as const;
export type PelvicFixation = (typeof PELVIC_FIXATIONS)[number];

export interface FusionRange {
  readonly upperInstrumentedVertebra: Level;
  readonly lowerInstrumentedVertebra: Level;
  readonly pelvicFixation: PelvicFixation;
}

export interface Osteotomy {
  /** Grades 1–5: the vertebra V (for grades 1–2 the posterior column between V and the level below). */
  readonly level: Level;
  readonly grade: SchwabGrade;
  /** Grade 6 only: the adjacent vertebrae resected, top down (V is the first). */
  readonly levels?: readonly Level[];
  /**
   * Grades 1–4: the correction, lordosis positive. Grades 5–6: the angle left between the endplates that
   * close the gap. Absent: the grade's published default (osteotomyGrades.ts), or an error when none exists.
   */
  readonly angleDeg?: number;
  /** A hinge other than the default, as a point of the standing lateral film in image pixels. */
  readonly hinge?: Point;
}

export const CAGE_APPROACHES = ['ALIF', 'LLIF', 'TLIF', 'PLIF'] as const;
export type CageApproach = (typeof CAGE_APPROACHES)[number];

export interface Cage {
  /** The disc, named by the vertebra above it: `L4` is the L4–L5 disc, `L5` the L5–S1 disc. */
  readonly disc: Level;
  /** Left out while the approach is still open (auto-planned proposals leave it to the surgeon). */
  readonly approach?: CageApproach;
  /** Mean disc height after insertion: from the lower endplate to the upper endplate's midpoint. */
  readonly heightMm: number;
  /** Angle between the two endplates after insertion, lordosis positive. */
  readonly lordoticAngleDeg: number;
}

export interface VertebralBodyReplacement {
  /** Adjacent vertebrae removed, top down. */
  readonly levelsRemoved: readonly Level[];
  /** Distance from the lower bounding endplate to the midpoint of the upper one. */
  readonly heightMm: number;
  /** Angle between the bounding endplates, lordosis positive. */
  readonly angleDeg: number;
}

export const SIDES = ['left', 'right'] as const;
export type Side = (typeof SIDES)[number];

export interface Screw {
  readonly level: Level;
  readonly side: Side;
  readonly diameterMm: number;
  readonly lengthMm: number;
  /** Outer transverse pedicle width measured by the surgeon (CT), when known: enables a diameter check. */
  readonly pedicleWidthMm?: number;
}

export const ROD_MATERIALS = ['cobalt-chromium', 'titanium-alloy', 'stainless-steel'] as const;
export type RodMaterial = (typeof ROD_MATERIALS)[number];

export interface Rod {
  readonly side: Side;
  readonly material: RodMaterial;
  readonly diameterMm: number;
  /** Length added beyond the end screws, at each end. Absent: 0, and the output says so. */
  readonly overhangMm?: number;
  /** Distance from the posterior vertebral wall to the rod, when measured. Absent: 0, and the output says so. */
  readonly headOffsetMm?: number;
}

export const GRAFT_TYPES = [
  'local-autograft',
  'iliac-crest-autograft',
  'allograft',
  'demineralized-bone-matrix',
  'synthetic',
  'rhBMP-2',
] as const;
export type GraftType = (typeof GRAFT_TYPES)[number];

export interface BoneGraft {
  readonly types: readonly GraftType[];
  readonly volumeMl?: number;
}

export const FRAILTY_CATEGORIES = ['not-frail', 'frail', 'severely-frail'] as const;
/** ASD frailty index category (Miller): not frail < 0.3, frail 0.3–0.5, severely frail > 0.5. */
export type FrailtyCategory = (typeof FRAILTY_CATEGORIES)[number];

/** Patient facts the risk estimates read; every field optional (unknown is reported as unknown). */
export interface RiskFactors {
  readonly bmiKgM2?: number;
  readonly smoker?: boolean;
  readonly osteoporosis?: boolean;
  readonly frailty?: FrailtyCategory;
  readonly previousSpineFusion?: boolean;
  readonly hypertension?: boolean;
  /** American Society of Anesthesiologists physical status 1–6. */
  readonly asaClass?: number;
}

export interface SurgicalPlan {
  readonly format: typeof PLAN_FORMAT;
  readonly fusion?: FusionRange;
  readonly osteotomies: readonly Osteotomy[];
  readonly cages: readonly Cage[];
  readonly vertebralBodyReplacements: readonly VertebralBodyReplacement[];
  readonly screws: readonly Screw[];
  readonly rods: readonly Rod[];
  readonly boneGraft?: BoneGraft;
  readonly riskFactors?: RiskFactors;
}

/** An empty plan: nothing done, every list empty. */
export const EMPTY_PLAN: SurgicalPlan = {
  format: PLAN_FORMAT,
  osteotomies: [],
  cages: [],
  vertebralBodyReplacements: [],
  screws: [],
  rods: [],
};
