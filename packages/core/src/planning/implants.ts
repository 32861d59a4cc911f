import type { Level } from '../case/levels.js';
import { instrumentedLevels } from './instrumentedLevels.js';
import type { Rod, SurgicalPlan } from './planTypes.js';
import { rodGeometry, type RodGeometry } from './rodGeometry.js';
import type { SagittalSpine } from './sagittalSpine.js';
import { sizeScrews, type LevelSizing } from './screwSizing.js';

export interface Implants {
  readonly instrumentedLevels: readonly Level[];
  readonly screws: readonly LevelSizing[];
  readonly rods: readonly (RodGeometry | { readonly side: Rod['side']; readonly undetermined: string })[];
  /** Present when nothing can be sized, with the reason. */
  readonly undetermined?: string;
}

/** Screw checks and rod geometry on the predicted spine, for the plan's fusion range. */
export function sizeImplants(spine: SagittalSpine, plan: SurgicalPlan, removed: readonly Level[]): Implants {
  if (plan.fusion === undefined) {
    return { instrumentedLevels: [], screws: [], rods: [], undetermined: 'the plan has no fusion range' };
  }
  const levels = instrumentedLevels(plan.fusion, removed);
  return {
    instrumentedLevels: levels,
    screws: sizeScrews(spine, plan, levels),
    rods: plan.rods.map((rod) => {
      const geometry = rodGeometry(spine, rod, levels);
      return typeof geometry === 'string' ? { side: rod.side, undetermined: geometry } : geometry;
    }),
  };
}
