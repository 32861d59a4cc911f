import type { ImageSide } from '@spinerecon/core';

/**
 * Which side of the image the patient's anterior (lateral film) or right (coronal film) is on, from
 * DICOM Patient Orientation: its first value is the patient direction of the image rows, i.e. towards
 * the right of the image (DICOM PS3.3 C.7.6.1.1.1). Undefined when the header does not say.
 */
export function orientationFromDicom(
  view: 'lateral' | 'coronal',
  patientOrientation: readonly [string, string] | undefined,
): ImageSide | undefined {
  // The row direction may be oblique ("AF"); its first letter is the dominant direction.
  const towardsImageRight = patientOrientation?.[0].trim().charAt(0).toUpperCase();
  if (view === 'lateral') {
    if (towardsImageRight === 'A') return 'right';
    if (towardsImageRight === 'P') return 'left';
    return undefined;
  }
  // Patient's right is on the image's right when the rows run towards the patient's right.
  if (towardsImageRight === 'R') return 'right';
  if (towardsImageRight === 'L') return 'left';
  return undefined;
}
