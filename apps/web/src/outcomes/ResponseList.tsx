import { formatDate } from '../labels';
import type { QuestionnaireResponse } from './outcomeTypes';
import {
  INSTRUMENT_OUTCOMES,
  OUTCOME_SCALES,
  instrumentLabel,
  isOutcome,
  mcidView,
  scoreText,
} from './scoreText';

/** Every set of answers, newest first: each score, and whether it reached the MCID versus the baseline. */
export function ResponseList({ responses }: { readonly responses: readonly QuestionnaireResponse[] }) {
  if (responses.length === 0) return <p className="muted">No answers yet.</p>;
  const sorted = [...responses].sort((a, b) => b.answeredAt.localeCompare(a.answeredAt));
  return (
    <div className="table-wrap">
      <table className="data-table responses">
        <caption className="visually-hidden">Answers and scores</caption>
        <thead>
          <tr>
            <th scope="col">Answered</th>
            <th scope="col">Questionnaire</th>
            <th scope="col">Visit</th>
            <th scope="col">Score</th>
            <th scope="col">Against the baseline</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((response) => {
            const outcomes = (
              INSTRUMENT_OUTCOMES[response.instrument] ?? Object.keys(response.values)
            ).filter(isOutcome);
            const blank = response.answers.filter((a) => a === null).length;
            return (
              <tr key={response.id} data-response={response.id}>
                <td>
                  {formatDate(response.answeredAt)}
                  <div className="muted small">
                    {response.source === 'staff' ? 'paper form' : 'patient link'}
                  </div>
                </td>
                <td>
                  {instrumentLabel(response.instrument)}
                  {blank > 0 && (
                    <div className="muted small">
                      {blank} of {response.answers.length} blank
                    </div>
                  )}
                </td>
                <td>{response.visitLabel ?? '—'}</td>
                <td>
                  <ul className="scores">
                    {outcomes.map((outcome) => (
                      <li key={outcome} data-outcome={outcome}>
                        {outcomes.length > 1 && <span>{OUTCOME_SCALES[outcome].label}: </span>}
                        <strong className="score">{scoreText(outcome, response.values[outcome])}</strong>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {response.baselineResponseId === null ? (
                    <span className="mcid mcid-baseline">{mcidView(response, '').text}</span>
                  ) : (
                    <ul className="scores">
                      {outcomes.map((outcome) => {
                        const view = mcidView(response, outcome);
                        return (
                          <li key={outcome} className={`mcid mcid-${view.state}`}>
                            {outcomes.length > 1 && <span>{OUTCOME_SCALES[outcome].label}: </span>}
                            {view.text}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
