import type { CitationId } from './citations.js';
import type { LateralParameter } from './lateral/lateralParameters.js';

/**
 * The normal adult range of a parameter, as docs/clinical.md states it with its source. `min`/`max` are
 * given only where the source states a threshold: a value outside them is flagged (for a clinician to
 * judge); `text` is always shown. Parameters whose normal value depends on another one (LL on PI) or
 * on the person carry text only.
 */
export interface NormalRange {
  readonly min?: number;
  readonly max?: number;
  readonly text: string;
  readonly citation: CitationId;
}

export const LATERAL_NORMAL_RANGES: Readonly<Partial<Record<LateralParameter, NormalRange>>> = {
  pelvicIncidenceDeg: {
    min: 35,
    max: 85,
    text: '35–85° (mean ≈ 52°), constant in an adult',
    citation: 'legaye-1998',
  },
  pelvicTiltDeg: {
    min: 5,
    max: 25,
    text: '5–25°; more is compensatory retroversion',
    citation: 'legaye-1998',
  },
  sacralSlopeDeg: { min: 30, max: 50, text: '30–50°', citation: 'legaye-1998' },
  lumbarLordosisDeg: { text: '≈ PI ± 10° (see PI − LL)', citation: 'schwab-2012' },
  lumbarLordosisL4S1Deg: { text: 'about two thirds of LL', citation: 'cobb-1948' },
  thoracicKyphosisT4T12Deg: { min: 20, max: 50, text: '20–50°', citation: 'schwab-2012' },
  thoracicKyphosisT5T12Deg: {
    min: 10,
    max: 40,
    text: '10–40° (Lenke sagittal modifier N)',
    citation: 'lenke-2001',
  },
  proximalThoracicKyphosisT2T5Deg: {
    max: 20,
    text: '< 20° (≥ 20° makes a proximal thoracic curve structural)',
    citation: 'lenke-2001',
  },
  thoracolumbarKyphosisT10L2Deg: { max: 20, text: '< 20°', citation: 'lenke-2001' },
  piLlMismatchDeg: { max: 10, text: '< 10° (SRS-Schwab modifier 0)', citation: 'schwab-2012' },
  sagittalVerticalAxisMm: { max: 40, text: '< 40 mm (SRS-Schwab modifier 0)', citation: 'schwab-2012' },
  t1PelvicAngleDeg: {
    max: 10,
    text: '< 10° in well-aligned adults; 20° = severe deformity',
    citation: 'protopsaltis-2014',
  },
  t1SlopeDeg: { text: '≈ 20–30°', citation: 'knott-2010' },
  cervicalLordosisC2C7Deg: { text: 'lordotic; individual', citation: 'tang-2012' },
  cervicalSvaMm: { max: 40, text: '> 40 mm is associated with disability', citation: 'tang-2012' },
};

/** Scoliosis is a coronal curve of 10° or more (Cobb 1948, the SRS definition the curve detection uses). */
export const COBB_NORMAL_RANGE: NormalRange = {
  max: 10,
  text: '< 10° (10° or more is scoliosis)',
  citation: 'cobb-1948',
};

/** `below` / `above` the stated range, `within` it, or `no-threshold` when the source gives none. */
export type RangeFlag = 'below' | 'within' | 'above' | 'no-threshold';

export function rangeFlag(range: NormalRange | undefined, value: number): RangeFlag {
  if (range === undefined || (range.min === undefined && range.max === undefined)) return 'no-threshold';
  if (range.min !== undefined && value < range.min) return 'below';
  if (range.max !== undefined && value > range.max) return 'above';
  return 'within';
}
