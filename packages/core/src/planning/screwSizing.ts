import type { Level } from '../case/levels.js';
import { UNCALIBRATED_REASON } from '../calibration/patientFrame.js';
import { distance } from '../geometry/point.js';
import type { CitationId } from '../measurements/citations.js';
import type { Screw, SurgicalPlan } from './planTypes.js';
import { endplateOf, type SagittalSpine } from './sagittalSpine.js';

/** Misenhimer 1989: pedicles deform plastically once the thread diameter reaches 80 % of the outer cortical width. */
export const SCREW_TO_PEDICLE_WIDTH_MAX = 0.8;

export interface ScrewCheck {
  readonly side: Screw['side'];
  readonly diameterMm: number;
  readonly lengthMm: number;
  /** 80 % of the pedicle width the plan gives, or null when it gives none. */
  readonly maxDiameterMm: number | null;
  readonly diameterWithinLimit: boolean | null;
  readonly citations: readonly CitationId[];
}

export interface LevelSizing {
  readonly level: Level;
  /** Mean length of the vertebra's endplates on the lateral film (its sagittal depth), or null with the reason. */
  readonly bodyDepthMm: number | null;
  readonly suggestedMaxDiameterMm: number | null;
  readonly suggestedLengthMm: null;
  readonly undetermined: Readonly<Record<string, string>>;
  readonly screws: readonly ScrewCheck[];
}

const NO_PEDICLE_TABLE =
  'needs the outer pedicle width of this level (measured on CT, screws[].pedicleWidthMm): a lateral film does not show it, and no per-level pedicle table could be verified (Zindrick 1987 was not available to check)';
const NO_LENGTH =
  'the screw runs through the pedicle, whose length is not on a lateral film (needs CT); the body depth is given for reference';

function bodyDepth(spine: SagittalSpine, level: Level): number | string {
  if (!spine.frame.calibrated) return UNCALIBRATED_REASON;
  const lengths = (['superior', 'inferior'] as const)
    .map((side) => endplateOf(spine, level, side))
    .flatMap((e) => (e === undefined ? [] : [distance(e.posterior, e.anterior)]));
  if (lengths.length === 0) return `needs an endplate of ${level}`;
  return lengths.reduce((a, b) => a + b, 0) / lengths.length;
}

function checkScrew(screw: Screw): ScrewCheck {
  const max = screw.pedicleWidthMm === undefined ? null : SCREW_TO_PEDICLE_WIDTH_MAX * screw.pedicleWidthMm;
  return {
    side: screw.side,
    diameterMm: screw.diameterMm,
    lengthMm: screw.lengthMm,
    maxDiameterMm: max,
    diameterWithinLimit: max === null ? null : screw.diameterMm <= max,
    citations: max === null ? [] : ['misenhimer-1989', 'solitro-2019'],
  };
}

/** Per instrumented level: the body depth measured on the predicted film and the plan's screws checked. */
export function sizeScrews(
  spine: SagittalSpine,
  plan: SurgicalPlan,
  levels: readonly Level[],
): LevelSizing[] {
  return levels.map((level) => {
    const depth = bodyDepth(spine, level);
    const screws = plan.screws.filter((s) => s.level === level).map(checkScrew);
    const widths = screws.flatMap((s) => (s.maxDiameterMm === null ? [] : [s.maxDiameterMm]));
    const undetermined: Record<string, string> = { suggestedLengthMm: NO_LENGTH };
    if (widths.length === 0) undetermined.suggestedMaxDiameterMm = NO_PEDICLE_TABLE;
    if (typeof depth === 'string') undetermined.bodyDepthMm = depth;
    return {
      level,
      bodyDepthMm: typeof depth === 'number' ? depth : null,
      suggestedMaxDiameterMm: widths.length === 0 ? null : Math.min(...widths),
      suggestedLengthMm: null,
      undetermined,
      screws,
    };
  });
}
