import type { AlignmentComparison } from '@spinerecon/core';
import { FLAG_STATE_TEXT, flagViews } from './alignmentModel';

// The four follow-up rules of the core — proximal junctional kyphosis, loss of correction, suspected implant
// failure, adjacent segment change — each for a clinician to confirm, with its reasons and source.

export function RuleFlags({ comparison }: { readonly comparison: AlignmentComparison }) {
  return (
    <ul className="rule-flags">
      {flagViews(comparison).map((flag) => (
        <li
          key={flag.key}
          className={`rule-flag flag-${flag.state}`}
          data-flag={flag.key}
          data-state={flag.state}
        >
          <h4>
            {flag.title}: <span className="flag-state">{FLAG_STATE_TEXT[flag.state]}</span>
          </h4>
          {flag.reasons.length > 0 && (
            <ul className="flag-reasons">
              {flag.reasons.map((reason, i) => (
                <li key={i}>{reason}</li>
              ))}
            </ul>
          )}
          <p className="plan-hint">Source: {flag.source}.</p>
        </li>
      ))}
    </ul>
  );
}
