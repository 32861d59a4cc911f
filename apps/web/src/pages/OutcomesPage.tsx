import { ErrorNote } from '../components/ErrorNote';
import { CHART_COLOURS, ChartLegend } from '../outcomes/chartParts';
import { useLoad } from '../hooks';
import { outcomeApi } from '../outcomes/outcomeApi';
import type { ComplicationRate, OutcomeRate, PublishedRate, SurgeonOutcomes } from '../outcomes/outcomeTypes';
import {
  citationText,
  intervalText,
  percentText,
  publishedRange,
  scaleMaxPercent,
} from '../outcomes/rateModel';
import { OUTCOME_SCALES, instrumentLabel, isOutcome, scoreText } from '../outcomes/scoreText';
import '../outcomes/outcomes.css';

// `/outcomes`: the signed-in surgeon's complication and outcome rates across their cases, next to the
// published rates with their sources (GET /outcomes/mine; decision 0016). Decision support: small series
// have wide intervals, and the published populations differ from any one surgeon's.

export function OutcomesPage() {
  const [loaded] = useLoad((signal) => outcomeApi.mine(signal), 'mine');
  return (
    <section className="page outcomes-page">
      <div className="page-title">
        <h1>My outcomes</h1>
      </div>
      {loaded.status === 'loading' && (
        <p className="page-status" role="status">
          Loading your outcomes…
        </p>
      )}
      {loaded.status === 'error' && <ErrorNote error={loaded.error} />}
      {loaded.status === 'ready' && <Outcomes data={loaded.value} />}
    </section>
  );
}

function Outcomes({ data }: { readonly data: SurgeonOutcomes }) {
  const complications = data.complications.rates.filter(
    (r) => r.type === 'any' || r.count > 0 || r.published.length > 0,
  );
  const hidden = data.complications.rates.length - complications.length;
  return (
    <>
      <p>
        Counted: {data.series}. <strong>{data.cases}</strong> {data.cases === 1 ? 'case' : 'cases'} of yours,{' '}
        <strong>{data.operatedCases}</strong> with an operation record.
      </p>
      <p className="info-note">
        Your rates are counts of your recorded cases with their 95 % interval; next to them, the published
        rates with their populations and sources. Small series have wide intervals, and the published
        populations may differ from yours: compare with care.
      </p>

      <section className="card outcomes-section" aria-labelledby="complication-rates-title">
        <h2 id="complication-rates-title">Complications</h2>
        {data.complications.n === 0 ? (
          <p className="muted">No case of yours is counted yet, so there is no rate to show.</p>
        ) : (
          <ComplicationTable rates={complications} />
        )}
        {hidden > 0 && (
          <p className="muted small">
            {hidden} other complication types: none recorded in your cases and no published rate shipped.
          </p>
        )}
        <p className="muted small">Intervals: {data.complications.intervalSource}.</p>
      </section>

      <section className="card outcomes-section" aria-labelledby="outcome-rates-title">
        <h2 id="outcome-rates-title">Patient-reported outcomes: MCID reached</h2>
        <OutcomeTable rates={data.outcomes.rates} />
        <p className="muted small">Intervals: {data.outcomes.intervalSource}.</p>
      </section>
    </>
  );
}

function ComplicationTable({ rates }: { readonly rates: readonly ComplicationRate[] }) {
  const max = scaleMaxPercent(rates.map((r) => ({ interval: r.wilson95Percent, published: r.published })));
  return (
    <>
      <ChartLegend
        entries={[
          { mark: 'line', colour: CHART_COLOURS.measured, text: 'Your rate and its 95 % interval' },
          {
            mark: 'band',
            colour: CHART_COLOURS.band,
            text: 'Published rate (a range when the source gives one)',
          },
        ]}
      />
      <div className="table-wrap">
        <table className="data-table rates">
          <caption className="visually-hidden">Your complication rates next to the published rates</caption>
          <thead>
            <tr>
              <th scope="col">Complication</th>
              <th scope="col" className="number">
                Your cases
              </th>
              <th scope="col">Your rate (95 % CI)</th>
              <th scope="col">On a 0–{max} % scale</th>
              <th scope="col">Published</th>
            </tr>
          </thead>
          <tbody>
            {rates.map((rate) => (
              <tr key={rate.type} data-type={rate.type}>
                <th scope="row">{rate.label}</th>
                <td className="number">
                  {rate.count} of {rate.n}
                </td>
                <td>
                  <strong>{percentText(rate.ratePercent)}</strong>
                  <div className="muted small">{intervalText(rate.wilson95Percent)}</div>
                  {Object.keys(rate.byClavienDindo).length > 0 && (
                    <div className="muted small">
                      Worst Clavien–Dindo grade:{' '}
                      {Object.entries(rate.byClavienDindo)
                        .map(([grade, cases]) => `${grade} (${cases} ${cases === 1 ? 'case' : 'cases'})`)
                        .join(', ')}
                    </div>
                  )}
                </td>
                <td>
                  <RateBar
                    own={rate.ratePercent}
                    interval={rate.wilson95Percent}
                    published={rate.published}
                    max={max}
                  />
                </td>
                <td>
                  <PublishedList rates={rate.published} scope={rate.publishedScope} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function OutcomeTable({ rates }: { readonly rates: readonly OutcomeRate[] }) {
  if (rates.length === 0) return <p className="muted">No questionnaire answered in your cases yet.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table rates">
        <caption className="visually-hidden">Share of your patients reaching the MCID</caption>
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col" className="number">
              Reached
            </th>
            <th scope="col">Rate (95 % CI)</th>
            <th scope="col">Published MCID</th>
          </tr>
        </thead>
        <tbody>
          {rates.map((rate) => (
            <tr key={rate.outcome} data-outcome={rate.outcome}>
              <th scope="row">
                {instrumentLabel(rate.instrument)}
                {isOutcome(rate.outcome) &&
                  rate.instrument !== 'odi' &&
                  `: ${OUTCOME_SCALES[rate.outcome].label}`}
              </th>
              <td className="number">
                {rate.reached} of {rate.n}
                {rate.undeterminedCases > 0 && (
                  <div className="muted small">{rate.undeterminedCases} undetermined</div>
                )}
              </td>
              <td>
                <strong>{percentText(rate.ratePercent)}</strong>
                <div className="muted small">{intervalText(rate.wilson95Percent)}</div>
              </td>
              <td>
                {rate.mcid === null ? (
                  <span className="muted">
                    undetermined{rate.undetermined === undefined ? '' : `: ${rate.undetermined}`}
                  </span>
                ) : (
                  <>
                    {scoreText(rate.outcome, rate.mcid.value)} ({rate.mcid.better} is better;{' '}
                    {rate.mcid.population})
                    <div className="muted small">{citationText(rate.mcid.citation)}</div>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PublishedList({
  rates,
  scope,
}: {
  readonly rates: readonly PublishedRate[];
  readonly scope?: string;
}) {
  if (rates.length === 0) return <span className="muted">No published rate shipped</span>;
  return (
    <ul className="published-rates">
      {rates.map((rate) => (
        <li key={`${rate.citation}-${rate.statement}`}>
          <strong>{percentText(rate.ratePercent)}</strong> {rate.statement} ({rate.population})
          <div className="muted small">{citationText(rate.citation)}</div>
        </li>
      ))}
      {scope !== undefined && <li className="muted small">Covers: {scope}</li>}
    </ul>
  );
}

/** The own rate with its interval over the published value or range, on the table's 0–max % scale. */
function RateBar(props: {
  readonly own: number | null;
  readonly interval: { readonly lower: number; readonly upper: number } | null;
  readonly published: readonly PublishedRate[];
  readonly max: number;
}) {
  const at = (value: number) => `${Math.min(100, (value / props.max) * 100)}%`;
  return (
    <div className="rate-bar" aria-hidden="true">
      {props.published.map((rate) => {
        const range = publishedRange(rate);
        return (
          <span
            key={`${rate.citation}-${rate.statement}`}
            className="published"
            style={{ left: at(range.min), width: `calc(${at(range.max)} - ${at(range.min)} + 2px)` }}
          />
        );
      })}
      {props.interval !== null && (
        <span
          className="interval"
          style={{
            left: at(props.interval.lower),
            width: `calc(${at(props.interval.upper)} - ${at(props.interval.lower)})`,
          }}
        />
      )}
      {props.own !== null && <span className="own" style={{ left: at(props.own) }} />}
    </div>
  );
}
