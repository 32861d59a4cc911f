import { describe, expect, it } from 'vitest';
import {
  ALIGNMENT_CHART_PARAMETERS,
  LARGEST_CURVE,
  alignmentChart,
  dateTicks,
  niceScale,
  outcomeChart,
  tickDate,
  timeDomain,
  timeOf,
  type AlignmentParameter,
} from './chartData';
import type { RecoveryTimeline, TargetBandSet } from './outcomeTypes';

const parameter = (key: string): AlignmentParameter => {
  const found = ALIGNMENT_CHART_PARAMETERS.find((p) => p.key === key);
  if (found === undefined) throw new Error(`no chart parameter ${key}`);
  return found;
};

const set = (name: string, targets: TargetBandSet['targets']): TargetBandSet => ({
  name,
  citation: 'schwab-2012',
  targets,
});

const film = (takenOn: string | null, values: Record<string, number>) => ({
  radiographId: `film-${takenOn ?? 'undated'}`,
  takenOn,
  values,
});

function timeline(overrides: Partial<RecoveryTimeline> = {}): RecoveryTimeline {
  return {
    caseId: 'case-1',
    operationDate: '2024-03-01',
    plan: { planId: 'plan-1', planVersion: 2 },
    preoperative: {
      lateral: film('2024-02-01', { pelvicTiltDeg: 31, sagittalVerticalAxisMm: 92 }),
      coronal: null,
    },
    planned: { pelvicTiltDeg: 18, sagittalVerticalAxisMm: 20 },
    targets: {
      srsSchwab: set('SRS–Schwab thresholds', [
        { parameter: 'pelvicTiltDeg', min: null, max: 20, unit: 'deg' },
        { parameter: 'sagittalVerticalAxisMm', min: null, max: 40, unit: 'mm' },
      ]),
      gapProportional: set('GAP', [
        { parameter: 'pelvicTiltDeg', min: null, max: null, unit: 'deg', reason: 'needs pelvic incidence' },
      ]),
      ageAdjusted: set('Age-adjusted', [{ parameter: 'pelvicTiltDeg', min: 14, max: 24, unit: 'deg' }]),
    },
    alignment: [
      {
        kind: 'visit',
        visitId: 'v6w',
        label: '6 weeks',
        dueDate: '2024-04-12',
        visitDate: '2024-04-15',
        lateral: film(null, { pelvicTiltDeg: 19 }),
        coronal: null,
      },
      {
        kind: 'visit',
        visitId: 'v3m',
        label: '3 months',
        dueDate: '2024-06-01',
        visitDate: null,
        lateral: null,
        coronal: null,
      },
    ],
    outcomes: { points: [], mcid: [] },
    ...overrides,
  };
}

describe('the alignment chart of one parameter', () => {
  it('puts the preoperative film and each visit film on the time axis, in date order', () => {
    const chart = alignmentChart(timeline(), parameter('pelvicTiltDeg'), 'srsSchwab');
    expect(chart.points).toEqual([
      { t: timeOf('2024-02-01'), date: '2024-02-01', label: 'Preoperative', value: 31 },
      // The 6-week film has no date of its own: it was taken at the visit.
      { t: timeOf('2024-04-15'), date: '2024-04-15', label: '6 weeks', value: 19 },
    ]);
    expect(chart.axis).toBe('PT (°)');
    expect(chart.planned).toBe(18);
  });

  it('shades a one-sided target from the axis edge to the published limit', () => {
    const chart = alignmentChart(timeline(), parameter('pelvicTiltDeg'), 'srsSchwab');
    expect(chart.band).toMatchObject({ y1: chart.domain[0], y2: 20, text: 'up to 20°' });
    expect(chart.band?.setName).toBe('SRS–Schwab thresholds');
  });

  it('shades a two-sided target between its limits', () => {
    const chart = alignmentChart(timeline(), parameter('pelvicTiltDeg'), 'ageAdjusted');
    expect(chart.band).toMatchObject({ y1: 14, y2: 24, text: '14 to 24°' });
  });

  it('draws no band and says why when the target is undetermined', () => {
    const chart = alignmentChart(timeline(), parameter('pelvicTiltDeg'), 'gapProportional');
    expect(chart.band).toBeNull();
    expect(chart.bandNote).toBe('needs pelvic incidence');
  });

  it('keeps every value, the plan and the band inside the value axis', () => {
    const chart = alignmentChart(timeline(), parameter('sagittalVerticalAxisMm'), 'srsSchwab');
    const [low, high] = chart.domain;
    for (const value of [92, 20, 40]) {
      expect(value).toBeGreaterThan(low);
      expect(value).toBeLessThan(high);
    }
    expect(chart.axis).toBe('SVA (mm)');
  });

  it('shows an undated preoperative film on the day of the operation, and says so', () => {
    const chart = alignmentChart(
      timeline({ preoperative: { lateral: film(null, { pelvicTiltDeg: 31 }), coronal: null } }),
      parameter('pelvicTiltDeg'),
      'srsSchwab',
    );
    expect(chart.points[0]).toMatchObject({ date: '2024-03-01', label: 'Preoperative' });
    expect(chart.notes).toEqual([
      'The preoperative film has no date: it is shown on the day of the operation.',
    ]);
  });

  it('charts the largest coronal curve of each film, with no plan line', () => {
    const chart = alignmentChart(
      timeline({
        preoperative: {
          lateral: null,
          coronal: { ...film('2024-02-01', {}), curves: [{ cobbDeg: 48 }, { cobbDeg: 31 }] },
        },
      }),
      parameter(LARGEST_CURVE),
      'srsSchwab',
    );
    expect(chart.points.map((p) => p.value)).toEqual([48]);
    expect(chart.planned).toBeNull();
    expect(chart.band).toBeNull();
  });
});

describe('the outcome chart of one instrument', () => {
  const withOdi = timeline({
    outcomes: {
      points: [
        {
          responseId: 'r2',
          instrument: 'odi',
          visitId: 'v6w',
          visitLabel: '6 weeks',
          answeredAt: '2024-04-15T09:00:00.000Z',
          source: 'patient',
          values: { odi: 30 },
          reached: { odi: true },
        },
        {
          responseId: 'r1',
          instrument: 'odi',
          visitId: null,
          visitLabel: null,
          answeredAt: '2024-02-20T09:00:00.000Z',
          source: 'staff',
          values: { odi: 48 },
          reached: {},
        },
        {
          responseId: 'r3',
          instrument: 'pain',
          visitId: null,
          visitLabel: null,
          answeredAt: '2024-02-20T09:00:00.000Z',
          source: 'staff',
          values: { nrsBackPain: 7, nrsLegPain: 2 },
          reached: {},
        },
      ],
      mcid: [
        {
          outcome: 'odi',
          baselineResponseId: 'r1',
          baseline: 48,
          mcid: 11,
          better: 'lower',
          population: 'adult spinal deformity surgery',
          citation: 'yoshida-2019',
        },
        {
          outcome: 'nrsLegPain',
          baselineResponseId: 'r3',
          baseline: 2,
          mcid: 3.2,
          better: 'lower',
          population: 'degenerative lumbar spine surgery',
          citation: 'parai-2020',
        },
        {
          outcome: 'srs22rMentalHealth',
          baselineResponseId: 'r4',
          baseline: 3.2,
          mcid: null,
          better: null,
          population: null,
          citation: null,
          undetermined: 'no MCID for SRS-22r mental health was confirmed in a source read',
        },
      ],
    },
  });

  it('has one row per set of answers of the instrument, oldest first, named by visit and source', () => {
    const chart = outcomeChart(withOdi, 'odi', ['odi']);
    expect(chart.rows.map((r) => [r.date, r.odi, r.label])).toEqual([
      ['2024-02-20', 48, 'paper form'],
      ['2024-04-15', 30, '6 weeks (patient link)'],
    ]);
    expect(chart.axis).toBe('ODI (%)');
    expect(chart.domain).toEqual([0, 100]);
  });

  it('draws the MCID line at the baseline minus the published MCID when lower is better', () => {
    const chart = outcomeChart(withOdi, 'odi', ['odi']);
    expect(chart.mcidLines).toEqual([
      {
        outcome: 'odi',
        y: 37,
        text: 'ODI MCID: ≤ 37 % (baseline 48 % − 11 %; adult spinal deformity surgery)',
      },
    ]);
  });

  it('says when the MCID cannot be reached on the scale instead of drawing a line off it', () => {
    const chart = outcomeChart(withOdi, 'pain', ['nrsBackPain', 'nrsLegPain'], ['nrsLegPain']);
    expect(chart.mcidLines).toEqual([]);
    expect(chart.notes[0]).toMatch(/^Leg pain: from the baseline 2 \/ 10 .* off the scale\.$/);
  });

  it('says the MCID is undetermined where no published value was confirmed', () => {
    const chart = outcomeChart(withOdi, 'srs22r', ['srs22rMentalHealth']);
    expect(chart.notes).toEqual([
      'Mental health: MCID undetermined (no MCID for SRS-22r mental health was confirmed in a source read).',
    ]);
  });
});

describe('the value axis', () => {
  it('labels round numbers that cover the values', () => {
    expect(niceScale(15.2, 28.7)).toEqual({ domain: [15, 30], ticks: [15, 20, 25, 30] });
    expect(niceScale(-107, 149).ticks).toEqual([-150, -100, -50, 0, 50, 100, 150]);
  });

  it('does not show floating-point noise in decimal steps', () => {
    expect(niceScale(0.1, 0.9).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('gives a single value a span around it', () => {
    const { domain } = niceScale(4, 4);
    expect(domain[0]).toBeLessThan(4);
    expect(domain[1]).toBeGreaterThan(4);
  });

  it('puts the alignment values, the plan and the band on round ticks', () => {
    const chart = alignmentChart(timeline(), parameter('pelvicTiltDeg'), 'srsSchwab');
    expect(chart.ticks[0]).toBe(chart.domain[0]);
    expect(chart.ticks.at(-1)).toBe(chart.domain[1]);
    expect(chart.ticks.every((t) => Number.isInteger(t))).toBe(true);
  });
});

describe('the time axis', () => {
  it('spans the operation and every dated value with two weeks either side, not the visits still to come', () => {
    // Preoperative film 1 Feb, 6-week film seen 15 Apr; the 3-month visit (due 1 Jun) has no film yet.
    const domain = timeDomain(timeline());
    expect(domain).toEqual([timeOf('2024-01-18'), timeOf('2024-04-29')]);
  });

  it('has no span without any date', () => {
    expect(
      timeDomain(
        timeline({ operationDate: null, preoperative: { lateral: null, coronal: null }, alignment: [] }),
      ),
    ).toBeNull();
  });

  it('labels at most the asked number of distinct dates, first and last included', () => {
    const days = Array.from({ length: 10 }, (_, i) => i * 1000);
    expect(dateTicks([...days, 0, 9000], 4)).toEqual([0, 3000, 6000, 9000]);
    expect(dateTicks([5, 5, 1])).toEqual([1, 5]);
  });

  it('writes a tick as day, month and year in UTC', () => {
    expect(tickDate(timeOf('2024-03-05'))).toBe('5 Mar 24');
  });
});
