import type { CoronalOutput, LateralOutput, Radiograph } from '@spinerecon/core';
import { Problem } from '../domain/errors.js';
import { measureOne, validateLandmarks } from '../services/spineCase.js';
import type { RadiographWithImage } from '../services/views.js';
import type { CaseRecord } from './caseRecords.js';

export interface MeasuredFilm {
  readonly row: RadiographWithImage;
  /** The radiograph of the case format (landmarks included); undefined without a landmark set. */
  readonly radiograph: Radiograph | undefined;
  /** Its measurements by the core; undefined without a landmark set. */
  readonly measurements: LateralOutput | CoronalOutput | undefined;
}

/**
 * Every radiograph of the case with its latest landmark set read and measured by @spinerecon/core. A stored set
 * the core no longer reads (it was checked when saved) counts as no set: no measurement is made up for it.
 */
export function measuredFilms(record: CaseRecord): MeasuredFilm[] {
  return record.radiographs.map((row) => {
    const content = record.landmarks.get(row.id);
    if (content === undefined) return { row, radiograph: undefined, measurements: undefined };
    try {
      const radiograph = validateLandmarks(row, content);
      return { row, radiograph, measurements: measureOne(radiograph).radiographs[0] };
    } catch (error) {
      if (error instanceof Problem) return { row, radiograph: undefined, measurements: undefined };
      throw error;
    }
  });
}
