import type { RefObject } from 'react';
import type { LinkProblem, QuestionnaireItem } from './publicApi';
import type { Answer } from './stepper';

export interface ReviewScreenProps {
  readonly items: readonly QuestionnaireItem[];
  readonly answers: readonly Answer[];
  /** What the patient is told about blank questions, if any. */
  readonly note: string | undefined;
  readonly sending: boolean;
  readonly problem: LinkProblem | undefined;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  onEdit(index: number): void;
  onBack(): void;
  onSend(): void;
}

/** Every answer at a glance (blank ones said so), a way back to each question, and sending. */
export function ReviewScreen(props: ReviewScreenProps) {
  const { items, answers, note, sending, problem, headingRef } = props;
  return (
    <section className="q-screen" aria-labelledby="q-review-title">
      <h1 id="q-review-title" ref={headingRef} tabIndex={-1} className="q-prompt">
        Check your answers
      </h1>
      <p className="q-hint">
        Tap “Change” to answer a question again. Nothing is sent until you press “Send”.
      </p>
      <ol className="q-review">
        {items.map((item, index) => {
          const answer = answers[index] ?? null;
          const option = item.options.find((o) => o.value === answer);
          return (
            <li key={item.id}>
              <div>
                <p className="q-review-question">
                  {index + 1}. {item.text}
                </p>
                <p className={option === undefined ? 'q-review-answer blank' : 'q-review-answer'}>
                  {option === undefined ? 'Not answered' : option.label}
                </p>
              </div>
              <button
                type="button"
                className="secondary small"
                aria-label={`Change answer ${index + 1}`}
                onClick={() => props.onEdit(index)}
              >
                Change
              </button>
            </li>
          );
        })}
      </ol>
      {note !== undefined && <p className="info-note">{note}</p>}
      {problem !== undefined && (
        <p className="error-note" role="alert">
          {problem.message}
        </p>
      )}
      <nav className="q-nav" aria-label="Questions">
        <button type="button" className="secondary" onClick={props.onBack} disabled={sending}>
          Back
        </button>
        <button type="button" onClick={props.onSend} disabled={sending}>
          {sending ? 'Sending…' : 'Send my answers'}
        </button>
      </nav>
    </section>
  );
}
