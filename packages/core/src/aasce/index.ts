export { AASCE_LEVELS, aasceFilmToRadiograph } from './aasceRadiograph.js';
export {
  AASCE_POINT_COUNT,
  AASCE_VERTEBRA_COUNT,
  challengeCobbAngles,
  type ChallengeCobbAngles,
} from './challengeCobbAngles.js';
export { parseAasceFiles, type AasceFiles, type AasceFilm } from './parseAasceFolder.js';
