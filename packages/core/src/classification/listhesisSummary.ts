import type { Level } from '../case/levels.js';
import type { MeyerdingGrade } from '../measurements/lateral/segments.js';
import { explanation, formatValue, type Explanation } from './explanation.js';
import { NO_STANDING_LATERAL, type ClassificationInputs } from './classificationInputs.js';

export interface ListhesisLevel {
  readonly level: `${Level}–${Level}`;
  readonly slipPercent: number;
  /** Absent for a retrolisthesis. */
  readonly meyerdingGrade?: MeyerdingGrade;
  readonly direction: 'anterolisthesis' | 'retrolisthesis';
}

/** Every slip of 5 % or more on the standing lateral film, per level (Taillard 1954, Meyerding 1932). */
export interface ListhesisSummary extends Explanation {
  readonly levels: readonly ListhesisLevel[] | null;
}

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V'];

export function listhesisSummary(inputs: ClassificationInputs): ListhesisSummary {
  const why = explanation('taillard-1954', 'meyerding-1932');
  if (inputs.lateral === undefined) {
    why.undetermined.levels = NO_STANDING_LATERAL;
    return { levels: null, ...why };
  }
  const levels = inputs.lateral.measurements.listheses.map((l): ListhesisLevel => {
    const level = `${l.upper}–${l.lower}` as const;
    const direction = l.slip.value >= 0 ? 'anterolisthesis' : 'retrolisthesis';
    why.inputs[`${level} slip (%)`] = l.slip.value;
    why.rules.push(
      l.meyerdingGrade === undefined
        ? `${level}: retrolisthesis ${formatValue(-l.slip.value)} % (Meyerding grades forward slips only)`
        : `${level}: slip ${formatValue(l.slip.value)} % → Meyerding grade ${ROMAN[l.meyerdingGrade]}`,
    );
    const base = { level, slipPercent: l.slip.value, direction } as const;
    return l.meyerdingGrade === undefined ? base : { ...base, meyerdingGrade: l.meyerdingGrade };
  });
  if (levels.length === 0) why.rules.push('no slip of 5 % or more');
  return { levels, ...why };
}
