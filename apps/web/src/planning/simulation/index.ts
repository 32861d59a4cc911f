// Seeing the corrected spine: the predicted spine as a ghost over the film, and the film itself cut and moved
// as the plan says (issue #8).
export {
  PredictedSpineOverlay,
  vertebralCentroid,
  type PredictedSpineOverlayProps,
} from './PredictedSpineOverlay';
export { SimulatedFilm, screenAffine, type SimulatedFilmProps } from './SimulatedFilm';
export {
  applyAffine,
  composeAffine,
  simulatedFilmSegments,
  type Affine,
  type ImageSize,
  type Segment,
  type SegmentPart,
  type VertebraPoint,
} from './segments';
export {
  HingeMarkers,
  TargetAnnotations,
  type HingeMarkersProps,
  type TargetAnnotationsProps,
} from './FilmAnnotations';
export {
  OPEN_PT_DEG,
  osteotomyHinges,
  ptWedge,
  rangeOf,
  svaBand,
  type FilmHinge,
  type PtWedge,
  type SvaBand,
  type TargetRange,
} from './filmGeometry';
