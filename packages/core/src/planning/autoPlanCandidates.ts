import { LEVELS, levelBelow, levelIndex, type Level } from '../case/levels.js';
import { OSTEOTOMY_GRADES } from './osteotomyGrades.js';
import { EMPTY_PLAN, type Cage, type Osteotomy, type SurgicalPlan } from './planTypes.js';
import { endplateOf, type SagittalSpine } from './sagittalSpine.js';

/** One plan the search tries, with how invasive it is and how much it corrects. */
export interface Candidate {
  readonly plan: SurgicalPlan;
  /** 0 nothing, 1 interbody cages only, then the highest Schwab grade + 1 (2–3 posterior column, 4–5 PSO). */
  readonly invasiveness: number;
  readonly family: string;
  /** Total lordosis the plan adds, degrees (cages: the change of their discs' angles). */
  readonly correctionDeg: number;
}

/** Our search grid (not clinical numbers): cage angles tried, and how many posterior column levels. */
export const CAGE_ANGLES_DEG = [5, 10, 15, 20, 25, 30] as const;
export const MAX_POSTERIOR_COLUMN_LEVELS = 4;
const LUMBAR: readonly Level[] = ['L1', 'L2', 'L3', 'L4', 'L5'];
const POSTERIOR_COLUMN_FROM: readonly Level[] = ['T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'];

const between = (top: Level, bottom: Level): Level[] => LEVELS.slice(levelIndex(top), levelIndex(bottom) + 1);

/** The shortest construct that crosses every corrected segment (our rule; the surgeon chooses the levels). */
export function shortestFusion(plan: SurgicalPlan): SurgicalPlan {
  const touched: Level[] = [];
  for (const o of plan.osteotomies) {
    const above = LEVELS[levelIndex(o.level) - 1];
    const below = levelBelow(o.level);
    if (o.grade <= 2) touched.push(o.level, ...(below ? [below] : []));
    else touched.push(...(above ? [above] : []), o.level, ...(below ? [below] : []));
  }
  for (const c of plan.cages)
    touched.push(c.disc, ...(levelBelow(c.disc) ? [levelBelow(c.disc) as Level] : []));
  if (touched.length === 0) return plan;
  const sorted = [...touched].sort((a, b) => levelIndex(a) - levelIndex(b));
  const upper = sorted[0] as Level;
  const lower = sorted[sorted.length - 1] as Level;
  return {
    ...plan,
    fusion: { upperInstrumentedVertebra: upper, lowerInstrumentedVertebra: lower, pelvicFixation: 'none' },
  };
}

function range(min: number, max: number, step: number): number[] {
  const values: number[] = [];
  for (let v = min; v <= max + 1e-9; v += step) values.push(Math.round(v * 10) / 10);
  return values;
}

function disc(spine: SagittalSpine, upper: Level): { angleDeg: number; heightMm: number } | undefined {
  const below = levelBelow(upper);
  const top = endplateOf(spine, upper, 'inferior');
  const bottom = below === undefined ? undefined : endplateOf(spine, below, 'superior');
  if (top === undefined || bottom === undefined) return undefined;
  const along: [number, number] = [
    Math.cos((bottom.tiltDeg * Math.PI) / 180),
    Math.sin((bottom.tiltDeg * Math.PI) / 180),
  ];
  const d: [number, number] = [top.midpoint[0] - bottom.midpoint[0], top.midpoint[1] - bottom.midpoint[1]];
  const height = Math.abs(d[0] * along[1] - d[1] * along[0]);
  return { angleDeg: bottom.tiltDeg - top.tiltDeg, heightMm: Math.max(1, Math.round(height)) };
}

function cageCandidates(spine: SagittalSpine): Candidate[] {
  const single = (level: Level, angle: number): Cage | undefined => {
    const found = disc(spine, level);
    return found === undefined || angle <= found.angleDeg
      ? undefined
      : { disc: level, heightMm: found.heightMm, lordoticAngleDeg: angle };
  };
  const gain = (cages: readonly Cage[]) =>
    cages.reduce((sum, c) => sum + c.lordoticAngleDeg - (disc(spine, c.disc)?.angleDeg ?? 0), 0);
  const sets: Cage[][] = [];
  for (const level of LUMBAR)
    for (const angle of CAGE_ANGLES_DEG) sets.push([single(level, angle)].flatMap((c) => (c ? [c] : [])));
  for (const a of CAGE_ANGLES_DEG) {
    for (const b of CAGE_ANGLES_DEG)
      sets.push([single('L4', a), single('L5', b)].flatMap((c) => (c ? [c] : [])));
  }
  return sets
    .filter((cages) => cages.length > 0)
    .map((cages) => ({
      plan: { ...EMPTY_PLAN, cages },
      invasiveness: 1,
      family: 'interbody cages',
      correctionDeg: gain(cages),
    }));
}

function osteotomyCandidates(): Candidate[] {
  const candidates: Candidate[] = [];
  const ponte = OSTEOTOMY_GRADES[2].publishedRangeDeg;
  if (ponte !== null) {
    const angles = [ponte.min, (ponte.min + ponte.max) / 2, ponte.max];
    for (const from of POSTERIOR_COLUMN_FROM) {
      for (let count = 1; count <= MAX_POSTERIOR_COLUMN_LEVELS; count++) {
        const levels = between(from, LEVELS[levelIndex(from) + count - 1] as Level);
        if (levelIndex(levels[levels.length - 1] as Level) > levelIndex('L4')) continue;
        for (const angleDeg of angles) {
          const osteotomies: Osteotomy[] = levels.map((level) => ({ level, grade: 2, angleDeg }));
          candidates.push({
            plan: { ...EMPTY_PLAN, osteotomies },
            invasiveness: 3,
            family: `${count}-level posterior column osteotomy (grade 2)`,
            correctionDeg: angleDeg * count,
          });
        }
      }
    }
  }
  for (const grade of [3, 4] as const) {
    const published = OSTEOTOMY_GRADES[grade].publishedRangeDeg;
    if (published === null) continue;
    for (const level of LUMBAR) {
      for (const angleDeg of range(published.min, published.max, 1)) {
        candidates.push({
          plan: { ...EMPTY_PLAN, osteotomies: [{ level, grade, angleDeg }] },
          invasiveness: grade + 1,
          family: `grade ${grade} ${OSTEOTOMY_GRADES[grade].name}`,
          correctionDeg: angleDeg,
        });
      }
    }
  }
  return candidates;
}

/** Every plan the search tries, in a fixed order (the search is deterministic). */
export function candidatePlans(spine: SagittalSpine): Candidate[] {
  const none: Candidate = { plan: EMPTY_PLAN, invasiveness: 0, family: 'no correction', correctionDeg: 0 };
  return [none, ...cageCandidates(spine), ...osteotomyCandidates()].map((c) => ({
    ...c,
    plan: shortestFusion(c.plan),
  }));
}
