import { CITATIONS, type ComplicationRisk } from '@spinerecon/core';

// The complication risks of the plan (complicationRisks via planCase): the published rates and this
// patient's risk factors side by side, each with its source. Never one personal number.

const cite = (id: string): string => (CITATIONS as Readonly<Record<string, string | undefined>>)[id] ?? id;

const rate = (value: number | { readonly min: number; readonly max: number }): string =>
  typeof value === 'number' ? `${value} %` : `${value.min}–${value.max} %`;

export function RiskPanel({ risks }: { readonly risks: readonly ComplicationRisk[] | undefined }) {
  return (
    <section className="plan-panel risk-panel" aria-labelledby="risk-title">
      <h2 id="risk-title">Complication risks</h2>
      {risks === undefined ? (
        <p className="muted">The risks are shown once the plan is valid and can be simulated.</p>
      ) : (
        <>
          <p className="plan-hint">{risks[0]?.model}</p>
          {risks.map((risk) => (
            <article key={risk.complication} className="risk" data-complication={risk.complication}>
              <h3>{risk.complication.replace(/-/g, ' ')}</h3>
              <ul className="risk-rates">
                {risk.rates.map((r) => (
                  <li key={r.statement}>
                    <strong>{rate(r.ratePercent)}</strong> — {r.statement}{' '}
                    <span className="muted">
                      ({r.population}; {cite(r.citation)})
                    </span>
                  </li>
                ))}
                {risk.estimate !== undefined && (
                  <li>
                    <strong>{risk.estimate.valueMl} ml</strong> — {risk.estimate.statement}{' '}
                    <span className="muted">
                      ({risk.estimate.population}; {cite(risk.estimate.citation)})
                    </span>
                  </li>
                )}
              </ul>
              {risk.factors.length > 0 && (
                <table className="plan-table risk-factors">
                  <thead>
                    <tr>
                      <th>What drives it</th>
                      <th>This patient / plan</th>
                      <th>Evidence</th>
                    </tr>
                  </thead>
                  <tbody>
                    {risk.factors.map((f) => (
                      <tr key={f.factor} className={f.present === true ? 'present' : undefined}>
                        <td>{f.factor}</td>
                        <td>{f.thisPatient ?? 'unknown'}</td>
                        <td className="plan-small">
                          {f.evidence} <span className="muted">({cite(f.citation)})</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </article>
          ))}
        </>
      )}
    </section>
  );
}
