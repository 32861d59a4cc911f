import type { Session } from '../protocols/session';
import { hasPoint } from '../protocols/landmarks';

interface Props {
  readonly session: Session;
  readonly onGoTo: (step: number) => void;
}

/** The protocol's steps: what to click next, what is done, what was skipped. Clicking a step goes to it. */
export function StepList({ session, onGoTo }: Props) {
  const { protocol, set, step, skipped } = session;
  const done = protocol.steps.filter((s) => hasPoint(set, s.target)).length;
  return (
    <section className="step-list" aria-label={`${protocol.title} protocol`}>
      <p className="step-current" aria-live="polite" data-testid="current-step">
        {step < protocol.steps.length
          ? `Next: ${protocol.steps[step]?.prompt ?? ''}`
          : `All ${protocol.steps.length} steps done or skipped.`}
      </p>
      <p className="step-progress">
        {done} of {protocol.steps.length} placed
      </p>
      <ol>
        {protocol.steps.map((s, i) => {
          const state = hasPoint(set, s.target)
            ? 'done'
            : skipped.includes(i)
              ? 'skipped'
              : i === step
                ? 'current'
                : 'open';
          return (
            <li key={i} className={`step ${state}`} aria-current={i === step ? 'step' : undefined}>
              <button type="button" onClick={() => onGoTo(i)}>
                <span className="step-state" aria-hidden="true">
                  {state === 'done' ? '✓' : state === 'skipped' ? '–' : state === 'current' ? '▶' : '○'}
                </span>
                {s.prompt}
                {s.optional === true ? ' (optional)' : ''}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
