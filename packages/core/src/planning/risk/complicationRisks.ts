import { levelIndex, type Level } from '../../case/levels.js';
import type { SpineCase } from '../../case/types.js';
import type { GapCategory } from '../../classification/gapScore.js';
import type { RadiographMeasurements } from '../../measurements/measureCase.js';
import type { Implants } from '../implants.js';
import type { SurgicalPlan } from '../planTypes.js';
import { mechanicalRisk, rodFractureRisk } from './mechanicalRisks.js';
import { adjacentSegmentRisk, proximalJunctionalRisk } from './junctionalRisks.js';
import { neurologicalRisk } from './neurologicalRisk.js';
import { bloodRisk, infectionRisk, majorComplicationRisk } from './perioperativeRisks.js';
import type { ComplicationRisk, RiskContext } from './riskTypes.js';

export interface RiskInputs {
  readonly spineCase: SpineCase;
  readonly plan: SurgicalPlan;
  readonly preoperative: readonly RadiographMeasurements[];
  readonly predicted: readonly RadiographMeasurements[];
  readonly predictedGapCategory: GapCategory | null;
  readonly implants: Implants;
}

function lateralNumbers(measurements: readonly RadiographMeasurements[]): Record<string, number> {
  const lateral = measurements.find((m) => m.view === 'lateral');
  if (lateral === undefined || lateral.view !== 'lateral') return {};
  return Object.fromEntries(
    Object.entries(lateral.values).flatMap(([key, result]) => (result.ok ? [[key, result.value]] : [])),
  );
}

export function riskContext(inputs: RiskInputs): RiskContext {
  const { plan } = inputs;
  const grades = plan.osteotomies.map((o) => o.grade);
  const lumbar = (level: Level) => levelIndex(level) >= levelIndex('L1') && level !== 'S1';
  const contours = inputs.implants.rods.flatMap((r) => ('contourDeg' in r ? [Math.abs(r.contourDeg)] : []));
  const fusion = plan.fusion;
  return {
    plan,
    factors: plan.riskFactors ?? {},
    ageYears: inputs.spineCase.patient?.ageYears,
    instrumented: inputs.implants.instrumentedLevels,
    threeColumn: grades.some((g) => g === 3 || g === 4),
    lumbarPedicleSubtraction: plan.osteotomies.some(
      (o) => (o.grade === 3 || o.grade === 4) && lumbar(o.level),
    ),
    columnResection: grades.some((g) => g >= 5),
    toPelvis:
      fusion !== undefined && (fusion.lowerInstrumentedVertebra === 'S1' || fusion.pelvicFixation !== 'none'),
    predicted: lateralNumbers(inputs.predicted),
    preoperative: lateralNumbers(inputs.preoperative),
    predictedGapCategory: inputs.predictedGapCategory,
    rodContourDeg: contours.length === 0 ? null : Math.max(...contours),
  };
}

/**
 * The complication risks of this plan for this patient: for each complication the published rates that
 * apply (with their populations) and the published risk factors this patient or plan has, each with its
 * source. No exact published risk model is shipped, so nothing is combined into a personal probability.
 */
export function complicationRisks(inputs: RiskInputs): ComplicationRisk[] {
  const context = riskContext(inputs);
  return [
    neurologicalRisk(context),
    rodFractureRisk(context),
    mechanicalRisk(context),
    proximalJunctionalRisk(context),
    adjacentSegmentRisk(context),
    infectionRisk(),
    bloodRisk(context),
    majorComplicationRisk(context),
  ];
}
