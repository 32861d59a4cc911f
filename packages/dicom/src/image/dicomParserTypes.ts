// dicom-parser (the parser Cornerstone uses: elements are offsets into the caller's bytes, nothing is copied).
import dicomParser from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';

export type { DataSet, Element };

/** dicom-parser's meta header data set carries the offset where the dataset starts (not in its types). */
export interface Part10Header extends DataSet {
  readonly position?: number;
}

export const parser = dicomParser;
