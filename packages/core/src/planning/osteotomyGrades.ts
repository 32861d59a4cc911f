import type { CitationId } from '../measurements/citations.js';
import type { SchwabGrade } from './planTypes.js';

/** What one Schwab grade resects, and the correction published for it (or why none is given). */
export interface OsteotomyGrade {
  readonly grade: SchwabGrade;
  readonly name: string;
  /** The anatomical resection (Schwab 2014, confirmed in the Uribe 2018 abstract). */
  readonly resection: string;
  /** How the simulation moves the landmarks. */
  readonly motion: 'posterior-column' | 'pedicle-subtraction' | 'column-resection';
  /** Published sagittal correction in degrees per osteotomy (per level for grade 2), or null. */
  readonly publishedRangeDeg: { readonly min: number; readonly max: number } | null;
  /** The lower end of the published range (a plan should not count on more), or null: the plan must give it. */
  readonly defaultAngleDeg: number | null;
  readonly rangeCitation: CitationId | null;
  readonly note: string;
}

// Schwab 2014: six anatomical grades of increasing resection and destabilising potential.
// Corrections: EFORT Open Rev 2017;2:73 (abstract): SPO 9.3–10.7° per level, single-level PSO 30–40°,
// bone–disc–bone osteotomy 35–60°; no figure for grade 1 or for column resections.
export const OSTEOTOMY_GRADES: Readonly<Record<SchwabGrade, OsteotomyGrade>> = {
  1: {
    grade: 1,
    name: 'partial facet joint resection',
    resection: 'inferior facet and joint capsule at one level',
    motion: 'posterior-column',
    publishedRangeDeg: null,
    defaultAngleDeg: null,
    rangeCitation: null,
    note: 'no published correction angle was verified for grade 1: give angleDeg',
  },
  2: {
    grade: 2,
    name: 'complete facet joint resection (Ponte / Smith-Petersen)',
    resection: 'both facets, ligamentum flavum, lamina and spinous process at one level',
    motion: 'posterior-column',
    publishedRangeDeg: { min: 9.3, max: 10.7 },
    defaultAngleDeg: 9.3,
    rangeCitation: 'efort-2017-osteotomies',
    note: '9.3–10.7° per level, about 1° per mm of bone resected; needs a mobile anterior disc',
  },
  3: {
    grade: 3,
    name: 'pedicle subtraction osteotomy',
    resection: 'posterior elements, both pedicles and a posterior wedge of the body',
    motion: 'pedicle-subtraction',
    publishedRangeDeg: { min: 30, max: 40 },
    defaultAngleDeg: 30,
    rangeCitation: 'efort-2017-osteotomies',
    note: 'single-level PSO 30–40°',
  },
  4: {
    grade: 4,
    name: 'extended pedicle subtraction osteotomy (with the adjacent disc)',
    resection: 'as grade 3 plus the adjacent endplate and disc (bone–disc–bone)',
    motion: 'pedicle-subtraction',
    publishedRangeDeg: { min: 35, max: 60 },
    defaultAngleDeg: 35,
    rangeCitation: 'efort-2017-osteotomies',
    note: 'bone–disc–bone osteotomy 35–60°',
  },
  5: {
    grade: 5,
    name: 'vertebral column resection',
    resection: 'one vertebra and both adjacent discs',
    motion: 'column-resection',
    publishedRangeDeg: null,
    defaultAngleDeg: null,
    rangeCitation: null,
    note: 'no published correction angle was verified for column resections: give angleDeg (the angle left)',
  },
  6: {
    grade: 6,
    name: 'multiple adjacent vertebral column resections',
    resection: 'several adjacent vertebrae and their discs',
    motion: 'column-resection',
    publishedRangeDeg: null,
    defaultAngleDeg: null,
    rangeCitation: null,
    note: 'no published correction angle was verified for column resections: give angleDeg (the angle left)',
  },
};
