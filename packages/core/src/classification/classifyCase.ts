import type { SpineCase } from '../case/types.js';
import { measureCase } from '../measurements/measureCase.js';
import {
  roundOutput,
  toMeasurementOutput,
  type MeasurementOutput,
} from '../measurements/measurementOutput.js';
import { classificationInputs } from './classificationInputs.js';
import { gapScore, type GapScore } from './gapScore.js';
import { indicationSummary, type IndicationSummary } from './indicationSummary.js';
import { lenke, type LenkeClassification } from './lenke.js';
import { listhesisSummary, type ListhesisSummary } from './listhesisSummary.js';
import { roussouly, type RoussoulyClassification } from './roussouly.js';
import { sins, type SinsScore } from './sins.js';
import { srsSchwab, type SrsSchwabClassification } from './srsSchwab.js';
import { alignmentTargets, type AlignmentTargets } from './targets.js';
import { tlics, type TlicsScore } from './tlics.js';

export const CLASSIFICATION_FORMAT = 'spinerecon.classification/1';

export interface Classifications {
  readonly srsSchwab: SrsSchwabClassification;
  readonly lenke: LenkeClassification;
  readonly roussouly: RoussoulyClassification;
  readonly gap: GapScore;
  readonly listheses: ListhesisSummary;
  readonly tlics: TlicsScore;
  readonly sins: SinsScore;
}

export interface CaseClassification {
  readonly format: typeof CLASSIFICATION_FORMAT;
  readonly measurements: MeasurementOutput;
  readonly classifications: Classifications;
  readonly targets: AlignmentTargets;
  readonly indication: IndicationSummary;
}

/** Every classification, target set and the indication summary of a case, each with its explanation. */
export function classifyCase(spineCase: SpineCase): CaseClassification {
  const measured = measureCase(spineCase);
  const inputs = classificationInputs(spineCase, measured);
  const classifications: Classifications = {
    srsSchwab: srsSchwab(inputs),
    lenke: lenke(inputs),
    roussouly: roussouly(inputs),
    gap: gapScore(inputs),
    listheses: listhesisSummary(inputs),
    tlics: tlics(spineCase.clinical?.tlics),
    sins: sins(spineCase.clinical?.sins),
  };
  const targets = alignmentTargets(inputs);
  return roundNumbers({
    format: CLASSIFICATION_FORMAT,
    measurements: toMeasurementOutput(measured),
    classifications,
    targets,
    indication: indicationSummary(inputs, classifications, targets),
  });
}

/** Every number rounded as in the measurement output (6 decimals). */
function roundNumbers<T>(value: T): T {
  if (typeof value === 'number') return roundOutput(value) as T;
  if (Array.isArray(value)) return value.map(roundNumbers) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundNumbers(v)])) as T;
  }
  return value;
}
