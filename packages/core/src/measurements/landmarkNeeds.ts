import { toPatient, type PatientFrame } from '../calibration/patientFrame.js';
import { LEVELS, levelIndex, type Level } from '../case/levels.js';
import { CENTROID_POINT } from '../case/types.js';
import { midpoint, RAD_TO_DEG, type Point } from '../geometry/point.js';

/** A landmark on the image (pixels) and in the patient frame (see PatientFrame). */
export interface Landmark {
  readonly image: Point;
  readonly at: Point;
}

/** An endplate drawn from its posterior (lateral) or left (coronal) corner to the other one: towards +X. */
export interface Endplate {
  readonly from: Landmark;
  readonly to: Landmark;
}

type Side = 'superior' | 'inferior';

/** The corner names of one view, worked out once: which corner of each endplate lies towards +X. */
export interface CornerNaming {
  /** `anteriorOnImage` or `patientRightOnImage`, for messages. */
  readonly orientationField: string;
  /** "anterior" / "right" and "anterior" / "to the patient's right", for messages. */
  readonly towards: string;
  readonly towardsSide: string;
  /** The corner towards the patient's +X (anterior, right) and the other one, per endplate. */
  readonly corners: Readonly<Record<Side, { readonly positive: string; readonly negative: string }>>;
  /** `LEVEL.corner` names, made once instead of on every measurement. */
  readonly names: Readonly<Record<Level, Readonly<Record<string, string>>>>;
}

function cornerNaming(
  positive: 'Anterior' | 'Right',
  negative: 'Posterior' | 'Left',
  orientationField: string,
  towardsSide: string,
): CornerNaming {
  const corners = {
    superior: { positive: `superior${positive}`, negative: `superior${negative}` },
    inferior: { positive: `inferior${positive}`, negative: `inferior${negative}` },
  };
  const all = [
    corners.superior.positive,
    corners.superior.negative,
    corners.inferior.positive,
    corners.inferior.negative,
  ];
  const names = Object.fromEntries(
    LEVELS.map((level) => [level, Object.fromEntries(all.map((c) => [c, `${level}.${c}`]))]),
  );
  const towards = positive.toLowerCase();
  return { orientationField, towards, towardsSide, corners, names: names as CornerNaming['names'] };
}

export const LATERAL_NAMING = cornerNaming('Anterior', 'Posterior', 'anteriorOnImage', 'anterior');
export const CORONAL_NAMING = cornerNaming('Right', 'Left', 'patientRightOnImage', "to the patient's right");

type Vertebrae = Readonly<Partial<Record<Level, Readonly<Partial<Record<string, Point>>>>>>;

const MISSING: Landmark = { image: [Number.NaN, Number.NaN], at: [Number.NaN, Number.NaN] };

/** What a lookup found: the landmark, or why it cannot be had (for a person). */
type Found<T> = T | { readonly missing: string };

/**
 * The landmarks of one film in its patient frame, each endplate and centroid worked out once and shared
 * by every measurement of the film (a film is measured by some 25 functions that ask for the same ones).
 */
/** A vertebral centroid with the landmark names it was made from. */
interface Centroid extends Landmark {
  readonly names: readonly string[];
}

export class FilmLandmarks {
  private readonly endplates: (Found<Endplate> | undefined)[] = [];
  private readonly centroids: (Found<Centroid> | undefined)[] = [];

  constructor(
    readonly vertebrae: Vertebrae,
    readonly frame: PatientFrame,
    readonly naming: CornerNaming,
  ) {}

  endplate(level: Level, side: Side): Found<Endplate> {
    const key = levelIndex(level) * 2 + (side === 'superior' ? 0 : 1);
    return (this.endplates[key] ??= this.findEndplate(level, side));
  }

  centroid(level: Level): Found<Centroid> {
    const key = levelIndex(level);
    return (this.centroids[key] ??= this.findCentroid(level));
  }

  landmark(image: Point): Landmark {
    return { image, at: toPatient(this.frame, image) };
  }

  private findEndplate(level: Level, side: Side): Found<Endplate> {
    const { positive, negative } = this.naming.corners[side];
    const vertebra = this.vertebrae[level];
    const to = vertebra?.[positive];
    const from = vertebra?.[negative];
    if (to === undefined || from === undefined) return { missing: `the ${side} endplate of ${level}` };
    const endplate = { from: this.landmark(from), to: this.landmark(to) };
    // An endplate tilted 90° or more means swapped corners or a wrong anteriorOnImage / patientRightOnImage.
    if (endplate.to.at[0] <= endplate.from.at[0]) {
      return {
        missing: `the ${side} endplate of ${level} with its ${this.naming.towards} corner ${this.naming.towardsSide} of the other (check the corner names and ${this.naming.orientationField})`,
      };
    }
    return endplate;
  }

  /** The mean of the four corners when all are marked (the definition), else the marked centroid. */
  private findCentroid(level: Level): Found<Centroid> {
    const vertebra = this.vertebrae[level];
    const { superior, inferior } = this.naming.corners;
    const corners = [superior.positive, superior.negative, inferior.positive, inferior.negative];
    const [a, b, c, d] = corners.map((corner) => vertebra?.[corner]);
    if (a !== undefined && b !== undefined && c !== undefined && d !== undefined) {
      const names = this.naming.names[level];
      return {
        ...this.landmark([(a[0] + b[0] + c[0] + d[0]) / 4, (a[1] + b[1] + c[1] + d[1]) / 4]),
        names: corners.map((corner) => names[corner] as string),
      };
    }
    const marked = vertebra?.[CENTROID_POINT];
    if (marked !== undefined) return { ...this.landmark(marked), names: [`${level}.${CENTROID_POINT}`] };
    return { missing: `all four corners of ${level} or its marked centroid` };
  }
}

/**
 * Collects the landmarks one measurement needs. A missing landmark is recorded (and a NaN stand-in
 * returned) so that the caller checks `reason` once and reports what is missing instead of a number.
 */
export class LandmarkNeeds {
  readonly used: string[] = [];
  private readonly missing: string[] = [];

  constructor(private readonly film: FilmLandmarks) {}

  /** undefined when everything asked for is present; otherwise what is missing, for a person. */
  get reason(): string | undefined {
    return this.missing.length === 0 ? undefined : `needs ${this.missing.join(' and ')}`;
  }

  /** A point that is not a vertebral corner (a femoral head centre); undefined = missing. */
  point(image: Point | undefined, name: string, description: string): Landmark {
    if (image === undefined) return this.fail(description);
    this.used.push(name);
    return this.film.landmark(image);
  }

  corner(level: Level, corner: string, description: string): Landmark {
    return this.point(this.film.vertebrae[level]?.[corner], `${level}.${corner}`, description);
  }

  endplate(level: Level, side: Side): Endplate {
    const found = this.film.endplate(level, side);
    if ('missing' in found) {
      this.fail(found.missing);
      return { from: MISSING, to: MISSING };
    }
    const { positive, negative } = this.film.naming.corners[side];
    const names = this.film.naming.names[level];
    this.used.push(names[negative] as string, names[positive] as string);
    return found;
  }

  /** The vertebral centroid: the mean of its four corners, or the marked centroid when they are not all marked. */
  centroid(level: Level): Landmark {
    const found = this.film.centroid(level);
    if ('missing' in found) return this.fail(found.missing);
    this.used.push(...found.names);
    return { image: found.image, at: found.at };
  }

  landmark(image: Point): Landmark {
    return this.film.landmark(image);
  }

  private fail(description: string): Landmark {
    this.missing.push(description);
    return MISSING;
  }
}
/** Angle of an endplate against the horizontal, positive when its +X (anterior or right) end is lower. */
export function endplateTiltDeg(endplate: Endplate): number {
  return (
    Math.atan2(endplate.to.at[1] - endplate.from.at[1], endplate.to.at[0] - endplate.from.at[0]) * RAD_TO_DEG
  );
}

export function endplateMidpoint(endplate: Endplate): Landmark {
  return {
    image: midpoint(endplate.from.image, endplate.to.image),
    at: midpoint(endplate.from.at, endplate.to.at),
  };
}
