import { CITATIONS } from '@spinerecon/core';
import { useState } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../hooks';
import { AlignmentChart } from './AlignmentChart';
import {
  ALIGNMENT_CHART_PARAMETERS,
  alignmentChart,
  outcomeChart,
  timeDomain,
  timeOf,
  type TargetSetKey,
} from './chartData';
import { CHART_COLOURS, ChartLegend, type LegendEntry } from './chartParts';
import { outcomeApi } from './outcomeApi';
import type { RecoveryTimeline } from './outcomeTypes';
import { OutcomeChart } from './OutcomeChart';
import { INSTRUMENT_OUTCOMES } from './scoreText';
import './outcomes.css';

const TARGET_SETS: readonly (readonly [TargetSetKey, string])[] = [
  ['srsSchwab', 'SRS–Schwab'],
  ['gapProportional', 'GAP proportional'],
  ['ageAdjusted', 'Age-adjusted'],
];

/** Which MCID lines each outcome chart draws: SRS-22r only the total's, to keep five domains readable. */
const MCID_LINES: Readonly<Record<string, readonly string[]>> = {
  odi: ['odi'],
  srs22r: ['srs22rTotal'],
  pain: ['nrsBackPain', 'nrsLegPain'],
};

export interface ChartsSectionProps {
  readonly caseId: string;
  readonly revision: number;
}

/** The recovery page's charts: alignment parameters and outcome scores over time, from the timeline. */
export function ChartsSection({ caseId, revision }: ChartsSectionProps) {
  const [loaded] = useLoad((signal) => outcomeApi.timeline(caseId, signal), `${caseId}:${revision}`);
  return (
    <section className="card outcomes-section charts" aria-labelledby="charts-title">
      <h2 id="charts-title">Charts</h2>
      {loaded.status === 'loading' && (
        <p className="muted" role="status">
          Loading the timeline…
        </p>
      )}
      {loaded.status === 'error' && <ErrorNote error={loaded.error} />}
      {loaded.status === 'ready' && <Charts timeline={loaded.value} />}
    </section>
  );
}

function Charts({ timeline }: { readonly timeline: RecoveryTimeline }) {
  const [setKey, setSetKey] = useState<TargetSetKey>('srsSchwab');
  const domain = timeDomain(timeline);
  if (domain === null) {
    return <p className="muted">Nothing dated yet: no operation, film or answers to put on a time axis.</p>;
  }
  const operationT = timeline.operationDate === null ? null : timeOf(timeline.operationDate);
  const alignment = ALIGNMENT_CHART_PARAMETERS.map((p) => alignmentChart(timeline, p, setKey));
  const shown = alignment.filter((chart) => chart.points.length > 0);
  const missing = alignment.filter((chart) => chart.points.length === 0).map((chart) => chart.name);
  const filmNotes = [...new Set(shown.flatMap((chart) => chart.notes))];
  const set = timeline.targets?.[setKey];
  const citation = set === undefined ? undefined : (CITATIONS as Record<string, string>)[set.citation];

  const legend: LegendEntry[] = [
    {
      mark: 'line',
      colour: CHART_COLOURS.measured,
      text: 'Measured on the film (preoperative, then each visit)',
    },
    ...(timeline.planned === null
      ? []
      : [
          {
            mark: 'dashed' as const,
            colour: CHART_COLOURS.planned,
            text: `Planned (plan version ${timeline.plan?.planVersion ?? '?'}, predicted by the core)`,
          },
        ]),
    ...(set === undefined
      ? []
      : [{ mark: 'band' as const, colour: CHART_COLOURS.band, text: `Target band: ${set.name}` }]),
    ...(operationT === null
      ? []
      : [{ mark: 'vertical' as const, colour: CHART_COLOURS.operation, text: 'Operation' }]),
  ];

  const outcomeCharts = Object.entries(INSTRUMENT_OUTCOMES)
    .map(([instrument, outcomes]) =>
      outcomeChart(
        timeline,
        instrument,
        outcomes,
        outcomes.filter((o) => (MCID_LINES[instrument] ?? []).includes(o)),
      ),
    )
    .filter((chart) => chart.rows.length > 0);

  return (
    <>
      <div className="charts-head">
        <h3>Alignment over time</h3>
        <label className="inline">
          Target band
          <select value={setKey} onChange={(e) => setSetKey(e.target.value as TargetSetKey)}>
            {TARGET_SETS.map(([key, name]) => (
              <option key={key} value={key}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ChartLegend entries={legend} />
      {citation !== undefined && <p className="chart-note muted">Targets: {citation}.</p>}
      {set?.undetermined !== undefined && <p className="chart-note muted">{set.undetermined}</p>}
      {timeline.targets === null && (
        <p className="chart-note muted">No target band: the preoperative films do not give the targets.</p>
      )}
      {timeline.plannedUndetermined !== undefined && (
        <p className="chart-note muted">No planned value: {timeline.plannedUndetermined}.</p>
      )}
      {filmNotes.map((note) => (
        <p key={note} className="chart-note muted">
          {note}
        </p>
      ))}
      {shown.length === 0 ? (
        <p className="muted">No measured film yet: place the landmarks of a film to chart its alignment.</p>
      ) : (
        <div className="chart-grid">
          {shown.map((model) => (
            <AlignmentChart key={model.parameter} model={model} timeDomain={domain} operationT={operationT} />
          ))}
        </div>
      )}
      {shown.length > 0 && missing.length > 0 && (
        <p className="chart-note muted">Not measured on any film: {missing.join(', ')}.</p>
      )}

      <h3>Outcome scores over time</h3>
      {outcomeCharts.length === 0 ? (
        <p className="muted">No questionnaire answered yet.</p>
      ) : (
        <div className="chart-grid">
          {outcomeCharts.map((model) => (
            <OutcomeChart key={model.instrument} model={model} timeDomain={domain} operationT={operationT} />
          ))}
        </div>
      )}
    </>
  );
}
