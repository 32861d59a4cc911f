import type { Point } from '../geometry/point.js';
import type { CitationId } from './citations.js';

export type Unit = 'deg' | 'mm' | 'percent';

/** What to draw over the radiograph to show how a value was obtained. All points in image pixels. */
export type Shape =
  | { readonly kind: 'point'; readonly at: Point; readonly label: string }
  | { readonly kind: 'line'; readonly from: Point; readonly to: Point; readonly label: string }
  /** A vertical line (the true vertical of a standing film) through `through`. */
  | { readonly kind: 'plumbLine'; readonly through: Point; readonly label: string }
  /** The angle at `center` turning from the direction of `from` to the direction of `to`. */
  | {
      readonly kind: 'arc';
      readonly center: Point;
      readonly from: Point;
      readonly to: Point;
      readonly label: string;
    };

export interface Measurement {
  readonly ok: true;
  readonly value: number;
  readonly unit: Unit;
  /** The landmarks used, as `LEVEL.corner` or `femoralHeads[i].center`. */
  readonly landmarks: readonly string[];
  readonly construction: readonly Shape[];
  readonly definition: string;
  readonly citation: CitationId;
}

export interface Unavailable {
  readonly ok: false;
  /** Why it cannot be computed, for a person: "needs the superior endplate of L1". */
  readonly reason: string;
}

export type MeasurementResult = Measurement | Unavailable;

/** The description of a parameter: the same for every film. */
export interface ParameterDefinition {
  readonly unit: Unit;
  readonly definition: string;
  readonly citation: CitationId;
}

export function unavailable(reason: string): Unavailable {
  return { ok: false, reason };
}
